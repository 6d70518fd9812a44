"""What a new text is aligned with, and which of those documents is its base.

A check aligns the new text with its base and with the corpus documents it may borrow from,
found through the cached corpus: each corpus document's word 4-grams (`Entry.shingles`) are
matched against the new text's, each shared 4-gram weighted by its rarity among the corpus's
documents (a drafting formula shared by hundreds of resolutions weighs next to nothing), and
the MAX_SOURCES earlier documents with the most weight are aligned with the new text in one
small analysis. Their links give borrowed clauses their source and the base its evidence.

The base (`base_for`) is the new text's previous version: among those documents, the one it
continues (see `PREVIOUS_DICE`), or None, when the new text starts a series; a document of
another series that merely shares a few clauses is never its base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ..model import Analysis, Document

#: Documents aligned with the clauses new to the base, to find where they were borrowed from.
#: Borrowed clauses come from a few documents; each one aligned costs tens of ms (measured on
#: ../shared/un-ga), so 12 keep a warm check within its 2 s budget while reaching the
#: documents that share the rarest wording.
MAX_SOURCES = 12
#: Documents aligned with the new text to find its previous version: the ones sharing its
#: rarest wording. A previous version shares most of it, so it ranks first or close to it;
#: four leave room for a draft and its adopted text, or two editions, ranking side by side.
BASE_CANDIDATES = 4
#: A previous version shares at least this share (Dice: 2 x shared clauses / both clause
#: counts) of one-to-one, non-partial links with the new text. On ../shared/un-ga re-adopted
#: resolutions share 0.8 to 1.0, a draft and its adoption 0.95+; resolutions of other series
#: that draw on one another stay under 0.45 (the document graph's figure, issue 9).
PREVIOUS_DICE = 0.5


def source_ids(
    mine: frozenset[int],
    entries: Sequence[tuple[str, str, bytes]],
    date: str,
    limit: int = MAX_SOURCES,
) -> list[str]:
    """The ids of the `limit` earlier documents sharing the rarest wording with the new text.

    entries: (id, date, sorted shingle hashes as array("I") bytes) of the corpus documents
    the new text may draw on. One vectorised pass over all of them: a shared 4-gram weighs
    log((documents + 1) / documents sharing it)."""
    earlier = [(i, s) for i, d, s in entries if d <= date and s]
    if not mine or not earlier:
        return []
    arrays = [np.frombuffer(s, dtype="<u4") for _, s in earlier]  # little-endian in the cache
    flat = np.concatenate(arrays)
    owner = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])
    hit = np.isin(flat, np.fromiter(mine, dtype=np.uint32, count=len(mine)))
    hashes, owners = flat[hit], owner[hit]
    if not len(hashes):
        return []
    unique, inverse, df = np.unique(hashes, return_inverse=True, return_counts=True)
    weight = np.log((len(earlier) + 1) / df)[inverse]
    score = np.bincount(owners, weights=weight, minlength=len(arrays))
    ranked = sorted((-score[n], earlier[n][0]) for n in np.flatnonzero(score > 0))
    return [doc_id for _, doc_id in ranked[:limit]]


def shared_clauses(analysis: Analysis, new: Document) -> dict[str, int]:
    """Per other document: its clauses linked one-to-one (not `partial`) with the new text."""
    mine = {c.uid for c in new.clauses}
    pairs: dict[str, set[str]] = {}
    for link in analysis.links:
        if link.relation == "partial":
            continue
        for ours, theirs in ((link.target, link.source), (link.source, link.target)):
            if ours in mine and theirs not in mine:
                pairs.setdefault(theirs.rsplit("/", 1)[0], set()).add(ours)
    return {doc: len(uids) for doc, uids in pairs.items()}


def base_for(new: Document, analysis: Analysis) -> tuple[str | None, str]:
    """(the new text's previous version among the analysed documents or None; why)."""
    counts = shared_clauses(analysis, new)
    found = []
    for doc in analysis.corpus.documents:
        if doc.id == new.id or doc.date > new.date or doc.id not in counts:
            continue
        dice = 2 * counts[doc.id] / (len(doc.clauses) + len(new.clauses))
        found.append((dice, doc.sort_key, doc.id))
    if not found:
        return None, f"no document of the corpus shares a clause with {new.id}"
    dice, _, best = max(found)
    if dice < PREVIOUS_DICE:
        return None, (
            f"{new.id} has no previous version in the corpus: it starts a series "
            f"(closest: {best}, {dice:.0%} of clauses shared, under "
            f"{PREVIOUS_DICE:.0%}); name a base with --base ID or --base-rev REV"
        )
    return best, f"base: {best}, its previous version ({dice:.0%} of clauses shared)"


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
