"""Shared paths and fixtures: the repository's texts/, the raw seeds and the real corpus.

In CI `shared/` is a sibling of the checkout; on the development machine it is /work/shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis, Corpus

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
UNGA = SHARED / "un-ga"


@pytest.fixture(scope="session")
def texts_corpus() -> Corpus:
    """texts/ loaded once: the four seed documents with front matter."""
    return load_corpus([TEXTS])


@pytest.fixture(scope="session")
def shared_corpus_dir() -> Path:
    """The folder of real UN resolutions extracted from PDFs (read-only: copy before editing)."""
    return CORPUS


@pytest.fixture(scope="session")
def unga_analysis() -> Analysis:
    """All 659 resolutions of ../shared/un-ga analysed once (about two minutes)."""
    if not UNGA.is_dir():
        pytest.skip("../shared/un-ga is not here")
    return analyse(load_corpus([UNGA]))
