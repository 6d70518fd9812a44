"""Families (clauses joined by links) and what happened to each, document by document.

A family is a connected component of the links (after reviewer overrides) with two or more
clauses; a clause that recurs nowhere belongs to no family. Families are numbered "F1", "F2"...
by first appearance (document order, then clause index), so ids are stable for a corpus.

Events, per family, in document order:

- `new`: the first document the family appears in.
- For every later document D holding the family, it is compared with its *source document*:
  the latest earlier document with a link into the family's clauses in D. Then:
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

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from .model import RELATIONS, Corpus, Event, Family, Link

_RANK = {name: i for i, name in enumerate(RELATIONS)}
_KIND = {"verbatim": "carried", "minor": "amended", "major": "rewritten",
         "paraphrase": "rewritten"}


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (the leftmost on ties)."""
    import bisect

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


def build_families(corpus: Corpus, links: Sequence[Link]) -> tuple[Family, ...]:
    """Families with their events, from the final links of a corpus."""
    order: dict[str, tuple[int, int]] = {}
    kind: dict[str, str] = {}
    norms: dict[str, str] = {}
    doc_ids = [doc.id for doc in corpus.documents]
    uid_at: list[str] = []
    for d, doc in enumerate(corpus.documents):
        for clause in sorted(doc.clauses, key=lambda c: c.index):
            uid = clause.uid
            order[uid] = (d, clause.index)
            kind[uid] = clause.kind
            norms[uid] = clause.norm
            uid_at.append(uid)
    position = {uid: i for i, uid in enumerate(uid_at)}
    parent = list(range(len(uid_at)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    linked: set[int] = set()
    for link in links:
        x, y = position[link.source], position[link.target]
        linked.add(x)
        linked.add(y)
        a, b = find(x), find(y)
        if a != b:  # the root is always a component's first clause in corpus order
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[str]] = defaultdict(list)
    for i in sorted(linked):
        groups[find(i)].append(uid_at[i])
    members = [groups[root] for root in sorted(groups)]

    links_into: dict[str, list[Link]] = defaultdict(list)
    pair_links: dict[tuple[int, int], list[Link]] = defaultdict(list)
    for link in links:
        links_into[link.target].append(link)
        pair_links[(order[link.source][0], order[link.target][0])].append(link)

    @cache
    def moved_in(src_doc: int, tgt_doc: int) -> frozenset[tuple[str, str]]:
        pairs = sorted(
            ((order[link.source][1], order[link.target][1], link.source, link.target)
             for link in pair_links[(src_doc, tgt_doc)] if link.relation != "partial"),
        )
        keep = longest_increasing([p[1] for p in pairs])
        return frozenset((p[2], p[3]) for i, p in enumerate(pairs)
                         if i not in keep or kind[p[2]] != kind[p[3]])

    docs_of: list[set[int]] = [{order[uid][0] for uid in m} for m in members]
    fams_in: dict[int, set[int]] = defaultdict(set)
    for f, ds in enumerate(docs_of):
        for d in ds:
            fams_in[d].add(f)
    dropped_at: dict[int, list[int]] = defaultdict(list)
    for d in range(len(doc_ids)):
        pred = predecessor(d, fams_in, docs_of)
        if pred is None:
            continue
        for f in sorted(fams_in[pred] - fams_in[d]):
            dropped_at[f].append(d)

    families: list[Family] = []
    for f, uids in enumerate(members):
        by_doc: dict[int, list[str]] = defaultdict(list)
        for uid in uids:
            by_doc[order[uid][0]].append(uid)
        events: list[Event] = []
        seen: list[int] = []
        drops = sorted(dropped_at[f])
        for d in sorted(set(by_doc) | set(drops)):
            if d not in by_doc:
                if seen:
                    events.append(Event(doc_id=doc_ids[d], kind="dropped", clauses=()))
                continue
            here = tuple(by_doc[d])
            if not seen:
                events.append(Event(doc_id=doc_ids[d], kind="new", clauses=here))
            else:
                was_dropped = any(seen[-1] < x < d for x in drops)
                events.append(_event(doc_ids[d], here, links_into, order, norms,
                                     moved_in, was_dropped))
            seen.append(d)
        families.append(Family(id=f"F{f + 1}", clauses=tuple(uids), first=uids[0],
                               events=tuple(events)))
    return tuple(families)


def predecessor(d: int, fams_in: dict[int, set[int]], docs_of: Sequence[set[int]]) -> int | None:
    """The earlier document sharing the most families with document d (latest on ties)."""
    shared: dict[int, int] = defaultdict(int)
    for f in fams_in.get(d, ()):
        for e in docs_of[f]:
            if e < d:
                shared[e] += 1
    if not shared:
        return None
    return max(shared, key=lambda e: (shared[e], e))


def _event(doc_id: str, here: tuple[str, ...], links_into: dict[str, list[Link]],
           order: dict[str, tuple[int, int]], norms: dict[str, str],
           moved_in, was_dropped: bool) -> Event:
    """The event of a family in a document where it is present but not new.

    Every link into a clause of the family comes from the same family (families are the
    connected components of the links), so no filtering is needed.
    """
    incoming = [link for uid in here for link in links_into.get(uid, ())]
    if not incoming:
        kind = "reintroduced" if was_dropped else "rewritten"
        return Event(doc_id=doc_id, kind=kind, clauses=here)
    src_doc = max(order[link.source][0] for link in incoming)
    step = sorted((link for link in incoming if order[link.source][0] == src_doc),
                  key=lambda k: (_RANK[k.relation], -k.similarity, order[k.source],
                                 order[k.target]))
    best = step[0]
    sources = {link.source for link in step}
    targets = {link.target for link in step}
    if was_dropped:
        kind = "reintroduced"
    elif len(targets) > 1 and len(targets) >= len(sources):
        kind = "split"
    elif len(sources) > 1:
        kind = "merged"
    elif best.relation == "partial":
        longer = len(norms[best.target].split()) > len(norms[best.source].split())
        kind = "merged" if longer else "split"
    else:
        kind = _KIND[best.relation]
        moved = moved_in(src_doc, order[best.target][0])
        if kind in ("carried", "amended") and (best.source, best.target) in moved:
            kind = "moved"
    return Event(doc_id=doc_id, kind=kind, clauses=here, source=best.source,
                 relation=best.relation)
