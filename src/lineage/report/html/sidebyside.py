"""The side-by-side view of two documents: one row per matched clause, moves and gaps marked.

Rows follow the second document; clauses found only in the first are slotted in where they
stood relative to their matched, unmoved neighbours, so both columns read in document order.
Which clauses face each other and which moved is the analysis's decision
(`history.pairings`), the same that makes a family's event `moved`: this page only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...history.pairings import pairing
from ...model import RELATIONS, Clause, Link, Match
from .model import DocView, Lookup, Segment, counts, side, word_segments


@dataclass(frozen=True)
class Cell:
    id: str
    label: str
    segments: list[Segment]


@dataclass(frozen=True)
class Row:
    """kind: "match", "a-only" (not in the second document) or "b-only" (new in it); `moved` and
    `steady` as the analysis decided them (`model.Match`)."""

    kind: str
    a: Cell | None
    b: Cell | None
    relation: str | None
    similarity: float | None
    method: str | None
    moved: bool
    family: str | None
    notes: list[str]
    steady: bool = False

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
    found = pairing(lookup.analysis, a_id, b_id)
    match_of = {m.b: m for m in found.matches}
    matched_a = {m.a for m in found.matches}
    extra = _extra_links(lookup, found.others)
    index_a = {c.uid: c.index for c in a_doc.clauses}
    # The first-document index of the next matched, unmoved row: clauses found only in the
    # first document that stand before it go first (deletions before insertions).
    anchor: list[float] = []
    upcoming = float("inf")
    for b in reversed(b_doc.clauses):
        m = match_of.get(b.uid)
        if m is not None and m.steady:
            upcoming = index_a[m.a]
        anchor.append(upcoming)
    anchor.reverse()
    rows: list[Row] = []
    pending = [c for c in a_doc.clauses if c.uid not in matched_a]
    for i, b in enumerate(b_doc.clauses):
        m = match_of.get(b.uid)
        if m is None or m.steady:
            while pending and pending[0].index < anchor[i]:
                rows.append(_row(lookup, pending.pop(0), None, extra))
        if m is None:
            rows.append(_row(lookup, None, b, extra))
        else:
            rows.append(_row(lookup, lookup.clauses[m.a], b, extra, m))
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


def _extra_links(lookup: Lookup, others: tuple[Link, ...]) -> dict[str, list[str]]:
    """Notes for links left out of the one-to-one pairing (the other halves of splits/merges)."""
    notes: dict[str, list[str]] = {}
    for link in others:
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
    match: Match | None = None,
) -> Row:
    link = match.link if match else None
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
        moved=match.moved if match else False,
        steady=match.steady if match else False,
        family=lookup.family_of.get(uid) or (lookup.family_of.get(a.uid) if a else None),
        notes=notes,
    )
