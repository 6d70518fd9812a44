"""The longest shared run through n-grams: difflib's answer whenever it is long enough."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.align.runs import longest_common_run

#: Few distinct words, so that runs, repeats and ties are common.
words = st.lists(st.integers(min_value=0, max_value=3), max_size=60)


@given(words, words, st.integers(min_value=1, max_value=9))
@settings(max_examples=3000, deadline=None)
def test_the_run_is_difflibs_longest_match_when_long_enough(
    a: list[int], b: list[int], at_least: int
) -> None:
    """Same start in a, start in b and length as SequenceMatcher.find_longest_match (ties:
    earliest in a, then in b) when that run has at least `at_least` words; None otherwise."""
    run = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    expected = (run.a, run.b, run.size) if run.size >= at_least else None
    assert longest_common_run(a, b, at_least) == expected


def test_a_long_run_among_repeated_words() -> None:
    """Two clauses sharing a 10-word passage among many common words: that passage, found
    where it starts in each."""
    common = [1, 2, 1, 3, 1, 2]
    passage = list(range(100, 110))
    a = common + passage + common
    b = common * 3 + [7] + passage
    assert longest_common_run(a, b, 8) == (len(common), len(common) * 3 + 1, 10)
    assert longest_common_run(a, b, 11) is None


def test_text_form_keeps_equal_ids_equal_and_distinct_ids_distinct() -> None:
    """`texts` writes each id as one character, ids around the surrogate range included
    (0xD7FF, 0xD800 and 0xDFFF are three different words), so equal words stay equal and
    different words different; WordIds equal the plain tuple and survive pickling."""
    import pickle

    import numpy as np

    from lineage.align.runs import SURROGATES, WordIds, texts

    ids = [5, SURROGATES - 1, SURROGATES, SURROGATES + 0x7FF, 5]
    found = texts(np.array(ids, dtype=np.int64), np.array([0, 3, 5], dtype=np.int64))
    assert found is not None
    first, second = found
    assert len(first) == 3 and len(second) == 2
    assert len(set(first + second)) == 4 and first[0] == second[1]
    word_ids = WordIds(ids[:3], first)
    assert word_ids == tuple(ids[:3]) and hash(word_ids) == hash(tuple(ids[:3]))
    again = pickle.loads(pickle.dumps(word_ids))
    assert type(again) is WordIds and again.text == first and again == word_ids


def test_no_text_form_beyond_the_code_points() -> None:
    """Word ids that no character can hold (more than a million words) get no text: the
    tuples are compared as they are."""
    import numpy as np

    from lineage.align.runs import CODE_POINTS, texts

    assert texts(np.array([0, CODE_POINTS], dtype=np.int64), np.array([0, 2])) is None


@given(words, words)
@settings(max_examples=500, deadline=None)
def test_similarity_and_runs_the_same_on_text_and_tuples(a: list[int], b: list[int]) -> None:
    """Scoring's similarity, shared runs and longest run give the same answers whether the
    ids carry their text form (as the aligner builds them) or are plain tuples."""
    from lineage.align.runs import WordIds
    from lineage.align.scoring import shared_runs, similarity, wording

    def as_text(ids: list[int]) -> WordIds:
        return WordIds(ids, "".join(chr(65 + x) for x in ids))

    assert similarity(as_text(a), as_text(b)) == similarity(tuple(a), tuple(b))
    assert longest_common_run(as_text(a), as_text(b), 3) == longest_common_run(a, b, 3)
    names = ["alpha", "of", "development", "the"]
    plain = [wording(tuple(x), tuple(names[i] for i in x)) for x in (a, b)]
    texted = [wording(as_text(x), tuple(names[i] for i in x)) for x in (a, b)]
    assert shared_runs(*texted) == shared_runs(*plain)
