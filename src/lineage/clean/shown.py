"""Clause text as a reader sees it, from the lines of a PDF extraction (issue 12).

Two artefacts of line-broken text show on report pages unless mended here:
- A compound broken after its hyphen ("United Nations-" / "led") was joined with a space,
  "United Nations- led". UN documents are set without word division (in ../shared/un-ga
  every line-final hyphen is a compound's: Secretary-General, high-level, self-determination),
  so a line break after a letter's hyphen is dropped, unless the next word is a conjunction
  or "to": then the hyphen is suspended ("medium- and long-term", "short- to medium-term") and
  the space stays.
- A footnote marker printed as a plain number glued to its word ("Indigenous Peoples10",
  "Nations,2") reads as part of the word. The markers `normalize.footnote_markers` finds
  (those matching already drops) are shown as superscript digits ("Peoples¹⁰"), the space
  before a spaced one dropped ("resolutions, 3" -> "resolutions,³").
Matching is unchanged by both: hyphens separate words, and markers, superscript or not,
are dropped (normalize.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .markdown import display
from .normalize import DIGIT_TO_SUPER, fold_space, footnote_markers

#: Words after which a line-final hyphen is suspended, not a compound's ("medium- and
#: long-term", "pre- or post-", "short- to medium-term"): English, not any one text's.
SUSPENDING_WORDS = ("and", "or", "nor", "to")
#: A word that can end a compound broken at its hyphen: a letter, not a suspending word.
_COMPOUND_REST = rf"(?!(?:{'|'.join(SUSPENDING_WORDS)})\b)[^\W\d_]"
_COMPOUND_END_RE = re.compile(r"[^\W\d_]-$")
_WORD_START_RE = re.compile(_COMPOUND_REST)
#: A letter's hyphen, then a line break (with the spaces around it) before a word; the hyphen
#: comes first so that the search skips to hyphens (looking behind at every character first
#: cost 0.4 s of loading un-ga).
_HYPHEN_BREAK_RE = re.compile(rf"-(?<=[^\W\d_]-)[ \t\r\f\v\u00a0]*\n\s*(?={_COMPOUND_REST})")
#: A decimal digit: every one is `str.isdigit`; the other `isdigit` characters (superscripts,
#: subscripts, circled digits) are all outside ASCII.
_DECIMAL_RE = re.compile(r"\d")


def unbreak_compounds(text: str) -> str:
    """`text` without the line breaks that cut a hyphenated compound."""
    return _HYPHEN_BREAK_RE.sub("-", text) if "-" in text else text


def joined(parts: Iterable[str]) -> str:
    """Pieces of one clause (cut by page breaks or footnote blocks) joined with a space, or
    with none where a piece ends in a compound's hyphen."""
    out: list[str] = []
    for part in parts:
        if out and _COMPOUND_END_RE.search(out[-1]) and _WORD_START_RE.match(part):
            out[-1] += part
        else:
            out.append(part)
    return " ".join(out)


def _has_digit(text: str) -> bool:
    """`any(c.isdigit() for c in text)`, in C: a regular expression, then (outside ASCII) a
    scan for the digits it does not know (the generator cost 1.3 s of un-ga's 8 s of segmenting:
    most clauses have no digit, so it ran to their end)."""
    return _DECIMAL_RE.search(text) is not None or (
        not text.isascii() and any(map(str.isdigit, text))
    )


def superscript_markers(text: str) -> str:
    """`text` with its plain-digit footnote markers as superscript digits."""
    if not _has_digit(text):
        return text
    out: list[str] = []
    pos = 0
    for label, start, end in footnote_markers(text):
        if not (label.isascii() and text[start:end] == label):
            continue  # already superscript
        cut = start - 1 if start > 0 and text[start - 1] == " " else start
        out.append(text[pos:cut])
        out.append(text[start:end].translate(DIGIT_TO_SUPER))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def shown_text(pieces: Iterable[str], strip: bool = False) -> str:
    """A clause's (or a clause part's) text from its pieces of the source: line breaks folded
    but for compounds, Markdown shown as text, footnote markers as superscripts."""
    text = joined(fold_space(unbreak_compounds(p)) for p in pieces)
    return superscript_markers(display(text.strip() if strip else text))
