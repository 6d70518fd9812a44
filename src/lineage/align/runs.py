"""Word-id sequences compared in C: their text form, and the longest run two of them share.

Scoring compares word-id sequences hundreds of thousands of times (594,222 similarities and
412,491 word alignments on the real resolutions of ../shared/un-ga). rapidfuzz reads a str
from its buffer but converts a tuple element by element (Indel's similarity 9.1 us a pair on
tuples, 3.5 us on the same ids as str; its edit operations 32 us against 12 us), so each
wording's ids also carry `text`, the same sequence one character per id (`WordIds`), built
once for the whole corpus (`texts`). Equal ids, equal characters: every answer is the same.

`longest_common_run` answers difflib's `SequenceMatcher(None, a, b, autojunk=False)
.find_longest_match()` when the run is long enough, by str substring search instead of
visiting every pair of equal words (each "the" against every "the").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

#: Code points a str can hold (0 to 0x10FFFF): word ids at or beyond it have no text form.
CODE_POINTS = 0x110000
#: First code point of the surrogates: ids from here on are written 0x800 higher, so that the
#: text of a corpus decodes from UTF-32 in one call (UTF-32 holds no surrogates).
SURROGATES = 0xD800
SURROGATE_SPAN = 0x800
#: Every PROBE-th position of a is probed first for a piece of a long run: any run of
#: `at_least` words covers one of them together with the `at_least - PROBE` words after it,
#: so when no such piece is in b there is no run (most calls), found in a third of the probes.
PROBE = 3


class WordIds(tuple[int, ...]):
    """Word ids (a tuple, equal to the plain tuple of the same ids) with `text`: the same
    sequence as a str, character k the code of id k (see `texts`)."""

    text: str

    def __new__(cls, ids: Iterable[int], text: str) -> WordIds:
        self = super().__new__(cls, ids)
        self.text = text
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (WordIds, (tuple(self), self.text))


def texts(flat: np.ndarray, offsets: np.ndarray) -> list[str] | None:
    """The text of each sequence flat[offsets[r]:offsets[r + 1]] of word ids; None when some
    id has no code point (more than a million distinct words)."""
    if len(flat) and (int(flat.min()) < 0 or int(flat.max()) >= CODE_POINTS - SURROGATE_SPAN):
        return None
    codes = flat + np.where(flat >= SURROGATES, SURROGATE_SPAN, 0)
    whole = codes.astype("<u4").tobytes().decode("utf-32-le")
    bounds = offsets.tolist()
    return [whole[bounds[r] : bounds[r + 1]] for r in range(len(bounds) - 1)]


def comparable(a: Sequence[int], b: Sequence[int]) -> tuple[Sequence[Any], Sequence[Any]]:
    """a and b as their texts when both have one (`WordIds`), else as they are: the same
    answer from rapidfuzz either way, the texts much faster."""
    if type(a) is WordIds and type(b) is WordIds:
        return a.text, b.text
    return a, b


def _dense_texts(a: Sequence[Any], b: Sequence[Any]) -> tuple[str, str]:
    """Two sequences of hashable tokens as strs, one character per token, equal tokens equal
    characters (codes numbered by first occurrence)."""
    if type(a) is WordIds and type(b) is WordIds:
        return a.text, b.text
    codes: dict[Any, int] = {}
    sa = "".join([chr(codes.setdefault(x, len(codes)) % CODE_POINTS) for x in a])
    sb = "".join([chr(codes.setdefault(x, len(codes)) % CODE_POINTS) for x in b])
    if len(codes) > CODE_POINTS:
        raise ValueError(f"longest_common_run compares at most {CODE_POINTS:,} distinct words")
    return sa, sb


def _may_share(short: str, other: str, at_least: int) -> bool:
    """False when `short` and `other` share no run of `at_least` characters: every run that
    long holds one of the pieces of `short` probed here (see PROBE). Probing the shorter of
    the two takes fewer probes; a run is common to both, so either side finds it."""
    piece = max(at_least - PROBE + 1, 1)
    step = at_least - piece + 1
    for p in range(step - 1, len(short) - piece + 1, step):
        if short[p : p + piece] in other:
            return True
    return False


def longest_common_run(
    a: Sequence[Any], b: Sequence[Any], at_least: int
) -> tuple[int, int, int] | None:
    """(start in a, start in b, length) of the longest run of a found in b, if it has at least
    `at_least` words; else None.

    Ties go as in difflib's `find_longest_match`: the run that starts earliest in a, then
    earliest in b. Walking a from the left, the best length so far grows while a's next
    longer piece from here is in b: the first start that reaches the final length is kept,
    and its earliest place in b is found by `str.find`.
    """
    if at_least < 1 or len(a) < at_least or len(b) < at_least:
        return None
    sa, sb = _dense_texts(a, b)
    n = len(sa)
    if not (_may_share(sa, sb, at_least) if n <= len(sb) else _may_share(sb, sa, at_least)):
        return None
    size, best = at_least - 1, -1
    i = 0
    while i + size < n:
        while i + size < n and sa[i : i + size + 1] in sb:
            size += 1
            best = i
        i += 1
    if best < 0:
        return None
    return best, sb.find(sa[best : best + size]), size
