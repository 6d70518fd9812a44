"""The analysis pipeline: align the corpus, apply reviewer overrides, build families."""

from __future__ import annotations

from .align import align
from .align.aligner import Pairs, Prepared, link_pairs
from .align.scoring import score_pair, similarity
from .corpus import paused_gc
from .engines import get_engine
from .history.events import Clauses, Moves
from .history.families import build_families
from .history.overrides import apply_overrides, check_overrides
from .history.pairings import pair_versions
from .history.series import build_graph
from .model import Analysis, Corpus, Link, Relation
from .progress import Progress


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


def _analyse(
    corpus: Corpus, engine: object, scheduler: str | None, progress: Progress | None
) -> Analysis:
    check_overrides(corpus.overrides, corpus.index.position.keys())
    runner = resolve_engine(engine, scheduler)
    try:
        prepared, links, pairs = align(corpus, runner, progress)
    finally:
        if isinstance(engine, str):  # an engine made here is closed here (Dask clusters)
            close = getattr(runner, "close", None)
            if close is not None:
                close()
    links, pairs = _final_links(corpus, prepared, links, pairs)
    del prepared  # the largest structure of the run: freed before families are built
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
