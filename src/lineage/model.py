"""The analysis model: frozen dataclasses that every stage produces and every reporter reads.

Nothing here knows about files, HTML or the command line. Ingest builds Documents, the aligner
builds Links, lineage builds Families, and each reporter reads one Analysis. Offsets are indexes
into `Document.text` (the decoded file, str positions, not bytes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

ClauseKind = Literal["preamble", "operative"]
Relation = Literal["verbatim", "minor", "major", "partial", "paraphrase"]
#: Relations from closest to loosest; reporters and policies rely on this order.
RELATIONS: tuple[str, ...] = get_args(Relation)


def relation_rank(relation: str | None) -> int:
    """Position of a relation in RELATIONS (closest first); unknown ones and None last."""
    return RELATIONS.index(relation) if relation in RELATIONS else len(RELATIONS)


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
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)


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


@dataclass(frozen=True)
class Document:
    """One dated text of the corpus, segmented."""

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

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.id)


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
    relation: str | None = None
    note: str = ""
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Corpus:
    """What was read: documents ordered by (date, id), plus reviewer overrides."""

    documents: tuple[Document, ...]
    overrides: tuple[Override, ...] = ()
    cited: tuple[CitedDocument, ...] = ()

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


@dataclass(frozen=True, slots=True)
class Link:
    """An earlier clause (source) recurring as a later one (target).

    `method` says how it was matched, so a reviewer can see why: "exact", "fuzzy", "passage",
    "paraphrase", "reviewer".
    """

    source: str
    target: str
    relation: str
    similarity: float
    method: str
    reviewed: Literal["confirmed", ""] = ""


@dataclass(frozen=True, slots=True)
class Event:
    """What happened to a family in one document.

    `clauses` are the family's clauses in that document (empty for "dropped"); `source` the uid
    of the clause they descend from (their parent), if any; `sources` every clause they descend
    from: the parent and, for "merged", the clauses merged in.
    """

    doc_id: str
    kind: str
    clauses: tuple[str, ...]
    source: str | None = None
    relation: str | None = None
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


@dataclass(frozen=True)
class Analysis:
    """Everything a reporter needs: the corpus, links, families and the citation graph."""

    corpus: Corpus
    links: tuple[Link, ...]
    families: tuple[Family, ...]
    cited: tuple[CitedDocument, ...] = ()
    #: The document graph (previous versions, series, sources): `history.series.DocumentGraph`.
    graph: Any = None
    _clauses: dict[str, Clause] = field(default_factory=dict, compare=False, repr=False)

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.corpus.documents

    def clause(self, uid: str) -> Clause:
        if not self._clauses:
            for doc in self.corpus.documents:
                for clause in doc.clauses:
                    self._clauses[clause.uid] = clause
        return self._clauses[uid]
