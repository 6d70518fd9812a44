"""Explicit references: the resolutions and documents each text recalls, with canonical keys.

Keys make one node of the citation graph per cited document whatever the wording:
"res:50/80" (a resolution, any body's numbering: "res:44/44-POL", "res:194(III)"),
"ecosoc:1980/67", "escap:73/8", "hrc:53/2", "sc:1325" (Security Council), "dec:60/522" (a
decision), "doc:A/70/652-S/2016/20" (a document symbol).
A key resolves to a corpus document when the document's symbol gives the same key; the rest
are CitedDocuments, documents cited without text. An outcome document cited by description
("the outcome document ... adopted on 12 December 2015") is "outcome:2015-12-12" (`DESCRIBED`),
the key of a corpus outcome or final document of that date, so it becomes a full member as soon
as its text is added.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from .clean.markdown import display
from .clean.normalize import HOMOGLYPHS, clean, footnote_markers
from .model import Citation, CitedDocument, Document

#: The key prefix of an outcome document cited by description ("the outcome document ...
#: adopted on 12 December 2015"): "outcome:2015-12-12". Decided by each document alone (check's
#: per-file cache keeps documents as their file makes them): a corpus document of that date
#: whose title says it is an outcome or final document is cited under it (`document_keys`),
#: and a symbol cited in the same clause as the description (in its footnote) is the same
#: document (`_described_as`). No document is known in advance.
DESCRIBED = "outcome:"

_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
}
_MONTH_RE = "|".join(m.capitalize() for m in _MONTHS)
DATE_RE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})(?:\s+of)?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_RE})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})"
)
SYMBOL_RE = re.compile(r"(?<![\w/])[ASE]/(?:RES/)?\d+/[\w./-]*[\w]")
NUMBER_RE = re.compile(
    r"(?<![\w/])(?<!\d\.)(?P<num>(?:ES-|S-)?\d{1,4}/\d{1,4}(?:-[A-Z]{2,5})?|\d{1,4}\s*\([IVXL]+\))"
    r"(?![\w/])"
    r"(?:\s+(?P<part>[A-Z])\b(?!/))?"
)
#: Bodies whose resolutions are numbered like the General Assembly's: named just before.
OTHER_BODIES = (
    ("general assembly", "res"),
    ("economic and social council", "ecosoc"),
    ("economic and social commission for asia and the pacific", "escap"),
    ("human rights council", "hrc"),
)
#: Security Council resolutions: "resolution 1325 (2000)".
SC_RE = re.compile(r"\bSecurity\s+Council\s+resolutions?\s+(\d{1,4})\s*\((\d{4})\)")
KEYWORD_RE = re.compile(r"\b(?:resolutions?|decisions?|No\.)", re.I)
AFTER_RE = re.compile(r"\s*(?:of|dated)\s+")
OUTCOME_RE = re.compile(r"\b(?:outcome|final)\s+document\b", re.I)
ADOPTED_RE = re.compile(r"\badopted\s+on\s+", re.I)
_DATE_LIST_SEP = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")


def parse_date(m: re.Match[str]) -> str | None:
    """ISO date of a DATE_RE match, or None when it is not a real date."""
    try:
        if m.group("y1"):
            d = dt.date(int(m.group("y1")), _MONTHS[m.group("m1").lower()], int(m.group("d1")))
        elif m.group("y2"):
            d = dt.date(int(m.group("y2")), _MONTHS[m.group("m2").lower()], int(m.group("d2")))
        else:
            d = dt.date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None
    return d.isoformat()


def symbol_key(symbol: str) -> str:
    """The canonical key of a document symbol: "A/RES/75/28" -> "res:75/28"."""
    symbol = re.sub(r"\s+", "", symbol).rstrip(".,;")
    m = re.fullmatch(r"A/RES/((?:ES-|S-)?\d+/\d+)", symbol)
    if m:
        return f"res:{m.group(1)}"
    m = re.fullmatch(r"A/HRC/RES/(\d+/\d+)", symbol)
    if m:
        return f"hrc:{m.group(1)}"
    m = re.fullmatch(r"E/RES/(\d+/\d+)", symbol)
    if m:
        return f"ecosoc:{m.group(1)}"
    m = re.fullmatch(r"S/RES/(\d+)(?:\(\d{4}\))?", symbol)
    if m:
        return f"sc:{m.group(1)}"
    if re.fullmatch(r"\d{1,4}/\d{1,4}(?:-[A-Z]{2,5})?", symbol):
        return f"res:{symbol}"
    return f"doc:{symbol}"


def document_keys(doc: Document) -> set[str]:
    """Keys under which a corpus document can be cited (its symbol; its id as "id:..."; an
    outcome or final document also by its date, as a description cites it)."""
    keys = {f"id:{doc.id}"}
    if doc.symbol:
        keys.add(symbol_key(doc.symbol))
        keys.add("doc:" + re.sub(r"\s+", "", doc.symbol))
    if doc.date and OUTCOME_RE.search(doc.title):
        keys.add(DESCRIBED + doc.date)
    return keys


def _number_key(num: str, keyword: str, before: str, default: str = "res") -> str:
    """The key of a number, from its keyword and the words just before the keyword.

    `default` is the series of "its resolution": a Human Rights Council text's own.
    """
    num = re.sub(r"\s+", "", num)
    if keyword.lower().startswith("decision"):
        return f"dec:{num}"
    low = re.sub(r"\s+", " ", before.lower()).rstrip()
    low = re.sub(r"\s(?:in\s)?its$", "", low)
    for body, prefix in OTHER_BODIES:
        if low.endswith(body):
            return f"{prefix}:{num}"
    return f"{default}:{num}"


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = AFTER_RE.match(text, pos)
    if m:
        d = DATE_RE.match(text, m.end())
        if d:
            return parse_date(d), d.end()
    return None, pos


def _scan(text: str, default: str = "res") -> list[tuple[str, int, int, str | None]]:
    """(key, start, end, date) of every reference in cleaned text."""
    if not text.isascii():
        text = text.translate(HOMOGLYPHS)  # "50/80 А" with a Cyrillic А
    found: list[tuple[str, int, int, str | None]] = []
    if "/" not in text and "(" not in text and "ocument" not in text:
        return found
    for m in SYMBOL_RE.finditer(text) if "/" in text else ():
        end = m.end()
        while text[end - 1] in ".-/":
            end -= 1
        found.append((symbol_key(text[m.start() : end]), m.start(), end, None))
    for m in NUMBER_RE.finditer(text):
        window = text[max(0, m.start() - 300) : m.start()]
        keywords = list(KEYWORD_RE.finditer(window))
        if not keywords or ";" in window[keywords[-1].end() :]:
            continue
        date, end = _date_after(text, m.end())
        keyword = keywords[-1]
        key = _number_key(m.group("num"), keyword.group(), window[: keyword.start()], default)
        found.append((key, m.start(), end if date else m.end(), date))
    for m in SC_RE.finditer(text) if "Security" in text else ():
        found.append((f"sc:{m.group(1)}", m.start(1), m.end(), None))
    consumed = 0
    for m in OUTCOME_RE.finditer(text) if "ocument" in text or "OCUMENT" in text else ():
        if m.start() < consumed:
            continue  # "(the Ashgabat outcome document)" inside a description already read
        a = ADOPTED_RE.search(text, m.end(), min(len(text), m.end() + 400))
        if not a:
            continue
        pos, first = a.end(), True
        while (d := DATE_RE.match(text, pos)) is not None:
            date = parse_date(d)
            if date is not None:
                found.append((DESCRIBED + date, m.start() if first else d.start(), d.end(), date))
            first = False
            consumed = d.end()
            sep = _DATE_LIST_SEP.match(text, d.end())
            pos = sep.end() if sep and sep.end() > d.end() else len(text)
    return found


def _citations_in(
    doc: Document, start: int, end: int, clause: str | None, own: set[str]
) -> list[Citation]:
    cleaned, span = clean(doc.text[start:end])
    own_series = symbol_key(doc.symbol).partition(":")[0] if doc.symbol else ""
    out = []
    for key, s, e, date in _scan(cleaned, own_series if own_series in ("hrc", "ecosoc") else "res"):
        if key in own or e <= s:
            continue
        s0, e0 = span(s, e)
        o_start, o_end = start + s0, start + e0
        out.append(
            Citation(
                key=key,
                text=display(" ".join(cleaned[s:e].split())),  # as read: no Markdown
                date=date,
                clause=clause,
                start=o_start,
                end=o_end,
            )
        )
    return out


def _note_clauses(doc: Document) -> dict[str, str]:
    """Which clause holds the marker of each footnote: {note label: clause uid}."""
    labels = {note.label for note in doc.notes}
    found: dict[str, str] = {}
    for clause in doc.clauses:
        for piece in clause.pieces:
            for label, _, _ in footnote_markers(doc.text[piece.start : piece.end]):
                if label in labels and label not in found:
                    found[label] = clause.uid
    return found


def extract_citations(doc: Document) -> tuple[Citation, ...]:
    """Every reference in the clauses and notes of doc, in text order (self-references left out)."""
    own = document_keys(doc)
    out: list[Citation] = []
    for clause in doc.clauses:
        for piece in clause.pieces:
            out.extend(_citations_in(doc, piece.start, piece.end, clause.uid, own))
    holders = _note_clauses(doc) if doc.notes else {}
    for note in doc.notes:
        out.extend(_citations_in(doc, note.start, note.end, holders.get(note.label), own))
    named = _described_as(out)
    out = [
        replace(c, key=named[(c.clause, c.key)]) if (c.clause, c.key) in named else c for c in out
    ]
    return tuple(sorted(set(out), key=lambda c: (c.start, c.end, c.key)))


def _described_as(citations: Sequence[Citation]) -> dict[tuple[str | None, str], str]:
    """{(clause, symbol key): outcome key} for each clause that describes one outcome document
    and cites one document symbol ("... adopted on 12 December 2015,1" and its footnote
    "A/70/652-S/2016/20, annex"): the symbol is the document described, cited under the
    description's key so that texts citing it without the footnote agree."""
    by_clause: dict[str, tuple[set[str], set[str]]] = {}
    for cit in citations:
        if cit.clause is not None:
            described, symbols = by_clause.setdefault(cit.clause, (set(), set()))
            if cit.key.startswith(DESCRIBED):
                described.add(cit.key)
            elif cit.key.startswith("doc:"):
                symbols.add(cit.key)
    return {
        (clause, next(iter(symbols))): next(iter(described))
        for clause, (described, symbols) in by_clause.items()
        if len(described) == 1 and len(symbols) == 1
    }


