"""The analysis model: frozen dataclasses that every stage produces and every reporter reads.

Nothing here knows about files, HTML or the command line. Ingest builds Documents, the aligner
builds Links, lineage builds Families, and each reporter reads one Analysis. Offsets are indexes
into `Document.text` (the decoded file, str positions, not bytes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, get_args

ClauseKind = Literal["preamble", "operative"]
#: Where a clause stands: the document's own text, or an annex to it (a declaration annexed
#: to a resolution, an outcome document annexed to a letter).
PartName = Literal["body", "annex"]
Relation = Literal["verbatim", "minor", "major", "partial", "paraphrase"]
#: The one order of relations, closest first. Every ranking of links uses it: the aligner's
#: one-to-one selection, the closest earlier version of an event, side-by-side pairings, the
#: policy's `min_relation`. `partial` (a passage shared word for word, the rest different) ranks
#: before `paraphrase` (the same content in other words): it is the closer wording. (Events used
#: to rank paraphrase first; on texts/, texts/ + shared/corpus and 131 un-ga resolutions no
#: event depends on it.)
RELATIONS: tuple[Relation, ...] = get_args(Relation)
#: Relation -> its position in RELATIONS, for rankings in hot loops.
RELATION_RANK: dict[str, int] = {relation: i for i, relation in enumerate(RELATIONS)}


def relation_rank(relation: str | None) -> int:
    """Position of a relation in RELATIONS (closest first); unknown ones and None last."""
    return RELATION_RANK.get(relation or "", len(RELATIONS))


EventKind = Literal[
    "new",
    "carried",
    "amended",
    "rewritten",
    "moved",
    "split",
    "merged",
    "dropped",
    "reintroduced",
    "borrowed",
]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters of the document's text: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClausePart:
    """A sub-paragraph such as `(a)`: addressable, but part of its clause."""

    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    """One preambular or operative paragraph.

    `text` is the original characters of `pieces`, each run of line breaks and the spaces around
    them folded to one space, pieces joined by one space; nothing else is changed. `start`/`end`
    cover the whole clause in the file (noise such as a page head between two pieces included);
    `pieces` are the exact runs that belong to it. `norm` is the normalised form used for
    matching only, never for display.
    """

    doc_id: str
    id: str
    kind: ClauseKind
    index: int
    label: str
    text: str
    start: int
    end: int
    line: int
    norm: str
    pieces: tuple[Span, ...] = ()
    parts: tuple[ClausePart, ...] = ()
    part: PartName = "body"

    @property
    def uid(self) -> str:
        return f"{self.doc_id}/{self.id}"


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote: kept with the document, never a clause."""

    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """Material that is not a clause, kept to be shown apart.

    kind: "title", "heading", "press" (press release around the text), "front" (symbol, date,
    agenda lines), "closing" (plenary meeting line, sign-off), "noise" (running heads, page
    numbers, barcodes), "other".
    """

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """An explicit reference from a document to another document or resolution.

    `key` is canonical (e.g. "res:50/80", "doc:A/70/652-S/2016/20") so that the same cited
    document is one node whatever the wording; `text` is as written; `clause` is the uid of the
    clause it stands in, or None for notes and front matter.
    """

    key: str
    text: str
    date: str | None
    clause: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Revision:
    """A tracked change of a Word draft: who changed what and when.

    kind: "insertion", "deletion" or "move"; `text` is the text inserted, deleted or moved;
    `start`/`end` the span, in the text of the document carrying it (the version with every
    change accepted), of the paragraph it stands in; `clause` the uid of the clause holding it,
    or None for text that is no clause.
    """

    kind: str
    author: str
    date: str
    text: str
    start: int = 0
    end: int = 0
    clause: str | None = None


@dataclass(frozen=True)
class Document:
    """One dated text of the corpus, segmented.

    `previous` is the id of its previous version when the input says so (a Word draft's text
    with every change accepted follows the same text with every change rejected); on one date
    such a document sorts after those that name none. `revisions` are its tracked changes.
    """

    id: str
    title: str
    date: str
    body: str
    symbol: str
    language: str
    source: str
    path: str
    text: str
    clauses: tuple[Clause, ...]
    notes: tuple[Note, ...] = ()
    blocks: tuple[Block, ...] = ()
    citations: tuple[Citation, ...] = ()
    series: str = ""  # the series the metadata names (catalog, front matter), or ""
    previous: str = ""
    revisions: tuple[Revision, ...] = ()

    @property
    def sort_key(self) -> tuple[str, bool, str]:
        return (self.date, bool(self.previous), self.id)


