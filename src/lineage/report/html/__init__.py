"""The HTML report: view models first (model, sidebyside, overview), templates second.

Every page is rendered in memory and the whole tree is written in one step with
`writer.write_tree`, so a run that fails leaves the previous report as it was. Pages link to
`static/lineage.css` and `static/lineage.js` by relative paths and carry a strict
Content-Security-Policy (no inline script or style), so the report opens from disk, makes no
network request and cannot run script found in a document: jinja2 escapes all text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from ... import __version__
from ...errors import UsageError
from ...model import Analysis
from ...progress import Progress
from ...safe_text import for_markup
from ...writer import write_tree
from . import fragments
from .counts import count
from .family_html import family_blocks
from .model import Lookup, diff_markup, family_href, page_name, pair_href, version_pairs
from .overview import PAGE_DOCS, Overview, overview, overview_page, page_file
from .overview_html import heat_rows, matrix_rows
from .pages import document_page, family_page
from .pool import frozen, processes, rendered, rendered_utf8
from .search import SEARCH_FILE, index_script
from .shell import framed
from .sidebyside import pair_page

STATIC_FILES = ("lineage.css", "lineage.js", "search.js")
TEMPLATES = ("index.html", "document.html", "pair.html")
#: The stage name progress bars show while pages are rendered and written.
WRITE_STAGE = "write report"
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:"


def _load(name: str) -> str:
    return resources.files(__name__).joinpath("templates", name).read_text(encoding="utf-8")


def static_text(name: str) -> str:
    return resources.files(__name__).joinpath("static", name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["page"] = page_name
    env.filters["count"] = count
    env.filters["matrix_rows"] = matrix_rows
    env.filters["heat_rows"] = heat_rows
    env.filters["diff_markup"] = diff_markup
    for name in ("badge", "rel", "why", "relations_legend", "legend_slot", "changenav"):
        env.globals[name] = getattr(fragments, name)
    env.filters["dated_items"] = fragments.dated_items
    env.filters["doc_links"] = fragments.doc_links
    env.filters["pair_rows"] = fragments.pair_rows
    env.filters["clause_items"] = fragments.clause_items
    env.filters["change_items"] = fragments.change_items
    env.filters["version_items"] = fragments.version_items
    return env


def _visible(page: str) -> str:
    """A rendered page with its control characters and bidi overrides made visible
    (`safe_text.for_markup`): pages stay well-formed and read in the order they are stored.
    One pass over the page, not one per printed value: the templates hold none of these
    characters, so only printed values can, and a stand-in reads the same either way
    (`&lt;U+202E&gt;`); per value it was an eighth of rendering on ../shared/un-ga."""
    return for_markup(page, escaped=True)


_ENV = _environment()


def _base(root: str) -> dict[str, object]:
    """What base.html reads on a page of the report (a page that stands alone differs)."""
    return {
        "root": root,
        "version": __version__,
        "csp": CSP,
        "links": True,
        "inline_css": None,
        "inline_js": None,
    }


def _render(template: str, root: str, **context: object) -> str:
    return _visible(_ENV.get_template(template).render(**_base(root), **context))


class _Pages(Mapping[str, str]):
    """The report's files by path, each page rendered only when it is read.

    Paths are known up front (for stale-page cleanup and ordering); a writer that reads one
    page at a time holds one page in memory, not a whole report of 100,000+ pages.
    """

    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        self._makers = makers

    def __getitem__(self, path: str) -> str:
        return self._makers[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def _written(
    items: Iterable[tuple[str, bytes]], total: int, progress: Progress | None, tally: list[int]
) -> Iterator[tuple[str, bytes]]:
    """The pages (as UTF-8: half the memory of str for pages with non-Latin-1 signs), each
    counted in `tally` (files, bytes) and reported to `progress` as the stage "write report",
    so a long write moves its bar."""
    for path, data in items:
        tally[0] += 1
        tally[1] += len(data)
        if progress is not None:
            progress(WRITE_STAGE, tally[0], total)
        yield path, data


def _pages(analysis: Analysis, pairs: Iterable[tuple[str, str]], page_docs: int) -> _Pages:
    pairs = list(pairs)
    lookup = Lookup(analysis, pairs)
    makers: dict[str, Callable[[], str]] = {
        f"static/{name}": partial(static_text, name) for name in STATIC_FILES
    }
    makers[SEARCH_FILE] = partial(index_script, lookup)
    makers[fragments.LEGEND_FILE] = fragments.legend_script
    common = overview(lookup, page_docs)
    _warm(lookup)
    for n in range(1, len(common.slices) + 1):
        makers[page_file(n)] = partial(_overview, lookup, common, n)
    for doc in lookup.documents:
        makers[f"documents/{page_name(doc.id)}.html"] = partial(
            _page, "document.html", document_page, lookup, doc.id
        )
    for fam in lookup.families:
        makers[family_href(fam.id)] = partial(_family, lookup, fam.id)
    for a_id, b_id in [*version_pairs(lookup), *pairs]:
        _check_ids(lookup, a_id, b_id)
        makers[pair_href(a_id, b_id)] = partial(_page, "pair.html", pair_page, lookup, a_id, b_id)
    return _Pages(makers)


def _warm(lookup: Lookup) -> None:
    """Build what every page shares before any page is rendered: forked workers (`pool`)
    then inherit it instead of each building its own."""
    _ = lookup.views, lookup.families_at, lookup.reviews, lookup.citations_of
    for uid in lookup.clauses:  # document, family and overview pages all read these
        lookup.provenance(uid)
    for name in TEMPLATES:
        _ENV.get_template(name)


def _overview(lookup: Lookup, common: Overview, number: int) -> str:
    return _render("index.html", "", page=overview_page(lookup, common, number))


def _family(lookup: Lookup, fam_id: str) -> str:
    """A family page, built in Python (`family_html`) in base.html's layout."""
    page = family_page(lookup, fam_id)
    return _visible(framed(_ENV, _base("../"), family_blocks(page, "../")))


