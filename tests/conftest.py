"""Shared paths and fixtures: the repository's texts/, the raw seeds and the real corpus.

In CI `shared/` is a sibling of the checkout; on the development machine it is /work/shared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
#: Tests on real clauses of un-ga skip where it is not (a checkout without shared/).
needs_unga = pytest.mark.skipif(not UNGA.is_dir(), reason="needs ../shared/un-ga")
#: The two real inputs whole-output tests run on: texts/, and texts/ plus the corpus.
CASES = ("texts", "texts+corpus")
#: texts/ already holds 79/274; the corpus's copy of it would be a duplicate document id.
DUPLICATE_OF_TEXTS = "2025-03-21_unga-res-79-274.txt"
#: A whole run (analysis, report, export) takes seconds; a hang must not stall CI.
RUN_TIMEOUT_SECONDS = 300


def unga_file(symbol: str) -> Path:
    """The un-ga file of resolution `symbol` ("78-69" for A/RES/78/69)."""
    return next(UNGA.glob(f"*_a-res-{symbol}.txt"))


def linked(analysis: Analysis, a: str, b: str) -> str | None:
    """The relation of the link between clauses a and b (either way round), or None."""
    return next((k.relation for k in analysis.links if {k.source, k.target} == {a, b}), None)


def run_lineage(*args: str, cwd: Path) -> None:
    """`lineage -q ARGS` as a separate process, as CI runs it; any failure fails the test."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "lineage.cli", "-q", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr)


def copy_inputs(case: str, work: Path) -> list[str]:
    """Copy a case's texts under work/; the relative paths to give lineage, so the paths
    written into outputs are the same on every machine."""
    shutil.copytree(TEXTS, work / "texts")
    if case == "texts":
        return ["texts"]
    corpus = sorted(p for p in CORPUS.glob("*.txt") if p.name != DUPLICATE_OF_TEXTS)
    assert len(corpus) == 7, corpus  # the eight real resolutions less the duplicate
    (work / "corpus").mkdir()
    for path in corpus:
        shutil.copy(path, work / "corpus" / path.name)
    return ["texts", "corpus"]


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
