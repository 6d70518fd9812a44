"""The overview pages: corpus summary, timeline, lineage matrix, heat map and citation graph.

A corpus of thousands of documents cannot be one matrix, so the overview is paged by windows of
PAGE_DOCS documents (index.html, index-2.html, ...): each page draws the matrix, heat map,
timeline and citation graph of its window only. Figures are laid out here, in whole pixels, so
the SVG is the same bytes on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...citations import targets
from ...model import Family
from .model import (
    EVENT_CODES,
    DocView,
    Lookup,
    Summary,
    family_href,
    kind_code,
    kind_order,
    page_name,
    pair_href,
    series_order,
    snippet,
    summary,
    version_pairs,
    windows,
)
from .timeline import Figure, Mark, timeline

PAGE_DOCS = 30


def page_file(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


@dataclass(frozen=True)
class MatrixCell:
    kinds: list[str]
    code: str
    href: str | None


#: The cell of a family absent from a document after its first appearance, and before it: the
#: same for every such cell (the matrix of un-ga has over half a million cells, most of them
#: these), so no cell is built for each.
ABSENT_CELL = MatrixCell(["absent"], "·", None)
NOT_YET_CELL = MatrixCell([], "", None)


@dataclass(frozen=True)
class MatrixRow:
    family: str
    href: str
    name: str
    cells: list[MatrixCell]
    text: str = ""


@dataclass(frozen=True)
class SeriesGroup:
    """Consecutive columns of the matrix that belong to one series."""

    id: str
    name: str
    span: int


@dataclass(frozen=True)
class HeatCell:
    value: float | None
    level: int
    href: str | None
    title: str


@dataclass(frozen=True)
class OverviewPage:
    number: int
    pages: list[tuple[int, str, str]]
    summary: Summary
    docs: list[DocView]
    rows: list[MatrixRow]
    heat: list[tuple[DocView, list[HeatCell]]]
    timeline: Figure
    graph: Figure
    edges: list[tuple[DocView, list[tuple[str, str | None, bool]]]]
    legend: list[tuple[str, str]]
    groups: list[SeriesGroup]
    series: list[tuple[str, str]]
    kinds: list[str]
    #: Each document's short title where its series' name (the group above) does not say it.
    shorts: list[str]


@dataclass(frozen=True)
class Overview:
    """What every overview page shares: the windows, the pager, the totals."""

    slices: list[list[str]]
    pages: list[tuple[int, str, str]]
    summary: Summary
    succ: set[tuple[str, str]]
    keys: dict[str, str]


def overview(lookup: Lookup, page_docs: int = PAGE_DOCS) -> Overview:
    slices = windows(series_order(lookup), page_docs)  # a series' documents side by side
    firsts = series_firsts(lookup)
    pages = [
        (i + 1, page_file(i + 1), _pager_label(lookup, w, firsts)) for i, w in enumerate(slices)
    ]
    return Overview(
        slices,
        pages,
        summary(lookup),
        {*version_pairs(lookup), *lookup.asked},
        citation_keys(lookup),
    )


def series_firsts(lookup: Lookup) -> dict[str, str]:
    """Each document's series' first document in the report: the pages follow the series in
    the order of these (date, id)."""
    graph = lookup.analysis.graph
    if graph is None:
        return {d.id: d.id for d in lookup.documents}
    firsts: dict[str, str] = {}
    for docs in graph.series().values():
        present = [d for d in docs if d in lookup.doc]
        for doc in present:
            firsts[doc] = present[0]
    return firsts


def _pager_label(lookup: Lookup, window: list[str], firsts: dict[str, str]) -> str:
    """What a pager button says of its page: the first versions of its first and last series,
    and when they begin. Pages hold whole series in the order they begin, so these follow one
    another (a series runs over years: the documents' own dates spanned years on most pages
    and overlapped, and many series begin on one day, so dates alone name several pages)."""
    if not window:
        return "empty"
    first, last = lookup.views[firsts[window[0]]], lookup.views[firsts[window[-1]]]
    names = first.label if first is last else f"{first.label} – {last.label}"
    dates = first.date if first.date == last.date else f"{first.date} – {last.date}"
    return f"{names}, begun {dates}"


def overview_page(lookup: Lookup, common: Overview, number: int) -> OverviewPage:
    """One overview page, built on its own: a report holds one page's matrix at a time."""
    window = common.slices[number - 1]
    rows = matrix(lookup, window)
    groups = series_groups(lookup, window)
    return OverviewPage(
        number=number,
        pages=common.pages,
        summary=common.summary,
        docs=[lookup.views[d] for d in window],
        rows=rows,
        heat=heat_map(lookup, window, common.succ),
        timeline=timeline(lookup, window),
        graph=citation_graph(lookup, window, common.keys),
        edges=citation_list(lookup, window, common.keys),
        legend=list(EVENT_CODES.items()),
        groups=groups,
        series=sorted({(g.id, g.name) for g in groups}, key=lambda g: (g[1], g[0])),
        shorts=_shorts(lookup, window, groups),
        kinds=kind_order({k for row in rows for c in row.cells for k in c.kinds} - {"absent"}),
    )


