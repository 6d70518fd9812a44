"""Drafting formula learned from statistics, not listed: word n-grams of many unrelated series.

A run of FORMULA_NGRAM words found in the clauses of FORMULA_SERIES or more *series* (documents
grouped by their title, numbers aside: "Question of Bermuda" and "Question of Pitcairn" are two
series, the 2023 and 2024 "Question of Bermuda" one) is drafting formula: a template ("reaffirms
the inalienable right of the people of ... to self-determination"), a body's name, the title of
a programme of action or a conference, an addressee list. Such words say how a clause is built,
not what it is about; what fills the template (a territory, a mission, an agenda item, an
amount) is the clause's own content.

Two sources are combined:

- the *background*: a sorted array of 64-bit n-gram hashes shipped with the package
  (`data/formula.npz`), counted over the 659 resolutions of the General Assembly's 78th and
  79th sessions (`../shared/un-ga/`) minus the held-out documents of
  `benchmarks/heldout/HELDOUT.txt`; rebuilt by `benchmarks/build_background.py`;
- the *user's corpus*, counted the same way when the corpus is analysed, so that a corpus of
  another body's texts learns its own formulas.

Hashes are of words, not of corpus word ids, so the table means the same in every corpus:
each word (numbers folded to one token, since "its seventy-ninth session" and "resolution
78/12 of 5 December 2023" are templates whatever the number) gets the first 8 bytes of its
BLAKE2b digest, and a window's hash mixes its words' hashes as `index.shingle_hashes` does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import chain

import numpy as np

from ..clean.normalize import normalize
from ..model import Document
from .index import distinct, shingle_hashes
from .vocabulary import NUMBER_WORDS

#: Words in a formula n-gram: 4 is short enough to cover the fixed parts of a template between
#: its slots ("the people of", then the territory, then "to self determination in"), long
#: enough that a subject's own phrase ("policy of neutrality") seldom makes one on its own.
FORMULA_NGRAM = 4
#: Series an n-gram must occur in to be formula. Measured on un-ga (652 documents, 487 series):
#: 21,000 n-grams reach 5 series, which covers the territory, mission-financing and agenda-item
#: templates, while a phrase borrowed by two or three related series stays content.
FORMULA_SERIES = 10
#: Series of the shipped background an n-gram must occur in to be a *stock* phrase: three, so
#: that a passage two series share is stock when a third series prints it too (the wording of
#: a Sustainable Development Goal target, a sentence of the Addis Ababa Action Agenda quoted
#: in many resolutions): both took it from a common source, so it says nothing of one clause
#: coming from the other. The table holds the n-grams of 3+ series, so no lower value can be
#: learned from it. Counted in the background only, not in the user's corpus: there a family
#: of texts that derive from one another (the seeds and 78/266: five series) would make its
#: own phrases stock.
STOCK_SERIES = 3
#: Marks of `formula_positions`: a word in a stock n-gram only, and a word in a formula one.
STOCK = 1
FORMULA = 2
#: The token every number is folded to before hashing.
NUMBER = "0"
#: Bits of a series number in `ngram_series`'s packed (hash rank, series) keys.
SERIES_BITS = 32
#: The shipped background table, in this package's `data/` folder.
TABLE = "formula.npz"


@lru_cache(maxsize=1 << 18)
def fold_word(word: str) -> str:
    """Numbers, written out or in digits, are one token: templates hold any number. Cached:
    `renumbered` folds every word of every wording (un-ga: 1.46 M calls for 17,000 words,
    2.8 s under the profiler)."""
    if word in NUMBER_WORDS or any(ch.isdigit() for ch in word):
        return NUMBER
    return word


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    digest = hashlib.blake2b(fold_word(word).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") & 0x7FFFFFFFFFFFFFFF


def word_hashes(vocabulary: Sequence[str]) -> np.ndarray:
    """A stable 63-bit hash per word (int64), the same in every corpus and process."""
    return np.fromiter((_word_hash(w) for w in vocabulary), dtype=np.int64, count=len(vocabulary))


def series_key(title: str) -> str:
    """The series a document belongs to, for counting: its normalised title without numbers."""
    return " ".join(fold_word(w) for w in normalize(title).split() if fold_word(w) != NUMBER)


def ngram_series(
    flat: np.ndarray,
    offsets: np.ndarray,
    rep_series: Sequence[Sequence[int]],
    shingles: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct n-gram hashes of the token sequences and in how many series each occurs.

    `flat`/`offsets` hold word hashes end to end (see `index.shingle_hashes`); `rep_series[r]`
    are the series sequence r occurs in (a wording carried by several documents); `shingles`
    their FORMULA_NGRAM-word windows when the caller has them already. Returns (hashes
    sorted, series counts).
    """
    hashes, reps, _ = shingles or shingle_hashes(flat, offsets, FORMULA_NGRAM)
    if not len(hashes):
        empty = np.zeros(0, dtype=np.uint64)
        return empty, np.zeros(0, dtype=np.int64)
    # Distinct (hash, rep) pairs sorted by hash: one lexsort (np.unique along an axis sorted
    # the pairs as opaque bytes, 5 of prepare's 17 s on un-ga).
    order = np.lexsort((reps, hashes))
    h, r = hashes[order], reps[order]
    fresh = np.ones(len(h), dtype=bool)
    fresh[1:] = (h[1:] != h[:-1]) | (r[1:] != r[:-1])
    h, r = h[fresh], r[fresh]
    first_of = np.ones(len(h), dtype=bool)
    first_of[1:] = h[1:] != h[:-1]
    group = np.cumsum(first_of) - 1  # the hash's rank among the distinct hashes
    n_series = np.array([len(s) for s in rep_series], dtype=np.int64)
    flat_series = np.fromiter(
        (s for ss in rep_series for s in ss), dtype=np.int64, count=int(n_series.sum())
    )
    first = np.zeros(len(n_series), dtype=np.int64)
    np.cumsum(n_series[:-1], out=first[1:])
    per = n_series[r]
    within = np.arange(int(per.sum()), dtype=np.int64) - np.repeat(np.cumsum(per) - per, per)
    series = flat_series[np.repeat(first[r], per) + within]
    # Distinct (hash rank, series) pairs, packed in one integer each (both under 2**32).
    packed = distinct((np.repeat(group, per) << SERIES_BITS) | series)
    counts = np.bincount(packed >> SERIES_BITS, minlength=len(first_of.nonzero()[0]))
    keys = h[first_of]
    held = counts > 0  # (a hash whose wordings are in no series is in none)
    return keys[held], counts[held]


