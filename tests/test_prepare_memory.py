"""What `align.prepare` holds once instead of once per use (issue 15: un-ga under 500 MB).

On the 659 resolutions of ../shared/un-ga the wordings' words were 1.4 M str objects for
17,000 distinct words (80 MB), and the content stems of 96% of wordings a second frozenset
equal to `raw` (30 MB); hashing the shingles peaked at 118 MB. Real resolutions, read as the
aligner reads them.
"""

from __future__ import annotations

import tracemalloc

import pytest

from conftest import UNGA
from lineage.align.index import shingle_hashes
from lineage.align.prepared import _word_ids, _wordings, prepare
from lineage.corpus import load_corpus

#: Resolutions of session 78 read (enough for words shared by many wordings, and quick).
FILES = 40


@pytest.fixture(scope="module")
def reps() -> tuple:
    if not UNGA.is_dir():
        pytest.skip("../shared/un-ga is not here")
    paths = sorted(UNGA.glob("*a-res-78-*.txt"))[:FILES]
    return prepare(load_corpus(paths)).reps


def test_each_distinct_word_is_one_object(reps: tuple) -> None:
    words = [w for rep in reps for w in rep.words]
    assert len(words) > 10 * len(set(words))  # words do recur across wordings
    assert len({id(w) for w in words}) == len(set(words))


def test_content_is_raw_when_no_compound_joins(reps: tuple) -> None:
    same = [rep for rep in reps if rep.content == rep.raw]
    assert len(same) > len(reps) // 2
    assert all(rep.content is rep.raw for rep in same)


#: Bytes a window that hashing the shingles may hold at its peak: the three arrays returned
#: (24 bytes a window) and three working ones of 8 bytes; the whole-corpus temporaries it
#: made before (one per step) took 81 bytes a window on un-ga.
SHINGLE_PEAK_BYTES = 64


def test_shingle_hashing_holds_few_arrays_at_once() -> None:
    if not UNGA.is_dir():
        pytest.skip("../shared/un-ga is not here")
    corpus = load_corpus(sorted(UNGA.glob("*a-res-78-*.txt"))[:FILES])
    rep_words, _, _ = _wordings(corpus.index.clauses)
    _, _, flat, offsets = _word_ids(rep_words)
    tracemalloc.start()
    try:
        hashes, _, _ = shingle_hashes(flat, offsets)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(hashes) > 50_000
    assert peak < SHINGLE_PEAK_BYTES * len(hashes)
