"""The HTML report: view models first (htmlmodel, sidebyside, overview), templates second.

Every page is rendered in memory and the whole tree is written in one step with
`writer.write_tree`, so a run that fails leaves the previous report as it was. Pages link to
`static/lineage.css` and `static/lineage.js` by relative paths and carry a strict
Content-Security-Policy (no inline script or style), so the report opens from disk, makes no
network request and cannot run script found in a document: jinja2 escapes all text.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import __version__
from .errors import UsageError
from .htmlmodel import Lookup, page_name, pair_href, successive_pairs
from .model import Analysis
from .overview import PAGE_DOCS, overview_pages, page_file
from .pages import document_page, family_page
from .sidebyside import pair_page
from .writer import write_tree

STATIC_FILES = ("lineage.css", "lineage.js")
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:"


def _load(name: str) -> str:
    return resources.files("lineage").joinpath("templates", name).read_text(encoding="utf-8")


def static_text(name: str) -> str:
    return resources.files("lineage").joinpath("static", name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["page"] = page_name
    return env


_ENV = _environment()


def _render(template: str, root: str, **context: object) -> str:
    base = {"root": root, "version": __version__, "csp": CSP, "links": True,
            "inline_css": None, "inline_js": None}
    return _ENV.get_template(template).render(**base, **context)


def render_report(analysis: Analysis, pairs: Iterable[tuple[str, str]] = (),
                  page_docs: int = PAGE_DOCS) -> dict[str, str]:
    """Every file of the report, by path relative to the report folder."""
    lookup = Lookup(analysis)
    files: dict[str, str] = {f"static/{name}": static_text(name) for name in STATIC_FILES}
    for page in overview_pages(lookup, page_docs):
        files[page_file(page.number)] = _render("index.html", "", page=page)
    for doc in lookup.documents:
        files[f"documents/{page_name(doc.id)}.html"] = _render(
            "document.html", "../", page=document_page(lookup, doc.id))
    for fam in lookup.families:
        files[f"families/{page_name(fam.id)}.html"] = _render(
            "family.html", "../", page=family_page(lookup, fam.id))
    for a_id, b_id in [*successive_pairs(lookup), *pairs]:
        _check_ids(lookup, a_id, b_id)
        files[pair_href(a_id, b_id)] = _render("pair.html", "../",
                                               page=pair_page(lookup, a_id, b_id))
    return files


def write_report(analysis: Analysis, outdir: Path,
                 pairs: Iterable[tuple[str, str]] = ()) -> None:
    """Write the report into outdir: side-by-side pages for successive documents and `pairs`.

    Pages of an earlier report that this one no longer has (a document removed, fewer
    families) are deleted once the new report is in place, so no page links to stale ones.
    Only files the report writes are touched; anything else in outdir stays.
    """
    outdir = Path(outdir)
    files = render_report(analysis, pairs)
    write_tree(outdir, files)
    for old in _stale(outdir, set(files)):
        old.unlink(missing_ok=True)


def _stale(outdir: Path, keep: set[str]) -> list[Path]:
    found = [p for p in outdir.glob("index-*.html") if re.fullmatch(r"index-\d+\.html", p.name)]
    for folder in ("documents", "families", "pairs"):
        found += (outdir / folder).glob("*.html")
    return sorted(p for p in found if p.relative_to(outdir).as_posix() not in keep)


def render_pair_page(analysis: Analysis, a_id: str, b_id: str) -> str:
    """One side-by-side page that stands alone: its CSS and script inline, allowed by hash."""
    lookup = Lookup(analysis)
    _check_ids(lookup, a_id, b_id)
    css = _cdata(static_text("lineage.css"))
    js = _cdata(static_text("lineage.js"))
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src 'self' data:")
    return _ENV.get_template("pair.html").render(
        root="", version=__version__, csp=csp, links=False, inline_css=Markup(css),
        inline_js=Markup(js), page=pair_page(lookup, a_id, b_id))


def _cdata(text: str) -> str:
    """Inline code wrapped so that the page still parses as XML (`<` and `&` in the code)."""
    return f"/*<![CDATA[*/\n{text}\n/*]]>*/"


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _check_ids(lookup: Lookup, *ids: str) -> None:
    for doc_id in ids:
        if doc_id not in lookup.doc:
            known = ", ".join(sorted(lookup.doc)[:10])
            raise UsageError(f"no document with id {doc_id!r}", hint=f"known ids: {known}")
