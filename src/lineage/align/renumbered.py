"""Clauses identical but for their numbers, in two documents of one series: one clause.

The shingle search (`align.index`) finds no candidate for a clause made of formula and a
citation, such as "Takes note of the report of the Secretary-General on the implementation of
resolution 77/7": every 3-word shingle of it is formula (printed in more than `index.MAX_DF`
wordings) but those holding the number, and the number is another in the next version, which
cites the resolution before it (78/7). Such a pair is looked up here by its words with numbers
folded (`background.fold_word`), between documents of one series only (`background.series_key`:
the same title, numbers aside), where a clause updated by its numbers is the expected next
version; across series one template filled with other figures is no link
(`across_series._refilled`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set

from .background import NUMBER, fold_word
from .prepared import Prepared
from .scoring import Score, score_pair


def candidates(prepared: Prepared, scored: Set[tuple[int, int]]) -> list[tuple[int, int, Score]]:
    """Scored clause pairs (earlier, later) of documents of one series whose wordings differ
    only by numbers, for the wording pairs the shingle search did not score (`scored`: rep
    pairs, higher rep first)."""
    out: list[tuple[int, int, Score]] = []
    for reps in _by_folded_words(prepared):
        for i, r in enumerate(reps):
            for q in reps[i + 1 :]:  # q > r: reps are listed in order
                if (q, r) in scored:
                    continue
                pairs = _same_series(prepared, r, q)
                if not pairs:
                    continue
                found = score_pair(prepared.reps[r], prepared.reps[q], prepared.idf, prepared.near)
                if found is not None:
                    out.extend((x, y, found) for x, y in pairs)
    return out


def _by_folded_words(prepared: Prepared) -> list[list[int]]:
    """The reps holding a number, grouped by their words with numbers folded: groups of two
    or more, in order of their first rep."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for r, w in enumerate(prepared.reps):
        folded = tuple(map(fold_word, w.words))  # cached: each distinct word folded once
        if NUMBER in folded:
            groups[folded].append(r)
    return [reps for reps in groups.values() if len(reps) > 1]


def _same_series(prepared: Prepared, r: int, q: int) -> list[tuple[int, int]]:
    """The clause pairs (earlier, later) of reps r and q in two documents of one series."""
    doc, series = prepared.clause_doc, prepared.doc_series
    return [
        (min(x, y), max(x, y))
        for x in prepared.rep_clauses[r]
        for y in prepared.rep_clauses[q]
        if doc[x] != doc[y] and series[doc[x]] == series[doc[y]]
    ]
