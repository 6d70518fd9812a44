"""What happened to a family in each document, against the document's previous version.

The events are listed in `families.py`'s docstring (and docs/series.md): `new`, `borrowed`,
`reintroduced` from where the parent is; `carried`, `amended`, `rewritten`, `moved`, `split`,
`merged` against a parent in the previous version; `dropped` for a family of the previous
version with no clause here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..graph import longest_increasing
from ..model import Event

if TYPE_CHECKING:  # the builder imports this module: names for the type checker only
    from .families import Builder, Lineage

#: How closely a link ties a clause to an earlier version: the parent is the best candidate.
STEP_RANK = {"verbatim": 0, "minor": 1, "major": 2, "paraphrase": 3, "partial": 4}
_KIND = {
    "verbatim": "carried",
    "minor": "amended",
    "major": "rewritten",
    "paraphrase": "rewritten",
    "partial": "rewritten",
}


class Events:
    """What happened to a family in each document, against the document's previous version."""

    def __init__(self, b: Builder, tree: Lineage) -> None:
        self.b, self.tree = b, tree
        self.children: dict[tuple[int, int], list[int]] = defaultdict(list)
        for y, x in enumerate(tree.parent):
            if x != -1:
                self.children[(x, b.cl.doc[y])].append(y)
        self._moved: dict[int, frozenset[int]] = {}

    def moved(self, d: int) -> frozenset[int]:
        """Clauses of d carried from the previous version whose place changed."""
        found = self._moved.get(d)
        if found is None:
            b, tree = self.b, self.tree
            steps = sorted(
                (b.cl.index[tree.parent[y]], b.cl.index[y], y)
                for y in b.cl.in_doc[d]
                if tree.parent[y] != -1
                and b.cl.doc[tree.parent[y]] == b.prev[d]
                and b.links[tree.parent_link[y]].relation != "partial"
            )
            keep = longest_increasing([t for _, t, _ in steps])
            found = self._moved[d] = frozenset(
                y
                for i, (_, _, y) in enumerate(steps)
                if i not in keep or b.cl.kind[y] != b.cl.kind[tree.parent[y]]
            )
        return found

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
        if b.series[dx] != b.series[d]:
            kind = "borrowed"
        elif dx != b.prev[d] and not in_previous:
            kind = "reintroduced"
        else:
            kind = _KIND[relation]
            if kind in ("carried", "amended") and y in self.moved(d):
                kind = "moved"
        return Event(doc_id, kind, clauses, source, relation)
