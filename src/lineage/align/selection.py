"""The select stage of the aligner: scored wording pairs turned into clause links of different
documents, one-to-one per pair of documents (greedy by relation, then similarity, then corpus
order); `partial` links may add several per clause (splits and merges).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations

from ..model import RELATION_RANK, ClauseIndex, Link
from .cited import candidates as cited_candidates
from .cited import split_parts
from .prepared import Prepared
from .renumbered import candidates as renumbered_candidates
from .scoring import SAME_WORDS_EVIDENCE, SPECIFIC_WORDS, VERBATIM, Score, ordered, similarity

#: (source, target) clause positions in corpus order, one per link.
Pairs = list[tuple[int, int]]

_RANK = RELATION_RANK


#: A candidate clause pair of one pair of documents: (relation rank, -similarity, source
#: clause, target clause, score); sorting its first four fields ranks it.
Candidate = tuple[int, float, int, int, Score]


def select_pairs(
    prepared: Prepared,
    scored: Sequence[tuple[int, int, Score]],
    extra: Sequence[tuple[int, int, Score]] = (),
) -> tuple[list[Link], Pairs]:
    """Scored rep pairs turned into clause links, one-to-one per pair of documents, with each
    link's (source, target) clause positions in corpus order.

    The positions travel with the links so that later stages never look 1.25 M uids up in a
    dict of 300,000 clauses (cache misses made that grow x30 for 10x the documents).

    Candidates are ranked by relation (verbatim first), then similarity, then corpus order of
    source and target; each clause keeps at most one non-partial link to each other document.
    A `partial` candidate is kept unless both its clauses already have a one-to-one partner in
    that pair of documents: partials are how one clause takes from several (merge) or gives to
    several (split). So is a `major` one found by containment ("passage": one clause extended
    or shortened) whose clause already has a closer partner: it is one part of a merge or split.
    `extra` are scored clause pairs (earlier, later) found otherwise (`cited.candidates`).
    """
    kept, copies, by_docs = _copies(prepared)
    rep_of = prepared.rep_of

    def taken(x: int, d: int) -> bool:
        """Whether clause x has a verbatim copy in document d (its partner there)."""
        found = copies[rep_of[x]]
        return found is not None and d in found

    _gather(prepared, scored, extra, by_docs, taken)
    for da, db in sorted(by_docs):
        kept.extend(_choose(prepared, by_docs[(da, db)], da, db, taken))
    # Clause numbers are corpus order: sorting them sorts links by source, then target.
    kept.sort(key=lambda k: (k[0], k[1]))
    uids = [c.uid for c in prepared.clauses]
    return (
        [
            Link(uids[x], uids[y], s.relation, s.similarity, s.method, evidence=ordered(s.evidence))
            for x, y, s in kept
        ],
        [(x, y) for x, y, _ in kept],
    )


def _copies(
    prepared: Prepared,
) -> tuple[
    list[tuple[int, int, Score]],
    list[frozenset[int] | None],
    defaultdict[tuple[int, int], list[Candidate]],
]:
    """Identical wordings: the verbatim links they make and, per rep, the documents that hold it.

    A wording whose clauses are all in different documents links every pair of them verbatim,
    and nothing can take those places (verbatim ranks first): emitted in bulk, and `copies[r]`
    are then its documents (its clause has its one partner there already). A wording printed
    twice in one document is left to the per-pair choice as ordinary candidates.
    """
    by_docs: defaultdict[tuple[int, int], list[Candidate]] = defaultdict(list)
    doc = prepared.clause_doc
    verbatim = Score("verbatim", 1.0, "exact", VERBATIM)
    template = Score("verbatim", 1.0, "exact", SAME_WORDS_EVIDENCE)  # a wording all formula
    kept: list[tuple[int, int, Score]] = []
    copies: list[frozenset[int] | None] = []
    for r, m in enumerate(prepared.rep_clauses):
        same = verbatim if len(prepared.reps[r].free) >= SPECIFIC_WORDS else template
        docs = frozenset([doc[x] for x in m])
        if len(docs) == len(m):
            copies.append(docs if len(m) > 1 else None)
            kept.extend((x, y, same) for x, y in combinations(m, 2))
            continue
        copies.append(None)
        for i, x in enumerate(m):
            dx = doc[x]
            for y in m[i + 1 :]:
                if doc[y] != dx:  # clauses of a rep are in corpus order: x before y
                    by_docs[(dx, doc[y])].append((0, -1.0, x, y, same))
    return kept, copies, by_docs


def _gather(
    prepared: Prepared,
    scored: Sequence[tuple[int, int, Score]],
    extra: Sequence[tuple[int, int, Score]],
    by_docs: defaultdict[tuple[int, int], list[Candidate]],
    taken: Callable[[int, int], bool],
) -> None:
    """Scored rep pairs expanded to candidate clause pairs, filed by their pair of documents
    (earlier, later); a one-to-one candidate whose place a verbatim copy holds is never filed."""
    doc = prepared.clause_doc
    rank = _RANK
    for q, r, score in scored:
        key = (rank[score.relation], -score.similarity)
        one_to_one = score.relation != "partial" and score.method != "passage"
        for x in prepared.rep_clauses[r]:
            dx = doc[x]
            for y in prepared.rep_clauses[q]:
                dy = doc[y]
                if dx == dy:
                    continue
                a, b, da, db = (x, y, dx, dy) if dx < dy else (y, x, dy, dx)
                if one_to_one and (taken(a, db) or taken(b, da)):
                    continue  # could never be kept: a verbatim copy holds the place
                by_docs[(da, db)].append((*key, a, b, score))
    for x, y, score in extra:
        by_docs[(doc[x], doc[y])].append((rank[score.relation], -score.similarity, x, y, score))


def _choose(
    prepared: Prepared,
    cands: list[Candidate],
    da: int,
    db: int,
    taken: Callable[[int, int], bool],
) -> list[tuple[int, int, Score]]:
    """The links kept between documents da and db: greedy one-to-one by rank, then the partials
    (and the passages that lost their place) of a clause still without a partner there."""
    cands.sort(key=lambda c: c[:4])
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    kept: list[tuple[int, int, Score]] = []
    partial: list[tuple[int, int, Score]] = []
    for _, _, x, y, score in cands:
        if score.relation == "partial":
            partial.append((x, y, score))
        elif x not in used_src and y not in used_tgt and not taken(x, db) and not taken(y, da):
            used_src.add(x)
            used_tgt.add(y)
            kept.append((x, y, score))
        elif score.method == "passage" or (
            score.relation != "verbatim" and _contained(prepared, x, y)
        ):
            # its clause has a closer partner here: one part of a merge or split (a
            # wording printed twice is a copy, not a part)
            partial.append((x, y, Score("partial", score.similarity, "passage", score.evidence)))
    kept.extend(
        (x, y, score)
        for x, y, score in partial
        if (x not in used_src and not taken(x, db)) or (y not in used_tgt and not taken(y, da))
    )
    return kept


#: A clause that lost its one-to-one place is a half of a merge or split when this share of the
#: shorter clause's words are in the longer one, in order (a merged half: 1.0 in a made series;
#: two clauses sharing stock phrases only: 0.6).
HALF_CONTAINED = 0.8


def _contained(prepared: Prepared, x: int, y: int) -> bool:
    """Whether the shorter of two clauses is (nearly) all in the other, in order."""
    a, b = (w.ids for w in prepared.wordings(x, y))
    common = similarity(a, b) * (len(a) + len(b)) / 2  # bounded: no quadratic pair
    return common >= HALF_CONTAINED * min(len(a), len(b))


def link_pairs(index: ClauseIndex, links: Sequence[Link]) -> Pairs:
    """Each link's (source, target) clause positions in corpus order."""
    position = index.position
    return [(position[k.source], position[k.target]) for k in links]


def select(
    prepared: Prepared, scored: Sequence[tuple[int, int, Score]]
) -> tuple[list[Link], Pairs]:
    """The links of the scored wording pairs, of the clauses citing the same documents
    (`cited.candidates`, and the halves of a recall split in two: `cited.split_parts`) and
    of those a series prints again with other numbers
    (`renumbered.candidates`), for pairs the words did not score, one-to-one (`select_pairs`)."""
    done = {(q, r) for q, r, _ in scored}
    found = (prepared.cites, prepared.clause_doc, prepared.reps, prepared.rep_of)
    extra = cited_candidates(*found, done)
    extra += split_parts(*found, done, {(x, y) for x, y, _ in extra})
    return select_pairs(prepared, scored, extra + renumbered_candidates(prepared, done))