def _described_symbol(cit: Citation) -> str:
    """The symbol a citation of a described outcome document prints (its footnote), or ""."""
    text = cit.text.rstrip(".,;")
    return text if cit.key.startswith(DESCRIBED) and SYMBOL_RE.fullmatch(text) else ""


def targets(documents: Sequence[Document]) -> dict[str, str]:
    """Citation keys that resolve to corpus documents: {key: document id}. An outcome document
    cited by description also resolves to the corpus document whose symbol a describing clause
    cites (its footnote), whatever that document's title."""
    named = {
        symbol_key(symbol): cit.key
        for doc in documents
        for cit in doc.citations
        if (symbol := _described_symbol(cit))
    }
    out: dict[str, str] = {}
    for doc in documents:
        for key in sorted(document_keys(doc)):
            out.setdefault(key, doc.id)
            if key in named:
                out.setdefault(named[key], doc.id)
    return out


#: A resolution's part as printed after its number, before any date ("42/39 D", "50/80 A of
#: 12 December 1995", "50/80 A dated 12th December 1995"); not a session ("1514 (XV)").
PART_RE = re.compile(r"^\S*\d\s+([A-Z])(?![\w/])")


def part_letter(cit: Citation) -> str:
    """The part letter a citation prints after its number, or "": "42/39 D" and "42/39 K"
    are two resolutions adopted under one number (two regional centres), one key here."""
    m = PART_RE.match(cit.text.translate(HOMOGLYPHS))
    return m.group(1) if m else ""


