"""Candidate search: an inverted index of hashed word 3-grams (shingles), built with numpy.

Comparing every clause with every other is quadratic; instead each clause (each distinct
normalised wording, see `align.Prepared`) is cut into overlapping 3-word shingles, and only
clauses that share at least MIN_SHARED shingles become candidates for scoring. Shingles found
in more than `df_cap` distinct wordings are formula ("requests the secretary general") and are
left out of the search: they would pair every clause with every other without saying anything.
In a corpus above DF_REFERENCE_WORDINGS wordings, two long wordings (LONG_WORDING usable
shingles or more each) must share one shingle more (`long_reps`), and the cap grows with it.
Everything is plain arrays, so the index pickles cheaply to Dask workers and the cost of
candidate search grows with the number of shingles, not the number of clause pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

#: Words per shingle.
SHINGLE = 3
#: Shingles two wordings must share to be scored.
MIN_SHARED = 2
#: A shingle in more distinct wordings than this is formula, not evidence of a common origin
#: (in a corpus of up to DF_REFERENCE_WORDINGS wordings; see `df_cap`).
MAX_DF = 60
#: Wordings up to which the cap is MAX_DF, as it was tuned: above every corpus it was tuned
#: and measured on (../shared/un-ga: 22,183 wordings; the 1,000-document synthetic corpus:
#: 10,655), whose outputs are unchanged.
DF_REFERENCE_WORDINGS = 25_000
#: Usable shingles (held by another wording too, under the cap) from which a wording is long.
#: Above DF_REFERENCE_WORDINGS, two long wordings must share LONG_EXTRA more shingles than
#: MIN_SHARED: in a large corpus of one vocabulary two shared 3-word shingles are chance
#: between clauses that have more (candidate search at 20,000 synthetic documents, cap 510:
#: 1.04 M pairs of wordings with 5-9 usable shingles shared exactly two, 145 of them linked in
#: truth.json). Measured at 10,000 and 20,000 documents (benchmarks/bench_recall.py): from 5,
#: 242 K and 576 K candidates, search recall 0.9978 and 0.9975; from 10: 582 K and 1.61 M,
#: 0.9982 and 0.9979 (two shared, cap 97 at 10,000: 1.16 M, 0.9977).
LONG_WORDING = 5
#: Posting entries one search holds at once (8 bytes each in five arrays and a sort): a chunk
#: whose shingles have more is searched in halves. With the cap in proportion to the corpus,
#: a chunk of 1,000 wordings held 1.16 M entries at 10,000 synthetic documents and 2.33 M at
#: 20,000 (against 0.38 M with the cube-root cap at 10,000).
SEARCH_ENTRIES = 1 << 19
#: Shingles asked of a pair of long wordings beyond MIN_SHARED (see LONG_WORDING).
LONG_EXTRA = 1

_K = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


@dataclass(frozen=True)
class ShingleIndex:
    """Postings of shingles to wordings ("reps"), and each wording's own shingles.

    `keys` are the distinct shingle hashes (sorted); `postings[starts[k]:starts[k]+counts[k]]`
    the reps holding key k, ascending; `rep_keys[rep_offsets[r]:rep_offsets[r+1]]` the key
    indexes of rep r. `usable[k]` is False for formula shingles (df > df_cap) and for shingles
    of one rep only, which can never pair anything. `long_reps[r]`: rep r is long in a large
    corpus (see LONG_WORDING); all False up to DF_REFERENCE_WORDINGS wordings.
    """

    keys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    postings: np.ndarray
    rep_offsets: np.ndarray
    rep_keys: np.ndarray
    usable: np.ndarray
    long_reps: np.ndarray

    @property
    def n_reps(self) -> int:
        return len(self.rep_offsets) - 1


def shingle_hashes(
    flat: np.ndarray, offsets: np.ndarray, size: int = SHINGLE
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash every `size`-word window of every token sequence: (hashes, rep, start position).

    `flat` holds all word ids (int64) end to end, sequence r at `flat[offsets[r]:offsets[r+1]]`.
    A sequence shorter than a window gets one window of its words padded. The windows are
    counted per sequence and the hash mixed in place, so the working arrays are the three
    returned and three more of one window each (un-ga: 118 -> 70 MB at the peak).
    """
    lengths = np.diff(offsets)
    # windows per sequence: one per start that leaves `size` words, one for a short sequence
    count = np.where(lengths >= size, lengths - size + 1, np.minimum(lengths, 1))
    reps = np.repeat(np.arange(len(lengths), dtype=np.int64), count)
    before = np.cumsum(count) - count  # windows of the sequences before each
    pos = np.arange(len(reps), dtype=np.int64) + np.repeat(offsets[:-1] - before, count)
    # words left in the sequence from each start, up to `size` (all the masking below asks)
    room = np.minimum(np.repeat(offsets[1:], count) - pos, size).astype(np.int8)
    h = np.zeros(len(pos), dtype=np.uint64)
    at = np.empty_like(pos)
    for k in range(size):
        np.add(pos, k, out=at)
        # past the last word only where masked just below: clipping reads a word, never out
        window = flat.take(at, mode="clip").astype(np.int64, copy=False).view(np.uint64)
        if k:  # padding only where the window runs past a short sequence
            window[room <= k] = np.uint64(0xFFFFFFFFFFFFFFFF)
        window += np.uint64(k + 1)
        window *= _K[k % len(_K)]
        h ^= window
        high = h >> np.uint64(51)
        h <<= np.uint64(13)
        h |= high
    return h, reps, pos


