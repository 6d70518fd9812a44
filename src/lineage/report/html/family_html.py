"""A family page's markup, built in Python (`shell.framed` puts it in base.html's layout): the
family template's jinja rendering, its context and its dozen escaped expressions, was a third
of the cost of each of the 18,000 family pages of ../shared/un-ga. Every value is escaped here
as the template's autoescape did, so the pages are the same bytes."""

from __future__ import annotations

from . import fragments
from .counts import count
from .escaping import escape
from .model import page_name
from .pages import FamilyPage


def family_blocks(page: FamilyPage, root: str) -> dict[str, str]:
    """The blocks of base.html a family page fills."""
    name = escape(page.id)
    scripts = (
        f'<script src="{escape(root)}static/legend.js" defer="defer"></script>\n'
        if page.relations
        else ""
    )
    return {
        "title": f"Family {name}",
        "kind": "family",
        "scripts": scripts,
        "crumbs": f" › <span>Family {name}</span>",
        "main": _main(page, root),
    }


def _lead(page: FamilyPage, root: str) -> str:
    """Where the family first appears and in how many documents it is."""
    first = ""
    if page.first:
        link = fragments.clause_link(root, page.first, page.first_clause)
        first = f"First appears in {link} ({escape(page.first.date)}); "
    present, total = count(page.present), count(page.total)
    return f'<p class="lead">{first}in {present} of {total} documents.</p>\n'


def _related(page: FamilyPage) -> str:
    """Links to the previous and next family."""
    prev = nxt = ""
    if page.prev:
        prev = (
            f'<li><a href="{escape(page_name(page.prev))}.html" rel="prev">'
            f"← Family {escape(page.prev)}</a></li>"
        )
    if page.next:
        nxt = (
            f'<li><a href="{escape(page_name(page.next))}.html" rel="next">'
            f"Family {escape(page.next)} →</a></li>"
        )
    return f'<nav class="related" aria-label="Other families">\n<ul>\n{prev}{nxt}</ul>\n</nav>\n'


def _absent(page: FamilyPage, root: str) -> str:
    """The documents the family is missing from, and those before its first appearance."""
    out = ""
    if page.missing:
        out += (
            '<section aria-labelledby="missing-h">\n<h2 id="missing-h">Missing from</h2>\n'
            "<p>Documents after its first appearance that hold no clause of this family:</p>\n"
            f'<ul class="missing">{fragments.dated_items(page.missing, root)}</ul>\n</section>\n'
        )
    if page.before:
        n = len(page.before)
        out += (
            f'<p class="before">Not yet in the earlier {count(n)} document{"s" if n != 1 else ""}: '
            f"{fragments.doc_links(page.before, root)}.</p>\n"
        )
    return out


def _main(page: FamilyPage, root: str) -> str:
    legend = fragments.legend_slot() if page.relations else ""
    return (
        f'<h1>Family {escape(page.id)}</h1>\n<p class="fulltitle">{escape(page.name)}</p>\n'
        f"{_lead(page, root)}{_related(page)}{legend}{fragments.changenav()}\n"
        f'<ol class="versions">\n{fragments.version_items(page.versions, root)}</ol>\n'
        f"{_absent(page, root)}"
    )
