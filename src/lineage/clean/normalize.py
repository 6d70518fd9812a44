"""Normalisation for matching: folds what a reader ignores, keeps a map back to the original.

The normalised form is only ever used to compare clauses; reports show the original characters.
Folding: Unicode NFKC, case, punctuation, quotes and dashes (hyphens separate words, so the PDF
artefact "United Nations -led" equals "United Nations-led"), Markdown links and emphasis,
footnote markers glued to words (`2015,¹`, `Nations,2`, `resolutions, 3`, `Group5`) and Cyrillic
look-alike letters inside English text (`а` for `a`, `ш` for `in`, `о[` for `of`).

It works in two steps so that every token keeps its original span: first a list of edits
(drops and replacements) on the original text, applied by slicing, with a piecewise map from
the edited text back to the original; then a regular-expression tokeniser over the edited text.
Mostly-ASCII text takes fast paths, so a 5 MB paragraph is linear and quick.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Token", "normalize", "tokens", "clean", "fold_space", "footnote_markers"]


class Token(NamedTuple):
    """One word for matching: `norm` is its folded form, `text[start:end]` the original.

    A named tuple rather than a dataclass: a long text has a million of them.
    """

    norm: str
    start: int
    end: int


SUPERSCRIPTS = "¹²³⁰⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "1230456789")
#: Plain digits as superscript ones: footnote markers as a reader sees them (clean/shown.py).
DIGIT_TO_SUPER = str.maketrans("1230456789", SUPERSCRIPTS)
_SUPER_RE = re.compile(f"[{SUPERSCRIPTS}]")
# Cyrillic letters that look like Latin ones, case kept (casefolding comes later).
HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "һ": "h",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "Һ": "H",
    }
)
_LOOKALIKE = frozenset("аеорсухіјѕһАВЕКМНОРСТХУІЈЅҺ")
#: A standalone Cyrillic `ш` in English text is a mangled "in" (`ш accordance with`).
_WORD_HOMOGLYPHS = {"ш": "in"}

# A word: letters/digits, joined across apostrophes and slashes ("Turkmenistan's", "50/80",
# "A/RES/78/74") and across "." or "," between digits ("12.09.2019"). Hyphens, dashes, quotes,
# brackets, asterisks and underscores separate words.
TOKEN_RE = re.compile(r"[^\W_]+(?:(?:['’ʼ/]|(?<=\d)[.,](?=\d))[^\W_]+)*")
#: TOKEN_RE for ASCII texts: the same words (on ASCII, `\w` and `\d` are the same classes
#: either way, and no non-ASCII apostrophe can occur), found faster (un-ga's clauses: 0.72 ->
#: 0.56 s, load10's measure).
ASCII_TOKEN_RE = re.compile(TOKEN_RE.pattern, re.ASCII)

_LINK_RE = re.compile(r"\[([^\[\]\n]{0,300})\]\(([^()\s]{0,300})\)")
_OF_RE = re.compile(r"(?<!\S)[оО]\[(?=\s|$)")
# Footnote markers: one or two digits (dropped; the punctuation goes with the tokeniser) that
# are glued to a word of three letters or more (`Group5`), glued after a comma or semicolon
# (`Nations,2`, `2015,1`, `cooperation”,1`), or spaced after "word," at a line end or before a
# lower-case word (`resolutions, 3`, `Peace, 2  which`). See `_marker_edits`.
#: A run of one or two digits that `_marker_edits` may drop: after a letter, a comma, a
#: semicolon or a space, not before a letter, a digit or "/" and a letter. A superset of the
#: markers (the rules in `_marker_edits` still decide), found in C: a Python loop over every
#: digit run (`\d+`, dates and symbols included) cost 0.9 s of loading un-ga. It starts with
#: `\d` and looks behind only there, so the search skips to digits.
_MARKER_CANDIDATE_RE = re.compile(r"\d(?<=[^\W\d_]\d|[,; ]\d)\d?(?!\d)(?![^\W_]|/[^\W_])")
_LOWER_AFTER_RE = re.compile(r"[ \t]*(?:\n|$)|[ \t]+[a-z]")
_LOWER_AFTER_WIDE_RE = re.compile(r"[ \t]*(?:\n|$)|[ \t]{2,}[a-z]")
_CLOSERS = frozenset('”"’)]*')
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
#: The spaces folded with a line break before it (after it: any white space, `str.lstrip`).
_LINE_END_SPACE = " \t\r\f\v\u00a0"


def fold_space(text: str) -> str:
    """Fold each run of line breaks, and the spaces around it, to one space (display text).

    The regular expression `[ \\t\\r\\f\\v\\u00a0]*\\n\\s*` substituted by " ", done line by
    line: the expression, starting with a repeat, was tried at every character (0.4 s of
    loading un-ga, on 13 MB of clause text)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    kept = [lines[0].rstrip(_LINE_END_SPACE)]
    last = len(lines) - 1
    for i in range(1, last + 1):
        line = lines[i].lstrip()
        if line:  # a line all white space is part of the run of breaks around it
            kept.append(line if i == last else line.rstrip(_LINE_END_SPACE))
        elif i == last:
            kept.append("")  # the text ends with a run of breaks: one space
    return " ".join(kept)


