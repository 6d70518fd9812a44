/* lineage report: keyboard navigation between changes, filters, print. No network, no eval. */
(function () {
  "use strict";

  function changes() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-change]"))
      .filter(function (el) { return !el.closest("[hidden]"); });
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

  /* The redline: one column, the second document's words with the first one's deletions in
     place, built from the side-by-side rows (both columns come from one word diff, so the
     equal runs are the same text, and each deletion and insertion has an offset in them). */
  function stream(el, tag) {
    var text = "", marks = [], label = null, afterLabel = false;
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        text += afterLabel ? n.nodeValue.replace(/^\s+/, "") : n.nodeValue;
        afterLabel = false;
      } else if (n.tagName === tag) { marks.push([text.length, n]); afterLabel = false; }
      else if (n.classList && n.classList.contains("label")) { label = n; afterLabel = true; }
      else { text += n.textContent; afterLabel = false; }
    }
    return { text: text, marks: marks, label: label };
  }

  function merged(a, b) {
    var p = document.createElement("p");
    p.className = "text";
    var sa = stream(a, "DEL"), sb = stream(b, "INS");
    if (sb.label || sa.label) { p.appendChild((sb.label || sa.label).cloneNode(true)); p.appendChild(document.createTextNode(" ")); }
    var scale = sa.text.length ? sb.text.length / sa.text.length : 1;
    var events = sa.marks.map(function (m) { return [Math.round(m[0] * scale), 0, m[1]]; })
      .concat(sb.marks.map(function (m) { return [m[0], 1, m[1]]; }));
    events.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var at = 0;
    events.forEach(function (e) {
      var to = Math.min(Math.max(e[0], at), sb.text.length);
      if (to > at) { p.appendChild(document.createTextNode(sb.text.slice(at, to))); at = to; }
      p.appendChild(e[2].cloneNode(true));
    });
    if (at < sb.text.length) { p.appendChild(document.createTextNode(sb.text.slice(at))); }
    return p;
  }

  function whole(text, tag) {
    var p = document.createElement("p");
    p.className = "text";
    var s = stream(text, "");
    if (s.label) { p.appendChild(s.label.cloneNode(true)); p.appendChild(document.createTextNode(" ")); }
    var mark = document.createElement(tag);
    mark.textContent = s.text;
    p.appendChild(mark);
    return p;
  }

  function buildRedline(box) {
    var rows = document.querySelectorAll(".sbs .row:not(.heads)");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], a = row.querySelector(".col.a:not(.empty)"), b = row.querySelector(".col.b:not(.empty)");
      var out = document.createElement("div");
      out.className = "rl " + row.className.replace(/\brow\b/, "").trim();
      out.id = "r-" + (b || a).id;
      if (row.hasAttribute("data-change")) { out.setAttribute("data-change", "1"); out.tabIndex = -1; }
      out.appendChild(row.querySelector(".rowhead").cloneNode(true));
      var meta = (b || a).querySelector(".meta");
      if (meta) { out.appendChild(meta.cloneNode(true)); }
      var at = a && a.querySelector(".text"), bt = b && b.querySelector(".text");
      out.appendChild(at && bt ? merged(at, bt) : bt ? whole(bt, "ins") : whole(at, "del"));
      box.appendChild(out);
    }
  }

  function showView(name) {
    var box = document.getElementById("redline"), sbs = document.querySelector(".sbs");
    if (!box || !sbs) { return; }
    if (name === "redline" && !box.hasChildNodes()) { buildRedline(box); }
    box.hidden = name !== "redline";
    sbs.hidden = name === "redline";
    var buttons = document.querySelectorAll("button[data-view]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === name));
    }
    last = null;
  }

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("button[data-view]") : null;
    if (t) { showView(t.getAttribute("data-view")); }
  });

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var box = document.getElementById("redline");
    if (id === "redline") { showView("redline"); id = ""; }
    if (id && box && !box.hidden && document.getElementById("r-" + id)) { id = "r-" + id; }
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