def _label(key: str, part: str = "") -> str:
    kind, _, value = key.partition(":")
    if kind == "res" and re.fullmatch(r"\d+/\d+", value):
        return f"A/RES/{value}" + (f" {part}" if part else "")
    if kind == "res" and value.endswith(")"):
        return f"A/RES/{value.replace('(', ' (')}"
    if kind == "res":
        return f"Resolution {value}"
    if kind == "ecosoc":
        return f"E/RES/{value}"
    if kind == "sc":
        return f"S/RES/{value}"
    if kind in ("escap", "hrc"):
        return f"{kind.upper()} resolution {value}"
    if kind == "dec":
        return f"Decision {value}"
    if kind == DESCRIBED[:-1]:
        return f"Outcome document adopted on {value}"
    return value


def cited_documents(documents: Sequence[Document]) -> tuple[CitedDocument, ...]:
    """Documents cited by the corpus whose text is not in it, sorted by key."""
    resolved = targets(documents)
    by_key: dict[str, dict[str, object]] = {}
    for doc in documents:
        for cit in doc.citations:
            if cit.key in resolved:
                continue
            entry = by_key.setdefault(
                cit.key, {"dates": set(), "by": set(), "part": "", "symbols": set()}
            )
            entry["by"].add(doc.id)  # type: ignore[attr-defined]
            if symbol := _described_symbol(cit):
                entry["symbols"].add(symbol)  # type: ignore[attr-defined]
            if cit.date:
                entry["dates"].add(cit.date)  # type: ignore[attr-defined]
            if not entry["part"]:
                entry["part"] = part_letter(cit)
    out = []
    for key in sorted(by_key):
        entry = by_key[key]
        dates = sorted(entry["dates"])  # type: ignore[call-overload]
        symbols = sorted(entry["symbols"])  # type: ignore[call-overload]
        out.append(
            CitedDocument(
                key=key,
                label=symbols[0] if symbols else _label(key, str(entry["part"])),
                title="",
                date=dates[0] if dates else None,
                cited_by=tuple(sorted(entry["by"])),  # type: ignore[call-overload]
            )
        )
    return tuple(out)
