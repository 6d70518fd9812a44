"""Families (clauses joined by links) and what happened to each, document by document.

Every clause belongs to exactly one family: a connected component of the links (after
reviewer overrides), a clause that recurs nowhere being a family of one, so that an analyst
sees what is new and what was dropped. Families are numbered "F1", "F2"... by first appearance
(document order, then clause index), so ids are stable for a corpus.

Events, per family, in document order:

- `new`: the first document the family appears in.
- For every later document D holding the family, the family's clauses in D are compared with
  their *closest earlier version*: among all links into them from earlier documents, the
  highest-ranked one (verbatim > minor > major > paraphrase > partial, then similarity, then
  the latest document). Its document is the *source document*. Then:
  `split` when one source clause links to several clauses of D, `merged` when several source
  clauses link to one clause of D (or a single `partial` link where D's clause is longer,
  resp. shorter, than its source); otherwise by the relation of the best link: `carried`
  (verbatim), `amended` (minor), `rewritten` (major or paraphrase). A carried or amended clause
  whose position changed is `moved`: among the one-to-one links between the two documents,
  ordered by source position, the pairs outside a longest increasing run of target positions
  (or that changed between preamble and operative part) moved.
- `dropped`: recorded in document D for each family present in D's *predecessor document*
  (the earlier document sharing the most families with D, the latest on ties) and absent
  from D. Documents of other series never count as predecessors unless they share clauses.
- `reintroduced`: the family appears in D after a `dropped` event since its last appearance.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence

from .model import Corpus, Event, Family, Link

#: How closely a link ties a clause to an earlier version: the event's source is the best.
STEP_RANK = {"verbatim": 0, "minor": 1, "major": 2, "paraphrase": 3, "partial": 4}
_KIND = {"verbatim": "carried", "minor": "amended", "major": "rewritten", "paraphrase": "rewritten"}


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (the leftmost on ties)."""
    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[k] = v
            tail_at[k] = i
        prev[i] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


class _Clauses:
    """The corpus's clauses by position (corpus order), as plain lists for one pass each."""

    def __init__(self, corpus: Corpus) -> None:
        self.doc_ids = [doc.id for doc in corpus.documents]
        self.uid: list[str] = []
        self.doc: list[int] = []
        self.index: list[int] = []
        self.kind: list[str] = []
        self.size: list[int] = []
        for d, doc in enumerate(corpus.documents):
            for clause in sorted(doc.clauses, key=lambda c: c.index):
                self.uid.append(clause.uid)
                self.doc.append(d)
                self.index.append(clause.index)
                self.kind.append(clause.kind)
                self.size.append(len(clause.norm.split()))


def components(n: int, pairs: Sequence[tuple[int, int]]) -> list[int]:
    """Union-find: the root of each of n items, the root being the smallest item joined."""
    parent = list(range(n))
    for x, y in pairs:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        while parent[y] != y:
            parent[y] = parent[parent[y]]
            y = parent[y]
        if x != y:
            if x < y:
                parent[y] = x
            else:
                parent[x] = y
    for i in range(n):  # parents are smaller, so one forward pass resolves every root
        parent[i] = parent[parent[i]]
    return parent


