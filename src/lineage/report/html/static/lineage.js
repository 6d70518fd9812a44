/* lineage report: keyboard navigation between changes, filters, print. No network, no eval. */
(function () {
  "use strict";

  function changes() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-change]"));
  }

  function reveal(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }

  function say(text) {
    var status = document.querySelectorAll(".status");
    for (var i = 0; i < status.length; i++) { status[i].textContent = text; }
  }

  var last = null;

  function jump(step) {
    var list = changes();
    if (!list.length) { say("No changes on this page."); return; }
    var at = list.indexOf(document.activeElement);
    if (at === -1 && last) { at = list.indexOf(last); }
    if (at === -1) {
      var top = window.scrollY || 0;
      at = step > 0 ? -1 : list.length;
      for (var i = 0; i < list.length; i++) {
        var y = list[i].getBoundingClientRect().top + top;
        if (step > 0 && y <= top + 8) { at = i; }
        if (step < 0 && y >= top - 8) { at = i; break; }
      }
    }
    var next = Math.max(0, Math.min(list.length - 1, at + step));
    var el = list[next];
    last = el;
    reveal(el);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    say("Change " + (next + 1) + " of " + list.length);
  }

  function typing(t) {
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      t.isContentEditable);
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    if (e.key === "j" || e.key === "n") { jump(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { jump(-1); e.preventDefault(); }
  });

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("button") : null;
    if (!t) { return; }
    if (t.hasAttribute("data-jump")) { jump(parseInt(t.getAttribute("data-jump"), 10)); }
    if (t.hasAttribute("data-details")) {
      var open = t.getAttribute("data-details") === "open";
      var all = document.querySelectorAll("details.same");
      for (var i = 0; i < all.length; i++) { all[i].open = open; }
    }
  });

  function filter(input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) { return; }
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = table.querySelectorAll("tbody tr");
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = (rows[i].getAttribute("data-text") || "").toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      rows[i].hidden = !ok;
      if (ok) { shown++; }
    }
    say(shown + " of " + rows.length + " families shown");
  }

  document.addEventListener("input", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-filter")) { filter(e.target); }
  });

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) { reveal(el); el.scrollIntoView({ block: "start" }); }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);

  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll("details");
    for (var i = 0; i < all.length; i++) { all[i].open = true; }
  });
})();
