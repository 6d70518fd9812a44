"""The overview's timeline: one lane per series, labels packed in rows so none overlaps another.

A label's width is not known before a browser draws it, so it is bounded from above
(LABEL_CHAR_PX, SUB_CHAR_PX per character, wider than the report's fonts draw them) and labels
are packed on those bounds: two labels of one row are at least LABEL_GAP apart. Everything is
laid out in whole pixels here, so the SVG is the same bytes on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Lookup, short_title

#: The drawing's width in SVG units (the page scales it; labels keep their size in units).
WIDTH = 960
#: Room on the left for the lanes' names.
GUTTER = 240
#: Room on the right of the last date, so its label, centred on it, fits.
RIGHT = 40
#: Upper bounds of a character's width at the label (13px) and date (11px) font sizes: a
#: system sans serif draws capitals and digits at about 0.6 em; 0.65 em leaves slack.
LABEL_CHAR_PX = 8.5
SUB_CHAR_PX = 7.2
#: Space kept between two labels of one row.
LABEL_GAP = 10
#: Height of one row of labels (label line and date line), and the room above and below the
#: rows of a lane.
ROW = 30
LANE_PAD = 8
#: A label starts this far right of its document's dot (the dot's radius and a little).
DOT = 9
#: Longest lane name in characters (11px): it must fit in the gutter.
LANE_NAME_CHARS = 34
#: Documents without text are drawn when this many documents of the window cite them (or
#: every document, in a window of one). Those dated within the window's documents' dates are
#: drawn on the axis; the others are named below it, so that they never stretch the axis
#: (on ../shared/un-ga, resolutions of 2023-2025 cite ones of 2018-2022: drawn to scale, the
#: window's own documents were squeezed into the last third).
CITED_BY = 2


@dataclass(frozen=True)
class Mark:
    """A labelled point: circle at (x, cy), label from tx on the row at y (its top), href
    relative to the root."""

    x: int
    y: int
    label: str
    sub: str
    href: str | None
    cited: bool
    tx: int = 0
    cy: int = 0
    #: The label ends at tx (it stands left of the dot) instead of starting there.
    left: bool = False


@dataclass(frozen=True)
class Lane:
    """One series (or the cited documents): its name and the line its documents sit on."""

    name: str
    y: int
    height: int = 0


@dataclass(frozen=True)
class Figure:
    width: int
    height: int
    marks: list[Mark]
    paths: list[str]
    axis: int = 0
    lanes: list[Lane] | None = None
    ticks: list[tuple[int, str]] | None = None
    left: int = 0
    #: Cited documents without text dated outside the axis: (label, date), by date.
    outside: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Item:
    when: str
    label: str
    href: str | None
    cited: bool
    lane: str


def day(text: str | None) -> int | None:
    try:
        return date.fromisoformat((text or "")[:10]).toordinal()
    except ValueError:
        return None


def _items(lookup: Lookup, window: list[str]) -> tuple[list[_Item], dict[str, str], list[_Item]]:
    """The window's documents and the cited ones drawn with them (those dated within the
    documents' dates), lane names by lane key, and the cited ones dated outside."""
    items: list[_Item] = []
    names: dict[str, str] = {}
    for doc_id in window:
        view = lookup.views[doc_id]
        series = view.series if view.series in lookup.views else doc_id
        names.setdefault(series, short_title(lookup.views[series].title, LANE_NAME_CHARS))
        items.append(_Item(view.date, view.label, view.href, False, series))
    days = [x for x in (day(i.when) for i in items) if x is not None]
    outside: list[_Item] = []
    if days:
        lo, hi = min(days), max(days)
        inside = set(window)
        for other in lookup.analysis.cited:
            when = day(other.date)
            citing = len(inside.intersection(other.cited_by))
            if when is None or citing < min(CITED_BY, len(window)):
                continue
            item = _Item(other.date or "", other.label, None, True, "")
            if lo <= when <= hi:
                items.append(item)
                names[""] = "Cited, no text"
            else:
                outside.append(item)
    return items, names, sorted(outside, key=_when)


def _width(item: _Item) -> int:
    sub = len(item.when) + (10 if item.cited else 0)
    return int(max(LABEL_CHAR_PX * len(item.label), SUB_CHAR_PX * sub)) + 1


def _when(item: _Item) -> tuple[str, str, str]:
    return (item.when, item.label, item.href or "")


def _scale(items: list[_Item]) -> tuple[int, int]:
    known = [x for x in (day(i.when) for i in items) if x is not None]
    return (min(known), max(known)) if known else (0, 1)


def _ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    """A year mark at each first of January inside the span (every few years on long spans);
    none without dates."""
    if lo < 1:
        return []
    first, last = date.fromordinal(lo).year + 1, date.fromordinal(hi).year
    step = max(1, (last - first + 1) // 10)
    span = max(hi - lo, 1)
    return [
        (GUTTER + (WIDTH - GUTTER - RIGHT) * (date(y, 1, 1).toordinal() - lo) // span, str(y))
        for y in range(first, last + 1, step)
    ]


def _place(rows: list[int], x: int, base: int, item: _Item) -> Mark:
    """The item's mark on the first row of its lane with room for its label (a new row when
    none has): rows[k] is where row k's last label ends. A label that would pass the right
    edge stands left of its dot."""
    width = _width(item)
    left = x + DOT + width > WIDTH
    start, stop = (x - DOT - width, x + DOT) if left else (x - DOT, x + DOT + width)
    row = next((k for k, end in enumerate(rows) if end + LABEL_GAP <= start), len(rows))
    if row == len(rows):
        rows.append(0)
    rows[row] = stop
    tx = x - DOT if left else x + DOT
    return Mark(x, base + ROW * row, item.label, item.when, item.href, item.cited, tx, base, left)


def timeline(lookup: Lookup, window: list[str]) -> Figure:
    """Documents on a date axis spanning their dates, one lane per series, with the documents
    without text that several of them cite in a lane of their own (or, dated outside the
    axis, named below it)."""
    items, names, outside = _items(lookup, window)
    lo, hi = _scale(items)
    span = max(hi - lo, 1)
    order = list(dict.fromkeys([i.lane for i in items if not i.cited] + [""] * ("" in names)))
    marks: list[Mark] = []
    lanes: list[Lane] = []
    top = 24
    for key in order:
        rows: list[int] = []
        base = top + LANE_PAD
        for n, item in enumerate(sorted((i for i in items if i.lane == key), key=_when)):
            when = day(item.when)
            if when is None:
                x = GUTTER + (WIDTH - GUTTER - RIGHT) * n // max(len(items) - 1, 1)
            else:
                x = GUTTER + (WIDTH - GUTTER - RIGHT) * (when - lo) // span
            marks.append(_place(rows, x, base, item))
        lanes.append(Lane(names[key], top, ROW * max(len(rows), 1) + 2 * LANE_PAD))
        top += ROW * max(len(rows), 1) + 2 * LANE_PAD
    named = tuple((i.label, i.when) for i in outside)
    return Figure(WIDTH, top, marks, [], 12, lanes, _ticks(lo, hi), GUTTER - 12, named)
