"""Which clauses of two documents face each other, and which of them moved: decided here, once.

Every reporter that shows two documents side by side (the HTML pair pages, the terminal diff)
and the check reads a Pairing, so none can disagree with the events: a match is `moved` by the
very decision (`events.Moves.moved`) that makes a family's event `moved`.

The matches are one-to-one, closest relation first (`model.RELATIONS`), then the highest
similarity, then document order; the links left out (the other halves of splits and merges)
are kept beside them, so a page can mention them. Besides `moved`, a match is `steady` when it
keeps its place among the unmoved matches (a longest increasing run of first-document
positions): a page lays the first document out along the steady matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..graph import longest_increasing
from ..model import Analysis, Document, Link, Match, Pairing, relation_rank
from .events import Clauses, Moves
from .series import DocumentGraph


class Pairer:
    """Pairs any two documents of an analysed corpus, from its final links and their moves."""

    def __init__(self, moves: Moves) -> None:
        self.moves = moves
        self.cl = moves.cl
        self.doc_number = {doc_id: d for d, doc_id in enumerate(self.cl.doc_ids)}
        self.between: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, (x, y) in enumerate(moves.pairs):
            dx, dy = self.cl.doc[x], self.cl.doc[y]
            self.between[(min(dx, dy), max(dx, dy))].append(k)

    def pair(self, a_id: str, b_id: str) -> Pairing:
        """The Pairing of document a_id (first column) with b_id (second column)."""
        cl, links, pairs = self.cl, self.moves.links, self.moves.pairs
        a, b = self.doc_number[a_id], self.doc_number[b_id]
        candidates = []
        for k in self.between.get((min(a, b), max(a, b)), ()):
            x, y = pairs[k] if cl.doc[pairs[k][0]] == a else pairs[k][::-1]
            link = links[k]
            rank = (relation_rank(link.relation), -link.similarity, cl.index[x])
            candidates.append((*rank, cl.index[y], cl.uid[x], cl.uid[y], k))
        matched: list[tuple[int, int, str, str, int]] = []
        taken_a: set[str] = set()
        taken_b: set[str] = set()
        for _rank, _similarity, x_index, y_index, x_uid, y_uid, k in sorted(candidates):
            if x_uid not in taken_a and y_uid not in taken_b:
                taken_a.add(x_uid)
                taken_b.add(y_uid)
                matched.append((y_index, x_index, x_uid, y_uid, k))
        matched.sort()  # the second document's order
        moved = [self.moves.moved(k) for *_, k in matched]
        unmoved = [i for i, m in enumerate(moved) if not m]
        kept = longest_increasing([matched[i][1] for i in unmoved])
        steady = {unmoved[j] for j in kept}
        matches = tuple(
            Match(a=x_uid, b=y_uid, link=links[k], moved=moved[i], steady=i in steady)
            for i, (_, _, x_uid, y_uid, k) in enumerate(matched)
        )
        chosen = {k for *_, k in matched}
        others = tuple(
            sorted(
                (links[k] for *_, k in candidates if k not in chosen),
                key=lambda link: (link.source, link.target),
            )
        )
        return Pairing(a=a_id, b=b_id, matches=matches, others=others)


def pair_versions(graph: DocumentGraph, moves: Moves) -> dict[tuple[str, str], Pairing]:
    """The Pairings the analysis always holds: every document and its previous version (the
    document graph), so none joins two series."""
    pairer = Pairer(moves)
    return {(a, b): pairer.pair(a, b) for a, b in graph.versions()}


def pairing(analysis: Analysis, a_id: str, b_id: str) -> Pairing:
    """The Pairing of two documents: held by the analysis, or decided now and kept there."""
    found = analysis.pairings.get((a_id, b_id))
    if found is None:
        found = analysis.pairings[(a_id, b_id)] = pairer_of(analysis).pair(a_id, b_id)
    return found


def pairer_of(analysis: Analysis) -> Pairer:
    """A Pairer over the analysis's final links (for pairs it does not hold yet)."""
    cl = Clauses(analysis.corpus)
    links: Sequence[Link] = analysis.links
    pairs = [(cl.position[k.source], cl.position[k.target]) for k in links]
    return Pairer(Moves(links, pairs, cl))


def counterparts(
    links: Sequence[Link], a: Document, b: Document
) -> dict[str, list[tuple[str, str]]]:
    """Clause uid of a -> [(clause uid of b, relation)], whatever the direction of the links."""
    ours = {c.uid for c in a.clauses}
    theirs = {c.uid for c in b.clauses}
    pairs: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        if link.source in ours and link.target in theirs:
            pairs.setdefault(link.source, []).append((link.target, link.relation))
        elif link.target in ours and link.source in theirs:
            pairs.setdefault(link.target, []).append((link.source, link.relation))
    return pairs


def best(links: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The closest link (by RELATIONS order, then clause uid for determinism)."""
    return min(links, key=lambda p: (relation_rank(p[1]), p[0]))
