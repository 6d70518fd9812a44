"""Linear-time guards for comparisons whose inputs have no size limit.

The exact comparisons lineage makes are quadratic at worst: an LCS alignment (rapidfuzz's
Indel: time len(a)·len(b)/64, and len(a)·len(b)/8 bytes for its edit operations), difflib's
longest match (pure Python, len(a)·len(b)), diff-match-patch's Myers diff (len·edits). Real
clauses are at most a few thousand words, far inside EXACT_CELLS, and are compared exactly.
Two huge clauses that resemble each other (megabytes each: a PDF extraction that lost its
paragraph breaks, a hostile file) would take minutes to hours and gigabytes; beyond
EXACT_CELLS the same questions are answered from `matching_blocks`, which takes time and
memory linear in the lengths (plus a sort).

A guard for whoever owns the callers: `exact(a, b)` (and `exact_diff` for Myers diffs) says
which path to take; `similarity` and `matching_blocks` are the linear stand-ins for Indel's
similarity and matching blocks.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence, Sized
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Indel

from .graph import longest_increasing

#: Largest len(a) * len(b) compared exactly: 5,000 x 5,000 words, about 0.1 s for rapidfuzz's
#: LCS and 3 MB for its edit operations; the longest clause of the 659 real UN resolutions in
#: ../shared/un-ga is under 1,500 words, so real clauses never leave the exact path.
EXACT_CELLS = 100_000_000
#: Largest (len(a) + len(b)) * edit distance diffed by diff-match-patch's Myers diff, which
#: costs about that many steps of pure Python (0.2-1.7 us each, measured on 40-word random
#: texts on the 2-core machine): about 2 s at worst. Real clause pairs are far below (300
#: words each with 100 words changed: 1,200 tokens x 200 = 240,000); a random shuffle of
#: 1,000 words costs 15 s and 2,000 words 89 s exactly, 0.05 s through matching_blocks.
EXACT_DIFF_WORK = 1_000_000
#: Tokens in an anchor of the linear method: a run this long that occurs once in each
#: sequence is taken as common to both (8 words hardly recur by chance, see PASSAGE).
ANCHOR = 8
#: Multiplier of the run hash: a large odd 64-bit constant (golden ratio), mixing bits well.
_HASH_BASE = 0x9E3779B97F4A7C15


def exact(a: Sized, b: Sized) -> bool:
    """Whether a and b are small enough for the exact, quadratic comparison."""
    return len(a) * len(b) <= EXACT_CELLS


def exact_diff(a: str, b: str) -> bool:
    """Whether a Myers diff of a and b stays within EXACT_DIFF_WORK (the edit distance is
    measured first by rapidfuzz, bit-parallel in C++, only while `exact` holds)."""
    return exact(a, b) and (len(a) + len(b)) * Indel.distance(a, b) <= EXACT_DIFF_WORK


def _codes(seq: str | tuple[int, ...]) -> Any:
    """The tokens as a numpy array of integers (code points of a str, ids of a tuple)."""
    import numpy as np  # only huge comparisons need it

    if isinstance(seq, str):
        return np.frombuffer(seq.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return np.array(seq, dtype=np.int64).astype(np.uint64)


def _unique_runs(seq: str | tuple[int, ...], size: int) -> tuple[Any, Any]:
    """(hashes, starts) of the runs of `size` tokens that occur exactly once in seq: a
    polynomial hash over 64 bits (wrapping), computed for all runs at once with numpy."""
    import numpy as np

    codes = _codes(seq)
    count = len(codes) - size + 1
    if count <= 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    hashes = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(size):
            hashes = hashes * np.uint64(_HASH_BASE) + codes[t : t + count] + np.uint64(1)
    values, starts, counts = np.unique(hashes, return_index=True, return_counts=True)
    once = counts == 1
    return values[once], starts[once]


def matching_blocks(
    a: Sequence[Hashable], b: Sequence[Hashable], anchor: int = ANCHOR
) -> list[tuple[int, int, int]]:
    """Blocks (i, j, size) of equal tokens, in order in both, not overlapping, ending with
    (len(a), len(b), 0) as difflib's do; linear time and memory (plus sorts).

    A patience-style alignment: runs of `anchor` tokens found once in each sequence are the
    anchors, the longest chain of anchors in order in both is kept (longest increasing
    subsequence), and each is grown backwards and forwards over equal tokens. It finds the
    long shared passages an exact LCS finds; it can miss short ones between them. a and b
    are str (characters are the tokens) or tuples of ints."""
    sa = a if isinstance(a, str) else tuple(a)
    sb = b if isinstance(b, str) else tuple(b)
    return _blocks(sa, sb, anchor)  # type: ignore[arg-type]


@lru_cache(maxsize=4)  # a scorer asks up to three questions of one huge pair
def _blocks(
    a: str | tuple[int, ...], b: str | tuple[int, ...], anchor: int
) -> list[tuple[int, int, int]]:
    import numpy as np

    hash_a, start_a = _unique_runs(a, anchor)
    hash_b, start_b = _unique_runs(b, anchor)
    _, in_a, in_b = np.intersect1d(hash_a, hash_b, assume_unique=True, return_indices=True)
    order = np.argsort(start_a[in_a], kind="stable")
    pairs = list(zip(start_a[in_a][order].tolist(), start_b[in_b][order].tolist(), strict=True))
    chain = sorted(longest_increasing([j for _, j in pairs]))
    blocks: list[tuple[int, int, int]] = []
    end_a = end_b = 0
    for i, j in (pairs[n] for n in chain):
        if i < end_a or j < end_b or a[i : i + anchor] != b[j : j + anchor]:
            continue  # inside the block grown before, or a hash collision
        back = 0
        while i - back > end_a and j - back > end_b and a[i - back - 1] == b[j - back - 1]:
            back += 1
        size = back
        while (
            i - back + size < len(a)
            and j - back + size < len(b)
            and (a[i - back + size] == b[j - back + size])
        ):
            size += 1
        blocks.append((i - back, j - back, size))
        end_a, end_b = i - back + size, j - back + size
    blocks.append((len(a), len(b), 0))
    return blocks


def similarity(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Indel's normalized similarity estimated from matching_blocks: 2·matched/(|a|+|b|)."""
    total = len(a) + len(b)
    if not total:
        return 1.0
    return 2 * sum(size for _, _, size in matching_blocks(a, b)) / total
