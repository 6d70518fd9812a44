"""The align stage: every recurring clause across all documents, as Links.

`align(corpus, engine, progress)` is its one entry point (`aligner.py`): candidates from the
shingle index (`index.py`), scores and relations (`scoring.py`, with the drafting vocabulary of
`vocabulary.py`), from what `prepared.py` builds; one-to-one selection per pair of documents
(`selection.py`); what a link across series needs (`across_series.py`, `subjects.py`).
"""

from __future__ import annotations

from .aligner import Alignment, align

__all__ = ["Alignment", "align"]
