"""Counts on report pages read as people write them: 12,476 links, not 12476 (issue 12)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lineage.report.html.counts import count

GROUPED = re.compile(r"\d{1,3}(,\d{3})*")


@given(st.integers(min_value=0, max_value=10**12))
def test_a_count_is_its_digits_in_groups_of_three(n: int) -> None:
    """The digits are the number's, a comma before each group of three from the right, the
    first group one to three digits long."""
    text = count(n)
    assert GROUPED.fullmatch(text)
    assert int(text.replace(",", "")) == n


def test_known_counts() -> None:
    assert [count(n) for n in (0, 7, 999, 1000, 12476, 1234567)] == [
        "0",
        "7",
        "999",
        "1,000",
        "12,476",
        "1,234,567",
    ]
