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
