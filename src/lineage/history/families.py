"""Families as trees of clauses, and what happened to each against the previous version.

Each clause has at most one *parent*, the clause it descends from, chosen among the clauses
linked to it in earlier documents (links are only what the scorer matched, plus reviewers'
confirmations): first in its document's previous version (the document graph, `graph.py`),
then in an earlier version of its own series, then anywhere earlier (another series); within
each, a one-to-one link before a `partial` one, then by relation (verbatim > minor > major >
paraphrase), similarity, the latest document. A family is a tree of such parents, numbered
"F1", "F2"... by first appearance (document order, then clause index); a clause with no parent
starts one.

Two clauses of one document share a family only through an explicit split or merge:

- a *split*: a clause whose second part went to another clause of the next document (a
  `partial` link from the same parent): both are children of it;
- a *merge*: a clause that also takes a `partial` passage from another clause of its parent's
  document: that clause's family joins this one (the event names both sources).

A parent whose family already has a clause in the document (other than its own children) is
passed over for the next candidate, and a merge that would put two clauses of a third document
in one family without both being ancestors of the merged clauses is not made.

Events, per family and document, against the document's previous version P:

- `new`: a clause with no parent; `borrowed`: its parent is in another series (the event's
  `source` names the document and clause); `reintroduced`: its parent is in an earlier version
  of the same series, not in P;
- parent in P: `carried` (verbatim), `amended` (minor), `rewritten` (major, paraphrase, or a
  lone partial link), `moved` (carried or amended, outside the longest in-order run of the
  links from P, or changed between preamble and operative part), `split`, `merged`;
- `dropped`: the family has a clause in P and none here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import RELATION_RANK, Corpus, Family, Link
from .events import Clauses, Events, Moves
from .series import DocumentGraph, build_graph

#: Candidate parents, best first: previous version, own series, elsewhere; partial ones after.
TIERS = 3


class _Forest:
    """Union-find over clauses; each root knows its family's clauses per document."""

    def __init__(self, n: int, doc: Sequence[int]) -> None:
        self.root = list(range(n))
        self.at: list[dict[int, list[int]] | None] = [{doc[i]: [i]} for i in range(n)]

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def docs(self, i: int) -> dict[int, list[int]]:
        found = self.at[self.find(i)]
        assert found is not None
        return found

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        da, db = self.docs(ra), self.docs(rb)
        if len(da) < len(db):
            ra, rb, da, db = rb, ra, db, da
        for d, members in db.items():
            da.setdefault(d, []).extend(members)
        self.root[rb] = ra
        self.at[rb] = None


@dataclass
class Lineage:
    """Parents and merges of every clause (by position), with the link that made each."""

    parent: list[int]
    parent_link: list[int]
    merges: dict[int, list[int]]