def overview_pages(lookup: Lookup, page_docs: int = PAGE_DOCS) -> list[OverviewPage]:
    common = overview(lookup, page_docs)
    return [overview_page(lookup, common, n) for n in range(1, len(common.slices) + 1)]


def matrix(lookup: Lookup, window: list[str]) -> list[MatrixRow]:
    """Families by documents: each cell the family's event in that document."""
    touched = {f for doc_id in window for f in lookup.families_at.get(doc_id, ())}
    ranks = [lookup.order[doc_id] for doc_id in window]
    column = {doc_id: i for i, doc_id in enumerate(window)}
    in_window = set(window)
    rows = []
    for fam_id in sorted(touched, key=lookup.family_index.__getitem__):
        fam = lookup.family[fam_id]
        docs = lookup.family_docs(fam)
        if not docs:
            continue
        first = fam.first if fam.first in lookup.clauses else fam.clauses[0]
        rows.append(
            MatrixRow(
                fam.id,
                family_href(fam.id),
                snippet(lookup.clauses[first].text, 10),
                _cells(lookup, fam, column, ranks, docs),
                _wording(lookup, fam, in_window),
            )
        )
    return rows


def _cells(
    lookup: Lookup, fam: Family, column: dict[str, int], ranks: list[int], docs: list[str]
) -> list[MatrixCell]:
    """A family's row: every cell empty (absent after the family's first document, nothing
    before it) but those of the documents holding the family or an event of it, a few of the
    window's: on un-ga 29,000 of 616,000 cells. `docs`: the family's, in corpus order
    (`Lookup.family_docs`), so its first is where the family starts."""
    present = set(docs)
    start = lookup.order[docs[0]]
    cells = [ABSENT_CELL if rank > start else NOT_YET_CELL for rank in ranks]
    for doc_id in present.union(e.doc_id for e in fam.events):
        i = column.get(doc_id)
        if i is not None:
            cells[i] = _cell(lookup, fam, doc_id, present, start)
    return cells


def _cell(lookup: Lookup, fam: Family, doc_id: str, present: set[str], start: int) -> MatrixCell:
    events = lookup.events.get((fam.id, doc_id))
    kinds = kind_order({e.kind for e in events}) if events else []
    if not kinds and doc_id in present:
        kinds = kind_order(
            {lookup.provenance(uid).kind for uid in lookup.family_clauses(fam).get(doc_id, ())}
        )
    if kinds:
        return MatrixCell(
            kinds=kinds,
            code="".join(kind_code(k) for k in kinds),
            href=f"{family_href(fam.id)}#v-{page_name(doc_id)}",
        )
    return ABSENT_CELL if lookup.order[doc_id] > start else NOT_YET_CELL


def _wording(lookup: Lookup, fam: Family, window: set[str]) -> str:
    """What the filter box searches: the family's id, the wording the row is named by (its
    first clause's, perhaps in a document of another page) and every distinct wording it has
    in the window's documents (a phrase of any version finds the row, not only its first
    words)."""
    first = fam.first if fam.first in lookup.clauses else fam.clauses[0]
    texts = dict.fromkeys(
        [
            lookup.clauses[first].text,
            *(
                lookup.clauses[uid].text
                for uid in fam.clauses
                if uid in lookup.clauses and lookup.doc_of(uid) in window
            ),
        ]
    )
    return " ".join([fam.id, *texts])


def _shorts(lookup: Lookup, window: list[str], groups: list[SeriesGroup]) -> list[str]:
    names = [g.name for g in groups for _ in range(g.span)]
    return [
        "" if lookup.views[d].short == name else lookup.views[d].short
        for d, name in zip(window, names, strict=True)
    ]