@lru_cache(maxsize=4)
def background(least: int = FORMULA_SERIES) -> np.ndarray:
    """The shipped n-gram hashes found in `least`+ series of the background (sorted uint64)."""
    with (resources.files("lineage.align") / "data" / TABLE).open("rb") as fh:
        table = np.load(fh, allow_pickle=False)
        keys, counts = table["hashes"], table["series"]
    return keys[counts >= least]


@lru_cache(maxsize=4)
def cited_widely(least: int = FORMULA_SERIES) -> frozenset[str]:
    """Citation keys of the background cited by clauses of `least`+ series: formula citations
    (the 2030 Agenda, the Charter's resolutions), like a frequent n-gram."""
    with (resources.files("lineage.align") / "data" / TABLE).open("rb") as fh:
        table = np.load(fh, allow_pickle=False)
        if "cited" not in table:
            return frozenset()
        keys, counts = table["cited"], table["cited_series"]
    return frozenset(str(k) for k in keys[counts >= least])


def citation_counts(documents: Sequence[Document], least: int) -> tuple[np.ndarray, np.ndarray]:
    """(keys, series counts) of the citation keys that clauses of `least`+ series cite."""
    series: dict[str, set[str]] = {}
    for doc in documents:
        name = series_key(doc.title) or doc.id
        for cit in doc.citations:
            if cit.clause is not None:
                series.setdefault(cit.key, set()).add(name)
    keys = sorted(k for k, s in series.items() if len(s) >= least)
    counts = [min(len(series[k]), np.iinfo(np.uint16).max) for k in keys]
    return np.array(keys, dtype=str), np.array(counts, dtype=np.uint16)


def in_table(hashes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Whether each hash is in a sorted table (binary search)."""
    if not len(table):
        return np.zeros(len(hashes), dtype=bool)
    at = np.minimum(np.searchsorted(table, hashes), len(table) - 1)
    return table[at] == hashes


def formula_positions(
    flat: np.ndarray,
    offsets: np.ndarray,
    rep_series: Sequence[Sequence[int]],
    table: np.ndarray | None = None,
) -> np.ndarray:
    """Per word: FORMULA when a formula n-gram covers it (background table or this corpus),
    else STOCK when a stock n-gram does (STOCK_SERIES+ series), else 0 (uint8)."""
    hashes, reps, starts = shingle_hashes(flat, offsets, FORMULA_NGRAM)
    mask = np.zeros(len(flat), dtype=np.uint8)
    if not len(hashes):
        return mask
    keys, counts = ngram_series(flat, offsets, rep_series, (hashes, reps, starts))
    is_formula = in_table(hashes, background() if table is None else table)
    is_formula |= in_table(hashes, keys[counts >= FORMULA_SERIES])
    is_stock = in_table(hashes, background(STOCK_SERIES)) if table is None else is_formula
    for level, found in ((STOCK, is_stock & ~is_formula), (FORMULA, is_formula)):
        ends = offsets[1:][reps[found]]
        for k in range(FORMULA_NGRAM):
            pos = starts[found] + k
            pos = pos[pos < ends]
            mask[pos] = np.maximum(mask[pos], level)
    return mask


def build_counts(documents: Sequence[Document], least: int) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, series counts) of the n-grams of a corpus found in `least`+ series."""
    series: dict[str, int] = {}
    wordings: dict[str, set[int]] = {}
    for doc in documents:
        s = series.setdefault(series_key(doc.title), len(series))
        for clause in doc.clauses:
            wordings.setdefault(" ".join(clause.norm.split()), set()).add(s)
    texts = sorted(wordings)
    vocabulary: dict[str, int] = {}
    ids = [[vocabulary.setdefault(w, len(vocabulary)) for w in t.split()] for t in texts]
    offsets = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in ids], out=offsets[1:])
    flat = word_hashes(list(vocabulary))[np.fromiter(chain.from_iterable(ids), dtype=np.int64)]
    keys, counts = ngram_series(flat, offsets, [sorted(wordings[t]) for t in texts])
    keep = counts >= least
    return keys[keep], np.minimum(counts[keep], np.iinfo(np.uint16).max).astype(np.uint16)


def template_mask(words: Sequence[str]) -> tuple[int, ...]:
    """The marks (FORMULA, STOCK or 0) of one wording against the shipped background alone (no
    corpus)."""
    if not words:
        return ()
    vocabulary = {w: i for i, w in enumerate(dict.fromkeys(words))}
    flat = word_hashes(list(vocabulary))[np.array([vocabulary[w] for w in words], np.int64)]
    offsets = np.array([0, len(words)], dtype=np.int64)
    return tuple(formula_positions(flat, offsets, [[0]]).tolist())
