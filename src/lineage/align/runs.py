"""The longest run two word sequences share, found through their shared n-grams.

`difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match()` visits every pair
of equal words (each "the" against every "the"): on the real resolutions of ../shared/un-ga
that was half of all scoring time (55 of 97 profiled seconds, 95,205 calls). Scoring only
wants the run when it is at least PASSAGE words long, so here only runs that share an
`at_least`-word n-gram are looked at: far fewer pairs, the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence


def longest_common_run(
    a: Sequence[int], b: Sequence[int], at_least: int
) -> tuple[int, int, int] | None:
    """(start in a, start in b, length) of the longest run of a found in b, if it has at least
    `at_least` words; else None.

    Ties go as in difflib's `find_longest_match`: the run that starts earliest in a, then
    earliest in b. Every maximal run of `at_least` words or more starts with a shared n-gram
    of that length that cannot be extended to the left; each is extended to the right.
    """
    if at_least < 1 or len(a) < at_least or len(b) < at_least:
        return None
    starts: dict[tuple[int, ...], list[int]] = {}
    for j in range(len(b) - at_least + 1):
        starts.setdefault(tuple(b[j : j + at_least]), []).append(j)
    best: tuple[int, int, int] | None = None
    for i in range(len(a) - at_least + 1):
        found = starts.get(tuple(a[i : i + at_least]))
        if found is None:
            continue
        for j in found:
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a run that starts further left: counted there
            size = at_least
            while i + size < len(a) and j + size < len(b) and a[i + size] == b[j + size]:
                size += 1
            if best is None or size > best[2]:
                best = (i, j, size)
    return best