class Builder:
    def __init__(
        self,
        corpus: Corpus,
        links: Sequence[Link],
        pairs: Sequence[tuple[int, int]],
        graph: DocumentGraph,
        moves: Moves,
    ) -> None:
        self.cl = cl = moves.cl
        self.links, self.pairs, self.moves = links, pairs, moves
        self.in_doc: list[list[int]] = [[] for _ in cl.doc_ids]
        for i, d in enumerate(cl.doc):
            self.in_doc[d].append(i)
        pos = {d: i for i, d in enumerate(cl.doc_ids)}
        self.prev = [pos[e] if (e := graph.previous(d)) is not None else -1 for d in cl.doc_ids]
        self.next = [-1] * len(cl.doc_ids)
        for d, p in enumerate(self.prev):
            if p != -1:
                self.next[p] = d
        series = {s: i for i, s in enumerate(sorted({graph.series_of(d) for d in cl.doc_ids}))}
        self.series = [series[graph.series_of(d)] for d in cl.doc_ids]
        self.incoming: dict[int, list[int]] = defaultdict(list)
        for k, (_, y) in enumerate(pairs):
            self.incoming[y].append(k)
        n = len(cl.uid)
        self.forest = _Forest(n, cl.doc)
        self.tree = Lineage([-1] * n, [-1] * n, {})

    def tier(self, k: int, d: int) -> int:
        """0 previous version, 1 own series, 2 elsewhere; + TIERS for a partial link."""
        dx = self.cl.doc[self.pairs[k][0]]
        place = 0 if dx == self.prev[d] else 1 if self.series[dx] == self.series[d] else 2
        return place + (TIERS if self.links[k].relation == "partial" else 0)

    def key(self, k: int, d: int) -> tuple[int, int, float, int, int, int]:
        link, (x, y) = self.links[k], self.pairs[k]
        return (
            self.tier(k, d),
            RELATION_RANK[link.relation],
            -link.similarity,
            -self.cl.doc[x],
            x,
            y,
        )

    def run(self) -> Lineage:
        for d in range(len(self.cl.doc_ids)):
            self.parents_in(d)
            self.merges_in(d)
        return self.tree

    def parents_in(self, d: int) -> None:
        """Each clause of d takes its best candidate parent that keeps families apart."""
        tree, forest = self.tree, self.forest
        cands = sorted(
            (self.key(k, d), k) for y in self.in_doc[d] for k in self.incoming.get(y, ())
        )
        for _, k in cands:
            x, y = self.pairs[k]
            if tree.parent[y] != -1:
                continue
            if not self.attachable(x, d, own=self.series[self.cl.doc[x]] == self.series[d]):
                continue
            tree.parent[y], tree.parent_link[y] = x, k
            forest.union(x, y)

    def attachable(self, x: int, d: int, own: bool) -> bool:
        """Whether a clause of d may descend from x: x's family has no clause in d yet, or only
        children of x (a split: within the series, `own`), or continuations of other clauses of
        x's document that the family already holds (halves of an earlier split or merge)."""
        cl, parent = self.cl, self.tree.parent
        return all(
            (parent[c] == x and own)
            or (parent[c] != -1 and parent[c] != x and cl.doc[parent[c]] == cl.doc[x])
            for c in self.forest.docs(x).get(d, ())
        )

    def merges_in(self, d: int) -> None:
        """A clause that also takes a partial passage from another clause of its parent's
        document merges that clause's family into its own."""
        tree, forest, cl = self.tree, self.forest, self.cl
        for y in self.in_doc[d]:
            x = tree.parent[y]
            if x == -1 or self.series[cl.doc[x]] != self.series[d]:
                continue  # merges are within a series: across, a shared passage is a borrowing
            if sum(tree.parent[c] == x for c in forest.docs(y)[d]) > 1:
                continue  # x is split here: one event says so, a merge too would be hidden
            for k in sorted(self.incoming.get(y, ()), key=lambda k: self.key(k, d)):
                z = self.pairs[k][0]
                if z == x or cl.doc[z] != cl.doc[x] or self.links[k].relation != "partial":
                    continue
                if forest.find(z) == forest.find(y) or d in forest.docs(z):
                    continue
                if self.mergeable(x, z):
                    tree.merges.setdefault(y, []).append(k)
                    forest.union(z, y)

    def ancestors(self, i: int) -> set[int]:
        found = {i}
        while (i := self.tree.parent[i]) != -1:
            found.add(i)
        return found

    def mergeable(self, x: int, z: int) -> bool:
        """Whether joining the families of x and z puts two clauses of one document together
        only where both are ancestors of x and z (or x and z themselves)."""
        fx, fz = self.forest.docs(x), self.forest.docs(z)
        common = set(fx).intersection(fz)
        if not common:
            return True
        ax, az = self.ancestors(x), self.ancestors(z)
        return all(set(fx[r]) <= ax and set(fz[r]) <= az for r in common)


def build_families(
    corpus: Corpus,
    links: Sequence[Link],
    pairs: Sequence[tuple[int, int]] | None = None,
    graph: DocumentGraph | None = None,
    moves: Moves | None = None,
) -> tuple[Family, ...]:
    """Families (trees of parents) with their events, from the final links of a corpus.

    `pairs` are each link's (source, target) clause positions in corpus order, when the
    caller has them; `graph` the document graph (built from the links when not given);
    `moves` those the caller keeps for its pairings (one decision of what moved)."""
    if graph is None:
        graph = build_graph(corpus, links)
    if moves is None:
        cl = Clauses(corpus)
        if pairs is None:
            pairs = [(cl.position[k.source], cl.position[k.target]) for k in links]
        moves = Moves(links, pairs, cl)
    builder = Builder(corpus, links, moves.pairs, graph, moves)
    tree = builder.run()
    return _families(builder, tree)


def _families(b: Builder, tree: Lineage) -> tuple[Family, ...]:
    """Group clauses by family root, number by first appearance, attach events."""
    cl = b.cl
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cl.uid)):
        members[b.forest.find(i)].append(i)
    events = Events(b, tree)
    out: list[Family] = []
    for f, group in enumerate(sorted(members.values(), key=lambda m: m[0])):
        uids = tuple(cl.uid[i] for i in group)
        parents = tuple((cl.uid[i], cl.uid[tree.parent[i]]) for i in group if tree.parent[i] != -1)
        out.append(
            Family(
                id=f"F{f + 1}",
                clauses=uids,
                first=uids[0],
                events=events.of(group),
                parents=parents,
            )
        )
    return tuple(out)
