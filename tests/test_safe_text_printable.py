"""`for_markup`'s shortcut (`_printable`) never lets through what the markup pattern finds.

The shortcut returns a text unchanged when it is printable once its line breaks are taken
out; that is only right if no character that `for_markup` replaces is printable. This is
checked over every code point, so a Python whose Unicode tables change is caught here.
"""

from __future__ import annotations

import sys

from lineage.safe_text import _MARKUP, _printable, for_markup


def test_no_replaced_character_is_printable() -> None:
    """Every code point the markup pattern finds makes a text non-printable."""
    found = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c < 0xE000 and _MARKUP.match(chr(c))
    ]
    assert len(found) == 9 + 2 + 18 + 33 + 5 + 4 + 2  # C0 but TAB LF CR, DEL to C1, bidi, FFFE/F
    assert not [c for c in found if _printable(f"a{c}b") or _printable(f"a\n{c}")]


def test_hostile_characters_are_still_replaced_in_printable_pages() -> None:
    """A page of printable text and line breaks with one override or control in it is still
    rewritten (the shortcut falls through to the pattern)."""
    page = "<p>Reaffirms its resolution 79/274 ·</p>\n<p>Decides \u202ethat</p>\n"
    assert for_markup(page, escaped=True) == page.replace("\u202e", "&lt;U+202E&gt;")
    assert for_markup("a\x1bb\n") == "a\u241bb\n"
    assert for_markup("line\r\nnext\ttab\u00a0nbsp") == "line\r\nnext\ttab\u00a0nbsp"


def test_printable_page_comes_back_as_it_was() -> None:
    """A page with nothing to replace is returned as it is, line breaks included."""
    page = '<!DOCTYPE html>\n<title>Family 12 · lineage</title>\n<a href="x">← prev</a>\n'
    assert _printable(page)
    assert for_markup(page, escaped=True) is page
