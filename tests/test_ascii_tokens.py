"""ASCII_TOKEN_RE, the fast twin of TOKEN_RE for ASCII texts, finds the same words."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from lineage.clean.normalize import ASCII_TOKEN_RE, TOKEN_RE

#: Letters, digits, the joiners TOKEN_RE knows ("'", "/", "." and "," between digits) and the
#: separators it does not (hyphen, underscore, brackets, spaces), weighted towards joiners.
ASCII_TEXT = st.text(alphabet=st.sampled_from(string.printable + "'/.,0123456789_"), max_size=80)


@given(ASCII_TEXT)
def test_the_ascii_twin_finds_the_same_words_at_the_same_places(text: str) -> None:
    """Every word and its span, on any ASCII text."""
    ours = [m.span() for m in ASCII_TOKEN_RE.finditer(text)]
    assert ours == [m.span() for m in TOKEN_RE.finditer(text)]


def test_the_ascii_twin_joins_across_apostrophes_slashes_and_decimal_points() -> None:
    """Read from the rule above TOKEN_RE: "Turkmenistan's", "A/RES/78/74", "12.09.2019" are
    single words; a hyphen, an underscore or a full stop after a letter separate words."""
    text = "Turkmenistan's A/RES/78/74 of 12.09.2019: well-being, a_b end. Next"
    words = ["Turkmenistan's", "A/RES/78/74", "of", "12.09.2019", "well", "being", "a", "b"]
    assert ASCII_TOKEN_RE.findall(text) == words + ["end", "Next"]