def _page(template: str, build: Callable[..., object], lookup: Lookup, *ids: str) -> str:
    return _render(template, "../", page=build(lookup, *ids))


def render_report(
    analysis: Analysis,
    pairs: Iterable[tuple[str, str]] = (),
    page_docs: int = PAGE_DOCS,
    workers: int | None = None,
) -> dict[str, str]:
    """Every file of the report, by path relative to the report folder; rendered by
    `workers` processes (default `pool.RENDER_PROCESSES`, at most the machine's cores)."""
    with frozen():  # the Lookup is built with the analysis out of the collector's passes too
        return dict(rendered(_pages(analysis, pairs, page_docs), processes(workers)))


def write_report(
    analysis: Analysis,
    outdir: Path,
    pairs: Iterable[tuple[str, str]] = (),
    avoid: Sequence[Path] = (),
    progress: Progress | None = None,
    workers: int | None = None,
) -> tuple[int, int]:
    """Write the report into outdir: side-by-side pages for each document and its previous
    version (the document graph) and for `pairs`.

    The folder is replaced whole (`writer.write_tree`): pages of an earlier report that this
    one no longer has are gone, files lineage did not write (not in its manifest) stay.
    `avoid`: the input paths, which the report folder must not overlap. `progress` hears the
    stage "write report" after each page. Pages are rendered by `workers` processes (see
    `render_report`). Returns (files, bytes) written.
    """
    tally = [0, 0]
    with frozen():
        pages = _pages(analysis, pairs, PAGE_DOCS)
        items = rendered_utf8(pages, processes(workers))
        write_tree(Path(outdir), _written(items, len(pages), progress, tally), avoid)
    return tally[0], tally[1]


def render_pair_page(analysis: Analysis, a_id: str, b_id: str) -> str:
    """One side-by-side page that stands alone: its CSS and script inline, allowed by hash."""
    lookup = Lookup(analysis)
    _check_ids(lookup, a_id, b_id)
    css = _cdata(static_text("lineage.css"))
    js = _cdata(static_text("lineage.js"))
    csp = (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src 'self' data:"
    )
    page = _ENV.get_template("pair.html").render(
        root="",
        version=__version__,
        csp=csp,
        links=False,
        inline_css=Markup(css),
        inline_js=Markup(js),
        page=pair_page(lookup, a_id, b_id),
    )
    return _visible(page)


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
