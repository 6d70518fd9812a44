"""Small pieces of markup that every page repeats, built in Python once (or once per distinct
value) instead of by a jinja macro per use: on ../shared/un-ga a macro call per badge, relation
and link explanation, and the legend rendered again on each of 18,000 pages, were a quarter
of rendering. Each piece escapes what it prints, as the templates' autoescape would.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from markupsafe import Markup, escape

from .model import DocView
from .why import RELATION_WORDS, SIMILARITY_WORDS, Why, link_title

#: Distinct (relation, similarity, method) badges remembered: similarities have four decimals,
#: so a large corpus has tens of thousands; each is a short string.
REL_CACHE = 1 << 16


@lru_cache(maxsize=256)
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


@cache
def relations_legend() -> Markup:
    """The legend of the relations, the same on every page that shows one."""
    terms = "".join(
        f'<div><dt><span class="rel r-{escape(name)}">{escape(name)}</span></dt>'
        f"<dd>{escape(words)}</dd></div>\n"
        for name, words in RELATION_WORDS.items()
    )
    words = escape(SIMILARITY_WORDS.capitalize())
    return Markup(
        '<details class="rlegend">\n<summary>What the relations mean</summary>\n<dl>\n'
        f"{terms}</dl>\n<p>{words}. "
        '<span class="shared">Highlighted</span> words on a rewritten row are a passage both '
        "wordings share; a reviewer's decisions from <code>reviews.toml</code> are shown where "
        "the link is.</p>\n</details>"
    )


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
