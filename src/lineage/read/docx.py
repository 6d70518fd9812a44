"""Word reader (.docx): paragraphs, automatic numbering as labels, footnotes, tracked changes.

python-docx opens the package; what it does not expose is read from the document XML with
lxml: the numbering Word computes when it shows the file (`w:numPr` of a paragraph or of its
style, `numbering.xml` levels: `1.`, `(a)`, `(i)`), footnotes (`footnotes.xml`) and tracked
changes. A draft with tracked changes (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, and
paragraph marks inserted or deleted) is two versions of one document:

- `<id>-original`: every change rejected (deleted and moved-away text kept, insertions left out);
- `<id>`: every change accepted; its previous version is the original, it is dated by its last
  change when that is later, and it carries each change (kind, author, date, text, where).

The text of each version is its paragraphs one per line, blank lines between, numbering
labels printed before them, footnote markers as superscripts and the notes at the end under a
rule, as for a PDF, so segmentation reads it like any text.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..errors import InputError
from ..model import Revision
from .source import Source, make_source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
#: Suffix of the id of the version with every change rejected.
ORIGINAL_SUFFIX = "-original"
NOTE_RULE = "_" * 18
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Tracked-change elements: what each is, and in which version its content shows.
CHANGES = {
    f"{{{W}}}ins": ("insertion", "accepted"),
    f"{{{W}}}moveTo": ("move", "accepted"),
    f"{{{W}}}del": ("deletion", "original"),
    f"{{{W}}}moveFrom": ("move", "original"),
}
VERSIONS = ("original", "accepted")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Change:
    """One tracked change as found: kind, who, when, its text, where it is in the accepted."""

    kind: str
    author: str
    date: str
    text: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class Piece:
    """A run of text of a paragraph, and the change (if any) it belongs to."""

    text: str
    shows: str  # "both", "original" or "accepted"
    change: Change | None = None


@dataclass
class Para:
    """One Word paragraph: its pieces, its numbering, and in which versions its mark exists."""

    pieces: list[Piece]
    num: tuple[str, int] | None  # (numId, level)
    mark: str  # "both", "original" (mark deleted), "accepted" (mark inserted)


def read(path: Path) -> list[Source]:
    """A Word file: one Source, or two when it holds tracked changes."""
    document = _open(path)
    numbering = Numbering(document)
    notes = _footnotes(document)
    paras = list(_paragraphs(document.element.body, document))
    changes = [p.change for para in paras for p in para.pieces if p.change is not None]
    weak = _properties(document)
    if not changes:
        text = _compose(paras, "accepted", numbering, notes)
        return [make_source(path, {}, text, text, weak=weak)]
    original = _compose(paras, "original", numbering, notes)
    accepted = _compose(paras, "accepted", numbering, notes, track=True)
    first = make_source(path, {}, original, original, weak=weak)
    last_change = max((c.date[:10] for c in changes if c.date), default="")
    second = make_source(path, {}, accepted, accepted, weak=weak)
    revisions = tuple(
        Revision(c.kind, c.author, c.date, "".join(c.text), c.start, c.end)
        for c in _unique(changes)
    )
    return [
        replace(first, id=first.id + ORIGINAL_SUFFIX),
        replace(
            second,
            date=max(second.date, last_change),
            previous=first.id + ORIGINAL_SUFFIX,
            revisions=revisions,
        ),
    ]


def _unique(changes: list[Change]) -> list[Change]:
    seen: set[int] = set()
    out = []
    for change in changes:
        if id(change) not in seen:
            seen.add(id(change))
            out.append(change)
    return out


def _open(path: Path) -> Any:
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise InputError(
            "this is not a readable Word .docx file",
            path=str(path),
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None


def _properties(document: Any) -> dict[str, object]:
    """Title and creation date from the file's own properties: the weakest metadata."""
    props = document.core_properties
    fields: dict[str, object] = {}
    if props.title:
        fields["title"] = props.title.strip()
    if isinstance(props.created, dt.datetime):
        fields["date"] = props.created.date()
    return fields


