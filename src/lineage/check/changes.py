"""What changed from the base to the new text, clause by clause: the facts a check reports.

Every clause of the base and of the new text gets one Change, whatever the policy says:

- carried: the base clause's closest counterpart in the new text is verbatim;
- amended: it is minor (a few words added, removed or replaced);
- rewritten: it is major, partial or paraphrase;
- dropped: the base clause has no counterpart in the new text;
- borrowed: a clause of the new text with no counterpart in the base, but linked to a clause
  of another earlier document of the corpus (its `source`);
- new: a clause of the new text found nowhere.

Carried, amended and rewritten clauses also carry their substantive changes
(`substantive.substantive_changes`): numbers, dates, years, symbols and amounts that changed,
a weakened operative verb. Without a base (the new text starts a series) every clause is new
or borrowed. Pure: the analysis decides here, reporters only lay Changes out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..history.pairings import best, counterparts
from ..model import Analysis, Document
from ..model import relation_rank as rank
from ..substantive import Substantive, substantive_changes

#: Relations that make a clause "rewritten" rather than carried or amended.
REWRITTEN: frozenset[str] = frozenset({"major", "partial", "paraphrase"})
#: Kinds of Change, in the order reports count them.
KINDS: tuple[str, ...] = ("carried", "amended", "rewritten", "new", "dropped", "borrowed")


@dataclass(frozen=True)
class Change:
    """What happened to one clause: `base` the base clause (None for new and borrowed),
    `clause` the new text's clause (None for dropped), `relation` between them, `source` the
    clause of another document a borrowed clause comes from."""

    kind: str
    base: str | None = None
    clause: str | None = None
    relation: str | None = None
    source: str | None = None
    source_relation: str | None = None
    substantive: tuple[Substantive, ...] = ()
    #: Another part of a split or a merge: its base clause is counted with its closest part.
    part: bool = False


@dataclass(frozen=True)
class Changes:
    """Every clause's Change, new text order first, then the dropped in base order."""

    items: tuple[Change, ...]

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        """The changes of one kind, other parts of splits and merges left out."""
        return tuple(c for c in self.items if c.kind == kind and not c.part)

    def counts(self) -> dict[str, int]:
        """How many clauses of each kind (every kind present, zeros included)."""
        return {kind: len(self.of_kind(kind)) for kind in KINDS}

    @property
    def substantive(self) -> tuple[Change, ...]:
        """The changes with a substantive change, whatever their kind."""
        return tuple(c for c in self.items if c.substantive)

    def by_base(self, uid: str) -> Change | None:
        return next((c for c in self.items if c.base == uid), None)


Pairs = dict[str, list[tuple[str, str]]]


def compare(analysis: Analysis, new: Document, base: Document | None) -> Changes:
    """Each clause's Change from base to new (base None: the new text starts a series)."""
    pairs = counterparts(analysis.links, base, new) if base is not None else {}
    from_base: dict[str, tuple[str, str]] = {}
    for base_uid, found in pairs.items():
        for new_uid, relation in found:
            held = from_base.get(new_uid)
            if held is None or (rank(relation), base_uid) < (rank(held[1]), held[0]):
                from_base[new_uid] = (base_uid, relation)
    texts = {c.uid: c.norm for doc in analysis.corpus.documents for c in doc.clauses}
    sources = _sources(analysis, new, base)
    items: list[Change] = []
    for clause in new.clauses:
        if clause.uid in from_base:
            base_uid, relation = from_base[clause.uid]
            part = best(pairs[base_uid])[0] != clause.uid  # the other half of a split
            items.append(_linked(base_uid, clause.uid, relation, texts, part))
        elif clause.uid in sources:
            source, relation = sources[clause.uid]
            items.append(
                Change("borrowed", clause=clause.uid, source=source, source_relation=relation)
            )
        else:
            items.append(Change("new", clause=clause.uid))
    shown = {c.base for c in items}
    for clause in base.clauses if base is not None else ():
        if clause.uid not in pairs:
            items.append(Change("dropped", base=clause.uid))
        elif clause.uid not in shown:  # merged into a new clause closer to another base one
            counterpart, relation = best(pairs[clause.uid])
            items.append(_linked(clause.uid, counterpart, relation, texts))
    return Changes(tuple(items))


def _linked(
    base_uid: str, new_uid: str, relation: str, texts: dict[str, str], part: bool = False
) -> Change:
    """A base clause and its closest counterpart: carried, amended or rewritten."""
    kind = (
        "carried"
        if relation == "verbatim"
        else ("rewritten" if relation in REWRITTEN else "amended")
    )
    found = () if relation == "partial" else substantive_changes(texts[base_uid], texts[new_uid])
    return Change(
        kind, base=base_uid, clause=new_uid, relation=relation, substantive=found, part=part
    )


def _sources(
    analysis: Analysis, new: Document, base: Document | None
) -> dict[str, tuple[str, str]]:
    """New clause uid -> (closest clause of another earlier document, relation)."""
    mine = {c.uid for c in new.clauses}
    others = {
        c.uid: d
        for d in analysis.corpus.documents
        if d.id != new.id and (base is None or d.id != base.id) and d.date <= new.date
        for c in d.clauses
    }
    found: dict[str, tuple[tuple[int, float, str], str]] = {}
    for link in analysis.links:
        for ours, theirs in ((link.target, link.source), (link.source, link.target)):
            if ours in mine and theirs in others:
                key = (rank(link.relation), -link.similarity, theirs)
                if ours not in found or key < found[ours][0]:
                    found[ours] = (key, link.relation)
    return {uid: (key[2], relation) for uid, (key, relation) in found.items()}
