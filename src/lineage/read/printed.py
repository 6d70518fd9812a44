"""Metadata printed in a document's own text: its symbol, its adoption date, an id from them.

A file that cannot carry front matter (a PDF, a Word draft, a raw extraction) still says what
it is on its first page: `A/RES/79/274`, "Resolution adopted by the General Assembly on
21 March 2025". Only the front of the text is read (up to the enacting formula "The General
Assembly," or FRONT_CHARS characters), so a symbol cited further down never names the document.
"""

from __future__ import annotations

import datetime as dt
import re

#: How much of a text is front matter at most: the first page of a UN resolution is about
#: 2,500 characters, its front (letterhead, agenda item, title) well under 1,500.
FRONT_CHARS = 3000

#: A document symbol on a line of its own: "A/RES/79/274", "A/70/652-S/2016/20",
#: "A/HRC/RES/52/1", "S/RES/2719 (2023)". Its first element is one capital letter, the series.
SYMBOL_LINE_RE = re.compile(
    r"^[ \t]*((?:[ASE]/(?:[A-Z]{2,6}/)*(?:RES/)?(?:ES-|S-)?\d+/[\w./-]*\w"
    r"(?:-[ASE]/\d{4}/\d+)?)|S/RES/\d+[ \t]*\(\d{4}\))[ \t]*$",
    re.M,
)
_ENACTING_RE = re.compile(r"^[ \t]*[*_]*The\s+[A-Z][\w’'-]*(?:\s+[\w’'()-]+){0,12}[*_]*\s*,", re.M)
_MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)
#: "adopted by the General Assembly on 19 December 2023", possibly across a line break.
ADOPTED_RE = re.compile(
    rf"\badopted\s+by\s+the\s+[A-Z][\w ]{{2,60}}?\s+on\s+(\d{{1,2}})\s+({'|'.join(_MONTHS)})"
    rf"\s+(\d{{4}})\b"
)


def front(text: str) -> str:
    """The front of a text: up to its enacting formula, at most FRONT_CHARS characters."""
    head = text[:FRONT_CHARS]
    m = _ENACTING_RE.search(head)
    return head[: m.start()] if m else head


def printed_symbol(text: str) -> str:
    """The document's own symbol, from a line of its front holding only a symbol, or ""."""
    m = SYMBOL_LINE_RE.search(front(text).replace("–", "-"))  # A/70/652–S/2016/20 as printed
    return re.sub(r"\s+", " ", m.group(1)) if m else ""


def printed_date(text: str) -> str:
    """The adoption date printed in the front ("adopted ... on 19 December 2023"), or ""."""
    m = ADOPTED_RE.search(front(text))
    if not m:
        return ""
    day, month, year = int(m.group(1)), _MONTHS.index(m.group(2)) + 1, int(m.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def symbol_id(symbol: str) -> str:
    """A document id from a symbol: `A/RES/79/274` -> `a-res-79-274`."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")
