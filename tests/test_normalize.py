"""Normalisation: every fold the seeds need, nothing folded that carries meaning, a map back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.clean.normalize import clean, fold_space, footnote_markers, normalize, tokens


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("policy of neutrality in maintaining", "policy of neutrality in maintaining"),
        ("host \u0430 continuous round", "host a continuous round"),  # Cyrillic а
        ("Afghanistan b\u0443 hosting", "Afghanistan by hosting"),  # Cyrillic у inside a word
        ("\u0448 accordance with", "in accordance with"),  # Cyrillic ш for "in"
        ("the policy \u043e[ neutrality", "the policy of neutrality"),  # о[ for "of"
        ("50/80 \u0410 of 12 December 1995", "50/80 A of 12 December 1995"),  # Cyrillic А
        ("19-20 Shabaan 1443\u041d", "19-20 Shabaan 1443H"),  # Cyrillic Н after digits
        ("role of \u0430 policy", "role of a policy"),
    ],
)
def test_cyrillic_lookalikes_fold_to_latin(odd: str, plain: str) -> None:
    """Each look-alike quirk of the OIC text reads as the English word it stands for."""
    assert normalize(odd) == normalize(plain)


def test_russian_words_are_not_latinised() -> None:
    """A Russian title line keeps its Cyrillic letters: only look-alikes in English text fold."""
    norm = normalize("Текст резолюции Совета министров о роли политики нейтралитета")
    assert norm == "текст резолюции совета министров о роли политики нейтралитета"


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("adopted on 12 December 2015,\u00b9", "adopted on 12 December 2015,"),
        (
            "assistance of the United Nations,2 including",
            "assistance of the United Nations, including",
        ),
        (
            "as reflected in relevant General Assembly resolutions, 3",
            "as reflected in relevant General Assembly resolutions,",
        ),
        (
            "the first ministerial meeting of the Group5 to maintain",
            "the first ministerial meeting of the Group to maintain",
        ),
        ("on a Culture of Peace, 2  which serve", "on a Culture of Peace, which serve"),
        ("and international cooperation\u201d,1", "and international cooperation\u201d,"),
        (
            "held in Cartagena de Indias, Colombia, from 18 to 20 October 1995,4",
            "held in Cartagena de Indias, Colombia, from 18 to 20 October 1995,",
        ),
        ("the Palestine Liberation Organization3 and", "the Palestine Liberation Organization and"),
        (
            "on 16 and 17 October \n2024, 2  in accordance",
            "on 16 and 17 October 2024, in accordance",
        ),
    ],
)
def test_footnote_markers_are_dropped(marked: str, plain: str) -> None:
    """Footnote markers glued to or spaced after words do not count as words."""
    assert normalize(marked) == normalize(plain)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("to achieve Sustainable Development Goal 7, on ensuring", "goal 7 on"),
        ("Ministry, 23 March 2025", "23 march 2025"),
        ("the G77 and China", "g77"),
        ("paragraphs 1, 2 and 3 of the annex", "1 2 and 3"),
        ("resolution 1980/67 of 25 July 1980", "1980/67 of 25 july 1980"),
        ("No. 73/338 dated 12.09.2019", "73/338 dated 12.09.2019"),
    ],
)
def test_numbers_that_mean_something_stay(text: str, kept: str) -> None:
    """Real numbers (a goal, a date, a group name, a list of paragraphs) are not markers."""
    assert kept in normalize(text)


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        (
            "in the United Nations -led inter-Tajik talks",
            "in the United Nations-led inter-Tajik talks",
        ),
        ("a continuous round of inter -Tajik talks", "a continuous round of inter-Tajik talks"),
        ("Heads of State or Government of Non -Aligned Countries", "of Non-Aligned Countries"),
        ("Afghan -led dialogue", "Afghan-led dialogue"),
    ],
)
def test_spaced_hyphens_from_pdf_extraction_fold(spaced: str, joined: str) -> None:
    """A hyphen that PDF extraction detached from its word reads as the hyphenated word."""
    assert normalize(spaced).endswith(normalize(joined).split(" ", 2)[-1])
    assert normalize(spaced.replace(" -", "-")) == normalize(spaced)


def test_markdown_links_and_emphasis_fold() -> None:
    """`[50/80](#)` reads as 50/80 and `*Invites*` as invites: markup is not wording."""
    assert (
        normalize("Recalling its resolutions [50/80](#) A of 12 December 1995")
        == "recalling its resolutions 50/80 a of 12 december 1995"
    )
    assert (
        normalize("1. *Notes with appreciation* the initiative")
        == "1 notes with appreciation the initiative"
    )
    assert (
        normalize("[A/70/652-S/2016/20](https://undocs.org/x), annex.")
        == "a/70/652 s/2016/20 annex"
    )


def test_case_quotes_dashes_and_unicode_fold() -> None:
    """Case, curly quotes, dashes, NFKC compatibility forms and no-break spaces all fold."""
    assert normalize("“Policy of Neutrality”") == normalize('"policy of neutrality"')
    assert normalize("Turkmenistan’s policy") == normalize("Turkmenistan's policy")
    assert normalize("three dimensions – economic") == normalize("three dimensions - economic")
    assert normalize("non\u2011violence") == normalize("non-violence") == "non violence"
    assert normalize("\ufb01nancial\u00a0support") == "financial support"
    assert normalize("ＵＮ") == "un"


def test_tokens_point_at_the_original_characters() -> None:
    """Every token's span is the original word, even where folding changed it."""
    text = "the policy \u043e[ neutrality, [50/80](#) \u0410 of 2015,\u00b9 Group5 *Invites*"
    toks = tokens(text)
    assert [t.norm for t in toks] == [
        "the",
        "policy",
        "of",
        "neutrality",
        "50/80",
        "a",
        "of",
        "2015",
        "group",
        "invites",
    ]
    assert [text[t.start : t.end] for t in toks] == [
        "the",
        "policy",
        "\u043e[",
        "neutrality",
        "50/80",
        "\u0410",
        "of",
        "2015",
        "Group",
        "Invites",
    ]


