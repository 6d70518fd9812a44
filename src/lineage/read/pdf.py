"""PDF reader: the glyphs of an official PDF become the text a reader sees, furniture removed.

pdfplumber (MIT, on pdfminer.six) gives every glyph with its font, size and baseline, which a
plain text extraction throws away. From them:

- lines are glyphs whose boxes overlap vertically; a line with wide gaps is several cells
  (the letterhead's "United Nations ... A/RES/78/149");
- running heads (above the rule at the top of each later page), page numbers, job numbers and
  barcodes (cells that are only page furniture at the foot of a page; glyphs of a barcode font)
  are dropped;
- the footnote block (below a `____` rule, in smaller type) is moved to the end of the text,
  under one rule, a note continued on the next page joined up;
- footnote markers, digits smaller than their line and raised above its baseline, are kept as
  Unicode superscripts glued to the word (`cooperation”,¹`): the normaliser always folds
  superscripts, reports show a marker, and citations find the note the clause refers to;
- paragraphs are lines up to a gap wider than the line pitch; a paragraph cut by a page break
  is joined when the next page starts without a first-line indent. Each paragraph is written
  on one line (a hyphen at a line end joins the words), paragraphs apart by a blank line, so
  segmentation sees the paragraphs as printed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..clean.noise import is_anchor
from ..clean.paragraphs import ENACTING_RE
from ..errors import InputError
from .source import Source, make_source

#: A glyph smaller than this (points) is invisible filler (Word writes 1-point spaces).
MIN_GLYPH_SIZE = 2.0
#: A footnote marker is set in at most this share of its line's type size (UN: 6.5 on 10).
MARKER_SIZE_RATIO = 0.8
#: ... and its baseline is raised by at least this share of the line's size (UN: 3.5 on 10).
MARKER_RISE_RATIO = 0.15
#: Two glyphs of one line are in different cells past a gap of this many type sizes (the
#: letterhead's columns are 20 sizes apart; a tab after "1." is under 2).
CELL_GAP_SIZES = 4.0
#: A gap wider than this share of the type size between two glyphs is a space.
SPACE_GAP_RATIO = 0.15
#: Lines belong to one paragraph while their baselines are at most this many line pitches
#: apart (UN: 12 points within a paragraph, 18 between paragraphs).
PARAGRAPH_GAP_PITCHES = 1.3
#: A line starting this many points right of the body margin is indented (UN: 23.7).
INDENT_POINTS = 8.0
#: The rule under a running head lies in this top share of the page (UN: 65 of 792 points;
#: the first page's rule under the letterhead at 209).
HEAD_ZONE = 0.3
#: A horizontal rule spans at least this share of the page width (UN: 0.8).
RULE_WIDTH = 0.5
#: Page furniture (page number, job number, barcode) sits in this bottom share of the page.
FOOT_ZONE = 0.12
#: Fewer visible letters than this in the whole file means there is no text layer (a scan).
MIN_TEXT_GLYPHS = 20
#: The rule above a footnote block: a line of at least this many underscores.
NOTE_RULE_MIN = 4
NOTE_RULE = "_" * 18

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character as printed: its box (top-down coordinates), baseline, size and font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    font: str


@dataclass
class TextLine:
    """Glyphs of one printed line, left to right; `size` and `baseline` of its main type."""

    glyphs: list[Glyph]
    size: float
    baseline: float

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    def cells(self) -> list[list[Glyph]]:
        """Runs of glyphs apart by gaps wider than CELL_GAP_SIZES type sizes."""
        out: list[list[Glyph]] = [[self.glyphs[0]]]
        for prev, glyph in zip(self.glyphs, self.glyphs[1:], strict=False):
            if glyph.x0 - prev.x1 > CELL_GAP_SIZES * self.size:
                out.append([])
            out[-1].append(glyph)
        return out

    def text(self, glyphs: Sequence[Glyph] | None = None) -> str:
        """The line's characters, markers as superscripts, gaps as spaces, outer spaces cut."""
        parts: list[str] = []
        prev: Glyph | None = None
        for glyph in glyphs if glyphs is not None else self.glyphs:
            char = glyph.text
            if self.is_marker(glyph):
                char = char.translate(_SUPERSCRIPT)
            elif (
                prev is not None
                and glyph.x0 - prev.x1 > SPACE_GAP_RATIO * self.size
                and not char.isspace()
                and not parts[-1].isspace()
            ):
                parts.append(" ")
            parts.append(char)
            prev = glyph
        return " ".join("".join(parts).split())

    def is_marker(self, glyph: Glyph) -> bool:
        """A footnote marker: a digit smaller than the line and raised above its baseline."""
        return (
            glyph.text.isdigit()
            and glyph.size <= MARKER_SIZE_RATIO * self.size
            and self.baseline - glyph.baseline >= MARKER_RISE_RATIO * self.size
        )


