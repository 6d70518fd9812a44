"""The side-by-side view of two documents: one row per matched clause, moves and gaps marked.

Rows follow the second document; clauses found only in the first are slotted in where they
stood relative to their matched, unmoved neighbours, so both columns read in document order.
Which clauses face each other and which moved is the analysis's decision
(`history.pairings`), the same that makes a family's event `moved`: this page only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...history.pairings import pairing
from ...model import RELATIONS, Clause, Link, Match
from ...substantive import Substantive, substantive_changes
from .model import DocView, Lookup, Segment, counts, shared_passages, side, word_segments
from .why import Why, decision_text, why


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
    #: Why the two clauses face each other (relation words, evidence, citations, review).
    why: Why | None = None
    #: Links a reviewer rejected between this row's clause and the other document.
    rejected: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.kind != "match" or self.moved or self.relation != "verbatim"


@dataclass(frozen=True)
class Group:
    """Consecutive rows shown together; `same` groups hold unchanged rows, collapsed."""

    same: bool
    rows: list[Row]


@dataclass(frozen=True)
class Change:
    """One entry of a pair's change list: what happened to a clause, in one line, and the
    anchor of its row."""

    kind: str
    anchor: str
    label: str
    gist: str
    substantive: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairPage:
    a: DocView
    b: DocView
    groups: list[Group]
    stats: list[tuple[str, int]]
    changes: int
    change_list: list[Change] = field(default_factory=list)
    change_counts: list[tuple[str, int]] = field(default_factory=list)


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
    if lookup.reviews.rejected:
        rows = [_with_rejections(lookup, row, a_id, b_id) for row in rows]
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
    change_list = [
        c for r in rows if r.changed and (c := change_of(r, _substance(lookup, a_id, b_id, r)))
    ]
    return PairPage(
        a=lookup.views[a_id],
        b=lookup.views[b_id],
        groups=groups,
        stats=stats,
        changes=sum(r.changed for r in rows),
        change_list=change_list,
        change_counts=counts((c.kind for c in change_list), CHANGE_KINDS),
    )


#: The kinds of a change list, in the order a reviewer reads them (Word's and Litera's compare
#: say inserted, deleted, changed, moved).
CHANGE_KINDS = ("added", "dropped", "amended", "rewritten", "moved")
#: A relation's change kind: a few words changed, or the clause rewritten.
_KIND_OF_RELATION = {"verbatim": "moved", "minor": "amended"}
#: Words of a clause quoted in a gist, and edits described before "and N more".
GIST_WORDS = 12
GIST_EDITS = 3


def _substance(lookup: Lookup, a_id: str, b_id: str, row: Row) -> tuple[str, ...]:
    """What a matched row changes in substance (numbers, dates, years, symbols, amounts, a
    weaker verb), decided by the one rule `check` applies too (`lineage.substantive`)."""
    if row.kind != "match" or not row.a or not row.b:
        return ()
    a = lookup.clauses[f"{a_id}/{row.a.id[2:]}"]
    b = lookup.clauses[f"{b_id}/{row.b.id[2:]}"]
    if a.norm == b.norm:  # the same words: nothing to read twice (most rows of a pair)
        return ()
    return tuple(_describe(s) for s in substantive_changes(a.norm, b.norm))


def _describe(found: Substantive) -> str:
    """year 2020 → 2025; a side that has none says "none"."""
    was = ", ".join(_printed(found.kind, t) for t in found.before) or "none"
    now = ", ".join(_printed(found.kind, t) for t in found.after) or "none"
    return f"{found.kind} {was} → {now}"


def _printed(kind: str, fact: str) -> str:
    """A fact as the documents print it, not as it is compared (normalised text is lower
    case): "30 June 2029", "A/RES/78/123"."""
    if kind == "symbol":
        return fact.upper()
    if kind == "date":
        return " ".join(w.capitalize() if w.isalpha() else w for w in fact.split(" "))
    return fact


def change_of(row: Row, substantive: tuple[str, ...] = ()) -> Change | None:
    """The change-list entry of a row, or None for an unchanged clause."""
    if not row.changed:
        return None
    if row.kind == "b-only" and row.b:
        return Change("added", row.b.id, row.b.id[2:], _quote(row.b.segments))
    if row.kind == "a-only" and row.a:
        return Change("dropped", row.a.id, row.a.id[2:], _quote(row.a.segments))
    assert row.a and row.b
    kind = _KIND_OF_RELATION.get(row.relation or "", "rewritten")
    label = f"{row.a.id[2:]} → {row.b.id[2:]}" if row.a.id[2:] != row.b.id[2:] else row.b.id[2:]
    gist = _edits(row.a.segments, row.b.segments)
    if row.moved and kind != "moved":
        gist = f"moved; {gist}"
    return Change(kind, row.b.id, label, gist or "moved, same words", substantive)


def _words(text: str, limit: int = GIST_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")


def _quote(segments: list[Segment]) -> str:
    return f"“{_words(''.join(s.text for s in segments))}”"


def _edits(a: list[Segment], b: list[Segment]) -> str:
    """The word edits of a matched row, in reading order: “old” → “new”, + “new”, − “old”."""
    pairs = _edit_pairs(a, b)
    words = [(old, new) for old, new in pairs if _has_word(old) or _has_word(new)]
    edits = []
    for old, new in words or pairs:
        if old and new:
            edits.append(f"“{_words(old, 6)}” → “{_words(new, 6)}”")
        elif new:
            edits.append(f"+ “{_words(new, 8)}”")
        else:
            edits.append(f"− “{_words(old, 8)}”")
    more = len(edits) - GIST_EDITS
    return "; ".join(edits[:GIST_EDITS]) + (f"; and {more} more" if more > 0 else "")


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _edit_pairs(a: list[Segment], b: list[Segment]) -> list[tuple[str, str]]:
    """(deleted, inserted) text between successive equal runs of the two columns."""

    def gaps(segments: list[Segment], op: str) -> list[str]:
        out, current = [], ""
        for s in segments:
            if s.op == op:
                current += s.text
            else:
                out.append(current)
                current = ""
        out.append(current)
        return out

    dels, ins = gaps(a, "delete"), gaps(b, "insert")
    pairs = zip(dels, ins, strict=False)
    return [(d.strip(), i.strip()) for d, i in pairs if d.strip() or i.strip()]


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
    relation = link.relation if link else None
    diff = word_segments(a.text, b.text) if a and b else []
    notes = (extra.get(a.uid, []) if a else []) + (extra.get(b.uid, []) if b else [])
    uid = (b or a).uid  # type: ignore[union-attr]
    return Row(
        kind="match" if a and b else ("a-only" if a else "b-only"),
        a=_cell(a, diff, "delete", relation) if a else None,
        b=_cell(b, diff, "insert", relation) if b else None,
        relation=relation,
        similarity=round(link.similarity, 4) if link else None,
        method=link.method if link else None,
        moved=match.moved if match else False,
        steady=match.steady if match else False,
        family=lookup.family_of.get(uid) or (lookup.family_of.get(a.uid) if a else None),
        notes=notes,
        why=why(link, lookup.reviews, lookup.shared_citations(link.source, link.target))
        if link
        else None,
    )


def _cell(clause: Clause, diff: list[Segment], keep: str, relation: str | None) -> Cell:
    """One side of a row: its part of the word diff, long shared runs marked where the
    wording changed much; a clause without counterpart shown whole."""
    ident = f"{'a' if keep == 'delete' else 'b'}-{clause.id}"
    if not diff:
        return Cell(ident, clause.label, [Segment("equal", clause.text)])
    return Cell(ident, clause.label, shared_passages(side(diff, keep), relation))


def _with_rejections(lookup: Lookup, row: Row, a_id: str, b_id: str) -> Row:
    """The row with the links a reviewer rejected between its clauses and the other document
    (`reviews.toml`), so a reader sees the decision where the link would have been."""
    said = []
    for cell, own, other in ((row.a, a_id, b_id), (row.b, b_id, a_id)):
        if cell is None:
            continue
        uid = f"{own}/{cell.id[2:]}"
        for o in lookup.reviews.rejected.get(uid, []):
            far = o.target if o.source == uid else o.source
            if far in lookup.clauses and lookup.doc_of(far) == other:
                label = lookup.views[other].label
                said.append(decision_text("rejected", label, lookup.clauses[far].id, o.note))
    return replace(row, rejected=sorted(set(said))) if said else row
