"""Small pieces of markup that every page repeats, built in Python once (or once per distinct
value) instead of by a jinja macro per use: on ../shared/un-ga a macro call per badge, relation
and link explanation, and the legend rendered again on each of 18,000 pages, were a quarter
of rendering. Each piece escapes what it prints, as the templates' autoescape would.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from functools import cache, lru_cache

from markupsafe import Markup

from .escaping import escape
from .model import DocView, diff_markup, family_href, page_name
from .pages import ClauseView, Version, VersionClause
from .sidebyside import Cell, Change, Row
from .why import RELATION_WORDS, SIMILARITY_WORDS, Why, link_title

#: Distinct (relation, similarity, method) badges remembered: similarities have four decimals,
#: so a large corpus has tens of thousands; each is a short string.
REL_CACHE = 1 << 16
#: Distinct badges remembered: the event and change kinds, a few dozen.
BADGE_CACHE = 256


@lru_cache(maxsize=BADGE_CACHE)
def badge(kind: str) -> Markup:
    """An event or change kind as a badge."""
    kind = escape(kind)
    return Markup(f'<span class="badge k-{kind}">{kind}</span>')


@lru_cache(maxsize=REL_CACHE)
def rel(relation: str | None, similarity: float | None, method: str | None) -> Markup:
    """A link's relation and similarity, its tooltip saying how it was matched; nothing
    without a relation."""
    if not relation:
        return Markup("")
    name = escape(relation)
    figure = f" {similarity:.2f}" if similarity is not None else ""
    title = escape(link_title(similarity, method))
    return Markup(f'<span class="rel r-{name}" title="{title}">{name}{figure}</span>')


def why(w: Why | None) -> Markup:
    """What a page says beside a link: the relation in short words, the evidence, the
    citations both clauses make, the reviewer's decision."""
    if not w:
        return Markup("")
    out = [f'<span class="why">{escape(w.words)}</span>']
    out += [f' <span class="ev">{escape(words)}</span>' for _, words in w.evidence]
    if w.citations:
        cites = "; ".join(map(escape, w.citations))
        out.append(f' <span class="ev cites">both cite {cites}</span>')
    if w.review:
        note = f": {escape(w.note)}" if w.note else ""
        out.append(
            f' <span class="review rv-{escape(w.review)}">{escape(w.review)} by a reviewer'
            f"{note}</span>"
        )
    return Markup("".join(out))


def legend_note() -> list[tuple[str, str]]:
    """The note under the relations' terms, as (tag, text) pieces: the pages' legend and
    static/legend.js (from which lineage.js builds family pages' legend) say the same."""
    return [
        ("", f"{SIMILARITY_WORDS[:1].upper()}{SIMILARITY_WORDS[1:]}. "),
        ("span.shared", "Highlighted"),
        ("", " words on a rewritten row are a passage both wordings share; a reviewer's "),
        ("", "decisions from "),
        ("code", "reviews.toml"),
        ("", " are shown where the link is."),
    ]


def _piece(tag: str, text: str) -> str:
    """A piece of the note as markup (text outside attributes: quotes stay as they are)."""
    text = html.escape(text, quote=False)
    if not tag:
        return text
    name, _, cls = tag.partition(".")
    attr = f' class="{cls}"' if cls else ""
    return f"<{name}{attr}>{text}</{name}>"


@cache
def relations_legend() -> Markup:
    """The legend of the relations, the same on every page that shows one."""
    terms = "".join(
        f'<div><dt><span class="rel r-{escape(name)}">{escape(name)}</span></dt>'
        f"<dd>{escape(words)}</dd></div>\n"
        for name, words in RELATION_WORDS.items()
    )
    note = "".join(_piece(tag, text) for tag, text in legend_note())
    return Markup(
        '<details class="rlegend">\n<summary>What the relations mean</summary>\n<dl>\n'
        f"{terms}</dl>\n<p>{note}</p>\n</details>"
    )


#: Where static/legend.js puts the legend on a family page: 1,100 bytes less on each of the
#: thousands of family pages that show a relation (9 MB of ../shared/un-ga's report).
LEGEND_SLOT = '<div class="rlegend-slot"></div>'
LEGEND_FILE = "static/legend.js"


def legend_slot() -> Markup:
    return Markup(LEGEND_SLOT)


def legend_script() -> str:
    """static/legend.js: the legend's words as data, for lineage.js to build the legend with."""
    data = {"terms": list(RELATION_WORDS.items()), "note": legend_note()}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    head = "/* lineage relations legend: data only, read by static/lineage.js */"
    return f"{head}\nself.LINEAGE_LEGEND={text};\n"


