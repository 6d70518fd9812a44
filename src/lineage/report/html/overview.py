"""The overview pages: corpus summary, timeline, lineage matrix, heat map and citation graph.

A corpus of thousands of documents cannot be one matrix, so the overview is paged by windows of
PAGE_DOCS documents (index.html, index-2.html, ...): each page draws the matrix, heat map,
timeline and citation graph of its window only. Figures are laid out here, in whole pixels, so
the SVG is the same bytes on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...citations import targets
from .model import (
    EVENT_CODES,
    DocView,
    Lookup,
    Summary,
    doc_href,
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

PAGE_DOCS = 30


def page_file(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


@dataclass(frozen=True)
class MatrixCell:
    kinds: list[str]
    code: str
    href: str | None
    title: str


@dataclass(frozen=True)
class MatrixRow:
    family: str
    href: str
    name: str
    cells: list[MatrixCell]


@dataclass(frozen=True)
class HeatCell:
    value: float | None
    level: int
    href: str | None
    title: str


@dataclass(frozen=True)
class Mark:
    """A labelled point of a figure: x/y in SVG user units, href relative to the root."""

    x: int
    y: int
    label: str
    sub: str
    href: str | None
    cited: bool
    tx: int = 0


@dataclass(frozen=True)
class Figure:
    width: int
    height: int
    marks: list[Mark]
    paths: list[str]
    axis: int = 0


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
    pages = [
        (
            i + 1,
            page_file(i + 1),
            f"{min(lookup.views[d].date for d in w)} – {max(lookup.views[d].date for d in w)}"
            if w
            else "empty",
        )
        for i, w in enumerate(slices)
    ]
    return Overview(
        slices,
        pages,
        summary(lookup),
        {*version_pairs(lookup), *lookup.asked},
        citation_keys(lookup),
    )


def overview_page(lookup: Lookup, common: Overview, number: int) -> OverviewPage:
    """One overview page, built on its own: a report holds one page's matrix at a time."""
    window = common.slices[number - 1]
    return OverviewPage(
        number=number,
        pages=common.pages,
        summary=common.summary,
        docs=[lookup.views[d] for d in window],
        rows=matrix(lookup, window),
        heat=heat_map(lookup, window, common.succ),
        timeline=timeline(lookup, window),
        graph=citation_graph(lookup, window, common.keys),
        edges=citation_list(lookup, window, common.keys),
        legend=list(EVENT_CODES.items()),
    )


def overview_pages(lookup: Lookup, page_docs: int = PAGE_DOCS) -> list[OverviewPage]:
    common = overview(lookup, page_docs)
    return [overview_page(lookup, common, n) for n in range(1, len(common.slices) + 1)]


def matrix(lookup: Lookup, window: list[str]) -> list[MatrixRow]:
    """Families by documents: each cell the family's event in that document."""
    touched = {f for doc_id in window for f in lookup.families_at.get(doc_id, ())}
    rows = []
    for fam_id in sorted(touched, key=lookup.family_index.__getitem__):
        fam = lookup.family[fam_id]
        docs = lookup.family_docs(fam)
        if not docs:
            continue
        start = lookup.order[docs[0]]
        present = set(docs)
        cells = []
        for doc_id in window:
            events = lookup.events.get((fam.id, doc_id))
            kinds = kind_order({e.kind for e in events}) if events else []
            if not kinds and doc_id in present:
                kinds = kind_order(
                    {
                        lookup.provenance(uid).kind
                        for uid in fam.clauses
                        if lookup.doc_of(uid) == doc_id
                    }
                )
            label = lookup.views[doc_id].label
            if kinds:
                cells.append(
                    MatrixCell(
                        kinds=kinds,
                        code="".join(kind_code(k) for k in kinds),
                        href=f"{family_href(fam.id)}#v-{page_name(doc_id)}",
                        title=f"{fam.id} in {label}: {', '.join(kinds)}",
                    )
                )
            elif lookup.order[doc_id] > start:
                cells.append(MatrixCell(["absent"], "·", None, f"{fam.id} not in {label}"))
            else:
                cells.append(MatrixCell([], "", None, f"{fam.id} not yet in {label}"))
        first = fam.first if fam.first in lookup.clauses else fam.clauses[0]
        rows.append(
            MatrixRow(fam.id, family_href(fam.id), snippet(lookup.clauses[first].text, 10), cells)
        )
    return rows


def shared(lookup: Lookup, a_id: str, b_id: str) -> float:
    """Share of the two documents' clauses that have a link into the other one."""
    linked: set[str] = set()
    for link in lookup.links_between(a_id, b_id):
        linked.update((link.source, link.target))
    size = lookup.views[a_id].n_clauses + lookup.views[b_id].n_clauses
    return round(len(linked) / size, 4) if size else 0.0


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
            value = shared(lookup, a, b)
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


def _day(text: str | None) -> int | None:
    try:
        return date.fromisoformat((text or "")[:10]).toordinal()
    except ValueError:
        return None


def timeline(lookup: Lookup, window: list[str]) -> Figure:
    """Documents on a date axis, with the documents without text that several of them cite."""
    items = [(lookup.views[d].date, lookup.views[d].label, d, False) for d in window]
    days = [x for x in (_day(i[0]) for i in items) if x is not None]
    if days:
        lo, hi = min(days) - 5 * 365, max(days) + 365
        inside = set(window)
        for other in lookup.analysis.cited:
            day = _day(other.date)
            citing = len(inside.intersection(other.cited_by))
            if day is not None and lo <= day <= hi and citing >= min(2, len(window)):
                items.append((other.date or "", other.label, other.key, True))
    items.sort(key=lambda i: (i[0], i[2]))
    width, pad = 960, 70
    known = [x for x in (_day(i[0]) for i in items) if x is not None]
    lo, hi = (min(known), max(known)) if known else (0, 1)
    span = max(hi - lo, 1)
    placed: list[tuple[int, int, int, str, str, str | None, bool]] = []
    ends: list[int] = []
    for n, (when, label, ident, cited) in enumerate(items):
        day = _day(when)
        if day is None:
            x = pad + (width - 2 * pad) * n // max(len(items) - 1, 1)
        else:
            x = pad + (width - 2 * pad) * (day - lo) // span
        half = max(8 * len(label), 6 * (len(when) + (10 if cited else 0))) // 2 + 6
        level = next((k for k, end in enumerate(ends) if end < x - half), len(ends))
        if level == len(ends):
            ends.append(0)
        ends[level] = x + half
        tx = min(max(x, half), width - half)
        placed.append((x, tx, level, label, when, None if cited else doc_href(ident), cited))
    # Even levels hang below the axis, odd ones stand above it, so close neighbours alternate.
    above = (len(ends)) // 2
    axis = 20 + 34 * above + 14
    marks = []
    for x, tx, level, label, when, href, cited in placed:
        step = level // 2
        y = axis + 30 + 34 * step if level % 2 == 0 else axis - 36 - 34 * step
        marks.append(Mark(x, y, label, when, href, cited, tx))
    below = (len(ends) + 1) // 2
    height = axis + 30 + 34 * max(below, 1)
    return Figure(width, height, marks, [], axis)


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
