"""Segmentation: a document's text becomes preambular and operative clauses, notes and blocks.

A clause is one preambular paragraph (it opens with a participle or adjective phrase such as
"Recalling", "Guided by", "Deeply concerned") or one operative paragraph (numbered "1." or a
"- " bullet). Everything else is kept as a Block (title, front lines, press release, closing,
noise) or a Note (footnote), so that nothing is lost and nothing noisy is matched.

Steps: mark noise lines (page heads, footnote blocks: `noise`), group the remaining lines into
paragraphs, find where the text proper starts ("The General Assembly," or the first clause),
then walk the paragraphs: a paragraph that does not open a clause continues the open one (a
paragraph cut by a page break, a footnote block, or a single line break).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Block, Clause, ClausePart, Note, Span
from .markdown import display
from .noise import Line, is_anchor, is_chrome, mark_page_heads, read_footnotes, split_lines
from .normalize import fold_space, normalize
from .paragraphs import (
    ENACTING_RE,
    Paragraph,
    first_word,
    is_terminated,
    label_number,
    opens_operative,
    opens_preamble,
    operative_label,
    paragraphs,
    starts_clause,
)
from .shown import shown_text, unbreak_compounds

__all__ = ["Segmented", "segment", "is_terminated", "opens_preamble", "starts_clause"]

UN_TITLE_RE = re.compile(r"^\s*((?:ES-|S-)?\d{1,3}/\d{1,4})\.\s+(\S.*)$", re.S)
#: The symbol line at the head of a resolution.
RES_SYMBOL_RE = re.compile(
    r"^\s*([ASE]/(?:[A-Z]{2,6}/)*RES/(?:ES-|S-)?\d+/\d+|S/RES/\d+\s*\(\d{4}\))\s*$"
)
PLENARY_RE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+plenary\s+meeting\b", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE_RE = re.compile(
    rf"^\W*(?:(?:{_MONTHS})\s+\d{{1,2}},\s*\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})\b[\w\s,.*]*$"
)
FRONT_RE = re.compile(
    r"^\W*(?:United Nations|General Assembly|Security Council|Distr\.|Distr:|"
    r"\w+(?:-\w+)? session|Agenda item|Item \d|Resolution adopted by|\[without reference|"
    r"\[on the report|Original:)",
    re.I,
)
SUBPART_RE = re.compile(r"(?:^|(?<=\n)|(?<=[:;] ))[ \t]*\(([a-z]{1,2}|[ivxlc]{1,6})\)\s+")
#: A paragraph ending with a colon introduces what follows ("the following themes:").
INTRODUCES_RE = re.compile(r":[”\"’*_\])]*\s*$")
#: Clause ids by part: P1, O1 in the body; AP1, AO1 in an annex.
PART_PREFIX = {"body": "", "annex": "A"}
_ANNEX_RE = re.compile(r"^\W*annex(?:\s+[IVX\d]+)?\W*$", re.I)


def _is_annex(text: str) -> bool:
    """Does a paragraph open an annex: a first line "Annex" / "Annex II", its title below?"""
    return bool(_ANNEX_RE.match(text.split("\n", 1)[0]))


@dataclass
class Segmented:
    """What segmentation found in one text."""

    clauses: list[Clause] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    symbol: str = ""


def _kind_before_body(
    para: Paragraph, title_index: int | None, index: int, press_until: int
) -> str:
    text = para.text
    if index <= press_until:
        return "press"
    if index == title_index:
        return "title"
    if is_chrome(text):
        return "noise"
    if all(is_anchor(line.text) for line in para.lines):
        return (
            "noise"
            if not any(ln.text.strip().startswith(("A/", "S/", "E/")) for ln in para.lines)
            else "front"
        )
    if (
        FRONT_RE.match(text)
        or (len(text) < 60 and DATELINE_RE.match(text))
        or ENACTING_RE.match(text)
    ):
        return "front"
    if text.rstrip().endswith(".") and len(text.split()) > 10:
        return "front"  # an introductory paragraph: "Participants of the Conference ..."
    return "heading"


def _mostly_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) / 2


class _Builder:
    """Accumulates one clause while the paragraphs that belong to it are read."""

    def __init__(self, kind: str, label: str, label_start: int, line: int, part: str) -> None:
        self.kind = kind
        self.part = part
        self.label = label
        self.start = label_start
        self.line = line
        self.pieces: list[Span] = []

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.pieces.append(Span(start, end))

    def build(self, doc_id: str, number: int, index: int, text: str) -> Clause:
        clause_text = shown_text(text[p.start : p.end] for p in self.pieces)
        prefix = PART_PREFIX[self.part] + ("P" if self.kind == "preamble" else "O")
        end = self.pieces[-1].end if self.pieces else self.start
        return Clause(
            doc_id=doc_id,
            id=f"{prefix}{number}",
            kind=self.kind,  # type: ignore[arg-type]
            index=index,
            label=self.label,
            part=self.part,  # type: ignore[arg-type]
            text=clause_text,
            start=self.start,
            end=end,
            line=self.line,
            norm=normalize(clause_text),
            pieces=tuple(self.pieces),
            parts=_parts(self.pieces, text),
        )

    def next_item(self, text: str, para: str) -> bool:
        """Is `para` the next item of a list this clause introduced ("the following themes:",
        "Panel 1: ...;", then "Panel 2: ...")? Items of one list open with the same word."""
        pairs = list(zip(self.pieces, self.pieces[1:], strict=False))
        for before, item in reversed(pairs):
            if INTRODUCES_RE.search(text[max(before.start, before.end - 40) : before.end]):
                word = first_word(text[item.start : item.end])
                return bool(word) and first_word(para) == word
        return False

    def last_text(self, text: str) -> str:
        return text[self.pieces[-1].start : self.pieces[-1].end] if self.pieces else ""


def _parts(pieces: list[Span], text: str) -> tuple[ClausePart, ...]:
    """Sub-paragraphs "(a)", "(b)" of a clause, found at line starts or after ":" / ";"."""
    found: list[tuple[str, int]] = []
    for piece in pieces:
        chunk = text[piece.start : piece.end]
        if "(" not in chunk:
            continue
        for m in SUBPART_RE.finditer(chunk):
            if m.start() == 0 and piece is pieces[0]:
                continue
            found.append(
                (
                    f"({m.group(1)})",
                    piece.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip())),
                )
            )
    if not found:
        return ()
    parts = []
    ends = [start for _, start in found[1:]] + [pieces[-1].end]
    for (label, start), end in zip(found, ends, strict=True):
        spans = [
            (max(p.start, start), min(p.end, end))
            for p in pieces
            if p.end > start and p.start < end
        ]
        body = shown_text((text[s:e] for s, e in spans), strip=True)
        parts.append(ClausePart(label=label, text=body, start=start, end=end))
    return tuple(parts)


def segment(
    text: str, doc_id: str, title: str = "", symbol: str = "", line_offset: int = 0
) -> Segmented:
    """Split a document's text into clauses, notes and blocks.

    `title`/`symbol` (from front matter, may be empty) help to recognise running heads;
    `line_offset` is added to line numbers (lines taken by front matter in the file).
    """
    lines = split_lines(text)
    un_title = _un_title(lines)
    titles = [t for t in (title, un_title[1] if un_title else "") if t]
    noise = mark_page_heads(lines, titles, symbol)
    note_lines, notes = read_footnotes(lines, text, noise, starts_clause)
    paras = paragraphs(lines, text, noise | note_lines)
    result = Segmented(notes=notes)
    for i in sorted(noise):
        line = lines[i]
        if not line.blank:
            s = line.start + len(line.text) - len(line.text.lstrip())
            result.blocks.append(
                Block("noise", line.text.strip(), s, line.start + len(line.text.rstrip()))
            )
    body = _body_start(paras)
    _read_front(paras[:body], result, title)
    end = paras[body - 1].end if 0 < body <= len(paras) else len(text)
    result.symbol = _front_symbol(lines, end) or (un_title[0] if un_title else "")
    part = "annex" if any(_is_annex(p.text) for p in paras[:body]) else "body"
    _read_body(paras[body:], text, doc_id, line_offset, result, part)
    result.blocks = sorted(
        (replace(b, text=display(b.text)) for b in result.blocks), key=lambda b: (b.start, b.end)
    )
    result.title = display(result.title)
    return result


def _un_title(lines: list[Line]) -> tuple[str, str] | None:
    """("A/RES/78/149", "The pivotal role ...") from a "78/149. The pivotal role ..." line."""
    for i, line in enumerate(lines):
        m = UN_TITLE_RE.match(line.text)
        if m and len(m.group(2).split()) >= 2:
            words = [m.group(2).strip()]
            for nxt in lines[i + 1 : i + 4]:
                if nxt.blank or not nxt.text.strip()[:1].islower():
                    break
                words.append(nxt.text.strip())
            number = re.sub(r"[\[\]]", "", m.group(1))
            return f"A/RES/{number}", fold_space(" ".join(words))
        if ENACTING_RE.match(line.text):
            return None
    return None


def _body_start(paras: list[Paragraph]) -> int:
    for i, para in enumerate(paras):
        if ENACTING_RE.match(para.text):
            return i + 1
    for i, para in enumerate(paras):
        if starts_clause(para.text) and not _mostly_cyrillic(para.text):
            return i
    return len(paras)


def _read_front(paras: list[Paragraph], result: Segmented, title: str) -> None:
    press_until = max((i for i, p in enumerate(paras) if "///" in p.text), default=-1)
    title_index = None
    for i, para in enumerate(paras):
        if i > press_until and UN_TITLE_RE.match(para.text):
            title_index = i
            m = UN_TITLE_RE.match(para.text)
            assert m is not None
            result.title = fold_space(unbreak_compounds(m.group(2))).strip()
            break
    if title_index is None:
        for i, para in enumerate(paras):
            if (
                i > press_until
                and _kind_before_body(para, None, i, press_until) == "heading"
                and not _mostly_cyrillic(para.text)
            ):
                title_index = i
                result.title = fold_space(para.text).strip().lstrip("#").strip()
                break
    if title:
        result.title = title
    for i, para in enumerate(paras):
        kind = _kind_before_body(para, title_index, i, press_until)
        result.blocks.append(Block(kind, fold_space(para.text), para.start, para.end))


def _front_symbol(lines: list[Line], end: int) -> str:
    """The resolution's symbol from a symbol line before `end` ("A/RES/78/74")."""
    for line in lines:
        if line.start >= end:
            break
        m = RES_SYMBOL_RE.match(line.text)
        if m:
            return re.sub(r"\s+", " ", m.group(1))
    return ""


