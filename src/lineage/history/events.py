"""What happened to a family in each document, against the document's previous version.

The events are listed in `families.py`'s docstring (and docs/series.md): `new`, `borrowed`,
`reintroduced` from where the parent is; `carried`, `amended`, `rewritten`, `moved`, `split`,
`merged` against a parent in the previous version; `dropped` for a family of the previous
version with no clause here. `Moves` decides which links moved, once for the events and the
side-by-side pairings alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..graph import longest_increasing
from ..model import Corpus, Event, EventKind, Link

#: Relations of the links along which a clause can be `moved`: a carried (verbatim) or amended
#: (minor) clause that changed place. A rewritten one is `rewritten`, wherever it stands.
MOVABLE = frozenset({"verbatim", "minor"})
_KIND: dict[str, EventKind] = {
    "verbatim": "carried",
    "minor": "amended",
    "major": "rewritten",
    "paraphrase": "rewritten",
    "partial": "rewritten",
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


class Events:
    """What happened to a family in each document, against the document's previous version."""

    def __init__(self, b: Any, tree: Any) -> None:
        """`b` the families builder (families.Builder), `tree` its parents (families.Lineage):
        typed loosely, as families imports this module."""
        self.b, self.tree = b, tree
        self.children: dict[tuple[int, int], list[int]] = defaultdict(list)
        for y, x in enumerate(tree.parent):
            if x != -1:
                self.children[(x, b.cl.doc[y])].append(y)

    def of(self, group: Sequence[int]) -> tuple[Event, ...]:
        b = self.b
        by_doc: dict[int, list[int]] = defaultdict(list)
        for i in group:
            by_doc[b.cl.doc[i]].append(i)
        present = set(by_doc)
        dropped = {n for p in present if (n := b.next[p]) != -1 and n not in present}
        events: list[Event] = []
        for d in sorted(present | dropped):
            if d in dropped:
                events.append(Event(doc_id=b.cl.doc_ids[d], kind="dropped", clauses=()))
            else:
                events.append(self.event(d, by_doc[d], b.prev[d] in present))
        return tuple(events)

    def event(self, d: int, here: list[int], in_previous: bool) -> Event:
        """The family's event in d (`here` its clauses there; `in_previous` whether it has a
        clause in d's previous version)."""
        b, tree, cl = self.b, self.tree, self.b.cl
        clauses = tuple(cl.uid[i] for i in here)
        doc_id = cl.doc_ids[d]
        with_parent = [i for i in here if tree.parent[i] != -1]
        if not with_parent:
            return Event(doc_id=doc_id, kind="new", clauses=clauses)
        y = min(with_parent, key=lambda i: b.key(tree.parent_link[i], d))
        x, link = tree.parent[y], b.links[tree.parent_link[y]]
        source, relation = cl.uid[x], link.relation
        merged = [k for i in here for k in tree.merges.get(i, ())]
        siblings = self.children[(x, d)]
        dx = cl.doc[x]
        if len(siblings) > 1:
            return Event(doc_id, "split", clauses, source, relation, (source,))
        if merged:
            sources = (source, *sorted({cl.uid[b.pairs[k][0]] for k in merged}))
            return Event(doc_id, "merged", clauses, source, relation, sources)
        kind: EventKind
        if b.series[dx] != b.series[d]:
            kind = "borrowed"
        elif dx != b.prev[d] and not in_previous:
            kind = "reintroduced"
        else:
            kind = _KIND[relation]
            if b.moves.moved(tree.parent_link[y]):
                kind = "moved"
        return Event(doc_id, kind, clauses, source, relation)
