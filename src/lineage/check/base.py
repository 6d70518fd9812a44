"""What a new text is aligned with, and which of those documents is its base.

A check aligns the new text with its base and with the corpus documents it may borrow from,
found through the cached corpus: each corpus document's word 4-grams (`Entry.shingles`) are
matched against the new text's, each shared 4-gram weighted by its rarity among the corpus's
documents (a drafting formula shared by hundreds of resolutions weighs next to nothing), and
the MAX_SOURCES earlier documents with the most weight are aligned with the new text in one
small analysis. Their links give borrowed clauses their source and the base its evidence.

The base (`base_for`) is the new text's previous version by the document graph's own rule
(`history.series.previous_version`: shared clauses, title, symbol, citation, what the input
declares) among the documents aligned with it: the BASE_CANDIDATES sharing its rarest wording
and the latest earlier documents of its title, symbol or series (`same_title`). None when the
new text starts a series; two resolutions of one template ("Question of Anguilla", "Question
of Bermuda") share most of their clauses and are still different series, so a document of
another series is never its base.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..history.series import (
    continues,
    continuing,
    evidence,
    shared_counts,
    symbol_stem,
    title_words,
)
from ..model import Analysis, Document
from .entry import SHINGLE, Entry

#: Documents aligned with the clauses new to the base, to find where they were borrowed from.
#: Borrowed clauses come from a few documents; each one aligned costs tens of ms (measured on
#: ../shared/un-ga), so 12 keep a warm check within its 2 s budget while reaching the
#: documents that share the rarest wording.
MAX_SOURCES = 12
#: Documents aligned with the new text to find its previous version: the ones sharing its
#: rarest wording. A previous version shares most of it, so it ranks first or close to it;
#: four leave room for a draft and its adopted text, or two editions, ranking side by side.
BASE_CANDIDATES = 4
#: Earlier documents with the new text's title words (or symbol stem, or series name) aligned
#: besides the ranked ones, the latest first: with the same title one shared clause makes a
#: previous version (an annual "Report of ..." resolution), so last year's text is a candidate
#: even when documents of a busier series share more rare wording. Three reach past a draft
#: and a revision of the same year to the adopted text before them.
SAME_TITLE_CANDIDATES = 3


#: The polynomial hash of a run of words (`shingles`): an odd multiplier (so invertible
#: modulo 2**64; 64 bits of the golden ratio), its inverse, and a final mixer (splitmix64's).
_P = np.uint64(0x9E3779B97F4A7C15)
_Q = np.uint64(pow(0x9E3779B97F4A7C15, -1, 2**64))
_MIX = np.uint64(0xBF58476D1CE4E5B9)
_HIGH = np.uint64(32)


def shingles(doc: Document) -> np.ndarray:
    """The sorted distinct hashes (uint32) of the runs of SHINGLE normalised words of each
    clause, or of all its words when it has fewer.

    A hash of the run's bytes, the same in every process and on every machine (numpy's
    uint64 arithmetic wraps modulo 2**64): sum of byte k times Q**k over the run, from the
    prefix sums of the whole document's bytes, all runs at once (a crc32 per run, in Python,
    was a tenth of a cold check of un-ga)."""
    text = "".join(" ".join(c.norm.split()) + "\n" for c in doc.clauses).encode()
    data = np.frombuffer(text, dtype=np.uint8)
    ends = np.flatnonzero((data == 32) | (data == 10))  # each word ends at a space or newline
    if not len(ends):
        return np.zeros(0, dtype=np.uint32)
    starts = np.concatenate(([0], ends[:-1] + 1))
    clause = np.concatenate(([0], np.cumsum(data[ends[:-1]] == 10)))  # clause of each word
    lead = np.flatnonzero((starts == 0) | (np.concatenate(([1], data[ends[:-1]])) == 10))
    size = np.diff(np.append(lead, len(ends)))  # words per clause
    last = np.arange(len(ends)) + SHINGLE - 1  # the last word of the run each word begins
    full = (last < len(ends)) & (clause[np.minimum(last, len(ends) - 1)] == clause)
    first, final = np.flatnonzero(full), last[full]
    short = lead[size < SHINGLE]  # a clause shorter than a run: one hash of all its words
    first = np.concatenate((first, short))
    final = np.concatenate((final, short + size[size < SHINGLE] - 1))
    power = np.cumprod(np.full(len(data), _Q, dtype=np.uint64)) * _P  # Q**k
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(data.astype(np.uint64) * power)))
    begin, end = starts[first], ends[final]
    inverse = np.cumprod(np.full(len(data), _P, dtype=np.uint64)) * _Q  # P**k
    value = (prefix[end] - prefix[begin]) * inverse[begin]
    value = (value ^ (value >> np.uint64(31))) * _MIX
    hashes = np.sort((value >> _HIGH).astype(np.uint32))
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]  # np.unique, 5x faster


@dataclass(frozen=True)
class ShingleTable:
    """Every corpus document's shingle hashes in one array (`owner`: the row of each), made
    once per check for the two rankings (base candidates, then sources)."""

    ids: tuple[str, ...]
    dates: tuple[str, ...]
    flat: np.ndarray
    owner: np.ndarray

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> ShingleTable:
        arrays = [np.frombuffer(e.shingles, dtype="<u4") for e in entries]  # little-endian
        flat = np.concatenate(arrays) if arrays else np.zeros(0, dtype="<u4")
        owner = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])
        return cls(tuple(e.id for e in entries), tuple(e.date for e in entries), flat, owner)


def source_ids(
    mine: np.ndarray,
    table: ShingleTable,
    date: str,
    limit: int = MAX_SOURCES,
    skip: frozenset[str] = frozenset(),
) -> list[str]:
    """The ids of the `limit` earlier documents (none of skip) sharing the rarest wording with
    the new text (`mine`: its `shingles`): a shared 4-gram weighs log((documents + 1) /
    documents sharing it), counting the documents considered. One vectorised pass: each
    document's hashes are looked up in the new text's sorted hashes."""
    sizes = np.bincount(table.owner, minlength=len(table.ids))
    keep = np.array(
        [d <= date and i not in skip for i, d in zip(table.ids, table.dates, strict=True)], bool
    ) & (sizes > 0)
    if not len(mine) or not keep.any():
        return []
    wanted = mine
    at = np.minimum(np.searchsorted(wanted, table.flat), len(wanted) - 1)
    hit = (wanted[at] == table.flat) & keep[table.owner]
    hashes, owners = table.flat[hit], table.owner[hit]
    if not len(hashes):
        return []
    _, inverse, df = np.unique(hashes, return_inverse=True, return_counts=True)
    weight = np.log((int(keep.sum()) + 1) / df)[inverse]
    score = np.bincount(owners, weights=weight, minlength=len(table.ids))
    ranked = sorted((-score[n], table.ids[n]) for n in np.flatnonzero(score > 0))
    return [doc_id for _, doc_id in ranked[:limit]]


def entry_of(doc: Document) -> Entry:
    """A corpus document's Entry: title words and symbol stem as the document graph sees them."""
    title = " ".join(title_words(doc.title))
    symbol = symbol_stem(doc.symbol) if doc.symbol else ""
    return Entry(
        doc.id, doc.date, doc.path, shingles(doc).astype("<u4").tobytes(), title, symbol, doc.series
    )


