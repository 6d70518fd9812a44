"""`--engine dask` gives the same results as `--engine local`, byte for byte.

The Dask runs start a LocalCluster (two worker processes on the loopback interface), which
takes a few seconds: the module is marked slow, and still runs in CI.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from lineage.cli import main
from lineage.engines.dask import DaskEngine
from lineage.engines.local import LocalEngine

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"

pytestmark = pytest.mark.slow


def _load_generator() -> ModuleType:
    if "lineage_bench_generate" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "lineage_bench_generate", ROOT / "benchmarks" / "generate.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while defining
        spec.loader.exec_module(module)
    return sys.modules["lineage_bench_generate"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A 50-document synthetic corpus: about 1,500 clauses in series with known lineage."""
    out = tmp_path_factory.mktemp("synthetic")
    _load_generator().write_corpus(50, out, seed=4)
    return out / "texts"


def _export(*args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_seed_texts_same_json_with_both_engines():
    """The seed texts exported with the local and the Dask engine give identical JSON."""
    local = _export(str(TEXTS), "--engine", "local")
    dask = _export(str(TEXTS), "--engine", "dask")
    assert json.loads(local)["links"], "the seeds share clauses: there must be links"
    assert dask == local


def test_synthetic_corpus_same_json_with_both_engines(synthetic):
    """On a 50-document synthetic corpus the two engines export identical JSON."""
    local = _export(str(synthetic), "--engine", "local")
    dask = _export(str(synthetic), "--engine", "dask")
    data = json.loads(local)
    assert len(data["documents"]) == 50
    assert len(data["links"]) > 1000  # series of 5-15 versions of ~30 clauses recur a lot
    assert dask == local


def test_scoring_chunks_identical_on_every_engine(synthetic):
    """The aligner's own scoring, cut into many chunks, is the same serially, on a process
    pool and on Dask: the engines only change where chunks run, never what they return."""
    from lineage.align import aligner as align
    from lineage.corpus import load_corpus

    prepared = align.prepare(load_corpus([synthetic]))
    pieces = align.chunks(prepared, size=150)
    assert len(pieces) >= 4
    serial = LocalEngine(workers=1).map(align.score_chunk, pieces, prepared)
    pooled = LocalEngine(workers=2).map(align.score_chunk, pieces, prepared)
    told: list[int] = []
    with DaskEngine() as engine:
        distributed = engine.map(align.score_chunk, pieces, prepared, progress=told.append)
    assert sum(len(chunk) for chunk in serial) > 0
    assert pooled == serial
    assert distributed == serial
    # Progress on the engine's own (non-default) client: every chunk counted, in order.
    assert told == list(range(1, len(pieces) + 1))


def test_unreachable_scheduler_exits_2_with_one_line():
    """`--scheduler` pointing nowhere is a usage error: exit 2, one line, no traceback."""
    result = CliRunner().invoke(
        main, ["export", str(TEXTS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
