"""View models of the document and family pages: each clause with its provenance, each family
version with its diff from the version it descends from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from ...analysis import lacking
from .model import (
    EVENT_CODES,
    ClauseOrigin,
    DocView,
    Lookup,
    Segment,
    counts,
    doc_href,
    kind_order,
    link_why,
    next_of,
    pair_href,
    previous_of,
    shared_passages,
    word_segments,
)
from .why import Why, decision_text

#: Most documents a family page lists as "missing from" or "not yet in".
LIST_LIMIT = 50


@dataclass(frozen=True)
class ClauseView:
    """One clause on a document page, with its provenance."""

    id: str
    uid: str
    kind: str
    label: str
    text: str
    parts: list[tuple[str, str]]
    prov: ClauseOrigin
    why: Why | None = None
    #: The reviewers' decisions on the clause's other links: (decision, what to say).
    reviewed: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentPage:
    doc: DocView
    language: str
    source: str
    path: str
    preamble: list[ClauseView]
    operative: list[ClauseView]
    kinds: list[tuple[str, int]]
    notes: list[tuple[str, str]]
    blocks: list[tuple[str, str]]
    citations: list[tuple[str, str, str | None]]
    #: tracked changes: (kind, author, date, text, clause id or None)
    revisions: list[tuple[str, str, str, str, str | None]]

    @property
    def relations(self) -> bool:
        """Whether any clause shows a relation (the page then explains them)."""
        return any(
            c.prov.relation or c.prov.closest_relation for c in (*self.preamble, *self.operative)
        )

    previous: DocView | None  # its previous version (the document graph)
    prev: DocView | None
    next: DocView | None
    pairs: list[tuple[str, str]]


def document_page(lookup: Lookup, doc_id: str) -> DocumentPage:
    doc = lookup.doc[doc_id]
    views = [
        ClauseView(
            id=c.id,
            uid=c.uid,
            kind=c.kind,
            label=c.label,
            text=c.text,
            parts=[(p.label, p.text) for p in c.parts],
            prov=lookup.provenance(c.uid),
            why=link_why(lookup, lookup.provenance(c.uid).source_uid, c.uid),
            reviewed=_reviewed(lookup, c.uid) if lookup.reviews.of_clause else [],
        )
        for c in doc.clauses
    ]
    i = lookup.order[doc_id]
    prev = lookup.views[lookup.documents[i - 1].id] if i > 0 else None
    nxt = lookup.views[lookup.documents[i + 1].id] if i + 1 < len(lookup.documents) else None
    return DocumentPage(
        doc=lookup.views[doc_id],
        language=doc.language,
        source=doc.source,
        path=PurePath(doc.path).name if doc.path else "",
        preamble=[v for v in views if v.kind == "preamble"],
        operative=[v for v in views if v.kind != "preamble"],
        kinds=counts((v.prov.kind for v in views), tuple(EVENT_CODES)),
        notes=[(n.label, n.text) for n in doc.notes],
        blocks=[(b.kind, b.text) for b in doc.blocks if b.kind != "noise"],
        citations=[
            (c.key, c.text, c.clause.rsplit("/", 1)[-1] if c.clause else None)
            for c in doc.citations
        ],
        revisions=[
            (r.kind, r.author, r.date, r.text, r.clause.rsplit("/", 1)[-1] if r.clause else None)
            for r in doc.revisions
        ],
        previous=lookup.views.get(prev_id) if (prev_id := previous_of(lookup, doc_id)) else None,
        prev=prev,
        next=nxt,
        pairs=compare_links(lookup, doc_id),
    )


#: What a document page says of a reviewer's decision on a link it does not show.
REVIEW_WORDS = {"confirm": "confirmed", "reject": "rejected"}


def _reviewed(lookup: Lookup, uid: str) -> list[tuple[str, str]]:
    """The decisions of reviews.toml on the clause's links, but the one beside its
    provenance (said there): a link confirmed or added that is not the clause's origin, or
    rejected, would else be shown nowhere on the clause's own page."""
    shown = lookup.provenance(uid).source_uid
    said = []
    for o in lookup.reviews.of_clause.get(uid, []):
        far = o.target if o.source == uid else o.source
        if far not in lookup.clauses or (far == shown and o.decision == "confirm"):
            continue
        other, word = lookup.clauses[far], REVIEW_WORDS.get(o.decision, o.decision)
        label = lookup.views[other.doc_id].label
        said.append((word, decision_text(word, label, other.id, o.note)))
    return said


def compare_links(lookup: Lookup, doc_id: str) -> list[tuple[str, str]]:
    """Side-by-side pages of a document: with its previous and next version (the document
    graph), then every pair asked for (`--pair`) that holds it."""
    found: list[tuple[str, str, str]] = []
    prev, nxt = previous_of(lookup, doc_id), next_of(lookup, doc_id)
    if prev is not None:
        found.append(("previous version", prev, pair_href(prev, doc_id)))
    if nxt is not None:
        found.append(("next version", nxt, pair_href(doc_id, nxt)))
    for a, b in lookup.asked:
        if doc_id in (a, b) and pair_href(a, b) not in {href for *_, href in found}:
            found.append(("asked for", b if a == doc_id else a, pair_href(a, b)))
    return [
        (f"Compare with {lookup.views[other].label} ({why})", href) for why, other, href in found
    ]


@dataclass(frozen=True)
class VersionClause:
    id: str
    label: str
    text: str
    source: str | None
    source_label: str | None
    source_href: str | None
    relation: str | None
    similarity: float | None
    diff: list[Segment]
    closest: str | None = None
    closest_href: str | None = None
    closest_relation: str | None = None
    closest_similarity: float | None = None
    why: Why | None = None


