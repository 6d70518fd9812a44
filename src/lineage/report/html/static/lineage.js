/* lineage report: keyboard navigation between changes, filters, print. No network, no eval. */
(function () {
  "use strict";

  /* The change buttons, the same on every page that has changes: made here, not written into
     each of a report's tens of thousands of pages (they only work with this script anyway). */
  function element(tag, attrs, text) {
    var el = document.createElement(tag);
    for (var name in attrs) { el.setAttribute(name, attrs[name]); }
    if (text) { el.textContent = text; }
    return el;
  }
  self.lineageElement = element;  /* search.js, loaded after this script, makes its box with it */

  /* A count as people read it, 12,476 not 12476, whatever the browser's locale: the same as
     report/html/counts.py writes into the pages. */
  function people(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  self.lineagePeople = people;  /* and search.js's counts */

  var navs = document.querySelectorAll("div.changenav");
  for (var n = 0; n < navs.length; n++) {
    navs[n].appendChild(element("button",
      { type: "button", "data-jump": "-1", title: "Previous change (p or k)" }, "\u2191 Previous change"));
    navs[n].appendChild(element("button",
      { type: "button", "data-jump": "1", title: "Next change (n or j)" }, "\u2193 Next change"));
    navs[n].appendChild(element("span", { "class": "status", role: "status", "aria-live": "polite" }));
  }
  var foot = document.querySelector("footer.foot p");
  if (navs.length && foot) {  /* the keys, said where the buttons are */
    foot.appendChild(document.createTextNode(" Keys: "));
    [["n", "/"], ["j", " next change, "], ["p", "/"], ["k", " previous change."]].forEach(function (k) {
      foot.appendChild(element("kbd", {}, k[0]));
      foot.appendChild(document.createTextNode(k[1]));
    });
  }

  /* The relations legend of a family page, built from static/legend.js (the words of the
     legend other pages carry; written into each of thousands of family pages it was 9 MB). */
  var legend = self.LINEAGE_LEGEND, slots = document.querySelectorAll("div.rlegend-slot");
  for (var s = 0; legend && s < slots.length; s++) {
    var box = element("details", { "class": "rlegend" });
    box.appendChild(element("summary", {}, "What the relations mean"));
    var dl = box.appendChild(element("dl", {}));
    legend.terms.forEach(function (t) {
      var row = dl.appendChild(element("div", {}));
      row.appendChild(element("dt", {})).appendChild(element("span", { "class": "rel r-" + t[0] }, t[0]));
      row.appendChild(element("dd", {}, t[1]));
    });
    var note = box.appendChild(element("p", {}));
    legend.note.forEach(function (piece) {
      var tag = piece[0].split(".");
      note.appendChild(tag[0] ? element(tag[0], tag[1] ? { "class": tag[1] } : {}, piece[1])
                              : document.createTextNode(piece[1]));
    });
    slots[s].parentNode.replaceChild(box, slots[s]);
  }

  /* Each relation badge's tooltip starts with the relation in plain words, taken from the
     page's legend (the page itself writes only the similarity and the method). */
  var words = {}, terms = document.querySelectorAll(".rlegend dt .rel");
  for (var w = 0; w < terms.length; w++) {
    var dd = terms[w].closest("div").querySelector("dd");
    words[terms[w].textContent] = dd ? dd.textContent : "";
  }
  var badges = document.querySelectorAll("span.rel[title]");
  for (var b = 0; b < badges.length; b++) {
    var name = badges[b].className.replace(/^.*\br-(\S+).*$/, "$1");
    if (words[name]) {
      badges[b].title = name + ": " + words[name] + "; " + badges[b].title;
    }
  }

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

  /* The matrix's filters: words (any version's wording, or the family id), series, event kind,
     document. A series hides the other series' columns; a row stays when it has a matching
     event in a column left shown. The counts and the "no match" line say what is shown. */
  function filterMatrix(form) {
    var table = document.getElementById(form.getAttribute("data-filter"));
    if (!table) { return; }
    var words = form.elements.words.value.toLowerCase().split(/\s+/).filter(Boolean);
    var series = form.elements.series.value, kind = form.elements.kind.value;
    var doc = form.elements.doc.value;
    var heads = table.querySelectorAll("thead tr.docs th"), cols = [];
    for (var c = 0; c < heads.length; c++) {
      var inSeries = !series || heads[c].getAttribute("data-series") === series;
      cols.push(inSeries && (!doc || heads[c].getAttribute("data-doc") === doc));
      heads[c].hidden = !inSeries;
    }
    var groups = table.querySelectorAll("thead tr.groups th.series");
    for (var g = 0; g < groups.length; g++) {
      groups[g].hidden = !!series && groups[g].getAttribute("data-series") !== series;
    }
    var rows = table.querySelectorAll("tbody tr"), shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = (rows[i].getAttribute("data-text") || "").toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      var cells = rows[i].querySelectorAll("td"), hit = false;
      for (var j = 0; j < cells.length; j++) {
        var inSeries = !series || heads[j].getAttribute("data-series") === series;
        cells[j].hidden = !inSeries;
        if (cols[j] && cells[j].querySelector("a") &&
            (!kind || cells[j].classList.contains("k-" + kind))) { hit = true; }
      }
      rows[i].hidden = !(ok && hit);
      if (!rows[i].hidden) { shown++; }
    }
    var docs = 0;
    for (var d = 0; d < heads.length; d++) { if (!heads[d].hidden) { docs++; } }
    var counts = document.getElementById(form.getAttribute("data-filter") + "-counts");
    if (counts) {
      counts.textContent = people(shown) + " of " + people(rows.length) + " families, " +
        people(docs) + " of " + people(heads.length) + " documents shown.";
    }
    var none = document.getElementById(form.getAttribute("data-filter") + "-none");
    if (none) { none.hidden = shown > 0; }
    gridStart(table);
  }

  document.addEventListener("input", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("data-filter")) { filterMatrix(form); }
  });
  document.addEventListener("submit", function (e) {
    if (e.target.hasAttribute("data-filter")) { e.preventDefault(); }
  });

  /* Tables of links (the matrix, the heat map) are one tab stop each: the arrow keys, Home
     and End move between their links (a roving tabindex), so Tab leaves the table at once. */
  function gridLinks(table) {
    return Array.prototype.filter.call(table.querySelectorAll("a[href]"), function (a) {
      return !a.closest("[hidden]");
    });
  }

  function gridStart(table) {
    var links = gridLinks(table), current = null;
    for (var i = 0; i < links.length; i++) {
      if (links[i].tabIndex === 0) { current = links[i]; }
      links[i].tabIndex = -1;
    }
    var all = table.querySelectorAll("a[href]");
    for (var k = 0; k < all.length; k++) { all[k].tabIndex = -1; }
    if (links.length) { (current || links[0]).tabIndex = 0; }
  }

  function gridMove(table, from, key) {
    var rows = Array.prototype.filter.call(table.querySelectorAll("tr"), function (r) {
      return !r.hidden && r.querySelector("a[href]");
    });
    function shift(row) { return parseInt(row.getAttribute("data-offset") || "0", 10); }
    function linkAt(rr, cc) {
      var row = rows[rr], c = row && row.cells[cc - shift(row)];
      return c && !c.hidden ? c.querySelector("a[href]") : null;
    }
    var cell = from.closest("td, th"), r = rows.indexOf(cell.parentElement);
    var col = cell.cellIndex + shift(cell.parentElement), width = 0;
    for (var w = 0; w < rows.length; w++) { width = Math.max(width, rows[w].cells.length + shift(rows[w])); }
    var step = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0],
      Home: [0, 1], End: [0, -1] }[key];
    var rr = r + step[0], cc = col + step[1];
    if (key === "Home") { cc = 0; } else if (key === "End") { cc = width - 1; }
    for (; rr >= 0 && rr < rows.length && cc >= 0 && cc < width; rr += step[0], cc += step[1]) {
      var found = linkAt(rr, cc);
      if (found) { return found; }
    }
    return null;
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (!t || t.tagName !== "A" || !t.closest) { return; }
    var table = t.closest("table[data-grid]");
    if (!table || ["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "Home", "End"].indexOf(e.key) === -1) { return; }
    var next = gridMove(table, t, e.key);
    e.preventDefault();
    if (!next) { return; }
    t.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    var grids = document.querySelectorAll("table[data-grid]");
    for (var i = 0; i < grids.length; i++) { gridStart(grids[i]); }
  });

  /* The redline: one column, the second document's words with the first one's deletions in
     place, built from the side-by-side rows (both columns come from one word diff, so the
     equal runs are the same text, and each deletion and insertion has an offset in them). */
  function stream(el, tag) {
    var text = "", marks = [], shared = [], label = null, afterLabel = false;
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        text += afterLabel ? n.nodeValue.replace(/^\s+/, "") : n.nodeValue;
        afterLabel = false;
      } else if (n.tagName === tag) { marks.push([text.length, n]); afterLabel = false; }
      else if (n.classList && n.classList.contains("label")) { label = n; afterLabel = true; }
      else {
        if (n.classList && n.classList.contains("shared")) {
          shared.push([text.length, text.length + n.textContent.length]);
        }
        text += n.textContent; afterLabel = false;
      }
    }
    return { text: text, marks: marks, shared: shared, label: label };
  }

  /* The equal text from..to of the newer column, its shared passages highlighted as there. */
  function equalText(p, s, from, to) {
    for (var i = 0; i < s.shared.length && from < to; i++) {
      var start = Math.max(s.shared[i][0], from), end = Math.min(s.shared[i][1], to);
      if (end <= start) { continue; }
      if (start > from) { p.appendChild(document.createTextNode(s.text.slice(from, start))); }
      var span = document.createElement("span");
      span.className = "shared";
      span.textContent = s.text.slice(start, end);
      p.appendChild(span);
      from = end;
    }
    if (to > from) { p.appendChild(document.createTextNode(s.text.slice(from, to))); }
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
      if (to > at) { equalText(p, sb, at, to); at = to; }
      p.appendChild(e[2].cloneNode(true));
    });
    equalText(p, sb, at, sb.text.length);
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
