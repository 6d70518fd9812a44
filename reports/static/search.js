/* lineage report: search across the whole report, offline and under the page's CSP.
   The index (search-index.js at the report's root, data only, written by report/html/search.py)
   is added with a <script src> the first time the search box is used. Clause wordings are
   strings of token ids; a phrase is the ids of its words with any punctuation between them. */
(function () {
  "use strict";

  var INDEX_VERSION = 1;      // the shape of search-index.js this script reads
  var CLAUSE_LIMIT = 40;      // clause results listed (a count says how many more)
  var DOC_LIMIT = 8;          // document results listed
  var COUNT_LIMIT = 2000;     // wordings counted before the count says "more than"
  var PREFIX_LIMIT = 400;     // vocabulary words a last word still being typed may stand for
  var ALSO_LIMIT = 6;         // other documents named for a wording found in several
  var BEFORE = 10, AFTER = 26; // tokens of context around a hit
  var MIN_CHARS = 2;          // shorter queries would match most of the report
  var DELAY_MS = 120;         // typing pause before searching

  /* The search box and its results panel, the same on every page: made here from the page's
     empty <form class="search">, not written into each page (search needs this script), by
     lineage.js's element(), which pages load first (both deferred, in document order). */
  var element = self.lineageElement;

  var form = document.querySelector("form.search");
  if (!form || !element) { return; }
  form.appendChild(element("label", { "for": "search-q" }, "Search the report"));
  var input = form.appendChild(element("input", {
    type: "search", id: "search-q", autocomplete: "off", spellcheck: "false",
    placeholder: "a phrase, a symbol, a title or a family",
    "aria-controls": "search-results", "aria-describedby": "search-status" }));
  var panel = element("div", { id: "search-results", "class": "search-results", hidden: "hidden" });
  var status = panel.appendChild(element("p", {
    id: "search-status", "class": "search-status", role: "status", "aria-live": "polite" }));
  var list = panel.appendChild(element("ol", {}));
  var header = form.closest("header");
  header.parentNode.insertBefore(panel, header.nextSibling);
  var root = form.getAttribute("data-root") || "";
  var index = null, loading = false, waiting = null, timer = null;

  /* Tokens a phrase may step over: punctuation, and the footnote markers a text carries inside
     its sentences ("the South Atlantic 2 and the Indian Ocean", "2015,¹"): numbers of one or
     two digits and superscript digits. */
  var SKIPPED = /^(?:[^\p{L}\p{N}_]+|\d{1,2}|[\u00b9\u00b2\u00b3\u2070-\u2079]+)$/u;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* The id characters, in the order search.py's ID_CHARS gives them. */
  function idChars(count) {
    var out = [], code;
    for (code = 0x20; code < 0x7f && out.length < count; code++) {
      if (code !== 0x22 && code !== 0x5c) { out.push(String.fromCharCode(code)); }
    }
    var ranges = [[0xa0, 0xd800], [0xe000, 0x10000]];
    for (var r = 0; r < ranges.length; r++) {
      for (code = ranges[r][0]; code < ranges[r][1] && out.length < count; code++) {
        if (code !== 0x2028 && code !== 0x2029 && code !== 0xfeff && code !== 0xfffe &&
            code !== 0xffff) { out.push(String.fromCharCode(code)); }
      }
    }
    return out;
  }

  function prepare(data) {
    var words = data.words ? data.words.split(" ") : [];
    var single = data.single;
    var chars = idChars(single + 256);
    var codes = [], byChar = new Map(), byFold = new Map(), folds = [], punct = [];
    for (var i = 0; i < words.length; i++) {
      var code = i < single ? chars[i] :
        chars[single + Math.floor((i - single) / single)] + chars[(i - single) % single];
      codes.push(code);
      byChar.set(code, i);
      var f = fold(words[i]);
      folds.push(f);
      if (!byFold.has(f)) { byFold.set(f, []); }
      byFold.get(f).push(i);
      if (SKIPPED.test(words[i])) { punct.push(i); }
    }
    var starts = [0];
    for (var at = data.texts.indexOf("\n"); at !== -1; at = data.texts.indexOf("\n", at + 1)) {
      starts.push(at + 1);
    }
    return {
      data: data, words: words, codes: codes, byChar: byChar, byFold: byFold, folds: folds,
      single: single, escapes: new Set(chars.slice(single)), starts: starts,
      gap: "(?:" + alternatives(punct, codes) + ")*",
    };
  }

  function escapeRe(text) { return text.replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&"); }

  function alternatives(ids, codes) {
    var one = [], two = [];
    for (var i = 0; i < ids.length; i++) {
      var c = codes[ids[i]];
      if (c.length === 1) { one.push(escapeRe(c)); } else { two.push(escapeRe(c)); }
    }
    var parts = two;
    if (one.length) { parts = ["[" + one.join("") + "]"].concat(two); }
    return parts.length ? parts.join("|") : "(?!)";
  }

  function idsFor(word, prefix) {
    if (!prefix) { return index.byFold.get(word) || []; }
    var out = [];
    for (var i = 0; i < index.folds.length && out.length < PREFIX_LIMIT; i++) {
      if (index.folds[i].lastIndexOf(word, 0) === 0) { out.push(i); }
    }
    return out;
  }

  function pattern(words, prefix) {
    var parts = [];
    for (var i = 0; i < words.length; i++) {
      var ids = idsFor(words[i], prefix && i === words.length - 1);
      if (!ids.length) { return null; }
      parts.push("(?:" + alternatives(ids, index.codes) + ")");
    }
    return new RegExp(parts.join(index.gap), "g");
  }

  function entryAt(offset) {
    var lo = 0, hi = index.starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (index.starts[mid] <= offset) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  /* Token ids of a run of the id string, with the string offset each one starts at. */
  function decode(from, to) {
    var texts = index.data.texts, out = [];
    for (var p = from; p < to;) {
      var c = texts.charAt(p);
      var code = index.escapes.has(c) ? texts.substr(p, 2) : c;
      out.push([index.byChar.get(code), p]);
      p += code.length;
    }
    return out;
  }

  function findClauses(words, prefix) {
    var re = pattern(words, prefix);
    var hits = [];
    if (!re) { return { hits: hits, total: 0 }; }
    var texts = index.data.texts, seen = -1, total = 0, m;
    while ((m = re.exec(texts)) !== null && total < COUNT_LIMIT) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      var entry = entryAt(m.index);
      if (entry === seen) { continue; }
      seen = entry;
      total++;
      if (hits.length < CLAUSE_LIMIT) { hits.push([entry, m.index, m.index + m[0].length]); }
    }
    return { hits: hits, total: total };
  }

  function findDocs(words) {
    var out = [], docs = index.data.docs;
    for (var i = 0; i < docs.length && out.length < DOC_LIMIT; i++) {
      var hay = fold(docs[i][1] + " " + docs[i][2] + " " + docs[i][0]);
      if (words.every(function (w) { return hay.indexOf(w) !== -1; })) { out.push(i); }
    }
    return out;
  }

  var GLUE_BEFORE = /^(?:[,.;:!?)\]}\u201d\u2019'%\/-]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)$/;
  var GLUE_AFTER = /^[(\[{\u201c\u2018'\/-]$/;

  function joinTokens(el, tokens, from, to, hitFrom, hitTo) {
    var mark = document.createElement("mark"), prev = null;
    for (var i = from; i < to; i++) {
      var word = index.words[tokens[i][0]];
      var inHit = i >= hitFrom && i < hitTo;
      if (prev !== null && !GLUE_BEFORE.test(word) && !GLUE_AFTER.test(prev)) {
        (inHit && i > hitFrom ? mark : el).appendChild(document.createTextNode(" "));
      }
      if (i === hitFrom) { el.appendChild(mark); }
      (inHit ? mark : el).appendChild(document.createTextNode(word));
      prev = word;
    }
  }

  function snippet(entry, start, end) {
    var texts = index.data.texts;
    var first = index.starts[entry];
    var last = entry + 1 < index.starts.length ? index.starts[entry + 1] - 1 : texts.length;
    var tokens = decode(first, last);
    var hitFrom = 0, hitTo = tokens.length;
    for (var i = 0; i < tokens.length; i++) {
      if (tokens[i][1] <= start) { hitFrom = i; }
      if (tokens[i][1] < end) { hitTo = i + 1; }
    }
    var from = Math.max(0, hitFrom - BEFORE), to = Math.min(tokens.length, hitTo + AFTER);
    var p = document.createElement("p");
    p.className = "snip";
    if (from > 0) { p.appendChild(document.createTextNode("… ")); }
    joinTokens(p, tokens, from, to, hitFrom, hitTo);
    if (to < tokens.length) { p.appendChild(document.createTextNode(" …")); }
    return p;
  }

  function docHref(d) { return root + "documents/" + index.data.docs[d][0] + ".html"; }

  function link(href, text, cls) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (cls) { a.className = cls; }
    return a;
  }

  function clauseItem(hit) {
    var where = index.data.where[hit[0]], docs = index.data.docs;
    var li = document.createElement("li");
    li.className = "hit clause-hit";
    var d = where[0], c = where[1], f = where[2];
    var head = link(docHref(d) + "#" + c, docs[d][1] + " " + c, "hit-main");
    var title = document.createElement("span");
    title.className = "hit-title";
    title.textContent = " " + docs[d][2] + " (" + docs[d][3] + ")";
    li.appendChild(head);
    li.appendChild(title);
    li.appendChild(snippet(hit[0], hit[1], hit[2]));
    var more = document.createElement("p");
    more.className = "hit-also";
    if (f >= 0) {
      more.appendChild(link(root + "families/" + index.data.families[f][0] + ".html",
        "family " + index.data.families[f][1]));
    }
    var others = where.length / 3 - 1;
    if (others > 0) {
      more.appendChild(document.createTextNode(
        (f >= 0 ? " · " : "") + "same wording in " + others + " more: "));
      for (var k = 1; k <= Math.min(others, ALSO_LIMIT); k++) {
        var od = where[3 * k], oc = where[3 * k + 1];
        if (k > 1) { more.appendChild(document.createTextNode(", ")); }
        more.appendChild(link(docHref(od) + "#" + oc, docs[od][1] + " " + oc));
      }
      if (others > ALSO_LIMIT) { more.appendChild(document.createTextNode(", …")); }
    }
    if (more.childNodes.length) { li.appendChild(more); }
    return li;
  }

  function docItem(d) {
    var li = document.createElement("li");
    li.className = "hit doc-hit";
    var doc = index.data.docs[d];
    li.appendChild(link(docHref(d), doc[1], "hit-main"));
    var title = document.createElement("span");
    title.className = "hit-title";
    title.textContent = " " + doc[2] + " (" + doc[3] + ")";
    li.appendChild(title);
    return li;
  }

  function familyItem(f) {
    var li = document.createElement("li");
    li.className = "hit family-hit";
    li.appendChild(link(root + "families/" + index.data.families[f][0] + ".html",
      "Family " + index.data.families[f][1], "hit-main"));
    return li;
  }

  function findFamily(text) {
    var fams = index.data.families, want = text.trim().toLowerCase();
    for (var i = 0; i < fams.length; i++) {
      if (fams[i][1].toLowerCase() === want) { return i; }
    }
    return -1;
  }

  function show(text) {
    list.textContent = "";
    var words = fold(text).match(/[\p{L}\p{N}_]+/gu) || [];
    if (text.trim().length < MIN_CHARS || !words.length) {
      panel.hidden = !text.trim();
      status.textContent = text.trim() ? "Type at least " + MIN_CHARS + " letters." : "";
      return;
    }
    panel.hidden = false;
    var prefix = !/[\s\p{P}]$/u.test(text);
    var family = findFamily(text), docs = findDocs(words), clauses = findClauses(words, prefix);
    if (family >= 0) { list.appendChild(familyItem(family)); }
    docs.forEach(function (d) { list.appendChild(docItem(d)); });
    clauses.hits.forEach(function (h) { list.appendChild(clauseItem(h)); });
    status.textContent = summary(text.trim(), family >= 0, docs.length, clauses);
  }

  function plural(n, word) { return self.lineagePeople(n) + " " + word + (n === 1 ? "" : "s"); }

  function summary(text, family, docs, clauses) {
    var parts = [], n = clauses.total;
    if (family) { parts.push("1 family"); }
    if (docs) { parts.push(plural(docs, "document") + (docs === DOC_LIMIT ? " or more" : "")); }
    if (n) {
      parts.push((n >= COUNT_LIMIT ? "more than " + self.lineagePeople(COUNT_LIMIT - 1) + " clause wordings" :
        plural(n, "clause wording")) +
        (clauses.hits.length < n ? " (the first " + clauses.hits.length + " listed)" : ""));
    }
    if (!parts.length) {
      return "No match for \u201c" + text + "\u201d in clause texts, titles, symbols or families.";
    }
    return "\u201c" + text + "\u201d: " + parts.join(", ") + ".";
  }

  function load(then) {
    if (index) { then(); return; }
    waiting = then;
    if (loading) { return; }
    loading = true;
    status.textContent = "Loading the search index\u2026";
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () {
      var data = self.LINEAGE_SEARCH;
      if (!data || data.version !== INDEX_VERSION) {
        status.textContent = "The search index is of another version; regenerate the report.";
        return;
      }
      index = prepare(data);
      if (waiting) { waiting(); }
    };
    script.onerror = function () {
      panel.hidden = false;
      status.textContent = "The search index (search-index.js) could not be loaded.";
    };
    document.head.appendChild(script);
  }

  function run() { load(function () { show(input.value); }); }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });

  function results() { return Array.prototype.slice.call(list.querySelectorAll("a.hit-main")); }

  form.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && results().length) { results()[0].focus(); e.preventDefault(); }
    if (e.key === "Escape") { input.value = ""; show(""); }
  });
  panel.addEventListener("keydown", function (e) {
    var all = results(), at = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at !== -1 && at + 1 < all.length) { all[at + 1].focus(); e.preventDefault(); }
    if (e.key === "ArrowUp" && at !== -1) { (at ? all[at - 1] : input).focus(); e.preventDefault(); }
    if (e.key === "Escape") { input.focus(); panel.hidden = true; }
  });
})();
