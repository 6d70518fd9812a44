"""Families (clauses joined by links) and what happened to each, document by document.

Every clause belongs to exactly one family: a connected component of the links (after
reviewer overrides), a clause that recurs nowhere being a family of one, so that an analyst
sees what is new and what was dropped. Families are numbered "F1", "F2"... by first appearance
(document order, then clause index), so ids are stable for a corpus.

Events, per family, in document order:

- `new`: the first document the family appears in.
- For every later document D holding the family, the family's clauses in D are compared with
  their *closest earlier version*: among all links into them from earlier documents, the
  closest one (`model.RELATIONS`: verbatim > minor > major > partial > paraphrase, then
  similarity, then the latest document). Its document is the *source document*. Then:
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

from ..graph import components
from ..model import Corpus, Event, Family, Link
from .events import Clauses, Moves, Step


def build_families(
    corpus: Corpus,
    links: Sequence[Link],
    pairs: Sequence[tuple[int, int]] | None = None,
    moves: Moves | None = None,
) -> tuple[Family, ...]:
    """Families with their events, from the final links of a corpus.

    `pairs`, when the caller has them (`align.with_family_pairs`), are each link's (source,
    target) clause positions in corpus order: looking 1.25 M uids up again is the slowest part
    of a large run. `moves`, when given, are those the caller keeps for its pairings.
    """
    cl = moves.cl if moves is not None else Clauses(corpus)
    n = len(cl.uid)
    if pairs is None:
        pairs = [(cl.position[k.source], cl.position[k.target]) for k in links]
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
    for k, (_x, y) in enumerate(pairs):
        incoming[y].append(k)
    dropped_at = dropped_families(fams_in, fam_docs)
    step = Step(links, pairs, cl, moves if moves is not None else Moves(links, pairs, cl))
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