@dataclass(frozen=True)
class CitedDocument:
    """A document cited by the corpus whose text is not in it (yet).

    When a file whose symbol or id matches `key` is added to the corpus, it is a Document and no
    longer a CitedDocument.
    """

    key: str
    label: str
    title: str
    date: str | None
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class Override:
    """A reviewer's decision on a link, read from the corpus folder and honoured by every run."""

    source: str
    target: str
    decision: Literal["confirm", "reject"]
    relation: Relation | None = None
    note: str = ""
    path: str = ""
    line: int = 0


class ClauseIndex:
    """Every clause of a corpus by position and by uid, built once per corpus.

    Positions are corpus order: documents as the corpus orders them, each document's clauses by
    index. The aligner, the lineage stage, the pairings and the reporters all number clauses
    this way, so a position found by one is a position for all.
    """

    __slots__ = ("clauses", "doc", "position")

    def __init__(self, documents: tuple[Document, ...]) -> None:
        self.clauses: list[Clause] = []
        self.doc: list[int] = []  # position -> document number
        for d, doc in enumerate(documents):
            for clause in sorted(doc.clauses, key=lambda c: c.index):
                self.clauses.append(clause)
                self.doc.append(d)
        self.position: dict[str, int] = {c.uid: i for i, c in enumerate(self.clauses)}

    def clause(self, uid: str) -> Clause:
        return self.clauses[self.position[uid]]

    def place(self, uid: str) -> tuple[int, int]:
        """(document number, position) of a clause: sorts as corpus order does, and two clauses
        are of one document exactly when the first numbers agree."""
        position = self.position[uid]
        return self.doc[position], position


@dataclass(frozen=True)
class Corpus:
    """What was read: documents ordered by (date, id), plus reviewer overrides."""

    documents: tuple[Document, ...]
    overrides: tuple[Override, ...] = ()
    cited: tuple[CitedDocument, ...] = ()

    @cached_property
    def index(self) -> ClauseIndex:
        """The one clause index of the corpus (uid <-> position), built on first use."""
        return ClauseIndex(self.documents)

    @cached_property
    def order(self) -> dict[str, int]:
        """Document id -> position in corpus order, built once for every stage that sorts by it."""
        return {d.id: i for i, d in enumerate(self.documents)}

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


@dataclass(frozen=True, slots=True)
class Link:
    """An earlier clause (source) recurring as a later one (target).

    `method` says how it was matched, so a reviewer can see why: "exact", "fuzzy", "passage",
    "paraphrase", "citations", "reviewer"; `evidence` what made it, in a fixed order
    (`align.scoring.EVIDENCE`: "same-words", "same-fillers", "shared-passage", "same-content",
    "same-citations", "near-words", "reviewer").
    """

    source: str
    target: str
    relation: Relation
    similarity: float
    method: str
    reviewed: Literal["confirmed", ""] = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """What happened to a family in one document.

    `clauses` are the family's clauses in that document (empty for "dropped"); `source` the uid
    of the clause they descend from (their parent), if any; `sources` every clause they descend
    from: the parent and, for "merged", the clauses merged in.
    """

    doc_id: str
    kind: EventKind
    clauses: tuple[str, ...]
    source: str | None = None
    relation: Relation | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Family:
    """One clause's life across the corpus: a tree of parents (merges join two trees).

    `parents` are (clause, its parent) uid pairs, in clause order.
    """

    id: str
    clauses: tuple[str, ...]
    first: str
    events: tuple[Event, ...] = ()
    parents: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """Two clauses facing each other on a page of two documents: `a` of the first, `b` of the
    second, joined by `link` (in whichever direction it runs); `moved` when the clause is carried
    or amended and changed place (the same decision as the `moved` event); `steady` when it
    keeps its place among the other matches (never when moved), so the first document reads in
    order along the steady matches."""

    a: str
    b: str
    link: Link
    moved: bool
    steady: bool


@dataclass(frozen=True)
class Pairing:
    """How the analysis pairs two documents: one-to-one matches in the second document's order,
    and the links between them left out of the matching (the other halves of splits, merges)."""

    a: str
    b: str
    matches: tuple[Match, ...]
    others: tuple[Link, ...]


@dataclass(frozen=True)
class Analysis:
    """Everything a reporter needs: the corpus, links, families and the citation graph."""

    corpus: Corpus
    links: tuple[Link, ...]
    families: tuple[Family, ...]
    cited: tuple[CitedDocument, ...] = ()
    #: (first id, second id) -> Pairing: every document and its previous version, and any
    #: other pair once asked for (`history.pairings.pairing`).
    pairings: dict[tuple[str, str], Pairing] = field(default_factory=dict, compare=False)
    #: The document graph (previous versions, series, sources): `history.series.DocumentGraph`.
    graph: Any = None

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.corpus.documents

    def clause(self, uid: str) -> Clause:
        return self.corpus.index.clause(uid)
