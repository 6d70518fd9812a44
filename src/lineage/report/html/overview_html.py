"""The overview's two large tables as HTML, built in Python once per row: on ../shared/un-ga
the matrix has 20,000 rows and 600,000 cells and the heat map 20,000 cells over 22 pages, and a
template's expressions per row and per cell (each escaped and yielded on its own) were half of
rendering the overview. Each value is escaped here as the template's autoescape did."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup

from .escaping import escape
from .model import DocView
from .overview import ABSENT_CELL, NOT_YET_CELL, HeatCell, MatrixCell, MatrixRow

#: Distinct sets of event kinds in one cell remembered: a few dozen combinations occur.
KINDS_CACHE = 1024
_ABSENT_TD = f"<td>{escape(ABSENT_CELL.code)}</td>"  # styled as a classless cell
_NOT_YET_TD = "<td></td>"


@lru_cache(maxsize=KINDS_CACHE)
def _kind_attrs(kinds: tuple[str, ...]) -> tuple[str, str]:
    """A linked cell's class and its label for screen readers."""
    return escape(" ".join(f"k-{k}" for k in kinds)), escape(", ".join(kinds))


def _cell(c: MatrixCell) -> str:
    if c is ABSENT_CELL:
        return _ABSENT_TD
    if c is NOT_YET_CELL:
        return _NOT_YET_TD
    if c.href:
        cls, label = _kind_attrs(tuple(c.kinds))
        link = f'<a href="{escape(c.href)}" aria-label="{label}">{escape(c.code)}</a>'
        return f'<td class="{cls}">{link}</td>'
    if c.kinds:
        return f"<td>{escape(c.code)}</td>"
    return _NOT_YET_TD


def cells_markup(cells: Iterable[MatrixCell]) -> Markup:
    """A matrix row's cells. The cell says its kinds to screen readers; the sticky header row
    and family column say where it is."""
    return Markup("".join(map(_cell, cells)))


def matrix_rows(rows: Iterable[MatrixRow]) -> Markup:
    """The matrix's rows: each family's id and name, the text the filter box searches
    (`data-text`), its cells."""
    return Markup(
        "".join(
            f'<tr data-text="{escape(r.text)}">\n<th scope="row"><a href="{escape(r.href)}">'
            f'{escape(r.family)}</a> <span class="name">{escape(r.name)}</span></th>\n'
            f"{cells_markup(r.cells)}\n</tr>\n"
            for r in rows
        )
    )


def _heat_cell(c: HeatCell) -> str:
    if c.value is None:
        return '<td class="self"><span aria-label="same document">—</span></td>'
    share = f"{c.value * 100:.0f}%"
    if c.href:
        share = f'<a href="{escape(c.href)}">{share}</a>'
    return f'<td class="h{c.level}" title="{escape(c.title)}">{share}</td>'


def heat_rows(heat: Iterable[tuple[DocView, list[HeatCell]]]) -> Markup:
    """The heat map's rows: each document, then its share with every document of the page."""
    return Markup(
        "".join(
            f'<tr><th scope="row"><a href="{escape(d.href)}">{escape(d.label)}</a></th>\n'
            f"{''.join(map(_heat_cell, cells))}</tr>\n"
            for d, cells in heat
        )
    )
