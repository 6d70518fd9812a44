"""Two small algorithms over positions that several stages use: runs in order, and groups.

`longest_increasing` finds the clauses that kept their order between two documents (the rest
moved); `components` joins clauses linked to each other into families.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (the leftmost on ties)."""
    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[k] = v
            tail_at[k] = i
        prev[i] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


def components(n: int, pairs: Sequence[tuple[int, int]]) -> list[int]:
    """Union-find: the root of each of n items, the root being the smallest item joined."""
    parent = list(range(n))
    for x, y in pairs:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        while parent[y] != y:
            parent[y] = parent[parent[y]]
            y = parent[y]
        if x != y:
            if x < y:
                parent[y] = x
            else:
                parent[x] = y
    for i in range(n):  # parents are smaller, so one forward pass resolves every root
        parent[i] = parent[parent[i]]
    return parent
