"""The shingle index: which wordings become candidates, and that chunking never matters."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.align.index import build_index, candidates, shingle_hashes


def _flat(seqs):
    offsets = np.zeros(len(seqs) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in seqs], out=offsets[1:])
    flat = np.array([w for s in seqs for w in s], dtype=np.int64)
    return flat, offsets


def _pairs(index, lo=0, hi=None, **kw):
    q, r = candidates(index, lo, index.n_reps if hi is None else hi, **kw)
    return set(zip(q.tolist(), r.tolist(), strict=True))


def _brute(seqs, min_shared=2):
    """Reference: pairs sharing at least min_shared distinct 3-word windows."""
    grams = [{tuple(s[i : i + 3]) for i in range(len(s) - 2)} for s in seqs]
    return {
        (q, r) for q in range(len(seqs)) for r in range(q) if len(grams[q] & grams[r]) >= min_shared
    }


def test_shared_windows_make_candidates():
    """Two sequences sharing two 3-word windows pair; one sharing a single window does not."""
    seqs = [
        [1, 2, 3, 4, 5, 6],
        [9, 1, 2, 3, 4, 8],  # shares (1,2,3) and (2,3,4) with 0
        [7, 7, 4, 5, 6, 10],  # shares only (4,5,6) with 0
    ]
    index = build_index(*_flat(seqs))
    assert _pairs(index) == {(1, 0)}


def test_each_pair_once_from_its_higher_member():
    """A pair is reported as (higher, lower) and never twice."""
    seqs = [[1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 1, 2, 3, 4]]
    q, r = candidates(build_index(*_flat(seqs)), 0, 3)
    assert list(zip(q.tolist(), r.tolist(), strict=True)) == [(1, 0), (2, 0), (2, 1)]


def test_formula_shingles_over_max_df_are_ignored():
    """Windows shared by more wordings than max_df say nothing and pair nothing."""
    boiler = [5, 6, 7, 8]
    seqs = [boiler + [100 + i, 200 + i, 300 + i] for i in range(6)]
    assert _pairs(build_index(*_flat(seqs), max_df=5)) == set()
    assert len(_pairs(build_index(*_flat(seqs), max_df=6))) == 15


def test_short_sequences_still_index():
    """A one- or two-word clause gets a padded shingle and pairs with its twin only."""
    seqs = [[1, 2], [1, 2], [1], [1, 2, 3]]
    hashes, reps, _ = shingle_hashes(*_flat(seqs))
    assert reps.tolist() == [0, 1, 2, 3]
    assert hashes[0] == hashes[1] and hashes[0] != hashes[2] and hashes[0] != hashes[3]
    assert _pairs(build_index(*_flat(seqs)), min_shared=1) == {(1, 0)}


def test_repeated_window_in_one_sequence_counts_once():
    """A window repeated inside one clause is one piece of evidence, not two."""
    seqs = [[1, 2, 3, 1, 2, 3], [1, 2, 3, 9, 9]]
    assert _pairs(build_index(*_flat(seqs))) == set()


SEQS = st.lists(st.lists(st.integers(0, 6), min_size=0, max_size=12), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(SEQS, st.integers(1, 7))
def test_candidates_match_brute_force_and_ignore_chunking(seqs, size):
    """Candidates equal the brute-force pairs, and any cut into chunks gives the same set."""
    index = build_index(*_flat(seqs), max_df=10_000)
    whole = _pairs(index)
    cut = set()
    for lo in range(0, len(seqs), size):
        cut |= _pairs(index, lo, min(lo + size, len(seqs)))
    assert whole == cut
    long_only = {(q, r) for q, r in _brute(seqs)}
    assert long_only <= whole
    assert {(q, r) for q, r in whole if len(seqs[q]) >= 3 and len(seqs[r]) >= 3} == long_only


def test_a_search_too_large_at_once_is_cut_and_gives_the_same_pairs(monkeypatch):
    """A chunk whose postings exceed SEARCH_ENTRIES is searched in halves: the same pairs, in
    the same (q, r) order, as in one search."""
    from lineage.align import index as index_module

    rng = np.random.default_rng(7)
    seqs = [rng.integers(0, 4, size=int(rng.integers(2, 15))).tolist() for _ in range(120)]
    index = build_index(*_flat(seqs), max_df=10_000)
    whole = candidates(index, 0, index.n_reps)
    monkeypatch.setattr(index_module, "SEARCH_ENTRIES", 16)
    cut = candidates(index, 0, index.n_reps)
    assert len(whole[0]) > 100
    assert whole[0].tolist() == cut[0].tolist() and whole[1].tolist() == cut[1].tolist()
