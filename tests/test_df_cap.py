"""The index's document-frequency cap grows with the corpus (issue 15: recall at scale).

Below DF_REFERENCE_WORDINGS wordings the cap is MAX_DF, so small and real corpora are
indexed exactly as before; above it the cap grows with the cube root of the corpus, so a
shingle shared by the versions of one clause is not dropped as formula merely because a large
corpus repeats it by chance.
"""

from __future__ import annotations

import numpy as np

from lineage.align.index import DF_REFERENCE_WORDINGS, MAX_DF, build_index, candidates, df_cap


def test_the_cap_is_max_df_up_to_the_reference_size() -> None:
    """Every corpus up to the reference size keeps the fixed cap."""
    assert [df_cap(n) for n in (0, 1, 500, DF_REFERENCE_WORDINGS)] == [MAX_DF] * 4


def test_the_cap_grows_with_the_cube_root_of_the_corpus() -> None:
    """Eight times the reference: twice the cap; a thousand times: ten times; never shrinking;
    the 10,000-document synthetic corpus (105,906 wordings): 97; un-ga (22,183) and the
    1,000-document synthetic corpus (10,655): 60, as before."""
    assert df_cap(8 * DF_REFERENCE_WORDINGS) == 2 * MAX_DF
    assert df_cap(1000 * DF_REFERENCE_WORDINGS) == 10 * MAX_DF
    caps = [df_cap(n) for n in range(0, 50 * DF_REFERENCE_WORDINGS, 7919)]
    assert caps == sorted(caps)
    assert df_cap(105_906) == 97
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
    formula and pair nothing; among 8 x DF_REFERENCE_WORDINGS wordings (cap 120) they are
    candidates, and the fixed cap given explicitly still drops them."""
    small = build_index(*_corpus(70, 30))
    assert len(candidates(small, 0, small.n_reps)[0]) == 0
    large_corpus = _corpus(70, 8 * DF_REFERENCE_WORDINGS - 70)
    large = build_index(*large_corpus)
    assert df_cap(large.n_reps) == 2 * MAX_DF
    assert len(candidates(large, 0, large.n_reps)[0]) == 70 * 69 // 2
    fixed = build_index(*large_corpus, max_df=MAX_DF)
    assert len(candidates(fixed, 0, fixed.n_reps)[0]) == 0
