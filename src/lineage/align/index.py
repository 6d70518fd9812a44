"""Candidate search: an inverted index of hashed word 3-grams (shingles), built with numpy.

Comparing every clause with every other is quadratic; instead each clause (each distinct
normalised wording, see `align.Prepared`) is cut into overlapping 3-word shingles, and only
clauses that share at least MIN_SHARED shingles become candidates for scoring. Shingles found
in more than MAX_DF distinct wordings are formula ("requests the secretary general") and are
left out of the search: they would pair every clause with every other without saying anything.
Everything is plain arrays, so the index pickles cheaply to Dask workers and the cost of
candidate search grows with the number of shingles, not the number of clause pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Words per shingle.
SHINGLE = 3
#: Shingles two wordings must share to be scored.
MIN_SHARED = 2
#: A shingle in more distinct wordings than this is formula, not evidence of a common origin.
MAX_DF = 60

_K = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


@dataclass(frozen=True)
class ShingleIndex:
    """Postings of shingles to wordings ("reps"), and each wording's own shingles.

    `keys` are the distinct shingle hashes (sorted); `postings[starts[k]:starts[k]+counts[k]]`
    the reps holding key k, ascending; `rep_keys[rep_offsets[r]:rep_offsets[r+1]]` the key
    indexes of rep r. `usable[k]` is False for formula shingles (df > MAX_DF) and for shingles
    of one rep only, which can never pair anything.
    """

    keys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    postings: np.ndarray
    rep_offsets: np.ndarray
    rep_keys: np.ndarray
    usable: np.ndarray

    @property
    def n_reps(self) -> int:
        return len(self.rep_offsets) - 1


def shingle_hashes(
    flat: np.ndarray, offsets: np.ndarray, size: int = SHINGLE
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash every `size`-word window of every token sequence: (hashes, rep, start position).

    `flat` holds all word ids (int64) end to end, sequence r at `flat[offsets[r]:offsets[r+1]]`.
    A sequence shorter than a window gets one window of its words padded.
    """
    n = len(offsets) - 1
    lengths = np.diff(offsets)
    pad = np.full(size - 1, -1, dtype=np.int64)
    ids = np.concatenate([flat.astype(np.int64), pad]).astype(np.uint64)
    rep_of_pos = np.repeat(np.arange(n, dtype=np.int64), lengths)
    pos = np.arange(len(flat), dtype=np.int64)
    ends = offsets[1:][rep_of_pos]
    short = lengths[rep_of_pos] < size
    first = pos == offsets[:-1][rep_of_pos]
    keep = (pos + size <= ends) | (short & first)
    pos = pos[keep]
    reps = rep_of_pos[keep]
    h = np.zeros(len(pos), dtype=np.uint64)
    room = ends[keep] - pos  # words left in the sequence from each window's start
    for k in range(size):
        window = ids[pos + k]  # a gather: already a copy
        if k:  # padding only where the window runs past a short sequence
            window[room <= k] = np.uint64(0xFFFFFFFFFFFFFFFF)
        h ^= (window + np.uint64(k + 1)) * _K[k % len(_K)]
        h = (h << np.uint64(13)) | (h >> np.uint64(51))
    return h, reps, pos


def build_index(flat: np.ndarray, offsets: np.ndarray, max_df: int = MAX_DF) -> ShingleIndex:
    """Index the token sequences given as `flat` ids and `offsets` (see `shingle_hashes`)."""
    n = len(offsets) - 1
    h, reps, _ = shingle_hashes(flat, offsets)
    order = np.lexsort((reps, h))
    h, reps = h[order], reps[order]
    if len(h):
        fresh = np.ones(len(h), dtype=bool)
        fresh[1:] = (h[1:] != h[:-1]) | (reps[1:] != reps[:-1])
        h, reps = h[fresh], reps[fresh]
    keys, starts, counts = np.unique(h, return_index=True, return_counts=True)
    key_of_entry = np.repeat(np.arange(len(keys), dtype=np.int64), counts)
    by_rep = np.argsort(reps, kind="stable")
    rep_keys = key_of_entry[by_rep]
    rep_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(reps, minlength=n), out=rep_offsets[1:])
    usable = (counts >= 2) & (counts <= max_df)
    # Positions and rep numbers fit 32 bits: half the memory of the largest arrays.
    return ShingleIndex(
        keys=keys,
        starts=starts.astype(np.int32),
        counts=counts.astype(np.int32),
        postings=reps.astype(np.int32),
        rep_offsets=rep_offsets,
        rep_keys=rep_keys.astype(np.int32),
        usable=usable,
    )


def candidates(
    index: ShingleIndex, lo: int, hi: int, min_shared: int = MIN_SHARED
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (q, r) with lo <= q < hi and r < q sharing at least `min_shared` usable shingles.

    Each unordered pair is found once, from its higher rep; the result is sorted by (q, r), so
    it does not depend on how the reps were cut into chunks.
    """
    a, b = index.rep_offsets[lo], index.rep_offsets[hi]
    kidx = index.rep_keys[a:b]
    q = np.repeat(np.arange(lo, hi, dtype=np.int64), np.diff(index.rep_offsets[lo : hi + 1]))
    keep = index.usable[kidx]
    kidx, q = kidx[keep], q[keep]
    lens = index.counts[kidx].astype(np.int64)
    total = int(lens.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    ends = np.cumsum(lens)
    shift = np.repeat(index.starts[kidx] - (ends - lens), lens)
    other = index.postings[np.arange(total, dtype=np.int64) + shift]
    query = np.repeat(q, lens)
    lower = other < query
    pair = query[lower] * np.int64(index.n_reps) + other[lower]
    uniq, shared = np.unique(pair, return_counts=True)
    uniq = uniq[shared >= min_shared]
    return uniq // index.n_reps, uniq % index.n_reps