def _closing_kind(text: str) -> str | None:
    if "///" in text:
        return "press"
    if is_chrome(text):
        return "noise"
    if ("lenary" in text and PLENARY_RE.search(text)) or (
        len(text) < 60 and DATELINE_RE.match(text)
    ):
        return "closing"
    return None


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    if stripped.replace(" ", "") == "***":
        return True
    words = stripped.split()
    return (
        0 < len(words) <= 10
        and stripped[:1].isupper()
        and not is_terminated(stripped)
        and "\n" not in stripped
    )


def _is_open(last: str) -> bool:
    """Does a clause whose last paragraph is `last` go on: not ended, or ended by a colon?"""
    return not is_terminated(last) or bool(INTRODUCES_RE.search(last))


def _read_body(
    paras: list[Paragraph],
    text: str,
    doc_id: str,
    line_offset: int,
    result: Segmented,
    part: str = "body",
) -> None:
    """Walk the paragraphs of the text proper: open clauses, continue them, or set blocks."""
    reader = _BodyReader(text, line_offset, result, part)
    for para in paras:
        if not reader.closing(para):
            reader.paragraph(para)
    counts: dict[tuple[str, str], int] = {}
    for index, builder in enumerate(reader.built):
        key = (builder.part, builder.kind)
        counts[key] = counts.get(key, 0) + 1
        result.clauses.append(builder.build(doc_id, counts[key], index, text))