def changenav() -> Markup:
    """The place lineage.js fills with the previous/next change buttons."""
    return Markup('<div class="changenav" role="group" aria-label="Changes"></div>')


#: Distinct (root, document) links remembered: every document of a large corpus, once.
LINK_CACHE = 1 << 16


@lru_cache(maxsize=LINK_CACHE)
def _doc_link(root: str, href: str, label: str) -> str:
    return f'<a href="{escape(root)}{escape(href)}">{escape(label)}</a>'


@lru_cache(maxsize=LINK_CACHE)
def _dated_item(root: str, href: str, label: str, date: str) -> str:
    return f'<li>{_doc_link(root, href, label)} <span class="date">{escape(date)}</span></li>'


def dated_items(docs: Iterable[DocView], root: str) -> Markup:
    """A list's items, each a document's link and date (a family's "missing from" list: up to
    fifty on each of thousands of pages, the same few hundred documents)."""
    return Markup("".join(_dated_item(root, d.href, d.label, d.date) for d in docs))


def doc_links(docs: Iterable[DocView], root: str) -> Markup:
    """Documents' links, comma-separated."""
    return Markup(", ".join(_doc_link(root, d.href, d.label) for d in docs))


def _side(cell: Cell | None, doc: DocView, side: str, root: str, links: bool) -> str:
    """One column of a side-by-side row: the clause's reference and its side of the diff."""
    if cell is None:
        return (
            f'<div class="col {side} empty"><p class="none">No counterpart in '
            f"{escape(doc.label)}</p></div>"
        )
    if links:
        ref = clause_link(root, doc, cell.id[2:])
    else:
        ref = f"{escape(doc.label)} {escape(cell.id[2:])}"
    label = f'<span class="label">{escape(cell.label)}</span> ' if cell.label else ""
    return (
        f'<div class="col {side}" id="{escape(cell.id)}"><p class="meta">{ref}</p>'
        f'<p class="text">{label}{diff_markup(cell.segments)}</p></div>'
    )


def _row_head(r: Row, a: DocView, b: DocView, root: str, links: bool) -> str:
    """What a row is: its relation and why, or the clause alone, moved, family, notes."""
    if r.kind == "match":
        out = f"{rel(r.relation, r.similarity, r.method)} {why(r.why)}"
    elif r.notes:
        out = '<span class="badge k-split">part of a split or merge</span>'
    elif r.kind == "a-only":
        out = f'<span class="badge k-dropped">only in {escape(a.label)}</span>'
    else:
        out = f'<span class="badge k-new">only in {escape(b.label)}</span>'
    if r.moved:
        out += ' <span class="badge k-moved">moved</span>'
    if r.family and links:
        href = escape(root + family_href(r.family))
        out += f' <a class="fam" href="{href}">family {escape(r.family)}</a>'
    out += "".join(f' <span class="note">{escape(n)}</span>' for n in r.notes)
    out += "".join(f' <span class="review rv-rejected">{escape(n)}</span>' for n in r.rejected)
    return out


def pair_rows(rows: Iterable[Row], a: DocView, b: DocView, root: str, links: bool) -> Markup:
    """Rows of a side-by-side page, built here once per row: a jinja macro per row and per
    cell was half of rendering the 9,000 side-by-side pages of 10,000 documents."""
    out = []
    for r in rows:
        kinds = r.kind + (" moved" if r.moved else "")
        kinds += " linked" if r.notes and r.kind != "match" else ""
        kinds += f" r-{r.relation}" if r.relation else ""
        change = ' data-change="1"' if r.changed else ""
        out.append(
            f'<div class="row {escape(kinds)}" tabindex="-1"{change}>\n'
            f'<div class="rowhead">{_row_head(r, a, b, root, links)}</div>\n'
            f"{_side(r.a, a, 'a', root, links)}\n{_side(r.b, b, 'b', root, links)}\n</div>\n"
        )
    return Markup("".join(out))


def clause_link(root: str, doc: DocView, clause_id: str) -> str:
    """A link to a clause of a document, named by the document and the clause id."""
    clause = escape(clause_id)
    return f'<a href="{escape(root)}{escape(doc.href)}#{clause}">{escape(doc.label)} {clause}</a>'


def _ref(root: str, doc: DocView, uid: str) -> str:
    """A link to a clause of another document, by the clause's uid."""
    return clause_link(root, doc, uid.rsplit("/", 1)[-1])


