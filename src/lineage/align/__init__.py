"""The align stage: every recurring clause across all documents, as Links.

`align(corpus, engine, progress)` is its one entry point (`aligner.py`): candidates from the
shingle index (`index.py`), scores and relations (`scoring.py`, with the drafting vocabulary of
`vocabulary.py`), one-to-one selection per pair of documents, then family links.
"""

from __future__ import annotations

from .aligner import Alignment, align

__all__ = ["Alignment", "align"]
