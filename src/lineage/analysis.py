"""The analysis pipeline: align the corpus, apply reviewer overrides, build families."""

from __future__ import annotations

from .align import align
from .align.across_series import keep_specific
from .align.prepared import Prepared
from .align.scoring import PASSAGE, score_pair, similarity
from .align.selection import Pairs, link_pairs
from .corpus import paused_gc
from .engines import get_engine
from .history.events import Clauses, Moves
from .history.families import build_families
from .history.overrides import apply_overrides, check_overrides
from .history.pairings import pair_versions
from .history.provenance import Origin, Provenance, clause_share
from .history.series import build_graph
from .model import Analysis, Corpus, Link, Relation
from .progress import Progress

#: Decided in the lineage stage (history/provenance.py), read by every reporter.
__all__ = [
    "SHARED_PASSAGE_WORDS",
    "Origin",
    "Provenance",
    "aligned_links",
    "analyse",
    "clause_share",
    "is_shared_passage",
    "lacking",
    "resolve_engine",
]

#: Consecutive words two wordings must share to share a passage: the matcher's rule
#: (align/scoring.py PASSAGE, SPEC: 8 or more), the one pages highlight by and word.
SHARED_PASSAGE_WORDS = PASSAGE


def is_shared_passage(run: str) -> bool:
    """Whether a run of text two wordings both hold is a shared passage: SHARED_PASSAGE_WORDS
    words or more, as the matcher counts them for its `shared-passage` evidence."""
    return len(run.split()) >= SHARED_PASSAGE_WORDS


def lacking(analysis: Analysis, present: set[str]) -> list[str]:
    """The documents that lack a family held by the documents `present`: those of the family's
    series (the document graph's) after its first document there, holding none of it, in corpus
    order. A document of another series lacks nothing; without a graph, every later document
    does. Family pages and the TEI export both say this, so it is decided once, here."""
    if not present:
        return []
    order = analysis.corpus.order
    graph = analysis.graph
    if graph is None:
        start = min(order[d] for d in present)
        return [d.id for d in analysis.documents[start + 1 :] if d.id not in present]
    later: set[str] = set()
    for series in {graph.series_of(d) for d in present}:
        docs = graph.members(series)
        first = min(i for i, d in enumerate(docs) if d in present)
        later.update(docs[first + 1 :])
    return sorted(later - present, key=order.__getitem__)


def resolve_engine(engine: object, scheduler: str | None = None) -> object:
    """An Engine object from a name ("local", "dask") or an Engine itself."""
    if not isinstance(engine, str):
        return engine
    return get_engine(engine, scheduler)


def analyse(
    corpus: Corpus,
    engine: object = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Links, families and events of a corpus; the result never depends on the engine."""
    with paused_gc():
        return _analyse(corpus, engine, scheduler, progress)


def _final_links(
    corpus: Corpus,
    prepared: Prepared,
    links: list[Link],
    pairs: Pairs,
) -> tuple[list[Link], Pairs]:
    """The machine links with reviewer decisions applied, with their clause positions (no link
    is implied: links are what the scorer matched and reviewers confirmed)."""
    if corpus.overrides:
        position = corpus.index.position

        def rescore(a: str, b: str) -> tuple[Relation, float]:
            ra, rb = prepared.rep_of[position[a]], prepared.rep_of[position[b]]
            found = score_pair(prepared.reps[ra], prepared.reps[rb], prepared.idf)
            if found is not None:
                return found.relation, found.similarity
            return "major", similarity(prepared.reps[ra].ids, prepared.reps[rb].ids)

        links = apply_overrides(links, corpus.overrides, corpus.index.place, rescore)
        pairs = link_pairs(corpus.index, links)
    return links, pairs


def aligned_links(
    corpus: Corpus,
    engine: object = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> tuple[Link, ...]:
    """The corpus's final links (reviewer decisions applied) without families, graph or
    events: what `lineage check` needs of a document aligned with the new text, where
    building those for each pair cost more than aligning it."""
    with paused_gc():
        return tuple(_aligned(corpus, engine, scheduler, progress)[0])


def _aligned(
    corpus: Corpus, engine: object, scheduler: str | None, progress: Progress | None
) -> tuple[list[Link], Pairs]:
    check_overrides(corpus.overrides, corpus.index.position.keys())
    runner = resolve_engine(engine, scheduler)
    try:
        prepared, links, pairs = align(corpus, runner, progress)
        # across series a link needs specific content (the graph of the candidate links says
        # which documents are one series; it is rebuilt below from the final links)
        graph = build_graph(corpus, links)
        titles = {doc.id: doc.title for doc in corpus.documents}
        links, pairs = keep_specific(prepared, links, pairs, graph.same_series, titles)
    finally:
        if isinstance(engine, str):  # an engine made here is closed here (Dask clusters)
            close = getattr(runner, "close", None)
            if close is not None:
                close()
    # prepared, the largest structure of the run, is freed on return, before families
    return _final_links(corpus, prepared, links, pairs)


def _analyse(
    corpus: Corpus, engine: object, scheduler: str | None, progress: Progress | None
) -> Analysis:
    links, pairs = _aligned(corpus, engine, scheduler, progress)
    if progress:
        progress("lineage", 0, 1)
    moves = Moves(links, pairs, Clauses(corpus))
    graph = build_graph(corpus, links)
    families = build_families(corpus, links, pairs, graph, moves)
    pairings = pair_versions(graph, moves)
    if progress:
        progress("lineage", 1, 1)
    return Analysis(
        corpus=corpus,
        links=tuple(links),
        families=families,
        cited=corpus.cited,
        pairings=pairings,
        graph=graph,
    )
