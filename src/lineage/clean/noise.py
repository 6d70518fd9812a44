"""Lines that are not the text: PDF page heads, page numbers, barcodes, footnote blocks, chrome.

Segmentation first marks these lines so that a paragraph cut by a page break or a footnote
block joins up again. Each predicate here looks at one line; `mark_page_heads` and
`read_footnotes` look at the runs of lines around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..model import Note
from .markdown import display
from .normalize import fold_space, normalize

PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")  # "2/3"
# "23-24926 (E)    151223": the UN job number and print date
JOB_NUMBER_RE = re.compile(r"^\s*\d{2}-\d{5}\s*(?:\(E\))?\s*(?:\d{6})?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\d{6,8}\*\s*$")  # "*2324926*"
# "A/RES/78/74", "A/HRC/RES/52/1", "A/RES/ES-11/1", "S/RES/2719 (2023)"
SYMBOL_LINE_RE = re.compile(
    r"^\s*(?:[ASE]/(?:[A-Z]{2,6}/)*(?:RES/)?(?:ES-|S-)?\d+/[\w./-]+|S/RES/\d+\s*\(\d{4}\))\s*$"
)
#: Any of the four anchors above in one pattern: every line of every text is tested.
ANCHOR_RE = re.compile(
    "|".join(
        f"(?:{r.pattern})" for r in (PAGE_NUMBER_RE, JOB_NUMBER_RE, BARCODE_RE, SYMBOL_LINE_RE)
    )
)
SEPARATOR_RE = re.compile(r"^\s*_{4,}\s*$")  # the rule above a footnote block
NOTE_START_RE = re.compile(r"^\s*(\d{1,3}|[¹²³⁰⁴⁵⁶⁷⁸⁹]+|\*{1,3}|†|‡)\s+(?=\S)")
SUPERSCRIPT_NOTE_RE = re.compile(r"^\s*([¹²³⁰⁴⁵⁶⁷⁸⁹]+)\s+(?=\S)")
#: News-site and press-site chrome that is never part of a text.
CHROME = frozenset(
    {
        "news archive",
        "to leave a comment log in or register",
        "print",
        "share",
        "back",
        "read more",
        "related news",
        "press release",
    }
)

_SUPER_DIGITS = str.maketrans("¹²³⁰⁴⁵⁶⁷⁸⁹", "1230456789")


class Line(NamedTuple):
    """One line of the text: `text` excludes the line break; `start`/`end` are offsets;
    `blank`: nothing but spaces (asked of every line several times, so kept). A named tuple:
    a corpus has millions of lines, and a frozen dataclass costs twice as much to make."""

    number: int
    start: int
    end: int
    text: str
    blank: bool


def split_lines(text: str) -> list[Line]:
    """The lines of text with their offsets (a trailing "\\r" stays in the line as space)."""
    lines = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), 1):
        end = pos + len(raw)
        lines.append(Line(number, pos, end, raw, not raw.strip()))
        pos = end + 1
    return lines


def is_anchor(text: str, symbol: str = "") -> bool:
    """A line that only PDF page furniture has: page number, job number, barcode, symbol."""
    stripped = text.strip()
    if symbol and stripped == symbol:
        return True
    return ANCHOR_RE.match(text) is not None


def is_chrome(text: str) -> bool:
    """Is this news-site chrome such as "News Archive"?"""
    return len(text) < 80 and normalize(text) in CHROME


def _is_title_fragment(text: str, titles: list[str]) -> bool:
    norm = normalize(text)
    if not norm:
        return False
    return any(f" {norm} " in f" {title} " for title in titles)


def mark_page_heads(lines: list[Line], titles: list[str], symbol: str = "") -> set[int]:
    """Indexes of lines that belong to a PDF page head or foot.

    A page head is a run around an anchor line (page number, job number, barcode, symbol):
    running-title lines directly above it (a blank line stops them) and, below it, blank lines,
    anchors and running-title lines up to the page number.
    """
    norm_titles = [normalize(t) for t in titles if t.strip()]
    marked: set[int] = set()
    for i, line in enumerate(lines):
        if i in marked or line.blank or not is_anchor(line.text, symbol):
            continue
        marked.add(i)
        j = i - 1
        while (
            j >= 0
            and not lines[j].blank
            and (is_anchor(lines[j].text, symbol) or _is_title_fragment(lines[j].text, norm_titles))
        ):
            marked.add(j)
            j -= 1
        seen_page = bool(PAGE_NUMBER_RE.match(line.text))
        k = i + 1
        while k < len(lines):
            text = lines[k].text
            if lines[k].blank or is_anchor(text, symbol):
                seen_page = seen_page or bool(PAGE_NUMBER_RE.match(text))
                if SYMBOL_LINE_RE.match(text) or (symbol and text.strip() == symbol):
                    seen_page = False  # the next page's head starts
            elif not (not seen_page and _is_title_fragment(text, norm_titles)):
                break
            marked.add(k)
            k += 1
    return marked


def _note(lines: list[Line], text: str, label: str) -> Note:
    first, last = lines[0], lines[-1]
    m = NOTE_START_RE.match(first.text)
    body_start = first.start + (m.end() if m else 0)
    end = last.start + len(last.text.rstrip())
    body = display(fold_space(text[body_start:end]).strip())
    return Note(
        label=label.translate(_SUPER_DIGITS),
        text=body,
        start=first.start + (len(first.text) - len(first.text.lstrip())),
        end=end,
    )


def read_footnotes(
    lines: list[Line], text: str, skip: set[int], starts_clause: Callable[[str], bool]
) -> tuple[set[int], list[Note]]:
    """Lines that are footnotes (and their separators), and the notes they hold.

    A footnote block runs from a separator rule to the next page head, the end of the text, or a
    blank line followed by a clause start. A line starting with a superscript number followed by
    text is a footnote on its own (with its continuation lines up to a blank line).
    """
    notes = _Notes(text)
    in_block = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in skip:
            if in_block:
                notes.flush()
            in_block = False
        elif SEPARATOR_RE.match(line.text):
            notes.flush()
            in_block = True
            notes.marked.add(i)
        elif in_block:
            in_block = _block_line(lines, i, skip, starts_clause, notes)
        else:
            m = SUPERSCRIPT_NOTE_RE.match(line.text)
            if m and (i == 0 or lines[i - 1].blank or i - 1 in skip):
                i = _superscript_note(lines, i, skip, notes, m.group(1))
                continue
        i += 1
    notes.flush()
    return notes.marked, notes.notes


class _Notes:
    """The footnote lines found so far, and the note being collected."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marked: set[int] = set()
        self.notes: list[Note] = []
        self.current: list[Line] = []
        self.label = ""

    def flush(self) -> None:
        if self.current:
            self.notes.append(_note(self.current, self.text, self.label))
        self.current = []

    def start(self, label: str) -> None:
        """A new note begins (its number is label)."""
        self.flush()
        self.label = label

    def take(self, i: int, line: Line) -> None:
        self.current.append(line)
        self.marked.add(i)


def _block_line(
    lines: list[Line], i: int, skip: set[int], starts_clause: Callable[[str], bool], notes: _Notes
) -> bool:
    """One line inside a footnote block; False when the block ends there (a blank line before
    a clause start)."""
    line = lines[i]
    if line.blank:
        nxt = next((k for k in range(i + 1, len(lines)) if not lines[k].blank), None)
        if nxt is not None and nxt not in skip and starts_clause(lines[nxt].text):
            notes.flush()
            return False
        return True
    m = NOTE_START_RE.match(line.text)
    if m:
        notes.start(m.group(1))
    notes.take(i, line)
    return True


def _superscript_note(lines: list[Line], i: int, skip: set[int], notes: _Notes, label: str) -> int:
    """A footnote of its own, from line i up to a blank line; the index of the line after it."""
    notes.start(label)
    while i < len(lines) and not lines[i].blank and i not in skip:
        notes.take(i, lines[i])
        i += 1
    notes.flush()
    return i