def test_tokens_of_expanding_nfkc_characters_cover_the_original() -> None:
    """A ligature that NFKC expands maps back to the one original character."""
    text = "a \ufb01ne day"
    toks = tokens(text)
    assert [(t.norm, text[t.start : t.end]) for t in toks] == [
        ("a", "a"),
        ("fine", "\ufb01ne"),
        ("day", "day"),
    ]


def test_footnote_markers_are_located() -> None:
    """Markers are found with their number and position, for linking notes to clauses."""
    text = "adopted on 12 December 2015,\u00b9 and Nations,2 including resolutions, 3"
    found = footnote_markers(text)
    assert [(label, text[s:e]) for label, s, e in found] == [
        ("1", "\u00b9"),
        ("2", "2"),
        ("3", "3"),
    ]


def test_clean_keeps_a_map_back() -> None:
    """clean() drops link syntax only, and maps each span back to the original."""
    text = "see [A/70/652](#), annex"
    cleaned, span = clean(text)
    assert "[" not in cleaned and "A/70/652" in cleaned
    start = cleaned.index("A/70/652")
    s, e = span(start, start + len("A/70/652"))
    assert text[s:e] == "A/70/652"


def test_fold_space_folds_line_breaks_only() -> None:
    """Line breaks and the spaces around them become one space; other spacing stays."""
    assert fold_space("3 June \n2015  on") == "3 June 2015  on"
    assert fold_space("a\n\n \n b") == "a b"


def test_huge_paragraph_is_linear() -> None:
    """A 2 MB paragraph is normalised whole (no quadratic step, no recursion limit)."""
    unit = "the outcome document of the conference, Nations,2 and Group5 of \u0430 policy -led "
    text = unit * 25_000
    norm = normalize(text)
    assert norm.count("outcome") == 25_000
    assert "group5" not in norm and " a policy led " in norm


QUIRKY = st.text(
    alphabet=st.sampled_from(
        list(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            " \n\t.,;:!?-–—‑'’‘“”\"()[]{}*_/#\u00a0¹²³⁴"
            "аеорсухшАВЕКМНОРСТХУжлдЖЛ"
            "éüßﬁ½Ⅻ"
        )
    ),
    max_size=120,
)


@given(st.text(max_size=300))
def test_normalize_and_tokens_never_crash(text: str) -> None:
    """Any Unicode text normalises; tokens have sane spans inside the text, in order.

    (Spans may share a character: NFKC turns "¼" into two words, "1" and "4".)
    """
    norm = normalize(text)
    toks = tokens(text)
    assert norm == " ".join(t.norm for t in toks)
    last = 0
    for tok in toks:
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.start >= last
        last = tok.start


@settings(max_examples=400)
@given(QUIRKY)
def test_normalize_is_idempotent(text: str) -> None:
    """Normalising a normalised text changes nothing."""
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300)
@given(QUIRKY)
def test_normal_form_has_single_spaces_and_no_upper_case(text: str) -> None:
    """The normal form is lower-case words separated by single spaces."""
    norm = normalize(text)
    assert norm == norm.strip() and "  " not in norm and "\n" not in norm
    assert norm == norm.lower()


@given(
    st.lists(
        st.sampled_from(
            ["Recalling", "its", "resolution", "50/80", "the", "Nations,", "United", "policy"]
        ),
        max_size=30,
    )
)
def test_plain_words_only_change_case(words: list[str]) -> None:
    """Plain English words and resolution numbers come out as they are, lower-cased."""
    text = " ".join(words)
    assert normalize(text) == " ".join(w.strip(",").lower() for w in words)