def same_title(new: Document, entries: Sequence[Entry]) -> list[str]:
    """The latest SAME_TITLE_CANDIDATES earlier entries that share the new text's title words,
    symbol stem or series name, or that it names as its previous version."""
    title, symbol = " ".join(title_words(new.title)), symbol_stem(new.symbol) if new.symbol else ""
    found = [
        e
        for e in entries
        if e.date <= new.date
        and (
            (title and e.title == title)
            or (symbol and e.symbol == symbol)
            or (new.series and e.series == new.series)
            or e.id == new.previous
        )
    ]
    found.sort(key=lambda e: e.sort_key, reverse=True)
    return [e.id for e in found[:SAME_TITLE_CANDIDATES]]


def shared_clauses(analysis: Analysis, new: Document) -> dict[str, int]:
    """Per other document: its one-to-one, non-partial links with the new text (counted as
    the document graph counts them: `history.series.shared_counts`), whichever is earlier."""
    one_to_one, _ = shared_counts(analysis.links)
    counts: dict[str, int] = {}
    for (a, b), n in one_to_one.items():
        if new.id in (a, b) and a != b:
            other = b if a == new.id else a
            counts[other] = counts.get(other, 0) + n
    return counts


def base_for(
    new: Document, analysis: Analysis, shared: Callable[[Document, Document], int]
) -> tuple[str | None, str]:
    """(the new text's previous version among the analysed documents or None; why).

    The graph's rule (`history.series.continuing`) gives the documents the new text may
    continue, strongest first; as in the graph, each document is continued by one document
    only: one that a later candidate continues more strongly (by `shared`, the one-to-one
    links between two corpus documents) is passed over for it, so that next year's draft
    continues this year's resolution, not last year's it shares a clause more with."""
    counts = shared_clauses(analysis, new)
    docs = {d.id: d for d in analysis.corpus.documents if d.id != new.id}
    found = continuing(new, [(d, counts.get(d.id, 0)) for d in docs.values()])
    for ev in found:
        earlier = docs[ev.earlier]
        later = [docs[e.earlier] for e in found if docs[e.earlier].sort_key > earlier.sort_key]
        taken = [
            (chain.strength, doc.id)
            for doc in later
            if (chain := continues(earlier, doc, shared(earlier, doc))) is not None
            and chain.strength > ev.strength
        ]
        if not taken:
            return ev.earlier, f"base: {ev.earlier}, its previous version ({ev.describe()})"
    if not counts:
        return None, (
            f"{new.id} has no previous version in the corpus: no document of the corpus "
            f"shares a clause with it; name a base with --base ID or --base-rev REV"
        )
    closest = max(
        (d for d in docs.values() if d.id in counts), key=lambda d: (counts[d.id], d.sort_key)
    )
    why = evidence(closest, new, counts[closest.id]).describe()
    return None, (
        f"{new.id} has no previous version in the corpus: it starts a series "
        f"(closest: {closest.id}, {why}: another series); "
        f"name a base with --base ID or --base-rev REV"
    )


def renamed(doc: Document, doc_id: str, path: str) -> Document:
    """The document under another id (its clauses' uids follow), e.g. a git revision's."""
    old = f"{doc.id}/"
    clauses = tuple(replace(c, doc_id=doc_id) for c in doc.clauses)
    citations = tuple(
        replace(c, clause=doc_id + "/" + c.clause[len(old) :])
        if c.clause and c.clause.startswith(old)
        else c
        for c in doc.citations
    )
    return replace(doc, id=doc_id, path=path, clauses=clauses, citations=citations)