class _Edited:
    """Text after edits, with a piecewise map of its positions back to the original."""

    __slots__ = ("text", "_starts", "_origins", "_lengths", "_length")

    def __init__(self, original: str, edits: list[tuple[int, int, str]]) -> None:
        if not edits:  # the common case: nothing to fold, the identity map
            self.text = original
            self._starts, self._origins, self._lengths = [0], [0], [-1]
            self._length = len(original)
            return
        parts: list[str] = []
        starts: list[int] = []  # start of each segment in the edited text
        origins: list[int] = []  # where it comes from in the original
        lengths: list[int] = []  # for replacements: the original length they stand for
        pos = 0  # position in the original
        out = 0  # position in the edited text
        for start, end, repl in edits:
            if start < pos:  # overlapping edit: the first one wins
                continue
            if start > pos:
                parts.append(original[pos:start])
                starts.append(out)
                origins.append(pos)
                lengths.append(-1)  # copied: one-to-one
                out += start - pos
            if repl:
                parts.append(repl)
                starts.append(out)
                origins.append(start)
                lengths.append(end - start)
                out += len(repl)
            pos = end
        if pos < len(original) or not starts:
            parts.append(original[pos:])
            starts.append(out)
            origins.append(pos)
            lengths.append(-1)
        self.text = "".join(parts)
        self._starts = starts
        self._origins = origins
        self._lengths = lengths
        self._length = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of edited text[start:end] (end > start)."""
        return self._origin(start, False), self._origin(end - 1, True)

    def origins(self, positions: np.ndarray, after: bool) -> np.ndarray:
        import numpy as np

        """`_origin` of many positions at once (the vectorised form, for long texts)."""
        if len(self._starts) == 1 and self._lengths[0] < 0:
            return positions + (self._origins[0] + (1 if after else 0))
        starts = np.asarray(self._starts)
        idx = np.searchsorted(starts, positions, side="right") - 1
        lengths = np.asarray(self._lengths)[idx]
        origins = np.asarray(self._origins)[idx]
        copied = origins + (positions - starts[idx]) + (1 if after else 0)
        replaced = origins + (lengths if after else 0)
        return np.where(lengths < 0, copied, replaced)

    def _origin(self, pos: int, after: bool) -> int:
        i = bisect_right(self._starts, pos) - 1
        length = self._lengths[i]
        if length < 0:
            return self._origins[i] + (pos - self._starts[i]) + (1 if after else 0)
        return self._origins[i] + (length if after else 0)


def _edits(text: str) -> list[tuple[int, int, str]]:
    """Drops and replacements on the original text, sorted, for one pass of folding."""
    edits: list[tuple[int, int, str]] = []
    if "](" in text:
        for m in _LINK_RE.finditer(text):
            edits.append((m.start(), m.start(1), " "))
            edits.append((m.end(1), m.end(), " "))
    if not text.isascii():
        for m in _OF_RE.finditer(text):
            edits.append((m.start(), m.end(), "of"))
        if unicodedata.is_normalized("NFKC", text):
            edits.sort()  # no character NFKC changes, so no superscript (NFKC makes it a digit)
            return edits
        for m in _NON_ASCII_RE.finditer(text):
            ch = m.group()
            if ch in SUPERSCRIPTS:
                edits.append((m.start(), m.end(), ""))
            else:
                folded = unicodedata.normalize("NFKC", ch)
                if folded != ch:
                    edits.append((m.start(), m.end(), folded))
    edits.sort()
    return edits


def _marker_edits(text: str) -> list[tuple[int, int, str]]:
    """Footnote markers in (already NFKC-folded) text: digits to drop.

    Scans the runs of one or two digits that could be markers (`_MARKER_CANDIDATE_RE`) and
    looks around them, so it stays linear and fast.
    """
    edits: list[tuple[int, int, str]] = []
    n = len(text)
    for m in _MARKER_CANDIDATE_RE.finditer(text):
        s, e = m.span()
        nxt = text[e] if e < n else ""
        after = text[e + 1 : e + 2]
        if nxt and (
            nxt.isalnum()
            or (nxt == "/" and after.isalnum() and after != "_")
            or (nxt in ".," and after.isdigit())
        ):
            continue
        prev = text[s - 1]
        if prev.isalpha():
            i = s - 1
            while i > 0 and text[i - 1].isalpha():
                i -= 1
            if len(text[i:s].casefold()) >= 3:
                edits.append((s, e, ""))
        elif prev in ",;" and s >= 2:
            before = text[s - 2]
            if before.isalpha() or before in _CLOSERS or (s >= 5 and text[s - 5 : s - 1].isdigit()):
                edits.append((s, e, ""))
        elif prev == " " and s >= 3 and text[s - 2] in ",;":
            before = text[s - 3]
            if before.isalpha() and _LOWER_AFTER_RE.match(text, e):
                edits.append((s, e, ""))
            elif s >= 6 and text[s - 6 : s - 2].isdigit() and _LOWER_AFTER_WIDE_RE.match(text, e):
                edits.append((s, e, ""))
    return edits


def clean(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """Text with Markdown link syntax and superscript markers dropped and NFKC applied.

    Returns the cleaned text and a function mapping a span (start, end) of it, end > start,
    to the span of the original text it comes from. Used where a regular expression must see
    the text as read (citations), not for matching.
    """
    edited = _Edited(text, _edits(text))
    return edited.text, edited.span


def footnote_markers(text: str) -> list[tuple[str, int, int]]:
    """Footnote markers in text as (number, start, end): `¹`, `Nations,2`, `Group5`, `, 3`."""
    first = _Edited(text, _edits(text))
    found = (
        [
            (m.group().translate(_SUPER_TO_DIGIT), m.start(), m.end())
            for m in _SUPER_RE.finditer(text)
        ]
        if not text.isascii()
        else []
    )
    runs: list[tuple[str, int, int]] = []
    for label, start, end in found:  # join adjacent superscripts: "¹²" is 12
        if runs and runs[-1][2] == start:
            runs[-1] = (runs[-1][0] + label, runs[-1][1], end)
        else:
            runs.append((label, start, end))
    for start, end, _ in _marker_edits(first.text):
        s, e = first.span(start, end)
        runs.append((first.text[start:end], s, e))
    return sorted(runs, key=lambda r: (r[1], r[2]))


def _pipeline(text: str) -> tuple[str, _Edited, _Edited]:
    first = _Edited(text, _edits(text))
    second = _Edited(first.text, _marker_edits(first.text))
    return second.text, first, second


def _is_latin_context(word: str) -> bool:
    """Has the word a letter or digit of another script than Cyrillic (stable under folding)?"""
    return any(c.isalnum() and not ("\u0400" <= c <= "\u04ff") for c in word)


def _fold_words(words: list[str]) -> list[str]:
    """Fold case, NFKC, quotes and look-alike letters of each word, with its neighbours as context.

    A word mixing Cyrillic look-alikes with Latin letters or digits is Latin. A run of words made
    only of look-alikes (`а`, `ш`) next to a Latin word is Latin too; other Cyrillic words
    (a Russian title line) stay as they are.
    """
    n = len(words)
    ascii_words = [w.isascii() for w in words]
    if all(ascii_words):
        return [w.lower() for w in words]
    cyr = [
        not a and any("\u0400" <= c <= "\u04ff" for c in w)
        for w, a in zip(words, ascii_words, strict=True)
    ]
    latin = [a or _is_latin_context(w) for w, a in zip(words, ascii_words, strict=True)]
    fold = [cyr[i] and latin[i] for i in range(n)]
    candidate = [
        cyr[i]
        and not latin[i]
        and all(c in _LOOKALIKE or c.casefold() in _WORD_HOMOGLYPHS for c in words[i])
        for i in range(n)
    ]
    # Spread from Latin neighbours through runs of look-alike-only words, both directions.
    for order in (range(n), range(n - 1, -1, -1)):
        for i in order:
            if candidate[i] and not fold[i]:
                for j in (i - 1, i + 1):
                    if 0 <= j < n and (latin[j] or fold[j]):
                        fold[i] = True
                        break
    out = []
    for i, w in enumerate(words):
        if ascii_words[i]:
            out.append(w.lower())
            continue
        if fold[i]:
            low = w.casefold()
            w = _WORD_HOMOGLYPHS[low] if low in _WORD_HOMOGLYPHS else w.translate(HOMOGLYPHS)
        out.append(_fold_word(w))
    return out


def _fold_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFKC", word.casefold())
    return word.replace("’", "'").replace("ʼ", "'")


def tokens(text: str) -> list[Token]:
    """The words of text for matching, each with its span in the original text."""
    edited_text, first, second = _pipeline(text)
    words = ASCII_TOKEN_RE if edited_text.isascii() else TOKEN_RE
    matches = list(words.finditer(edited_text))
    if not matches:
        return []
    import numpy as np  # here, not at import: every command imports this module

    norms = _fold_words([m.group() for m in matches])
    bounds = np.array([m.span() for m in matches], dtype=np.int64)
    # edited text -> text before marker removal -> original text
    starts = first.origins(second.origins(bounds[:, 0], False), False)
    ends = first.origins(second.origins(bounds[:, 1] - 1, True) - 1, True)
    return list(map(Token._make, zip(norms, starts.tolist(), ends.tolist(), strict=True)))


#: Texts whose normal form is remembered: a clause kept verbatim from the version before
#: comes back about one corpus year later (30,000 clauses in 10,000 synthetic documents,
#: 9,000 in un-ga); 2 of 3 `normalize` calls on a synthetic corpus, 1 of 3 on un-ga, are
#: repeats. The keys are the clauses' own texts, so the cache adds little memory.
NORMALIZE_CACHE = 1 << 16


@lru_cache(maxsize=NORMALIZE_CACHE)
def normalize(text: str) -> str:
    """The folded words of text joined by single spaces: the form clauses are matched on.

    Pure (the same text, the same form), so remembered."""
    edited_text, _, _ = _pipeline(text)
    if edited_text.isascii():
        return " ".join(ASCII_TOKEN_RE.findall(edited_text.lower()))
    return " ".join(_fold_words(TOKEN_RE.findall(edited_text)))