@dataclass(frozen=True)
class Version:
    """The family in one document: its event and its clauses, each diffed from its source."""

    doc: DocView
    kinds: list[str]
    clauses: list[VersionClause]


@dataclass(frozen=True)
class FamilyPage:
    id: str
    name: str
    first: DocView | None
    first_clause: str
    versions: list[Version]
    before: list[DocView]
    missing: list[DocView]
    present: int
    total: int
    prev: str | None
    next: str | None

    @property
    def relations(self) -> bool:
        """Whether any version shows a relation (the page then explains them)."""
        return any(c.relation or c.closest_relation for v in self.versions for c in v.clauses)


def family_page(lookup: Lookup, fam_id: str) -> FamilyPage:
    fam = lookup.family[fam_id]
    docs = lookup.family_docs(fam)
    by_doc: dict[str, list[str]] = defaultdict(list)
    for uid in sorted(
        fam.clauses, key=lambda u: (lookup.order[lookup.doc_of(u)], lookup.clauses[u].index)
    ):
        by_doc[lookup.doc_of(uid)].append(uid)
    event_docs = {e.doc_id for e in fam.events if e.doc_id in lookup.doc}
    versions = []
    previous: str | None = None
    for doc_id in sorted(set(docs) | event_docs, key=lookup.order.__getitem__):
        events = lookup.events.get((fam_id, doc_id), [])
        kinds = kind_order({e.kind for e in events})
        clauses = [_version_clause(lookup, uid, previous) for uid in by_doc.get(doc_id, [])]
        previous = by_doc[doc_id][0] if by_doc.get(doc_id) else previous
        if not kinds:
            kinds = kind_order({lookup.provenance(uid).kind for uid in by_doc[doc_id]})
        versions.append(Version(doc=lookup.views[doc_id], kinds=kinds, clauses=clauses))
    first_doc = lookup.views[docs[0]] if docs else None
    start = lookup.order[docs[0]] if docs else 0
    i = lookup.family_index[fam_id]
    first_uid = fam.first if fam.first in lookup.clauses else (fam.clauses or ("",))[0]
    return FamilyPage(
        id=fam_id,
        name=lookup.clauses[first_uid].text if first_uid in lookup.clauses else fam_id,
        first=first_doc,
        first_clause=first_uid.rsplit("/", 1)[-1],
        versions=versions,
        before=_before(lookup, start),
        missing=_missing(lookup, start, set(by_doc)),
        present=len(docs),
        total=len(lookup.documents),
        prev=lookup.families[i - 1].id if i > 0 else None,
        next=lookup.families[i + 1].id if i + 1 < len(lookup.families) else None,
    )


def _missing(lookup: Lookup, start: int, present: set[str]) -> list[DocView]:
    """The documents of the family's own series (those of the documents holding it) after its
    first appearance there that hold none of it, the first LIST_LIMIT: a document of another
    series is not missing anything. Without a document graph, every later document.

    Past the limit the last entry says how many more and links to the overview, whose matrix
    shows them. Work is linear in the series' documents, not in the corpus.
    """
    absent = lacking(lookup.analysis, present)
    total = len(absent)
    listed: list[DocView] = []
    for doc_id in absent:
        if len(listed) == LIST_LIMIT:
            break
        listed.append(lookup.views[doc_id])
    if total > len(listed):
        listed.append(
            DocView(
                id="",
                label=f"… and {total - len(listed):,} more",
                title="",
                date="",
                body="",
                symbol="",
                n_clauses=0,
                href="index.html",
            )
        )
    return listed


def _before(lookup: Lookup, start: int) -> list[DocView]:
    """The documents before the family's first one; none past LIST_LIMIT.

    The page says "not yet in the earlier N documents" with N the list's length, so a long
    list is left out whole (the lead already says in how many documents the family is).
    """
    return [lookup.views[d.id] for d in lookup.documents[:start]] if start <= LIST_LIMIT else []


def _version_clause(lookup: Lookup, uid: str, previous: str | None) -> VersionClause:
    """A version diffed from its source, or from the previous version when none is known."""
    clause = lookup.clauses[uid]
    prov = lookup.provenance(uid)
    source = prov.source_uid if prov.source_uid in lookup.clauses else previous
    diff = (
        word_segments(lookup.clauses[source].text, clause.text)
        if source
        else [Segment("equal", clause.text)]
    )
    relation, similarity = prov.relation, prov.similarity
    if source != prov.source_uid:
        link = lookup.link.get((source, uid)) if source else None
        relation = link.relation if link else None
        similarity = round(link.similarity, 4) if link else None
    label = href = None
    if source:
        src = lookup.clauses[source]
        label = f"{lookup.views[src.doc_id].label} {src.id}"
        href = f"{doc_href(src.doc_id)}#{src.id}"
    return VersionClause(
        id=clause.id,
        label=clause.label,
        text=clause.text,
        source=source,
        source_label=label,
        source_href=href,
        closest=f"{prov.closest_doc.label} {prov.closest.rsplit('/', 1)[-1]}"
        if prov.closest and prov.closest_doc
        else None,
        closest_href=f"{prov.closest_doc.href}#{prov.closest.rsplit('/', 1)[-1]}"
        if prov.closest and prov.closest_doc
        else None,
        closest_relation=prov.closest_relation,
        closest_similarity=prov.closest_similarity,
        relation=relation,
        similarity=similarity,
        diff=shared_passages(diff, relation),
        why=link_why(lookup, source, uid),
    )
