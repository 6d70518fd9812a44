"""The side-by-side view of two documents: one row per matched clause, moves and gaps marked.

Rows follow the second document; clauses found only in the first are slotted in where they
stood relative to their matched neighbours, so both columns read in document order. A row is
"moved" when its first-document clause falls outside the longest run of matches that keeps its
order (the classic longest-increasing-subsequence test), so an insertion above a clause does not
make it look moved.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...graph import longest_increasing
from ...model import RELATIONS, Clause, relation_rank
from .model import DocView, Lookup, Segment, counts, side, word_segments


@dataclass(frozen=True)
class Cell:
    id: str
    label: str
    segments: list[Segment]


@dataclass(frozen=True)
class Row:
    """kind: "match", "a-only" (not in the second document) or "b-only" (new in it)."""

    kind: str
    a: Cell | None
    b: Cell | None
    relation: str | None
    similarity: float | None
    method: str | None
    moved: bool
    family: str | None
    notes: list[str]

    @property
    def changed(self) -> bool:
        return self.kind != "match" or self.moved or self.relation != "verbatim"


@dataclass(frozen=True)
class Group:
    """Consecutive rows shown together; `same` groups hold unchanged rows, collapsed."""

    same: bool
    rows: list[Row]


@dataclass(frozen=True)
class PairPage:
    a: DocView
    b: DocView
    groups: list[Group]
    stats: list[tuple[str, int]]
    changes: int


def pair_page(lookup: Lookup, a_id: str, b_id: str) -> PairPage:
    a_doc, b_doc = lookup.doc[a_id], lookup.doc[b_id]
    pairs = _pairing(lookup, a_id, b_id)
    a_of = {b: a for a, b in pairs.items()}
    extra = _extra_links(lookup, a_id, b_id, pairs)
    matched = [(c, a_of[c.uid]) for c in b_doc.clauses if c.uid in a_of]
    index_a = {c.uid: c.index for c in a_doc.clauses}
    keep = longest_increasing([index_a[a] for _, a in matched])
    position = {mb.uid: i for i, (mb, _) in enumerate(matched)}
    # The first-document index of the next matched, unmoved row: clauses found only in the
    # first document that stand before it go first (deletions before insertions).
    anchor: list[float] = []
    upcoming = float("inf")
    for b in reversed(b_doc.clauses):
        if b.uid in a_of and position[b.uid] in keep:
            upcoming = index_a[a_of[b.uid]]
        anchor.append(upcoming)
    anchor.reverse()
    rows: list[Row] = []
    pending = [c for c in a_doc.clauses if c.uid not in pairs]
    for i, b in enumerate(b_doc.clauses):
        a_uid = a_of.get(b.uid)
        moved = a_uid is not None and position[b.uid] not in keep
        if not moved:
            while pending and pending[0].index < anchor[i]:
                rows.append(_row(lookup, pending.pop(0), None, extra))
        if a_uid is None:
            rows.append(_row(lookup, None, b, extra))
        else:
            rows.append(_row(lookup, lookup.clauses[a_uid], b, extra, moved))
    rows.extend(_row(lookup, a, None, extra) for a in pending)
    groups: list[Group] = []
    for row in rows:
        same = not row.changed
        if groups and groups[-1].same == same:
            groups[-1].rows.append(row)
        else:
            groups.append(Group(same=same, rows=[row]))
    stats = counts((r.relation or "" for r in rows if r.kind == "match"), RELATIONS)
    stats += [
        ("moved", sum(r.moved for r in rows)),
        (f"only in {lookup.views[a_id].label}", sum(r.kind == "a-only" for r in rows)),
        (f"only in {lookup.views[b_id].label}", sum(r.kind == "b-only" for r in rows)),
    ]
    return PairPage(
        a=lookup.views[a_id],
        b=lookup.views[b_id],
        groups=groups,
        stats=stats,
        changes=sum(r.changed for r in rows),
    )


def _pairing(lookup: Lookup, a_id: str, b_id: str) -> dict[str, str]:
    """One-to-one pairs (a uid -> b uid), closest relation and highest similarity first."""
    candidates = []
    for link in lookup.links_between(a_id, b_id):
        a, b = (
            (link.source, link.target)
            if lookup.doc_of(link.source) == a_id
            else (link.target, link.source)
        )
        candidates.append(
            (
                relation_rank(link.relation),
                -link.similarity,
                lookup.clauses[a].index,
                lookup.clauses[b].index,
                a,
                b,
            )
        )
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for *_, a, b in sorted(candidates):
        if a not in pairs and b not in taken:
            pairs[a] = b
            taken.add(b)
    return pairs


def _extra_links(
    lookup: Lookup, a_id: str, b_id: str, pairs: dict[str, str]
) -> dict[str, list[str]]:
    """Notes for links left out of the one-to-one pairing (the other halves of splits/merges)."""
    notes: dict[str, list[str]] = {}
    for link in lookup.links_between(a_id, b_id):
        if pairs.get(link.source) == link.target or pairs.get(link.target) == link.source:
            continue
        for own, other in ((link.source, link.target), (link.target, link.source)):
            where = lookup.views[lookup.doc_of(other)].label
            text = (
                f"also {link.relation} ({link.similarity:.2f}) with {where} "
                f"{lookup.clauses[other].id}"
            )
            notes.setdefault(own, []).append(text)
    return {k: sorted(v) for k, v in notes.items()}


def _row(
    lookup: Lookup,
    a: Clause | None,
    b: Clause | None,
    extra: dict[str, list[str]],
    moved: bool = False,
) -> Row:
    link = lookup.link.get((a.uid, b.uid)) or lookup.link.get((b.uid, a.uid)) if a and b else None
    diff = word_segments(a.text, b.text) if a and b else []
    notes = (extra.get(a.uid, []) if a else []) + (extra.get(b.uid, []) if b else [])
    uid = (b or a).uid  # type: ignore[union-attr]
    return Row(
        kind="match" if a and b else ("a-only" if a else "b-only"),
        a=Cell(f"a-{a.id}", a.label, side(diff, "delete") if b else [Segment("equal", a.text)])
        if a
        else None,
        b=Cell(f"b-{b.id}", b.label, side(diff, "insert") if a else [Segment("equal", b.text)])
        if b
        else None,
        relation=link.relation if link else None,
        similarity=round(link.similarity, 4) if link else None,
        method=link.method if link else None,
        moved=moved,
        family=lookup.family_of.get(uid) or (lookup.family_of.get(a.uid) if a else None),
        notes=notes,
    )
