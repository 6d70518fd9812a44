"""The per-document cache of `lineage check` (check/store.py): each corpus file is read once.

A corpus is read through entries of its own files: a corpus with one more file reads only
that file, an edited file is read again and no other, documents stay JSON until asked for and
the one asked for equals what `load_corpus` makes of the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TEXTS
from lineage.check.cache import Cache
from lineage.check.store import read_corpus
from lineage.corpus import discover, load_corpus
from lineage.progress import StageMeter

SEED = "2025-03-21_unga-res-79-274.txt"


def _read(folder: Path, cache: Cache) -> tuple[list[str], int, int]:
    """(ids in order, files read, files found in the cache) for one read of folder."""
    hits, misses = cache.hits, cache.misses
    entries, _ = read_corpus(discover([folder])[0], cache, StageMeter())
    return [e.id for e in entries], cache.misses - misses, cache.hits - hits


def test_documents_stay_data_until_asked_for(tmp_path: Path) -> None:
    """Read back from the cache, the entries are texts/'s documents in load_corpus's order;
    no document is decoded until one is asked for, and that one equals load_corpus's."""
    cache = Cache(tmp_path / "cache")
    read_corpus(discover([TEXTS])[0], cache, StageMeter())
    entries, documents = read_corpus(discover([TEXTS])[0], cache, StageMeter())
    corpus = load_corpus([TEXTS])
    assert [e.id for e in entries] == [d.id for d in corpus.documents]
    assert documents._docs == {}
    assert documents["unga-res-79-274"] == corpus.document("unga-res-79-274")
    assert list(documents._docs) == ["unga-res-79-274"]


def test_a_new_or_edited_file_is_the_only_one_read(tmp_path: Path) -> None:
    """Four seeds read cold (four files read); with a fifth file added only it is read; with
    79/274 edited only it is read again, and the corpus it gives holds the edit."""
    folder = tmp_path / "texts"
    shutil.copytree(TEXTS, folder)
    cache = Cache(tmp_path / "cache")
    ids, read, found = _read(folder, cache)
    assert (len(ids), read, found) == (4, 4, 0)
    text = (folder / SEED).read_text(encoding="utf-8")
    (folder / "2026-01-01_copy.txt").write_text(
        text.replace('id = "unga-res-79-274"', 'id = "copy"'), encoding="utf-8"
    )
    ids, read, found = _read(folder, cache)
    assert (len(ids), read, found) == (5, 1, 4)
    (folder / SEED).write_text(text.replace("strong support", "firm support"), encoding="utf-8")
    ids, read, found = _read(folder, cache)
    assert (read, found) == (1, 4)
    _, documents = read_corpus(discover([folder])[0], cache, StageMeter())
    assert any("firm support" in c.text for c in documents["unga-res-79-274"].clauses)


def test_the_whole_corpus_analysis_of_a_check_shows_reading_and_segmenting(
    tmp_path: Path,
) -> None:
    """When a rule needs the corpus's families, check analyses the whole corpus: its bars
    must move while the files are read and segmented (before, one "load" stage with no
    steps stood over both, and nothing moved until alignment)."""
    from lineage.check.run import corpus_families

    steps: list[tuple[str, int, int]] = []

    class Recording(StageMeter):
        def __call__(self, stage: str, done: int, total: int) -> None:
            steps.append((stage, done, total))
            super().__call__(stage, done, total)

    files = discover([TEXTS])[0]
    families = corpus_families(files, Cache(tmp_path / "cache"), "", Recording())
    assert families
    assert ("read", len(files), len(files)) in steps
    assert [s for s in steps if s[0] == "load"][-1] == ("load", len(files), len(files))
    assert steps.index(("read", len(files), len(files))) < steps.index(("load", 0, len(files)))