def _provenance(c: ClauseView, doc_id: str, root: str) -> str:
    """Where a clause of a document page comes from: source and why, closest wording, first
    appearance, family."""
    p = c.prov
    out = ""
    if p.source_doc and p.source_uid:
        out += f'<span class="from">from {_ref(root, p.source_doc, p.source_uid)}</span> '
        out += f"{rel(p.relation, p.similarity, p.method)} {why(c.why)}"
    if p.closest and p.closest_doc:
        out += f'<span class="closest">closest wording in {_ref(root, p.closest_doc, p.closest)}'
        out += f"</span> {rel(p.closest_relation, p.closest_similarity, None)}"
    if p.first_doc:
        link = _doc_link(root, p.first_doc.href, p.first_doc.label)
        out += f'<span class="first">first in {link} ({escape(p.first_doc.date[:4])})</span>'
    if p.family:
        href = escape(root + family_href(p.family))
        out += f'<a class="fam" href="{href}#v-{escape(page_name(doc_id))}">'
        out += f"family {escape(p.family)}</a>"
    return out


def clause_items(items: Iterable[ClauseView], doc_id: str, root: str) -> Markup:
    """The clauses of a document page, each with its provenance, built here once per clause:
    a template's dozen expressions per clause were a third of rendering document pages."""
    out = []
    for c in items:
        change = ' data-change="1"' if c.prov.kind != "carried" else ""
        label = f'<span class="label">{escape(c.label)}</span> ' if c.label else ""
        out.append(
            f'<li id="{escape(c.id)}" class="clause p-{escape(c.prov.kind)}" tabindex="-1"'
            f'{change}>\n<div class="meta">\n<a class="anchor" href="#{escape(c.id)}">'
            f"{escape(c.id)}</a>\n{badge(c.prov.kind)}\n{_provenance(c, doc_id, root)}"
            f"{_reviewed(c.reviewed)}</div>\n"
            f'<p class="text">{label}{escape(c.text)}</p>\n</li>\n'
        )
    return Markup("".join(out))


def _reviewed(said: list[tuple[str, str]]) -> str:
    """A document page's words on the reviewers' decisions on a clause's other links."""
    return "".join(
        f' <span class="review rv-{escape(kind)}">{escape(text)}</span>' for kind, text in said
    )


def change_items(changes: Iterable[Change]) -> Markup:
    """A side-by-side page's change list: each change's kind, clause, substance and gist."""
    out = []
    for c in changes:
        subst = ""
        if c.substantive:
            said = "; ".join(map(escape, c.substantive))
            subst = f'<strong class="subst">substantive: {said}</strong> '
        out.append(
            f'<li class="ch-{escape(c.kind)}"><a href="#{escape(c.anchor)}">{badge(c.kind)} '
            f'{escape(c.label)}</a> {subst}<span class="gist">{escape(c.gist)}</span></li>\n'
        )
    return Markup("".join(out))


def _version_clause(c: VersionClause, doc: DocView, root: str) -> str:
    """One clause of a family's version: where it stands, what it comes from, its diff."""
    meta = f'<a href="{escape(root)}{escape(doc.href)}#{escape(c.id)}">{escape(c.id)}</a>'
    if c.source:
        link = _doc_link(root, c.source_href or "", c.source_label or "")
        meta += f" from {link} {rel(c.relation, c.similarity, None)} {why(c.why)}"
    if c.closest:
        link = _doc_link(root, c.closest_href or "", c.closest)
        near = rel(c.closest_relation, c.closest_similarity, None)
        meta += f" · closest wording in {link} {near}"
    label = f'<span class="label">{escape(c.label)}</span> ' if c.label else ""
    return (
        f'<div class="vclause">\n<p class="meta">{meta}</p>\n'
        f'<p class="text">{label}{diff_markup(c.diff)}</p>\n</div>\n'
    )


def version_items(versions: Iterable[Version], root: str) -> Markup:
    """A family page's versions, each document's clauses with their diffs, built here: the
    template's loops were most of rendering the 18,000 family pages of ../shared/un-ga."""
    out = []
    for v in versions:
        kinds = "".join(f"{badge(k)} " for k in v.kinds)
        clauses = "".join(_version_clause(c, v.doc, root) for c in v.clauses) or (
            f'<p class="gone">No counterpart in {escape(v.doc.label)}.</p>\n'
        )
        out.append(
            f'<li id="v-{escape(page_name(v.doc.id))}" class="version" tabindex="-1" '
            f'data-change="1">\n<h2>{_doc_link(root, v.doc.href, v.doc.label)} '
            f'<span class="date">{escape(v.doc.date)}</span> {kinds}</h2>\n{clauses}</li>\n'
        )
    return Markup("".join(out))