@dataclass
class PageLayout:
    """A page's lines sorted top to bottom, and where its head rule and foot zone are."""

    lines: list[TextLine]
    height: float
    head_rule: float | None  # the lowest wide rule of the top zone, if any
    first: bool


def read(path: Path) -> list[Source]:
    """An official PDF: the text as read on the page, page furniture and notes set apart."""
    pages = _layouts(path)
    letters = sum(
        1 for page in pages for line in page.lines for g in line.glyphs if g.text.isalnum()
    )
    if letters < MIN_TEXT_GLYPHS:
        raise InputError(
            "this PDF has no text layer (a scanned image?)",
            path=str(path),
            hint="run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`, or export its text as .txt",
        )
    text = compose(pages)
    return [make_source(path, {}, text, text)]


def _layouts(path: Path) -> list[PageLayout]:
    """Every page's lines, or an InputError for a file that is not a readable PDF."""
    try:
        with pdfplumber.open(path) as pdf:
            return [_layout(page, i == 0) for i, page in enumerate(pdf.pages)]
    except PdfminerException as wrapped:  # pdfplumber wraps what pdfminer raised
        cause = wrapped.args[0] if wrapped.args else wrapped
        error = cause if isinstance(cause, Exception) else wrapped
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, OSError) as exc:
        error = exc
    if isinstance(error, PDFPasswordIncorrect | PDFEncryptionError):
        raise InputError(
            "this PDF is encrypted and cannot be read without its password",
            path=str(path),
            hint="save an unprotected copy, e.g. `qpdf --decrypt in.pdf out.pdf`",
        )
    raise InputError(
        f"this is not a readable PDF ({_reason(error)})",
        path=str(path),
        hint="download the file again, or export its text as .txt",
    )


def _reason(error: Exception) -> str:
    """What pdfminer said, on one line, or the kind of error when it said nothing."""
    text = " ".join(str(error).split())
    return text[:80] if text else type(error).__name__


def _layout(page: Any, first: bool) -> PageLayout:
    height = float(page.height)
    width = float(page.width)
    glyphs = [_glyph(c, height) for c in page.chars if c["size"] >= MIN_GLYPH_SIZE and c["text"]]
    rules = [
        float(r["top"])
        for r in page.rects + page.lines
        if float(r["top"]) < HEAD_ZONE * height and _rule_width(r, page) >= RULE_WIDTH * width
    ]
    return PageLayout(_lines(glyphs), height, max(rules) if rules else None, first)


def _rule_width(rect: dict[str, Any], page: Any) -> float:
    """The width of the rule this rect is part of (Word draws a rule as several segments)."""
    top = float(rect["top"])
    segments = [
        r
        for r in page.rects + page.lines
        if abs(float(r["top"]) - top) < 1.0 and float(r["bottom"]) - float(r["top"]) < 3.0
    ]
    return sum(float(r["x1"]) - float(r["x0"]) for r in segments)


def _glyph(char: dict[str, Any], height: float) -> Glyph:
    return Glyph(
        text=char["text"],
        x0=float(char["x0"]),
        x1=float(char["x1"]),
        top=float(char["top"]),
        bottom=float(char["bottom"]),
        baseline=height - float(char["matrix"][5]),
        size=float(char["size"]),
        font=str(char.get("fontname", "")),
    )


