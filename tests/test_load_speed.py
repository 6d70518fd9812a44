"""The faster forms of loading's hot predicates (docs/scale.md, "load") answer as the plain
Python they replace, on any text: the export must stay byte-identical."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineage.clean.normalize import _MARKER_CANDIDATE_RE, _marker_edits, fold_space
from lineage.clean.shown import _has_digit, unbreak_compounds


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


#: White space of every kind the folding rules tell apart, letters, hyphens and digits.
TRICKY = st.text(alphabet=" \t\r\f\v\u00a0\u2003\x85\u2028\n-ab,;Zé¹2/.", max_size=40)


@given(TRICKY)
def test_fold_space_is_the_expression(text: str) -> None:
    """fold_space, line by line, equals the regular expression it replaced."""
    assert fold_space(text) == re.sub(r"[ \t\r\f\v\u00a0]*\n\s*", " ", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  \n \n  b", "a b"),
        ("\n\nb", " b"),
        ("a\u2003\nb", "a\u2003 b"),  # an em space is not folded before a break
        ("a\n\u2003b", "a b"),  # but any white space after one is
        ("a\n  \n", "a "),
    ],
)
def test_fold_space_cases(text: str, expected: str) -> None:
    """Breaks and the spaces around them, read off the rule by hand."""
    assert fold_space(text) == expected


@given(TRICKY)
def test_unbreak_compounds_is_the_expression(text: str) -> None:
    """The hyphen-first expression removes the same breaks as the look-behind-first one."""
    rest = r"(?!(?:and|or|nor|to)\b)[^\W\d_]"
    old = re.sub(rf"(?<=[^\W\d_]-)[ \t\r\f\v\u00a0]*\n\s*(?={rest})", "", text)
    assert unbreak_compounds(text) == old


def _could_be_marker(text: str, start: int, end: int) -> bool:
    """What every marker rule of _marker_edits asks of a digit run, in plain Python."""
    nxt, after = text[end : end + 1], text[end + 1 : end + 2]
    return (
        0 < start
        and end - start <= 2
        and (text[start - 1].isalpha() or text[start - 1] in ",; ")
        and not nxt.isalnum()
        and not (nxt == "/" and after.isalnum())
    )


@given(st.text(alphabet="ab Zé,;/.”_\n 0123٣²", max_size=30))
def test_marker_candidates_are_a_superset(text: str) -> None:
    """Every digit run the rules could take is a candidate, and every candidate is a whole
    digit run ("²0": a superscript is no letter to the rules, but a candidate's neighbour)."""
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    found = {m.span() for m in _MARKER_CANDIDATE_RE.finditer(text)}
    assert {run for run in runs if _could_be_marker(text, *run)} <= found <= set(runs)


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("Indigenous Peoples10 and", ["10"]),
        ("United Nations,2 the", ["2"]),
        ("its resolutions, 3\nand", ["3"]),
        ("resolution 78/12 of 2023", []),
        ("Group5b", []),
        ("at 1.5 degrees", []),
    ],
)
def test_marker_cases(text: str, markers: list[str]) -> None:
    """Markers read off the examples in normalize.py's comments."""
    assert [text[s:e] for s, e, _ in _marker_edits(text)] == markers
