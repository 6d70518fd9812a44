"""Word-level diffs: exact round trips, whole-word changes, folded look-alike letters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.report.diff import folded_diff, tokenize, word_diff

WORDS = st.sampled_from(
    [
        "the",
        "good",
        "offices",
        "services",
        "fact",
        "finding",
        "stating",
        "missions",
        "Neutrality",
        "neutrality",
        "а",
        "a",
        "12",
        "December",
    ]
)
SEP = st.sampled_from([" ", ", ", "-", "  ", "\n", "; ", "."])
TEXT = st.lists(st.tuples(WORDS, SEP), max_size=25).map(lambda xs: "".join(a + b for a, b in xs))


def _sides(ops):
    a = "".join(text for op, text in ops if op <= 0)
    b = "".join(text for op, text in ops if op >= 0)
    return a, b


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_word_diff_reproduces_both_texts(a, b):
    """Joining equal+deleted pieces gives a, equal+inserted pieces gives b, exactly."""
    assert _sides(word_diff(a, b)) == (a, b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_round_trip_on_any_text(a, b):
    """The round trip holds for arbitrary Unicode, not only words and spaces."""
    assert _sides(word_diff(a, b)) == (a, b)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_folded_diff_reproduces_both_texts(a, b):
    """folded_diff carries both originals, so each side joins back exactly."""
    ops = folded_diff(a, b)
    assert "".join(x for op, x, _ in ops if op <= 0) == a
    assert "".join(y for op, _, y in ops if op >= 0) == b


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_changes_are_whole_tokens(a, b):
    """No character confetti: every changed piece is a run of whole tokens of its text."""
    for op, text in word_diff(a, b):
        if op:
            assert "".join(tokenize(text)) == text
            source = a if op < 0 else b
            assert text in source


def test_loose_translation_reads_as_word_replacement():
    """'good offices' -> 'good services' is one word out and one word in, not letters."""
    ops = word_diff("mediation, good offices, negotiation", "mediation, good services, negotiation")
    changed = [(op, text) for op, text in ops if op]
    assert changed == [(-1, "offices"), (1, "services")]


def test_replaced_phrase_is_one_change():
    """A phrase replaced as a whole is one deletion and one insertion after semantic cleanup."""
    a = "to mark annually the International Day of Neutrality"
    b = "to commemorate every year the International Day of Neutrality"
    changed = [(op, text) for op, text in word_diff(a, b) if op]
    assert changed == [(-1, "mark annually"), (1, "commemorate every year")]


def test_identical_texts_are_one_equal_piece():
    """No change, no markup: one equal piece holding the whole text."""
    text = "Recalling its resolution 50/80 A of 12 December 1995,"
    assert word_diff(text, text) == [(0, text)]


def test_folded_diff_ignores_lookalike_letters_and_case():
    """A Cyrillic 'а' inside an English sentence is no change once folded; word_diff sees it."""
    a = "the role of a policy of neutrality"
    b = "The role of \u0430 policy of neutrality"
    assert [op for op, _, _ in folded_diff(a, b)] == [0]
    assert any(op for op, _ in word_diff(a, b))


def test_insertion_in_front_is_one_insertion():
    """The 2025 Regional Centre clause adds a recall in front: one insertion, rest equal."""
    a = "recognizing that the United Nations Regional Centre plays an important role"
    b = (
        "Recalling its resolutions 72/7 and 77/273, and recognizing that the United Nations "
        "Regional Centre plays an important role"
    )
    ops = word_diff(a, b)
    assert ops == [(1, "Recalling its resolutions 72/7 and 77/273, and "), (0, a)]