def _lines(glyphs: list[Glyph]) -> list[TextLine]:
    """Group glyphs into lines: a glyph joins the line its box overlaps by half its height."""
    rows: list[list[Glyph]] = []
    bounds: list[tuple[float, float]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        half = (glyph.bottom - glyph.top) / 2
        for i in range(len(rows) - 1, max(len(rows) - 3, -1), -1):
            top, bottom = bounds[i]
            if min(bottom, glyph.bottom) - max(top, glyph.top) >= half:
                rows[i].append(glyph)
                break
        else:
            rows.append([glyph])
            bounds.append((glyph.top, glyph.bottom))
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        while row and row[0].text.isspace():
            row.pop(0)
        while row and row[-1].text.isspace():
            row.pop()
        if not row:
            continue
        sizes = Counter(round(g.size, 1) for g in row if not g.text.isspace())
        size = sizes.most_common(1)[0][0]
        baseline = Counter(
            round(g.baseline, 1) for g in row if round(g.size, 1) == size
        ).most_common(1)[0][0]
        lines.append(TextLine(row, size, baseline))
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines


def _is_furniture(line: TextLine, page: PageLayout) -> bool:
    """A running head, or a foot line made only of page numbers, job numbers and barcodes."""
    if not page.first and page.head_rule is not None and line.top < page.head_rule:
        return True
    if line.top < (1 - FOOT_ZONE) * page.height:
        return False
    return all(
        all("barcode" in g.font.lower() for g in cell if not g.text.isspace())
        or is_anchor(line.text(cell))
        for cell in line.cells()
    )


def _is_note_rule(line: TextLine) -> bool:
    text = line.text()
    return len(text) >= NOTE_RULE_MIN and set(text) == {"_"}


def compose(pages: Sequence[PageLayout]) -> str:
    """The document's text: paragraphs one per line apart by blank lines, notes at the end."""
    body: list[list[TextLine]] = []
    notes: list[list[TextLine]] = []
    for page in pages:
        page_body, page_notes = _split(page)
        body.append(page_body)
        notes.append(page_notes)
    size = _body_size(line for page in body for line in page)
    paras = _paragraphs(body, size)
    note_texts = _notes([line for page in notes for line in page])
    text = "\n\n".join(paras)
    if note_texts:
        text += "\n\n" + NOTE_RULE + "\n" + "\n".join(note_texts)
    return text + "\n"


def _split(page: PageLayout) -> tuple[list[TextLine], list[TextLine]]:
    """(body lines, footnote lines) of a page, furniture dropped; letterhead cells apart."""
    body: list[TextLine] = []
    notes: list[TextLine] = []
    in_notes = False
    for line in page.lines:
        if _is_furniture(line, page):
            continue
        if _is_note_rule(line):
            in_notes = True
            continue
        if in_notes:
            notes.append(line)
        elif page.first and page.head_rule is not None and line.top < page.head_rule:
            body.extend(_cell_lines(line))  # the letterhead: "United Nations", the symbol
        else:
            body.append(line)
    return body, notes


def _cell_lines(line: TextLine) -> list[TextLine]:
    return [TextLine(cell, line.size, line.baseline) for cell in line.cells()]


def _body_size(lines: Iterable[TextLine]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.glyphs)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _pitch(pages: Sequence[list[TextLine]], size: float) -> float:
    """The usual distance between baselines of two lines of body type."""
    gaps: Counter[float] = Counter()
    for lines in pages:
        body = [ln for ln in lines if ln.size == size]
        for a, b in zip(body, body[1:], strict=False):
            gaps[round(b.baseline - a.baseline, 1)] += 1
    positive = [(n, g) for g, n in gaps.items() if g > 0]
    return max(positive)[1] if positive else size * 1.2


def _margin(pages: Sequence[list[TextLine]], size: float) -> float:
    """The body's left margin: where most lines of body type start."""
    starts = Counter(round(ln.x0) for lines in pages for ln in lines if ln.size == size)
    return float(starts.most_common(1)[0][0]) if starts else 0.0


def _paragraphs(pages: Sequence[list[TextLine]], size: float) -> list[str]:
    """Lines into paragraphs: a wide gap ends one; a page break ends one before an indent."""
    pitch = _pitch(pages, size)
    margin = _margin(pages, size)
    paras: list[list[TextLine]] = []
    for lines in pages:
        prev: TextLine | None = None
        for line in lines:
            if prev is None:
                new = not paras or line.x0 > margin + INDENT_POINTS or line.size != size
            else:
                new = line.baseline - prev.baseline > PARAGRAPH_GAP_PITCHES * pitch
            if new:
                paras.append([])
            paras[-1].append(line)
            prev = line
    texts = [[text for line in para if (text := line.text())] for para in paras]
    body = next((i for i, para in enumerate(texts) if ENACTING_RE.match(" ".join(para))), -1)
    return ["\n".join(para) if i <= body else _join(para) for i, para in enumerate(texts) if para]


def _join(lines: Sequence[str]) -> str:
    """One paragraph on one line: lines apart by a space, a hyphen at a line end joins."""
    out = ""
    for text in lines:
        if out and not (out.endswith("-") and out[-2:-1].isalpha()):
            out += " "
        out += text
    return out


def _notes(lines: Sequence[TextLine]) -> list[str]:
    """Footnotes, one per line as `1 text`: a note starts with its raised number."""
    notes: list[str] = []
    for line in lines:
        marker = ""
        glyphs = line.glyphs
        while glyphs and (line.is_marker(glyphs[0]) or glyphs[0].text.isspace()):
            marker += glyphs[0].text.strip()
            glyphs = glyphs[1:]
        body = line.text(glyphs) if glyphs else ""
        if marker or not notes:
            notes.append(f"{marker} {body}".strip())
        elif body:
            notes[-1] = _join([notes[-1], body])
    return notes
