"""The index's document-frequency cap grows with the corpus (issue 15: recall at scale).

Below DF_REFERENCE_WORDINGS wordings the cap is MAX_DF, so small and real corpora are
indexed exactly as before; above it the cap grows in proportion to the corpus, so a shingle
shared by the versions of one clause is not dropped as formula merely because a large corpus
repeats it by chance, and two long wordings must share one shingle more.
"""

from __future__ import annotations

import numpy as np

from lineage.align.index import (
    DF_REFERENCE_WORDINGS,
    LONG_WORDING,
    MAX_DF,
    build_index,
    candidates,
    df_cap,
    with_cap,
)


def test_the_cap_is_max_df_up_to_the_reference_size() -> None:
    """Every corpus up to the reference size keeps the fixed cap."""
    assert [df_cap(n) for n in (0, 1, 500, DF_REFERENCE_WORDINGS)] == [MAX_DF] * 4


def test_the_cap_grows_in_proportion_to_the_corpus() -> None:
    """Twice the reference: twice the cap; ten times: ten times; never shrinking; the
    10,000-document synthetic corpus (105,906 wordings): 254; un-ga (22,183) and the
    1,000-document synthetic corpus (10,655): 60, as before."""
    assert df_cap(2 * DF_REFERENCE_WORDINGS) == 2 * MAX_DF
    assert df_cap(10 * DF_REFERENCE_WORDINGS) == 10 * MAX_DF
    caps = [df_cap(n) for n in range(0, 50 * DF_REFERENCE_WORDINGS, 7919)]
    assert caps == sorted(caps)
    assert df_cap(105_906) == 254
    assert df_cap(22_183) == df_cap(10_655) == MAX_DF


def _corpus(pairs_sharing: int, noise: int) -> tuple[np.ndarray, np.ndarray]:
    """`pairs_sharing` wordings holding the two shingles (1,2,3) and (2,3,4), then `noise`
    wordings of their own words: a corpus of pairs_sharing + noise wordings."""
    seqs = [[1, 2, 3, 4, 100 + i] for i in range(pairs_sharing)]
    seqs += [[10_000 + 3 * i, 10_001 + 3 * i, 10_002 + 3 * i] for i in range(noise)]
    offsets = np.zeros(len(seqs) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in seqs], out=offsets[1:])
    return np.array([w for s in seqs for w in s], dtype=np.int64), offsets


def test_a_large_corpus_keeps_shingles_the_fixed_cap_would_drop() -> None:
    """70 wordings sharing two shingles (df 70 > MAX_DF): in a corpus of 100 wordings they are
    formula and pair nothing; among 2 x DF_REFERENCE_WORDINGS wordings (cap 120) they are
    candidates, and the fixed cap given explicitly still drops them."""
    small = build_index(*_corpus(70, 30))
    assert len(candidates(small, 0, small.n_reps)[0]) == 0
    large_corpus = _corpus(70, 2 * DF_REFERENCE_WORDINGS - 70)
    large = build_index(*large_corpus)
    assert df_cap(large.n_reps) == 2 * MAX_DF
    assert len(candidates(large, 0, large.n_reps)[0]) == 70 * 69 // 2
    fixed = build_index(*large_corpus, max_df=MAX_DF)
    assert len(candidates(fixed, 0, fixed.n_reps)[0]) == 0


def _long_pairs(noise: int) -> tuple[np.ndarray, np.ndarray]:
    """Wordings 0-1: two long ones sharing exactly two shingles; 2-3: two long ones sharing
    three; 4: a short one sharing two with wording 0; 5-8: the own words of 0-3 again (a
    shingle is usable only where two wordings hold it, so these make 0-3 long); then `noise`
    wordings of their own words."""
    own = [list(range(1000 * i, 1000 * i + LONG_WORDING + 4)) for i in range(1, 6)]
    seqs = [
        [1, 2, 3, 4] + own[0],
        [1, 2, 3, 4] + own[1],
        [5, 6, 7, 8, 9] + own[2],
        [5, 6, 7, 8, 9] + own[3],
        [1, 2, 3, 4] + own[4][:2],
        *own[:4],
    ]
    seqs += [[10**6 + 3 * i, 10**6 + 3 * i + 1, 10**6 + 3 * i + 2] for i in range(noise)]
    offsets = np.zeros(len(seqs) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in seqs], out=offsets[1:])
    return np.array([w for s in seqs for w in s], dtype=np.int64), offsets


def _pairs_of(index) -> set[tuple[int, int]]:
    qs, rs = candidates(index, 0, index.n_reps)
    return set(zip(qs.tolist(), rs.tolist(), strict=True))


def test_two_long_wordings_of_a_large_corpus_share_three_shingles() -> None:
    """Beyond the reference size two long wordings sharing two shingles are no candidates,
    sharing three they are, and a short wording still pairs on two; up to the reference size
    (and so on un-ga and every test corpus) two shared shingles pair any two wordings."""
    large = build_index(*_long_pairs(DF_REFERENCE_WORDINGS))
    twins = {(5, 0), (6, 1), (7, 2), (8, 3)}
    assert large.long_reps[:9].tolist() == [True] * 4 + [False] + [True] * 4
    assert _pairs_of(large) == {(3, 2), (4, 0), (4, 1)} | twins
    small = build_index(*_long_pairs(DF_REFERENCE_WORDINGS - 9))
    assert not small.long_reps.any()
    assert _pairs_of(small) == {(1, 0), (3, 2), (4, 0), (4, 1)} | twins


def test_with_cap_counts_long_wordings_at_that_cap() -> None:
    """A wording is long by the shingles usable at the cap searched: at cap 1 nothing pairs
    and nothing is long; at the index's own cap the same pairs as the index."""
    index = build_index(*_long_pairs(DF_REFERENCE_WORDINGS))
    assert not with_cap(index, 1).long_reps.any()
    assert _pairs_of(with_cap(index, 1)) == set()
    assert _pairs_of(with_cap(index, df_cap(index.n_reps))) == _pairs_of(index)
