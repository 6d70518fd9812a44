"""What `align.prepare` holds once instead of once per use (issue 15: un-ga under 500 MB).

On the 659 resolutions of ../shared/un-ga the wordings' words were 1.4 M str objects for
17,000 distinct words (80 MB), and the content stems of 96% of wordings a second frozenset
equal to `raw` (30 MB). Real resolutions, read as the aligner reads them.
"""

from __future__ import annotations

import pytest

from conftest import UNGA
from lineage.align.aligner import prepare
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
