"""What happened to a family in a document: the closest earlier version and its event.

For every document D holding a family (after its first), the family's clauses in D are
compared with their *closest earlier version*: among all links into them from earlier
documents, the closest one (`model.RELATIONS`, then similarity, then the latest document). Its
document is the *source document*; the event follows from the links between the two (see
`history/families.py` for the list of events).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..graph import longest_increasing
from ..model import RELATION_RANK, Corpus, Event, EventKind, Link

#: Relations of the links along which a clause can be `moved`: a carried (verbatim) or amended
#: (minor) clause that changed place. A rewritten one is `rewritten`, wherever it stands.
MOVABLE = frozenset({"verbatim", "minor"})
_KIND: dict[str, EventKind] = {
    "verbatim": "carried",
    "minor": "amended",
    "major": "rewritten",
    "paraphrase": "rewritten",
}


class Clauses:
    """The corpus's clauses by position (`Corpus.index`), as plain lists for one pass each."""

    def __init__(self, corpus: Corpus) -> None:
        index = corpus.index
        self.doc_ids = [doc.id for doc in corpus.documents]
        self.position = index.position
        self.uid: list[str] = [c.uid for c in index.clauses]
        self.doc: list[int] = index.doc
        self.index: list[int] = [c.index for c in index.clauses]
        self.kind: list[str] = [c.kind for c in index.clauses]
        self.size: list[int] = [len(c.norm.split()) for c in index.clauses]


class Moves:
    """Which links between two documents join clauses that changed place (computed once a pair).

    Among the one-to-one (non-partial) links between the two documents, ordered by source
    position, the links outside a longest increasing run of target positions moved, and so did
    those whose clause changed between preamble and operative part.
    """

    def __init__(self, links: Sequence[Link], pairs: Sequence[tuple[int, int]], cl: Clauses):
        self.links, self.pairs, self.cl = links, pairs, cl
        self.pair_links: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, (x, y) in enumerate(pairs):
            if links[k].relation != "partial":
                self.pair_links[(cl.doc[x], cl.doc[y])].append(k)
        self._cache: dict[tuple[int, int], frozenset[int]] = {}

    def __call__(self, src_doc: int, tgt_doc: int) -> frozenset[int]:
        """Links (by number) between two documents whose clause changed place."""
        found = self._cache.get((src_doc, tgt_doc))
        if found is None:
            cl, pairs = self.cl, self.pairs
            ordered = sorted(
                self.pair_links[(src_doc, tgt_doc)],
                key=lambda k: (cl.index[pairs[k][0]], cl.index[pairs[k][1]]),
            )
            keep = longest_increasing([cl.index[pairs[k][1]] for k in ordered])
            found = self._cache[(src_doc, tgt_doc)] = frozenset(
                k
                for i, k in enumerate(ordered)
                if i not in keep or cl.kind[pairs[k][0]] != cl.kind[pairs[k][1]]
            )
        return found

    def moved(self, k: int) -> bool:
        """Whether link k joins a carried or amended clause that changed place."""
        x, y = self.pairs[k]
        return self.links[k].relation in MOVABLE and k in self(self.cl.doc[x], self.cl.doc[y])


class Step:
    """Decides the event of a family in a document where it is present but not new."""

    def __init__(
        self,
        links: Sequence[Link],
        pairs: Sequence[tuple[int, int]],
        cl: Clauses,
        moved_in: Moves,
    ) -> None:
        self.links, self.pairs, self.cl, self.moved_in = links, pairs, cl, moved_in

    def key(self, k: int) -> tuple[int, float, int, int, int]:
        """Closest earlier version first: relation, similarity, latest document, order."""
        link, (x, y) = self.links[k], self.pairs[k]
        return (RELATION_RANK[link.relation], -link.similarity, -self.cl.doc[x], x, y)

    def event(
        self, d: int, here: list[int], incoming: dict[int, list[int]], was_dropped: bool
    ) -> Event:
        """Every link into a clause of the family comes from the same family (families are the
        connected components of the links), so no filtering is needed."""
        cl, links, pairs = self.cl, self.links, self.pairs
        clauses = tuple(cl.uid[i] for i in here)
        into = [k for i in here for k in incoming.get(i, ())]
        doc_id = cl.doc_ids[d]
        if not into:
            kind: EventKind = "reintroduced" if was_dropped else "rewritten"
            return Event(doc_id=doc_id, kind=kind, clauses=clauses)
        best = min(into, key=self.key)
        src_doc = cl.doc[pairs[best][0]]
        step = [k for k in into if cl.doc[pairs[k][0]] == src_doc]
        sources = {pairs[k][0] for k in step}
        targets = {pairs[k][1] for k in step}
        link = links[best]
        if was_dropped:
            kind = "reintroduced"
        elif len(targets) > 1 and len(targets) >= len(sources):
            kind = "split"
        elif len(sources) > 1:
            kind = "merged"
        elif link.relation == "partial":
            kind = "merged" if cl.size[pairs[best][1]] > cl.size[pairs[best][0]] else "split"
        else:
            kind = "moved" if self.moved_in.moved(best) else _KIND[link.relation]
        return Event(
            doc_id=doc_id, kind=kind, clauses=clauses, source=link.source, relation=link.relation
        )