def series_groups(lookup: Lookup, window: list[str]) -> list[SeriesGroup]:
    """The window's runs of documents of one series, in column order, each named by the short
    title of the series' first document."""
    groups: list[SeriesGroup] = []
    for doc_id in window:
        view = lookup.views[doc_id]
        if groups and groups[-1].id == view.series:
            last = groups[-1]
            groups[-1] = SeriesGroup(last.id, last.name, last.span + 1)
            continue
        head = lookup.views.get(view.series, view)
        groups.append(SeriesGroup(view.series, head.short, 1))
    return groups


def heat_map(
    lookup: Lookup, window: list[str], succ: set[tuple[str, str]]
) -> list[tuple[DocView, list[HeatCell]]]:
    rows = []
    for a in window:
        cells = []
        for b in window:
            va, vb = lookup.views[a], lookup.views[b]
            if a == b:
                cells.append(HeatCell(None, 0, None, f"{va.label}"))
                continue
            value = lookup.origins.share(a, b)
            first, second = sorted((a, b), key=lookup.order.__getitem__)
            href = pair_href(first, second) if (first, second) in succ else None
            cells.append(
                HeatCell(
                    value,
                    min(9, int(value * 10)),
                    href,
                    f"{va.label} and {vb.label}: {value:.0%} of clauses shared",
                )
            )
        rows.append((lookup.views[a], cells))
    return rows


def citation_keys(lookup: Lookup) -> dict[str, str]:
    """Citation keys that name a document of the corpus, mapped to its id."""
    return targets(lookup.documents)


def _targets(
    lookup: Lookup, window: list[str], keys: dict[str, str]
) -> list[tuple[str, str, str | None, bool]]:
    """(key, label, href, cited-without-text) of everything the window cites, by date."""
    cited = {c.key: c for c in lookup.analysis.cited}
    found: dict[str, tuple[str, str, str, str | None, bool]] = {}
    for doc_id in window:
        for cit in lookup.doc[doc_id].citations:
            if cit.key in found:
                continue
            if cit.key in keys:
                view = lookup.views[keys[cit.key]]
                found[cit.key] = (view.date, cit.key, view.label, view.href, False)
            elif cit.key in cited:
                c = cited[cit.key]
                found[cit.key] = (c.date or cit.date or "", cit.key, c.label, None, True)
            else:
                found[cit.key] = (cit.date or "", cit.key, cit.key.split(":", 1)[-1], None, True)
    return [(k, label, href, no_text) for _, k, label, href, no_text in sorted(found.values())]


def citation_graph(lookup: Lookup, window: list[str], keys: dict[str, str]) -> Figure:
    """Citing documents on the left, everything they cite on the right, one curve per citation."""
    targets = _targets(lookup, window, keys)
    step, top, left_x, right_x = 28, 24, 380, 580
    marks = [
        Mark(
            left_x,
            top + i * step,
            lookup.views[d].label,
            lookup.views[d].date,
            lookup.views[d].href,
            False,
        )
        for i, d in enumerate(window)
    ]
    where = {}
    for j, (key, label, href, no_text) in enumerate(targets):
        where[key] = top + j * step
        marks.append(
            Mark(right_x, top + j * step, label, "cited, no text" if no_text else "", href, no_text)
        )
    paths = []
    for i, doc_id in enumerate(window):
        y1 = top + i * step
        for key in sorted({c.key for c in lookup.doc[doc_id].citations}):
            y2 = where[key]
            mid = (left_x + right_x) // 2
            paths.append(f"M{left_x + 6},{y1} C{mid},{y1} {mid},{y2} {right_x - 6},{y2}")
    height = top + step * max(len(window), len(targets), 1)
    return Figure(960, height, marks, paths)


def citation_list(
    lookup: Lookup, window: list[str], keys: dict[str, str]
) -> list[tuple[DocView, list[tuple[str, str | None, bool]]]]:
    """The graph as text, for screen readers and print: each document and what it cites."""
    info = {k: (label, href, no_text) for k, label, href, no_text in _targets(lookup, window, keys)}
    return [
        (
            lookup.views[d],
            [
                info[k]
                for k in sorted(
                    {c.key for c in lookup.doc[d].citations}, key=lambda k: (info[k][0], k)
                )
            ],
        )
        for d in window
    ]