def _paragraphs(body: Any, document: Any) -> Iterator[Para]:
    """The body's paragraphs in order, table cells' paragraphs included."""
    styles = _style_numbering(document)
    for p in body.iter(_q("p")):
        ppr = p.find(_q("pPr"))
        yield Para(_pieces(p), _num(ppr, styles), _mark(ppr))


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry numbering (Word's "List Number" and its kind)."""
    out: dict[str, tuple[str, int]] = {}
    root = document.styles.element
    for style in root.iter(_q("style")):
        numpr = style.find(f"{_q('pPr')}/{_q('numPr')}")
        if numpr is not None:
            num_id = numpr.find(_q("numId"))
            level = numpr.find(_q("ilvl"))
            if num_id is not None:
                out[style.get(_q("styleId"), "")] = (
                    num_id.get(_q("val"), "0"),
                    int(level.get(_q("val"), "0")) if level is not None else 0,
                )
    return out


def _num(ppr: Any, styles: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    if ppr is None:
        return None
    numpr = ppr.find(_q("numPr"))
    found: tuple[str, int] | None
    if numpr is not None and numpr.find(_q("numId")) is not None:
        num_id = numpr.find(_q("numId")).get(_q("val"), "0")
        level = numpr.find(_q("ilvl"))
        found = (num_id, int(level.get(_q("val"), "0")) if level is not None else 0)
    else:
        style = ppr.find(_q("pStyle"))
        found = styles.get(style.get(_q("val"), "")) if style is not None else None
    return found if found and found[0] != "0" else None


def _mark(ppr: Any) -> str:
    """Is the paragraph mark in both versions, or inserted or deleted by a tracked change?"""
    rpr = ppr.find(_q("rPr")) if ppr is not None else None
    if rpr is not None and rpr.find(_q("ins")) is not None:
        return "accepted"
    if rpr is not None and rpr.find(_q("del")) is not None:
        return "original"
    return "both"


def _pieces(p: Any) -> list[Piece]:
    """The text runs of a paragraph with the version each shows in."""
    out: list[Piece] = []

    def walk(node: Any, shows: str, change: Change | None) -> None:
        for child in node:
            tag = child.tag
            if tag in CHANGES:
                kind, version = CHANGES[tag]
                found = Change(kind, child.get(_q("author"), ""), child.get(_q("date"), ""))
                walk(child, version, found)
            elif tag == _q("r"):
                text = _run_text(child)
                if text:
                    out.append(Piece(text, shows, change))
                    if change is not None:
                        change.text.append(text)
            elif tag in (_q("pPr"), _q("rPr")):
                continue
            else:
                walk(child, shows, change)

    walk(p, "both", None)
    return out


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag in (_q("t"), _q("delText")):
            parts.append(child.text or "")
        elif tag == _q("tab"):
            parts.append(" ")
        elif tag in (_q("br"), _q("cr")):
            parts.append(" ")
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
        elif tag == _q("footnoteReference"):
            parts.append(f"\x00{child.get(_q('id'), '')}\x00")
    return "".join(parts)


class Numbering:
    """Word's automatic numbering: labels as Word shows them, counted per version."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self.abstract_of: dict[str, str] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.iter(_q("abstractNum")):
            levels = {}
            for lvl in node.iter(_q("lvl")):
                levels[int(lvl.get(_q("ilvl"), "0"))] = (
                    int(_val(lvl, "start", "1")),
                    _val(lvl, "numFmt", "decimal"),
                    _val(lvl, "lvlText", "%1."),
                )
            abstract[node.get(_q("abstractNumId"), "")] = levels
        for num in root.iter(_q("num")):
            ref = num.find(_q("abstractNumId"))
            if ref is None:
                continue
            abstract_id = ref.get(_q("val"), "")
            self.abstract_of[num.get(_q("numId"), "")] = abstract_id
            for level, spec in abstract.get(abstract_id, {}).items():
                self.levels[(abstract_id, level)] = spec

    def labeller(self) -> Labeller:
        return Labeller(self)


def _val(node: Any, tag: str, default: str) -> str:
    child = node.find(_q(tag))
    return child.get(_q("val"), default) if child is not None else default


class Labeller:
    """Counts numbered paragraphs in document order, as Word does when it displays them."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counts: dict[str, dict[int, int]] = {}

    def label(self, num: tuple[str, int] | None) -> str:
        if num is None:
            return ""
        abstract_id = self.numbering.abstract_of.get(num[0])
        if abstract_id is None or (abstract_id, num[1]) not in self.numbering.levels:
            return ""
        counts = self.counts.setdefault(abstract_id, {})
        level = num[1]
        start = self.numbering.levels[(abstract_id, level)][0]
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        _, fmt, template = self.numbering.levels[(abstract_id, level)]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            spec = self.numbering.levels.get((abstract_id, k))
            number = counts.get(k, spec[0] if spec else 1)
            return _format(number, spec[1] if spec else "decimal")

        return re.sub(r"%(\d)", value, template).strip()


def _format(number: int, fmt: str) -> str:
    """A counter in Word's number format: decimal, lowerLetter (a, b), lowerRoman (i, ii)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = number
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, digits in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out += digits
            number -= value
    return out


def _footnotes(document: Any) -> dict[str, list[Piece]]:
    """Footnote id -> its pieces (separator and continuation notes left out)."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = etree.fromstring(rel.target_part.blob)
            break
    else:
        return {}
    notes = {}
    for note in root.iter(_q("footnote")):
        if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        pieces = [piece for p in note.iter(_q("p")) for piece in _pieces(p) + [Piece(" ", "both")]]
        notes[note.get(_q("id"), "")] = pieces
    return notes


def _compose(
    paras: list[Para],
    version: str,
    numbering: Numbering,
    notes: dict[str, list[Piece]],
    track: bool = False,
) -> str:
    """The text of one version: numbered paragraphs, then the footnotes under a rule.

    With `track`, each change gets the span of the paragraph it stands in (in this version's
    text), so that it can be told which clause it changed.
    """
    labeller = numbering.labeller()
    out: list[str] = []
    pos = 0
    order: dict[str, int] = {}
    current: list[str] = []
    num: tuple[str, int] | None = None
    changed: list[Change] = []
    for para in paras:
        if not current and num is None:
            num = para.num
        for piece in para.pieces:
            if piece.shows in ("both", version):
                current.append(_markers(piece.text, order))
            if piece.change is not None:
                changed.append(piece.change)
        if para.mark not in ("both", version):
            continue  # no paragraph mark in this version: the next paragraph joins this one
        text = " ".join("".join(current).split())
        if text:
            label = labeller.label(num)  # counted only where the paragraph is in this version
            text = f"{label} {text}" if label else text
            for change in changed if track else ():
                change.start, change.end = pos, pos + len(text)
            out.append(text)
            pos += len(text) + 2
        current, num, changed = [], None, []
    body = "\n\n".join(out)
    note_lines = []
    for note_id, number in sorted(order.items(), key=lambda kv: kv[1]):
        pieces = notes.get(note_id, [])
        text = " ".join("".join(p.text for p in pieces if p.shows in ("both", version)).split())
        note_lines.append(f"{number} {text}")
    if note_lines:
        body += "\n\n" + NOTE_RULE + "\n" + "\n".join(note_lines)
    return body + "\n"


def _markers(text: str, order: dict[str, int]) -> str:
    """Footnote references (`\\x00id\\x00`) as superscript numbers, numbered in text order."""

    def number(m: re.Match[str]) -> str:
        order.setdefault(m.group(1), len(order) + 1)
        return str(order[m.group(1)]).translate(_SUPERSCRIPT)

    return re.sub(r"\x00([^\x00]*)\x00", number, text)
