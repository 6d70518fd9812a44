"""The faster forms of loading's hot predicates (docs/scale.md, "load") answer as the plain
Python they replace, on any text: the export must stay byte-identical."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineage.clean.shown import _has_digit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recalling its resolutions,", False),
        ("Peoples¹⁰", True),  # a superscript is a digit to str.isdigit, not to \d
        ("year ٢٠٢٣", True),  # Arabic-Indic digits are decimal digits
        ("one half: ½", False),  # a fraction is numeric, not a digit
        ("", False),
    ],
)
def test_has_digit_cases(text: str, expected: bool) -> None:
    """Digits outside ASCII count as str.isdigit counts them."""
    assert _has_digit(text) is expected


@given(st.text())
def test_has_digit_is_isdigit(text: str) -> None:
    """On any text, the same answer as any(c.isdigit() for c in text)."""
    assert _has_digit(text) == any(c.isdigit() for c in text)
