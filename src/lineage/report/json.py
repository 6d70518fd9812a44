"""The JSON export: the contract other programs read. Fields are added, never renamed.

Schema history:
    lineage/1: documents (with clauses, notes, citations), links, families, cited.
        Added since: clauses' `part` ("body", or "annex" for the paragraphs of an annex; `kind`
        stays preamble/operative), documents' `series` (as the metadata names it, "" when none),
        `previous` (the id of the previous version the input names, "" when none) and
        `revisions` (a Word draft's tracked changes: kind, author, date, text, the clause
        holding each and its paragraph's span).

Output is byte-for-byte stable: keys sorted, floats rounded to 4 places, lists in a fixed order
(documents by date then id, clauses in document order, links by source then target, families
by id), two-space indent, UTF-8 characters as they are, a final newline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..model import Analysis, Clause, Document, Family, Link
from .streaming import batched, json_chunks

SCHEMA = "lineage/1"


def _natural(text: str) -> list[Any]:
    """Sort key that puts "F2" before "F10"."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _clause(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "uid": clause.uid,
        "kind": clause.kind,
        "part": clause.part,
        "label": clause.label,
        "text": clause.text,
        "start": clause.start,
        "end": clause.end,
        "line": clause.line,
        "norm": clause.norm,
        "pieces": [[p.start, p.end] for p in clause.pieces],
        "parts": [
            {"label": p.label, "text": p.text, "start": p.start, "end": p.end} for p in clause.parts
        ],
    }


def _document(doc: Document, graph: Any) -> dict[str, Any]:
    """A document; `previous` (its previous version's id, or null) and `series` (its series'
    id) come from the document graph, added after the `lineage/1` fields."""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "body": doc.body,
        "symbol": doc.symbol,
        "language": doc.language,
        "source": doc.source,
        "path": doc.path.replace("\\", "/"),
        "clauses": [_clause(c) for c in doc.clauses],
        "notes": [
            {"label": n.label, "text": n.text, "start": n.start, "end": n.end} for n in doc.notes
        ],
        "citations": [
            {
                "key": c.key,
                "text": c.text,
                "date": c.date,
                "clause": c.clause,
                "start": c.start,
                "end": c.end,
            }
            for c in doc.citations
        ],
        "series": graph.series_of(doc.id) if graph is not None else doc.series or doc.id,
        "previous": graph.previous(doc.id) if graph is not None else doc.previous or None,
        "revisions": [
            {
                "kind": r.kind,
                "author": r.author,
                "date": r.date,
                "text": r.text,
                "clause": r.clause,
                "start": r.start,
                "end": r.end,
            }
            for r in doc.revisions
        ],
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "source": link.source,
        "target": link.target,
        "relation": link.relation,
        "similarity": round(float(link.similarity), 4),
        "method": link.method,
        "reviewed": link.reviewed,
        "evidence": list(link.evidence),
    }


def _family(family: Family) -> dict[str, Any]:
    return {
        "id": family.id,
        "clauses": list(family.clauses),
        "first": family.first,
        "events": [
            {
                "doc": e.doc_id,
                "kind": e.kind,
                "clauses": list(e.clauses),
                "source": e.source,
                "relation": e.relation,
                "sources": list(e.sources),
            }
            for e in family.events
        ],
        "parents": [list(pair) for pair in family.parents],
    }


def _corpus_order(analysis: Analysis) -> Callable[[str], tuple[int, int]]:
    """A clause uid's place in the corpus: (document position, clause index)."""
    index = analysis.corpus.index
    beyond = (len(index.clauses), 0)  # a uid of no corpus clause (a checked draft's) sorts last
    return lambda uid: index.place(uid) if uid in index.position else beyond


def _in_position_order(links: Sequence[Link], position: Mapping[str, int]) -> bool:
    """Whether every link joins two corpus clauses and the links come by (position of source,
    of target, source, target, relation). Positions number the clauses document by document,
    so they order as (document position, clause index) does: one int per side to compare."""
    previous: tuple[Any, ...] = ()
    for k in links:
        source, target = position.get(k.source), position.get(k.target)
        if source is None or target is None:
            return False
        current = (source, target, k.source, k.target, k.relation)
        if current < previous:
            return False
        previous = current
    return True


def _links_in_order(analysis: Analysis) -> Iterator[Link]:
    """The links by (corpus place of source, of target, source, target, relation).

    The analysis gives them in that order already: checked in one pass (no key kept), and
    sorted only when they are not, or name a clause outside the corpus (the same order
    either way; a sort of 1.25 M links would hold a key tuple per link)."""
    links = analysis.links
    if _in_position_order(links, analysis.corpus.index.position):
        return iter(links)
    where = _corpus_order(analysis)
    return iter(
        sorted(
            links, key=lambda k: (where(k.source), where(k.target), k.source, k.target, k.relation)
        )
    )


def _parts(analysis: Analysis) -> dict[str, Any]:
    """The JSON document with its long lists as iterators, produced as they are written."""
    cited = analysis.cited or analysis.corpus.cited
    return {
        "schema": SCHEMA,
        "documents": (_document(d, analysis.graph) for d in analysis.documents),
        "links": map(_link, _links_in_order(analysis)),
        "families": map(_family, sorted(analysis.families, key=lambda f: _natural(f.id))),
        "cited": (
            {
                "key": c.key,
                "label": c.label,
                "title": c.title,
                "date": c.date,
                "cited_by": list(c.cited_by),
            }
            for c in sorted(cited, key=lambda c: c.key)
        ),
    }


def data(analysis: Analysis) -> dict[str, Any]:
    """The JSON document as Python data; links in corpus order (source, then target)."""
    return {k: list(v) if isinstance(v, Iterator) else v for k, v in _parts(analysis).items()}


def chunks(analysis: Analysis) -> Iterator[str]:
    """The JSON export in pieces, each produced when the writer asks for it."""
    yield from batched(json_chunks(_parts(analysis)))
    yield "\n"


def render(analysis: Analysis) -> str:
    """The JSON export of analysis, as text ending in a newline (keys sorted, indent 2)."""
    return "".join(chunks(analysis))
