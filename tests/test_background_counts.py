"""`background.ngram_series`: each n-gram's number of series, as counting by hand gives it."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.align.background import FORMULA_NGRAM, ngram_series
from lineage.align.index import shingle_hashes

#: Few distinct words, so that n-grams recur across wordings and series.
wordings = st.lists(
    st.tuples(
        st.lists(st.integers(min_value=0, max_value=2), max_size=9),
        st.sets(st.integers(min_value=0, max_value=4), min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=8,
)


@given(wordings)
@settings(max_examples=300, deadline=None)
def test_series_counts_are_the_distinct_series_of_each_ngram(
    data: list[tuple[list[int], set[int]]],
) -> None:
    """For every distinct n-gram hash, the number of different series among the wordings
    holding it (a wording in two series counts both; two wordings of one series count one),
    hashes in ascending unsigned order."""
    lengths = [len(ids) for ids, _ in data]
    offsets = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.array([x for ids, _ in data for x in ids], dtype=np.int64)
    hashes, reps, _ = shingle_hashes(flat, offsets, FORMULA_NGRAM)
    by_hash: dict[int, set[int]] = {}
    for h, r in zip(hashes.tolist(), reps.tolist(), strict=True):
        by_hash.setdefault(h, set()).update(data[r][1])
    keys, counts = ngram_series(flat, offsets, [sorted(s) for _, s in data])
    assert keys.tolist() == sorted(by_hash)
    assert counts.tolist() == [len(by_hash[h]) for h in sorted(by_hash)]
