"""Word-level diffs of two original texts, for display.

diff-match-patch diffs characters; run on words it reads like a person's edit instead of
"character confetti". Each text is cut into tokens (words, runs of whitespace, single
punctuation marks), each distinct token is mapped to one private character, the strings of
those characters are diffed (no time limit: a limit would make results depend on the machine)
and cleaned up semantically (a replaced phrase becomes one deletion and one insertion), then
mapped back. The diff is Google's C++ diff-match-patch (fast-diff-match-patch), the same
algorithm as the pure-Python package it replaced and, on every linked clause pair of
../shared/un-ga, the same diffs, at C speed: the Python bisection was half of all report
rendering time. Pairs whose exact diff would take seconds or hours (`bounded.exact_diff`:
huge texts, or long ones that differ everywhere) are diffed from linear matching blocks.

`word_diff` compares tokens exactly: joining the 0 and -1 pieces gives `a`, joining the 0 and
1 pieces gives `b`, character for character. `folded_diff` compares tokens by a folded form
(case, look-alike letters, whitespace), so a Cyrillic `а` in a copied clause is no change; its
equal pieces therefore carry both originals: `(0, a_text, b_text)`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

try:
    import fast_diff_match_patch as _FAST
except ImportError:  # pragma: no cover - a virtualenv made before the dependency changed
    _FAST = None

from .. import bounded
from ..clean.normalize import HOMOGLYPHS

#: Tokens in an anchor of the linear diff: words and the spaces between them, so as many
#: words as bounded.ANCHOR.
DIFF_ANCHOR = 2 * bounded.ANCHOR
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
#: fast-diff-match-patch's operation signs as diff-match-patch's -1 (delete), 0, 1 (insert).
_OP = {"-": -1, "=": 0, "+": 1}


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and punctuation marks; joined they give the text back."""
    return _TOKEN.findall(text)


#: Distinct tokens whose folded form is remembered: a corpus's vocabulary is far smaller, and
#: folding each of the millions of tokens a report diffs was a fifth of its rendering.
FOLD_CACHE = 1 << 16


@lru_cache(maxsize=FOLD_CACHE)
def fold(token: str) -> str:
    """The form tokens are compared by in `folded_diff`."""
    if token.isspace():
        return " "
    return token.translate(HOMOGLYPHS).casefold()


#: The private characters tokens are mapped to: U+0100 on, surrogates skipped. The first
#: stretch is one string, so that mapping the tokens of a pair is a loop in C.
_FIRST_POINTS = "".join(map(chr, range(0x100, 0xD800)))


def _code_points() -> Iterator[str]:
    yield from _FIRST_POINTS
    yield from map(chr, range(0xE000, sys.maxunicode + 1))


def _diff_tokens(
    ta: Sequence[str], tb: Sequence[str], key: Callable[[str], str]
) -> list[tuple[int, int]]:
    """Diff token lists; returns (op, number of tokens) runs."""
    keys_a, keys_b = list(map(key, ta)), list(map(key, tb))
    # one character per distinct key, in order of first appearance (a's, then b's); the
    # loops run in C: a loop per token in Python was a tenth of report rendering
    table = dict(zip(dict.fromkeys([*keys_a, *keys_b]), _code_points(), strict=False))
    a = "".join(map(table.__getitem__, keys_a))
    b = "".join(map(table.__getitem__, keys_b))
    if not bounded.exact_diff(a, b):  # huge or wildly different: linear matching blocks
        return _block_runs(bounded.matching_blocks(a, b, DIFF_ANCHOR))
    if _FAST is None:  # pragma: no cover
        return _python_runs(a, b)
    runs = _FAST.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True)
    return [(_OP[op], n) for op, n in runs if n]


def _python_runs(a: str, b: str) -> list[tuple[int, int]]:  # pragma: no cover
    """The same diff by the pure-Python diff-match-patch, for a virtualenv installed before
    fast-diff-match-patch became the dependency (`pip install -e .` again makes it fast)."""
    from diff_match_patch import diff_match_patch  # only where the C++ port is missing

    dmp: Any = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, len(chars)) for op, chars in diffs if chars]


def _block_runs(blocks: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(op, number of tokens) runs from matching blocks: what lies between two blocks is
    deleted from a and inserted from b."""
    runs: list[tuple[int, int]] = []
    i = j = 0
    for bi, bj, size in blocks:
        runs += [(op, n) for op, n in ((-1, bi - i), (1, bj - j), (0, size)) if n]
        i, j = bi + size, bj + size
    return runs


def word_diff(a: str, b: str) -> list[tuple[int, str]]:
    """Diff two texts word by word: (op, text) with op -1 deleted, 0 equal, 1 inserted."""
    ta, tb = tokenize(a), tokenize(b)
    out: list[tuple[int, str]] = []
    i = j = 0
    for op, n in _diff_tokens(ta, tb, lambda t: t):
        if op == 1:
            out.append((1, "".join(tb[j : j + n])))
            j += n
        else:
            out.append((op, "".join(ta[i : i + n])))
            i += n
            if op == 0:
                j += n
    return out


def folded_diff(a: str, b: str) -> list[tuple[int, str, str]]:
    """Diff two texts ignoring case, look-alike letters and whitespace differences.

    Returns (op, a_text, b_text): equal pieces carry both originals, deletions ("" for b) and
    insertions ("" for a) one. Joining the a_texts gives a, joining the b_texts gives b.
    """
    ta, tb = tokenize(a), tokenize(b)
    out: list[tuple[int, str, str]] = []
    i = j = 0
    for op, n in _diff_tokens(ta, tb, fold):
        if op == 1:
            out.append((1, "", "".join(tb[j : j + n])))
            j += n
        elif op == -1:
            out.append((-1, "".join(ta[i : i + n]), ""))
            i += n
        else:
            out.append((0, "".join(ta[i : i + n]), "".join(tb[j : j + n])))
            i += n
            j += n
    return out