def df_cap(n_reps: int) -> int:
    """The document-frequency cap for a corpus of n_reps wordings.

    Wordings that share a vocabulary share 3-word shingles by chance, more often the larger
    the corpus: with a fixed cap, shingles that versions of one clause share pass it and
    drop out of the search (candidate search alone, benchmarks/bench_recall.py: 0.9994 of
    the required links at 1,000 synthetic documents whatever the cap, 0.9965 at 10,000 with
    60). Beyond DF_REFERENCE_WORDINGS the cap grows in proportion to the corpus (254 at
    10,000 documents), so a shingle keeps the same share of the corpus as where the cap was
    tuned; the chance pairs that would bring are what LONG_WORDING's third shingle removes.
    """
    return max(MAX_DF, round(MAX_DF * n_reps / DF_REFERENCE_WORDINGS))


def usable_and_long(
    counts: np.ndarray, rep_offsets: np.ndarray, rep_keys: np.ndarray, max_df: int
) -> tuple[np.ndarray, np.ndarray]:
    """(usable shingles, long reps) at cap `max_df`: a rep is long when the corpus has more
    than DF_REFERENCE_WORDINGS reps and it holds LONG_WORDING usable shingles or more."""
    usable = (counts >= 2) & (counts <= max_df)
    n = len(rep_offsets) - 1
    if n <= DF_REFERENCE_WORDINGS:
        return usable, np.zeros(n, dtype=bool)
    held = np.zeros(len(rep_keys) + 1, dtype=np.int64)
    np.cumsum(usable[rep_keys], out=held[1:])
    return usable, held[rep_offsets[1:]] - held[rep_offsets[:-1]] >= LONG_WORDING


def with_cap(index: ShingleIndex, max_df: int) -> ShingleIndex:
    """The same index searched at another cap (benchmarks/bench_recall.py's measure)."""
    usable, long_reps = usable_and_long(index.counts, index.rep_offsets, index.rep_keys, max_df)
    return replace(index, usable=usable, long_reps=long_reps)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending: `np.unique(values)` by a sort (numpy 2.4's `np.unique`
    without its `return_*` options takes a hash path: 6.5 s against 0.07 s for 3 M 64-bit
    keys on the 2-core machine)."""
    ordered = np.sort(values)
    fresh = np.ones(len(ordered), dtype=bool)
    fresh[1:] = ordered[1:] != ordered[:-1]
    return ordered[fresh]


def runs_of(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, first index, count) of each run of equal values of a sorted array: what
    `np.unique(ordered, return_index=True, return_counts=True)` gives, without its sort."""
    fresh = np.ones(len(ordered), dtype=bool)
    fresh[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(fresh)
    counts = np.diff(np.append(starts, len(ordered)))
    return ordered[starts], starts, counts


def build_index(flat: np.ndarray, offsets: np.ndarray, max_df: int | None = None) -> ShingleIndex:
    """Index the token sequences given as `flat` ids and `offsets` (see `shingle_hashes`);
    shingles in more than `max_df` wordings (default: `df_cap` of the corpus) are left out."""
    n = len(offsets) - 1
    max_df = df_cap(n) if max_df is None else max_df
    h, reps, _ = shingle_hashes(flat, offsets)
    del _  # the start positions: not needed here, 8 bytes a window
    order = np.lexsort((reps, h))
    h = h[order]  # one array at a time: each old one is freed before the next is made
    reps = reps[order]
    del order
    if len(h):
        fresh = np.ones(len(h), dtype=bool)
        fresh[1:] = (h[1:] != h[:-1]) | (reps[1:] != reps[:-1])
        h, reps = h[fresh], reps[fresh]
    keys, starts, counts = runs_of(h)
    key_of_entry = np.repeat(np.arange(len(keys), dtype=np.int64), counts)
    by_rep = np.argsort(reps, kind="stable")
    rep_keys = key_of_entry[by_rep]
    rep_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(reps, minlength=n), out=rep_offsets[1:])
    usable, long_reps = usable_and_long(counts, rep_offsets, rep_keys, max_df)
    # Positions and rep numbers fit 32 bits: half the memory of the largest arrays.
    return ShingleIndex(
        keys=keys,
        starts=starts.astype(np.int32),
        counts=counts.astype(np.int32),
        postings=reps.astype(np.int32),
        rep_offsets=rep_offsets,
        rep_keys=rep_keys.astype(np.int32),
        usable=usable,
        long_reps=long_reps,
    )


def candidates(
    index: ShingleIndex, lo: int, hi: int, min_shared: int = MIN_SHARED
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (q, r) with lo <= q < hi and r < q sharing at least `min_shared` usable shingles
    (LONG_EXTRA more when both are `long_reps`).

    Each unordered pair is found once, from its higher rep; the result is sorted by (q, r), so
    it does not depend on how the reps were cut into chunks (nor on SEARCH_ENTRIES' halves).
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
    if total > SEARCH_ENTRIES and hi - lo > 1:
        mid = (lo + hi) // 2
        (q1, r1), (q2, r2) = (
            candidates(index, lo, mid, min_shared),
            candidates(index, mid, hi, min_shared),
        )
        return np.concatenate((q1, q2)), np.concatenate((r1, r2))
    ends = np.cumsum(lens)
    shift = np.repeat(index.starts[kidx] - (ends - lens), lens)
    other = index.postings[np.arange(total, dtype=np.int64) + shift]
    query = np.repeat(q, lens)
    lower = other < query
    pair = query[lower] * np.int64(index.n_reps) + other[lower]
    uniq, shared = np.unique(pair, return_counts=True)
    keep = shared >= min_shared
    uniq, shared = uniq[keep], shared[keep]
    qs, rs = uniq // index.n_reps, uniq % index.n_reps
    if index.long_reps.any():
        keep = shared >= min_shared + LONG_EXTRA * (index.long_reps[qs] & index.long_reps[rs])
        qs, rs = qs[keep], rs[keep]
    return qs, rs
