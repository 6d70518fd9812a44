"""Clause alignment across all documents: candidates from the index, scores, then links.

Three stages, so that an engine can run the expensive middle one in parallel:

1. `prepared.prepare` (here, in one process): word ids for every clause's `norm`, identical
   wordings grouped into one "rep" (a clause carried verbatim through 30 documents is scored
   once), formula words masked, and the shingle index built.
2. `score_chunk(prepared, (lo, hi))` (on the engine): candidate pairs of reps from the index,
   each scored by `scoring.score_pair`. Pure and independent of the chunking.
3. `selection.select` (here): rep pairs expanded to clause pairs of different documents, then
   per pair of documents the best one-to-one matching (greedy by relation, then similarity,
   then document order); `partial` links may add several per clause (splits and merges).

What links across series need is decided later, on the document graph
(`across_series.keep_specific`).
"""

from __future__ import annotations

from typing import NamedTuple

from ..engines.local import LocalEngine
from ..model import Corpus, Link
from ..progress import Progress, silent
from .index import candidates
from .prepared import PREPARE_STEPS, Prepared, prepare
from .scoring import Score, score_pair
from .selection import Pairs, select

#: Reps per engine chunk: big enough to amortise numpy calls, small enough for memory.
CHUNK_REPS = 1000


def chunks(prepared: Prepared, size: int = CHUNK_REPS) -> list[tuple[int, int]]:
    """Rep ranges for the engine; any cut gives the same result."""
    n = prepared.index.n_reps
    return [(lo, min(lo + size, n)) for lo in range(0, n, size)]


def score_chunk(prepared: Prepared, chunk: tuple[int, int]) -> list[tuple[int, int, Score]]:
    """Scored rep pairs (higher rep, lower rep, score) for the reps of one chunk."""
    lo, hi = chunk
    qs, rs = candidates(prepared.index, lo, hi)
    out: list[tuple[int, int, Score]] = []
    rep_doc = prepared.rep_doc
    reps = prepared.reps
    for q, r in zip(qs.tolist(), rs.tolist(), strict=True):
        if rep_doc[q] != -1 and rep_doc[q] == rep_doc[r]:
            continue  # both wordings only ever in one and the same document
        score = score_pair(reps[r], reps[q], prepared.idf, prepared.near)
        if score is not None:
            out.append((q, r, score))
    return out


class Alignment(NamedTuple):
    """The machine links of a corpus (before reviewer overrides), each link's (source, target)
    clause positions in corpus order beside it, and the prepared data they came from."""

    prepared: Prepared
    links: list[Link]
    pairs: Pairs


def align(
    corpus: Corpus, engine: object | None = None, progress: Progress | None = None
) -> Alignment:
    """Align a corpus: prepare, score the chunks on the engine, select one-to-one links.

    `progress` sees three stages: "prepare" (its steps), "align" (chunks as they finish) and
    "select" (one step: it is one pass)."""
    tell = progress or silent
    runner = engine if engine is not None else LocalEngine()
    tell("prepare", 0, PREPARE_STEPS)
    prepared = prepare(corpus, lambda step: tell("prepare", step, PREPARE_STEPS))
    parts = chunks(prepared, CHUNK_REPS)
    tell("align", 0, len(parts))
    results = runner.map(  # type: ignore[attr-defined]
        score_chunk,
        parts,
        prepared,
        cpu_bound=True,
        progress=lambda done: tell("align", done, len(parts)),
    )
    scored = [item for part in results for item in part]
    tell("align", len(parts), len(parts))
    tell("select", 0, 1)
    selected = select(prepared, scored)
    tell("select", 1, 1)
    return Alignment(prepared, *selected)
