"""Pages rendered by the pool of forked workers (`report.html.pool`) are the pages one process
renders: same paths, same order, same bytes, written or in memory."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from pathlib import Path

import pytest

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis
from lineage.report.html import pool, render_report, write_report

TEXTS = Path(__file__).resolve().parent.parent / "texts"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    """The seeds and the eight real resolutions: several series, side-by-side pages."""
    paths = [TEXTS, CORPUS] if CORPUS.is_dir() else [TEXTS]
    return analyse(load_corpus(paths))


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_pool_renders_the_same_pages_in_the_same_order(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the pool forced on for this small report (POOL_MIN_PAGES 0, chunks of 3 pages so
    that both workers get many), every page is byte-identical to one process's and the paths
    come back in the same order."""
    alone = render_report(analysis, workers=1)
    monkeypatch.setattr(pool, "POOL_MIN_PAGES", 0)
    monkeypatch.setattr(pool, "CHUNK_PAGES", 3)
    pooled = render_report(analysis, workers=2)
    assert len(alone) > 2 * 3  # more chunks than workers
    assert list(pooled) == list(alone)
    assert pooled == alone


def test_pool_writes_the_same_report(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """write_report through the pool writes the files, and counts, of a one-process write."""
    counted_alone = write_report(analysis, tmp_path / "alone", workers=1)
    monkeypatch.setattr(pool, "POOL_MIN_PAGES", 0)
    monkeypatch.setattr(pool, "CHUNK_PAGES", 3)
    counted_pooled = write_report(analysis, tmp_path / "pooled", workers=2)
    assert counted_pooled == counted_alone
    assert _tree(tmp_path / "pooled") == _tree(tmp_path / "alone")


def test_pages_as_utf8_are_the_pages_encoded(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a writer reads (`rendered_utf8`: workers send UTF-8) is each page's text
    encoded, from the pool and from one process alike; a page with signs outside Latin-1
    (the report's "·" and "→") comes through whole."""
    from lineage.report.html import _pages

    pages = _pages(analysis, [], 30)
    texts = dict(pool.rendered(pages, 1))
    monkeypatch.setattr(pool, "POOL_MIN_PAGES", 0)
    monkeypatch.setattr(pool, "CHUNK_PAGES", 3)
    for workers in (1, 2):
        encoded = dict(pool.rendered_utf8(pages, workers))
        assert list(encoded) == list(texts)
        assert {p: b.decode("utf-8") for p, b in encoded.items()} == texts
    assert any("→" in t for t in texts.values())
    assert multiprocessing.active_children() == []


def _broken(paths: list[str]) -> list[str]:
    """A worker's task that fails (module level: the pool sends it to the workers by name)."""
    raise RuntimeError("page failed")


def test_a_page_that_fails_in_a_worker_fails_the_report(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An error raised while a worker renders a page reaches the caller (nothing is written
    and no worker is left behind), as it would in one process."""
    monkeypatch.setattr(pool, "POOL_MIN_PAGES", 0)
    monkeypatch.setattr(pool, "_render_chunk", _broken)
    with pytest.raises(RuntimeError, match="page failed"):
        write_report(analysis, tmp_path / "out", workers=2)
    assert not (tmp_path / "out").exists()
    assert multiprocessing.active_children() == []


def test_workers_never_exceed_the_cores() -> None:
    """Asking for more workers than cores gets the cores; asking for none gets one."""
    assert pool.processes(10_000) <= (os.cpu_count() or 1)
    assert pool.processes(0) == 1


class _Recording(dict[str, str]):
    """Pages whose reading records whether the collector had objects frozen at that moment."""

    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__(pages)
        self.frozen: list[int] = []

    def __getitem__(self, path: str) -> str:
        self.frozen.append(gc.get_freeze_count())
        return super().__getitem__(path)


def test_pages_are_rendered_with_the_heap_frozen_and_the_collector_left_as_found() -> None:
    """While pages render, the objects alive before are out of the collector's passes (the
    full passes over a large analysis were an eighth of rendering un-ga); after, nothing stays
    frozen that the caller had not frozen, and what the caller froze stays frozen."""
    gc.collect()
    assert gc.get_freeze_count() == 0
    pages = _Recording({f"p{i}": str(i) for i in range(5)})
    assert list(pool.rendered(pages)) == [(f"p{i}", str(i)) for i in range(5)]
    assert len(pages.frozen) == 5 and min(pages.frozen) > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        held = gc.get_freeze_count()
        list(pool.rendered(_Recording({"p": "x"})))
        assert gc.get_freeze_count() >= held > 0
    finally:
        gc.unfreeze()