class _BodyReader:
    """The state of the walk over the body: the clause open, a label waiting for its text."""

    def __init__(self, text: str, line_offset: int, result: Segmented, part: str) -> None:
        self.text, self.line_offset, self.result, self.part = text, line_offset, result, part
        self.built: list[_Builder] = []
        self.current: _Builder | None = None
        self.number: int | None = None  # the last paragraph number (for 1000 and more)
        self.pending: tuple[str, int, int] | None = None  # a label alone: "1." then the text
        self.operative = False
        self.finished = False  # after the closing lines, nothing is a clause (until an annex)

    def block(self, kind: str, para: Paragraph) -> None:
        self.result.blocks.append(Block(kind, fold_space(para.text), para.start, para.end))

    def begin(
        self, kind: str, label: str, label_start: int, line: int, start: int, end: int
    ) -> None:
        builder = _Builder(kind, label, label_start, line, self.part)
        builder.add(start, end)
        self.built.append(builder)
        self.current = builder
        self.operative = self.operative or kind == "operative"

    def open_clause(self) -> bool:
        return self.current is not None and _is_open(self.current.last_text(self.text))

    def closing(self, para: Paragraph) -> bool:
        """Closing lines, an annex heading, or anything after them; True when para is taken."""
        closing = _closing_kind(para.text)
        annex = _is_annex(para.text)
        if not (closing or self.finished or annex):
            return False
        current = self.current
        cut = current is not None and not is_terminated(current.last_text(self.text))
        if current is not None and cut and not closing and not self.finished:
            current.add(para.start, para.end)  # "Annex" cannot end an open clause
            return True
        if annex:  # an annex: its paragraphs are clauses of its own part
            self.block("heading", para)
            self.part, self.finished, self.operative = "annex", False, False
            self.current, self.pending = None, None
            return True
        self.block(closing or ("heading" if not self.finished else "other"), para)
        self.finished = self.finished or closing == "closing"
        self.current = None
        return True

    def paragraph(self, para: Paragraph) -> None:
        """A paragraph of the body before the closing lines."""
        ptext = para.text
        m = operative_label(ptext, self.number)
        self.number = label_number(ptext, self.number)
        line = para.first_line + self.line_offset
        if m and not ptext[m.end() :].strip():
            self.pending = (m.group(1) + "." if m.group(1) else m.group(2), para.start, line)
            return
        open_clause = self.open_clause() or (
            self.current is not None and self.current.next_item(self.text, ptext)
        )
        current, operative = self.current, self.operative
        if ptext.replace(" ", "") == "***":
            self.block("heading", para)
        elif m:
            label = m.group(1) + "." if m.group(1) else m.group(2)
            self.begin("operative", label, para.start, line, para.start + m.end(), para.end)
        elif self.pending is not None:
            self.begin("operative", *self.pending, para.start, para.end)
        elif not operative and (
            opens_preamble(ptext, generic=False) or (not open_clause and opens_preamble(ptext))
        ):
            self.begin("preamble", "", para.start, line, para.start, para.end)
        elif current is not None and (open_clause or not ptext[:1].isupper()):
            current.add(para.start, para.end)
        elif opens_operative(ptext):  # an operative paragraph printed without a number
            self.begin("operative", "", para.start, line, para.start, para.end)
        elif _is_heading(ptext):
            self.block("heading", para)
        elif current is not None and not operative:
            current.add(para.start, para.end)  # cut by a page break after a comma
        elif not operative and is_terminated(ptext):  # an opener we do not know
            self.begin("preamble", "", para.start, line, para.start, para.end)
        else:
            self.block("other", para)
        self.pending = None
