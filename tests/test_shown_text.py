"""Clause text as shown: compounds cut by a line break joined, footnote markers superscript
(clean/shown.py), on the real extractions of ../shared/un-ga and on made-up lines; what is
matched stays the same."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED
from lineage.clean.markdown import display
from lineage.clean.normalize import fold_space, normalize
from lineage.clean.segment import segment
from lineage.clean.shown import shown_text, superscript_markers, unbreak_compounds

UNGA = SHARED / "un-ga"
#: A hyphen then a space inside a word pair, not a suspended hyphen ("medium- and").
BROKEN_COMPOUND_RE = re.compile(r"[^\W\d_]- (?!(?:and|or|nor|to)\b)[^\W\d_]")


def _clauses(name: str) -> list[str]:
    path = UNGA / name
    if not path.is_file():
        pytest.skip(f"no {path}")
    return [c.text for c in segment(path.read_text(encoding="utf-8"), path.stem).clauses]


def test_a_footnote_marker_glued_to_a_word_is_a_superscript() -> None:
    """78/69 prints "Declaration on the Rights of Indigenous Peoples" with footnote 10 glued
    to its last word (line 115 of the extraction: "Indigenous Peoples10 in the context")."""
    texts = _clauses("2023-12-05_a-res-78-69.txt")
    assert any("Rights of Indigenous Peoples¹⁰ in the context" in t for t in texts)
    assert not any("Peoples10" in t for t in texts)


def test_a_compound_cut_after_its_hyphen_is_one_word() -> None:
    """79/317 breaks "United Nations-led" after the hyphen (lines 642-643), 79/185 "United
    Nations-facilitated" (lines 564-565): each is one compound in the clause, and no clause of
    either document keeps a hyphen then a space but before "and", "or", "nor" or "to"."""
    doha = _clauses("2025-07-07_a-res-79-317.txt")
    syria = _clauses("2024-12-17_a-res-79-185.txt")
    assert any("efforts to the United Nations-led Doha process" in t for t in doha)
    assert any("Syrian-owned and United Nations-facilitated political process" in t for t in syria)
    assert not [t for t in doha + syria if BROKEN_COMPOUND_RE.search(t)]


def test_matching_sees_the_same_words() -> None:
    """Every clause of a sample of un-ga (every 25th file, and the three above) normalises as
    it did when its pieces were joined with plain spaces: only what is shown changes."""
    files = sorted(UNGA.glob("*.txt"))
    if not files:
        pytest.skip(f"no {UNGA}")
    names = {"2023-12-05_a-res-78-69.txt", "2025-07-07_a-res-79-317.txt"}
    sample = [f for i, f in enumerate(files) if i % 25 == 0 or f.name in names]
    changed = 0
    for path in sample:
        text = path.read_text(encoding="utf-8")
        for clause in segment(text, path.stem).clauses:
            plain = display(" ".join(fold_space(text[p.start : p.end]) for p in clause.pieces))
            changed += plain != clause.text
            assert normalize(clause.text) == normalize(plain), (path.name, clause.id)
    assert changed > 0


def test_a_suspended_hyphen_keeps_its_space() -> None:
    assert unbreak_compounds("small, medium-\nand large; short-\nto medium-term") == (
        "small, medium-\nand large; short-\nto medium-term"
    )
    assert unbreak_compounds("the Secretary-\n  General and high-\nlevel") == (
        "the Secretary-General and high-level"
    )
    assert shown_text(["within the United Nations-", "facilitated process"]) == (
        "within the United Nations-facilitated process"
    )
    assert shown_text(["pre-", "or post-conflict"]) == "pre- or post-conflict"


def test_markers_and_numbers() -> None:
    """Markers (as matching finds them) become superscripts, the space before a spaced one
    dropped; years, symbols, paragraph numbers and short names stay."""
    assert superscript_markers("the Group5 and Nations,2 on resolutions, 3 which") == (
        "the Group⁵ and Nations,² on resolutions,³ which"
    )
    kept = "in 2015, G20 and A/RES/70/1, paragraph 12 of WHA58/2005 and ¹ already"
    assert superscript_markers(kept) == kept


@given(st.lists(st.sampled_from(["Nations-", "led", "and", "Peoples10", "in", "-", "\n", " "])))
def test_shown_text_never_changes_the_matched_words(words: list[str]) -> None:
    text = " ".join(words)
    assert normalize(shown_text([text])) == normalize(display(fold_space(text)))
