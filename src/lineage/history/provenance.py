"""Where each clause comes from, and how much of two documents is shared: decided once, here,
from the links, families and events of the lineage stage, so every reporter says the same.

A clause's origin is its event in its document (new, carried, amended, ...), the earlier
version it descends from, the family's first document, and the earlier version with the
closest wording when that is another one. A pair of documents' share is the part of their
clauses that have a link into the other (`clause_share`), the heat map's figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..model import Analysis, Clause, Event, Family, Link, relation_rank


@dataclass(frozen=True)
class Origin:
    """Where one clause comes from (uids and document ids; reporters name them)."""

    kind: str
    family: str | None
    #: The earlier version the clause descends from, if any.
    source: str | None
    #: The relation of the clause to its source (the event's, else the link's).
    relation: str | None
    #: The family's first document, when it is not the clause's own.
    first_doc: str | None
    #: The earlier version with the closest wording, when it is not the source.
    closest: str | None


def family_key(fam: Family) -> tuple[int, str]:
    """Families in the order of their numbers (f2 before f10), then by id."""
    digits = "".join(ch for ch in fam.id if ch.isdigit())
    return (int(digits) if digits else 0, fam.id)


def clause_share(links_between: Iterable[Link], clauses_a: int, clauses_b: int) -> float:
    """The share of two documents' clauses (clauses_a + clauses_b of them) that have a link
    into the other document, given the links joining the two, rounded to 4 places: the heat
    map's figure, decided here so every reporter says the same."""
    linked: set[str] = set()
    for link in links_between:
        linked.update((link.source, link.target))
    size = clauses_a + clauses_b
    return round(len(linked) / size, 4) if size else 0.0


#: A source ranked for one clause: figures (compared in order), then the source's uid last.
_Ranked = tuple[int, int | float, int | float, str]


class Provenance:
    """Indexes over one Analysis for the origin of every clause and the share of every pair of
    documents, built once and read often (a report asks for every clause)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.order: dict[str, int] = analysis.corpus.order
        self.n_clauses: dict[str, int] = {d.id: len(d.clauses) for d in analysis.documents}
        index = analysis.corpus.index
        self.clauses: dict[str, Clause] = {
            uid: index.clauses[i] for uid, i in index.position.items()
        }
        self.family_of: dict[str, str] = {}
        self.event_of: dict[str, Event] = {}
        self.first_of: dict[str, str] = {}
        #: The families in the order of their numbers (`family_key`), as every page lists them.
        self.families: tuple[Family, ...] = tuple(sorted(analysis.families, key=family_key))
        for fam in self.families:
            docs = [self.clauses[u].doc_id for u in fam.clauses if u in self.clauses]
            if docs:
                self.first_of[fam.id] = min(docs, key=self.order.__getitem__)
            for uid in fam.clauses:
                self.family_of[uid] = fam.id
            for event in fam.events:
                for uid in event.clauses:
                    self.event_of.setdefault(uid, event)
        # In the analysis's order, unsorted: what reads these is order-free (look-ups, counts,
        # sets), and a link given twice keeps its last copy either way.
        self.link: dict[tuple[str, str], Link] = {
            (k.source, k.target): k
            for k in analysis.links
            if k.source in self.clauses and k.target in self.clauses
        }
        self._best, self._closest = self._rank_sources()
        self._origin: dict[str, Origin] = {}
        self._share: dict[tuple[str, str], float] = {}

    def _rank_sources(self) -> tuple[dict[str, _Ranked], dict[str, _Ranked]]:
        """Each clause's best source and closest earlier version, by one pass over the links
        (key tuples as `best_source` and `closest` say): per clause, the look-ups of every
        link into it, twice, were most of Provenance's time at 10,000 documents."""
        best: dict[str, _Ranked] = {}
        near: dict[str, _Ranked] = {}
        ranks: dict[str, int] = {}
        for (s, t), link in self.link.items():
            rank = ranks.get(link.relation)
            if rank is None:
                rank = ranks[link.relation] = relation_rank(link.relation)
            at, sim = self.order[self.clauses[s].doc_id], link.similarity
            latest: _Ranked = (at, -rank, sim, s)
            if t not in best or latest > best[t]:
                best[t] = latest
            nearest: _Ranked = (rank, -sim, -at, s)
            if t not in near or nearest < near[t]:
                near[t] = nearest
        return best, near

    def doc_of(self, uid: str) -> str:
        return self.clauses[uid].doc_id

    def origin(self, uid: str) -> Origin:
        """Where the clause `uid` comes from (computed once per clause)."""
        found = self._origin.get(uid)
        if found is None:
            found = self._origin[uid] = self._find_origin(uid)
        return found

    def _find_origin(self, uid: str) -> Origin:
        fam_id = self.family_of.get(uid)
        first = self.first_of.get(fam_id) if fam_id else None
        event = self.event_of.get(uid)
        kind, source, relation = "new", None, None
        if event is not None:
            kind, source, relation = event.kind, event.source, event.relation
            if source is None and kind != "new":
                source = self.best_source(uid)
        elif fam_id:
            source = self.best_source(uid)
            if source:
                relation = self.link[(source, uid)].relation
                kind = "carried" if relation == "verbatim" else "amended"
        link = self.link.get((source, uid)) if source else None
        near = self.closest(uid)
        return Origin(
            kind=kind,
            family=fam_id,
            source=source,
            relation=relation or (link.relation if link else None),
            first_doc=first if first != self.doc_of(uid) else None,
            closest=near if near and near != source else None,
        )

    def best_source(self, uid: str) -> str | None:
        """The latest earlier version of a clause (closest relation among equals, then the
        higher similarity, then the greater uid)."""
        found = self._best.get(uid)
        return found[-1] if found else None

    def closest(self, uid: str) -> str | None:
        """The earlier version with the closest wording, whichever document it is in (the
        closest relation, then the higher similarity, the later document, the smaller uid)."""
        found = self._closest.get(uid)
        return found[-1] if found else None

    @cached_property
    def _pair_links(self) -> dict[tuple[str, str], list[Link]]:
        found: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for link in self.link.values():
            a, b = self.doc_of(link.source), self.doc_of(link.target)
            found[(a, b) if a <= b else (b, a)].append(link)
        return found

    def share(self, a_id: str, b_id: str) -> float:
        """The share of the two documents' clauses that have a link into the other one."""
        key = (a_id, b_id) if a_id <= b_id else (b_id, a_id)
        found = self._share.get(key)
        if found is None:  # a heat map asks for both (a, b) and (b, a)
            found = self._share[key] = clause_share(
                self._pair_links.get(key, []), self.n_clauses[a_id], self.n_clauses[b_id]
            )
        return found