def build_families(
    corpus: Corpus, links: Sequence[Link], pairs: Sequence[tuple[int, int]] | None = None
) -> tuple[Family, ...]:
    """Families with their events, from the final links of a corpus.

    `pairs`, when the caller has them (`align.with_family_pairs`), are each link's (source,
    target) clause positions in corpus order: looking 1.25 M uids up again is the slowest part
    of a large run.
    """
    cl = _Clauses(corpus)
    n = len(cl.uid)
    if pairs is None:
        position = {uid: i for i, uid in enumerate(cl.uid)}
        pairs = [(position[k.source], position[k.target]) for k in links]
    roots = components(n, pairs)
    # Families by first appearance; each family's documents, ascending, in one pass.
    fam_of = [0] * n
    members: list[list[int]] = []
    fam_docs: list[list[int]] = []
    fams_in: list[list[int]] = [[] for _ in cl.doc_ids]
    doc_at = cl.doc
    for i in range(n):
        r = roots[i]
        d = doc_at[i]
        if r == i:
            f = len(members)
            members.append([i])
            fam_docs.append([d])
            fams_in[d].append(f)
        else:
            f = fam_of[r]
            members[f].append(i)
            docs = fam_docs[f]
            if docs[-1] != d:
                docs.append(d)
                fams_in[d].append(f)
        fam_of[i] = f

    incoming: dict[int, list[int]] = defaultdict(list)
    pair_links: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, (x, y) in enumerate(pairs):
        incoming[y].append(k)
        if links[k].relation != "partial":
            pair_links[(doc_at[x], doc_at[y])].append(k)
    moved_cache: dict[tuple[int, int], frozenset[int]] = {}

    def moved_in(src_doc: int, tgt_doc: int) -> frozenset[int]:
        """Links (by number) between two documents whose clause changed place."""
        found = moved_cache.get((src_doc, tgt_doc))
        if found is None:
            ordered = sorted(
                pair_links[(src_doc, tgt_doc)],
                key=lambda k: (cl.index[pairs[k][0]], cl.index[pairs[k][1]]),
            )
            keep = longest_increasing([cl.index[pairs[k][1]] for k in ordered])
            found = moved_cache[(src_doc, tgt_doc)] = frozenset(
                k
                for i, k in enumerate(ordered)
                if i not in keep or cl.kind[pairs[k][0]] != cl.kind[pairs[k][1]]
            )
        return found

    dropped_at = dropped_families(fams_in, fam_docs)
    step = _Step(links, pairs, cl, moved_in)
    families: list[Family] = []
    for f, member in enumerate(members):
        by_doc: dict[int, list[int]] = defaultdict(list)
        for i in member:
            by_doc[doc_at[i]].append(i)
        drops = dropped_at.get(f, [])
        events: list[Event] = []
        last = -1
        for d in sorted(set(fam_docs[f]).union(drops)) if drops else fam_docs[f]:
            if d not in by_doc:
                events.append(Event(doc_id=cl.doc_ids[d], kind="dropped", clauses=()))
                continue
            here = by_doc[d]
            if last < 0:
                events.append(
                    Event(doc_id=cl.doc_ids[d], kind="new", clauses=tuple(cl.uid[i] for i in here))
                )
            else:
                was_dropped = any(last < x < d for x in drops)
                events.append(step.event(d, here, incoming, was_dropped))
            last = d
        uids = tuple(cl.uid[i] for i in member)
        families.append(Family(id=f"F{f + 1}", clauses=uids, first=uids[0], events=tuple(events)))
    return tuple(families)


def dropped_families(
    fams_in: Sequence[Sequence[int]], fam_docs: Sequence[Sequence[int]]
) -> dict[int, list[int]]:
    """For each family, the documents (ascending) in which it is dropped.

    Family f is dropped in D when D's predecessor holds f and D does not.
    """
    dropped_at: dict[int, list[int]] = defaultdict(list)
    for d, fams in enumerate(fams_in):
        pred = predecessor(d, fams, fam_docs)
        if pred is None:
            continue
        here = set(fams)
        for f in fams_in[pred]:
            if f not in here:
                dropped_at[f].append(d)
    return dropped_at


def predecessor(d: int, fams: Sequence[int], fam_docs: Sequence[Sequence[int]]) -> int | None:
    """The earlier document sharing the most families with document d (latest on ties)."""
    shared: dict[int, int] = defaultdict(int)
    for f in fams:
        docs = fam_docs[f]
        if len(docs) > 1:
            for e in docs:
                if e >= d:
                    break
                shared[e] += 1
    if not shared:
        return None
    return max(shared, key=lambda e: (shared[e], e))


class _Step:
    """Decides the event of a family in a document where it is present but not new."""

    def __init__(
        self,
        links: Sequence[Link],
        pairs: Sequence[tuple[int, int]],
        cl: _Clauses,
        moved_in: Callable[[int, int], frozenset[int]],
    ) -> None:
        self.links, self.pairs, self.cl, self.moved_in = links, pairs, cl, moved_in

    def key(self, k: int) -> tuple[int, float, int, int, int]:
        """Closest earlier version first: relation, similarity, latest document, order."""
        link, (x, y) = self.links[k], self.pairs[k]
        return (STEP_RANK[link.relation], -link.similarity, -self.cl.doc[x], x, y)

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
            kind = "reintroduced" if was_dropped else "rewritten"
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
            kind = _KIND[link.relation]
            if kind in ("carried", "amended") and best in self.moved_in(src_doc, d):
                kind = "moved"
        return Event(
            doc_id=doc_id, kind=kind, clauses=clauses, source=link.source, relation=link.relation
        )
