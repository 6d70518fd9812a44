"""Segmentation rules on small texts written for each quirk, and invariants on random ones."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.clean.markdown import display
from lineage.clean.segment import is_terminated, opens_preamble, segment


def _kinds(text: str) -> list[tuple[str, str, str]]:
    return [(c.id, c.label, c.text) for c in segment(text, "d").clauses]


def test_preamble_and_operative_clauses_get_ids_and_labels() -> None:
    """P1.. for preambular, O1.. for operative, in order; label as printed, "" for preamble."""
    text = (
        "The General Assembly,\n\nRecalling its resolution 1/1,\n\nGuided by the Charter,\n\n"
        "1. *Invites* all States to act;\n\n2. Decides to remain seized of the matter.\n"
    )
    assert _kinds(text) == [
        ("P1", "", "Recalling its resolution 1/1,"),
        ("P2", "", "Guided by the Charter,"),
        ("O1", "1.", "Invites all States to act;"),  # Markdown emphasis shown as it reads
        ("O2", "2.", "Decides to remain seized of the matter."),
    ]


def test_clause_fields_point_into_the_text() -> None:
    """uid, index, line, start/end and norm are filled; the label is inside the span."""
    text = "The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to act.\n"
    clauses = segment(text, "doc", line_offset=10).clauses
    op = clauses[1]
    assert op.uid == "doc/O1" and op.index == 1 and op.kind == "operative"
    assert text[op.start : op.end] == "1. Decides to act."
    assert op.line == 5 + 10
    assert op.norm == "decides to act"


def test_number_on_its_own_line_then_text() -> None:
    """PDF layout "1. " on one line and the paragraph below it is one operative clause."""
    text = (
        "The General Assembly,\n \nNoting the report, \n \n1. \nReiterates its strong "
        "support for \nthe status; \n \n2. \nCalls upon States to act. \n"
    )
    assert _kinds(text) == [
        ("P1", "", "Noting the report,"),
        ("O1", "1.", "Reiterates its strong support for the status;"),
        ("O2", "2.", "Calls upon States to act."),
    ]


def test_bullets_are_operative_paragraphs() -> None:
    """`- ` bullets (the press copy of 79/274) are operative paragraphs labelled "-"."""
    text = (
        "The General Assembly,\nNoting also the resolutions,\n- Reiterates its support;\n"
        "- Decides to include the item.\n///Press UN.org"
    )
    assert _kinds(text) == [
        ("P1", "", "Noting also the resolutions,"),
        ("O1", "-", "Reiterates its support;"),
        ("O2", "-", "Decides to include the item."),
    ]
    blocks = segment(text, "d").blocks
    assert [(b.kind, b.text) for b in blocks if b.kind == "press"] == [("press", "///Press UN.org")]


def test_single_line_break_inside_a_paragraph_continues_it() -> None:
    """ "...69/285 of 3 June\\n2015 on..." stays one clause: the line does not open a clause."""
    text = (
        "The General Assembly,\nRecalling its resolutions 50/80 A of 12 December 1995 and "
        "69/285 of 3 June\n2015 on the permanent neutrality of Turkmenistan,\n"
        "Recalling also its resolution 71/275,\n"
    )
    clauses = segment(text, "d").clauses
    assert len(clauses) == 2
    assert clauses[0].text.endswith("3 June 2015 on the permanent neutrality of Turkmenistan,")
    assert len(clauses[0].pieces) == 1


def test_paragraph_cut_by_page_break_and_footnotes_is_joined() -> None:
    """Page head, page number, job number and a footnote block between two halves are skipped."""
    text = (
        "The General Assembly, \n \nNoting also the resolutions of the Council that support the "
        "permanent neutrality of \n_______________ \n \n1 A/75/651-S/2020/1203, annex. \n \n"
        "2 Resolution 46/182, annex. \n\nPermanent neutrality of Turkmenistan \nA/RES/79/274\n \n"
        "3/3\n25-04827 \n \nTurkmenistan and underscore the role of a policy of neutrality, \n \n"
        "1. \nReiterates its strong support; \n"
    )
    seg = segment(text, "d", title="Permanent neutrality of Turkmenistan")
    first = seg.clauses[0]
    assert first.text == (
        "Noting also the resolutions of the Council that support the permanent "
        "neutrality of Turkmenistan and underscore the role of a policy of "
        "neutrality,"
    )
    assert len(first.pieces) == 2
    assert "A/RES/79/274" in text[first.start : first.end]  # the span covers the noise between
    assert [(n.label, n.text) for n in seg.notes] == [
        ("1", "A/75/651-S/2020/1203, annex."),
        ("2", "Resolution 46/182, annex."),
    ]
    noise = {b.text for b in seg.blocks if b.kind == "noise"}
    assert {"A/RES/79/274", "3/3", "25-04827", "Permanent neutrality of Turkmenistan"} <= noise


def test_superscript_footnote_between_halves() -> None:
    """A footnote line "¹ ..." inside a paragraph (the 75/28 seed) is a note, not text."""
    text = (
        "The General Assembly,\n\nRecognizing also the role in situations of complex\n\n"
        "\u00b9 [A/70/652-S/2016/20](#), annex.\n\n\n\nemergencies and natural disasters,\n"
    )
    seg = segment(text, "d")
    assert [c.text for c in seg.clauses] == [
        "Recognizing also the role in situations of complex emergencies and natural disasters,"
    ]
    assert [(n.label, n.text) for n in seg.notes] == [("1", "A/70/652-S/2016/20, annex.")]


def test_headings_inside_the_preamble_are_blocks() -> None:
    """ "Countries in special situations" and "* * *" are headings, not clauses or their text."""
    text = (
        "The General Assembly, \n \nHighlighting the synergies,3 \n \n"
        "Countries in special situations \n \nUnderlining the needs of countries, \n"
        "* * * \n \nRecognizing the role of hubs, \n"
    )
    seg = segment(text, "d")
    assert [c.text for c in seg.clauses] == [
        "Highlighting the synergies,³",
        "Underlining the needs of countries,",
        "Recognizing the role of hubs,",
    ]
    assert [b.text.strip() for b in seg.blocks if b.kind == "heading"] == [
        "Countries in special situations",
        "* * *",
    ]


def test_intro_paragraph_without_enacting_formula() -> None:
    """Title lines and an intro paragraph before the first clause are blocks, not clauses."""
    text = (
        "News Archive\n\nFinal document of the conference\n\nParticipants of the Conference "
        "gathered in Ashgabat on the 12th of December 2020 in connection with the "
        "anniversary.\n\nReaffirming your commitment to the Charter,\n\n1. Emphasized that "
        "neutrality matters;\n\nDecember 12, 2020, Ashgabat\n\nTo leave a comment, log in or "
        "register"
    )
    seg = segment(text, "d")
    assert [(c.id, c.text[:20]) for c in seg.clauses] == [
        ("P1", "Reaffirming your com"),
        ("O1", "Emphasized that neut"),
    ]
    kinds = {b.text[:20]: b.kind for b in seg.blocks}
    assert kinds == {
        "News Archive": "noise",
        "Final document of th": "title",
        "Participants of the ": "front",
        "December 12, 2020, A": "closing",
        "To leave a comment, ": "noise",
    }
    assert seg.title == "Final document of the conference"


def test_press_release_before_the_text() -> None:
    """Lines before the "///" sign-off are press text; the title follows."""
    text = (
        "On March 21, 2025, the Resolution was adopted by consensus.\nIntroducing the "
        "Resolution, the Representative spoke.\nIt was noted that it matters. ///MFA, 23 "
        "March 2025\nPermanent neutrality of Turkmenistan\nThe General Assembly,\n"
        "Recalling its resolutions,\n- Reiterates its support.\n"
    )
    seg = segment(text, "d")
    assert [b.kind for b in seg.blocks] == ["press", "press", "press", "title", "front"]
    assert [c.id for c in seg.clauses] == ["P1", "O1"]
    assert seg.title == "Permanent neutrality of Turkmenistan"


def test_un_pdf_front_gives_title_and_symbol() -> None:
    """ "78/149. The pivotal role ... in \\ndriving ..." is the title; A/RES/78/149 the symbol."""
    text = (
        "United Nations \nA/RES/78/149\n \nGeneral Assembly \n \n 78/149. The pivotal role of "
        "energy connectivity in \ndriving sustainable development \n \nThe General Assembly, "
        "\n \nStressing the need, \n"
    )
    seg = segment(text, "d")
    assert seg.title == "The pivotal role of energy connectivity in driving sustainable development"
    assert seg.symbol == "A/RES/78/149"
    assert [c.text for c in seg.clauses] == ["Stressing the need,"]


def test_closing_lines_end_the_clauses() -> None:
    """The plenary meeting line closes the text: what follows is never a clause."""
    text = (
        "The General Assembly,\n\nNoting it,\n\n1. Decides it.\n\n*36th plenary meeting\n"
        "7 December 2020*\n\nRecalling something else,\n"
    )
    seg = segment(text, "d")
    assert [c.id for c in seg.clauses] == ["P1", "O1"]
    assert [b.kind for b in seg.blocks if b.start > seg.clauses[-1].end] == ["closing", "other"]


def test_sub_paragraphs_are_parts() -> None:
    """(a), (b) sub-paragraphs are addressable parts of their clause, not clauses."""
    text = (
        "The General Assembly,\n\n1. Requests the Secretary-General:\n\n(a) to report;\n\n"
        "(b) to consult States;\n\n2. Decides to act.\n"
    )
    clauses = segment(text, "d").clauses
    assert [c.id for c in clauses] == ["O1", "O2"]
    assert clauses[0].text == (
        "Requests the Secretary-General: (a) to report; (b) to consult States;"
    )
    assert [(p.label, p.text) for p in clauses[0].parts] == [
        ("(a)", "(a) to report;"),
        ("(b)", "(b) to consult States;"),
    ]


def test_items_after_a_colon_belong_to_the_clause() -> None:
    """Items after "the following themes:" that open no clause are part of it (A/RES/78/269,
    paragraph 4 (b)); before, "Panel 1: ..." was set apart as a block of its own."""
    text = (
        "The General Assembly,\n\n4. Decides on the panels:\n\n(b) The panels will address "
        "the following themes:\n\nPanel 1: Addressing the urgent global risk of "
        "antimicrobial resistance across the human sector;\n\nPanel 2: Addressing human "
        "health;\n\n5. Also decides to act.\n"
    )
    clauses = segment(text, "d").clauses
    assert [c.id for c in clauses] == ["O1", "O2"]
    assert clauses[0].text.endswith(
        "themes: Panel 1: Addressing the urgent global risk of "
        "antimicrobial resistance across the human sector; "
        "Panel 2: Addressing human health;"
    )


def test_operative_paragraphs_without_numbers() -> None:
    """A web copy without paragraph numbers: operative verbs open operative clauses ("")."""
    text = (
        "The General Assembly,\nDeeply concerned by the situation,\nFurther recalling its "
        "work,\nDecides to act;\nAlso requests a report;\nFurther requests the "
        "Secretary-General to act.\n"
    )
    assert [(c.id, c.label, c.text) for c in segment(text, "d").clauses] == [
        ("P1", "", "Deeply concerned by the situation,"),
        ("P2", "", "Further recalling its work,"),
        ("O1", "", "Decides to act;"),
        ("O2", "", "Also requests a report;"),
        ("O3", "", "Further requests the Secretary-General to act."),
    ]


def test_opener_and_terminator_helpers() -> None:
    """Preambular openers include multi-word phrases' first words; markers after "," count."""
    assert opens_preamble("Deeply concerned by") and opens_preamble("*Recalling* its")
    assert opens_preamble("Commemorating the anniversary")
    assert not opens_preamble("Participants of the Conference")
    assert not opens_preamble("Introducing the draft", generic=False)
    for end in (
        "2015,\u00b9",
        "Nations,2",
        "resolutions, 3",
        "cooperation\u201d,1",
        "it;",
        "Conference.",
    ):
        assert is_terminated(end), end
    assert not is_terminated("situations of complex")


WORDS = st.sampled_from(
    [
        "the",
        "of",
        "States",
        "peace",
        "Nations",
        "resolution",
        "50/80",
        "neutrality",
        "Group5",
        "2015,\u00b9",
        "\u0430",
        "-led",
        "(a)",
        "1.",
    ]
)
PARA = st.tuples(
    st.sampled_from(["Recalling", "Noting", "Guided by", "1.", "2.", "- ", "", "(b)", "*Invites*"]),
    st.lists(WORDS, min_size=0, max_size=12),
    st.sampled_from([",", ";", ".", "", ",2"]),
)
NOISE = st.sampled_from(
    [
        "",
        "2/3",
        "A/RES/79/274",
        "25-04827 (E)",
        "*2504827*",
        "____",
        "\u00b9 A/70/652, annex.",
        "3 See resolution 1/2.",
        "* * *",
        "///Press",
    ]
)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\n \n", " \n\n"])


def _unspaced(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PARA, NOISE, SEPARATOR), max_size=12), st.booleans())
def test_segmentation_never_crashes_and_pieces_point_at_the_text(items, formula: bool) -> None:
    """Random documents: each clause's pieces lie in its span, in order, and are its text."""
    parts = ["The General Assembly,\n\n"] if formula else []
    for (opener, words, end), noise, sep in items:
        parts.append(f"{opener} {' '.join(words)}{end}{sep}{noise}{sep}")
    text = "".join(parts)
    seg = segment(text, "doc")
    counts = {"preamble": 0, "operative": 0}
    last_end = 0
    for index, clause in enumerate(seg.clauses):
        counts[clause.kind] += 1
        prefix = "A" if clause.part == "annex" else ""
        assert clause.id == prefix + ("P" if clause.kind == "preamble" else "O") + str(
            counts[clause.kind]
        )
        assert clause.index == index
        assert clause.start <= clause.end and clause.start >= last_end
        last_end = clause.end
        # Spaces and superscripts folded: the shown text joins compounds cut after their hyphen
        # and prints footnote markers as superscripts (clean/shown.py).
        folded = _unspaced(clause.text)
        for piece in clause.pieces:
            assert clause.start <= piece.start < piece.end <= clause.end
            assert _unspaced(display(text[piece.start : piece.end])) in folded
        for part in clause.parts:
            assert clause.start <= part.start < part.end <= clause.end
    for note in seg.notes:
        assert 0 <= note.start <= note.end <= len(text)


def test_other_un_symbols_in_page_heads_and_front() -> None:
    """Human Rights Council and emergency-session symbols are page furniture and the symbol."""
    hrc = (
        "United Nations \nA/HRC/RES/52/1\n \nGeneral Assembly \n \n 52/1. Cooperation with "
        "Georgia \n \nThe Human Rights Council, \n \nGuided by the Charter, \n \nRecalling its "
        "resolution 49/30 of 1 April 2022 and \n\nA/HRC/RES/52/1 \nCooperation with Georgia\n"
        " \n23-06411\n2/3 \n \nall its other resolutions, \n \n1. \nCalls for action. \n"
    )
    seg = segment(hrc, "d")
    assert seg.symbol == "A/HRC/RES/52/1" and seg.title == "Cooperation with Georgia"
    assert "A/HRC/RES/52/1" in {b.text for b in seg.blocks if b.kind == "noise"}
    assert [c.text for c in seg.clauses] == [
        "Guided by the Charter,",
        "Recalling its resolution 49/30 of 1 April 2022 and all its other resolutions,",
        "Calls for action.",
    ]
    es = (
        "United Nations \nA/RES/ES-11/1\n \n ES-11/1. Aggression against Ukraine \n \n"
        "The General Assembly, \n \nReaffirming the Charter, \n"
    )
    seg = segment(es, "d")
    assert (seg.symbol, seg.title) == ("A/RES/ES-11/1", "Aggression against Ukraine")


def test_security_council_resolution() -> None:
    """An SC resolution: its symbol line, page heads with the year, numbered paragraphs."""
    text = (
        "United Nations \nS/RES/2719 (2023)\n \nSecurity Council \nDistr.: General \n"
        "21 December 2023 \n \nResolution 2719 (2023) \n \nAdopted by the Security Council "
        "at its 9520th meeting, on 21 December 2023 \n \nThe Security Council, \n \n"
        "Recalling its resolutions on the matter, \n \n1. \nDecides to remain seized of "
        "the \n\nS/RES/2719 (2023) \n \n2/2\n23-26279 \n \nmatter. \n"
    )
    seg = segment(text, "d")
    assert seg.symbol == "S/RES/2719 (2023)"
    assert [(c.id, c.text) for c in seg.clauses] == [
        ("P1", "Recalling its resolutions on the matter,"),
        ("O1", "Decides to remain seized of the matter."),
    ]


def test_an_adverb_before_an_opener_opens_a_preambular_paragraph() -> None:
    """78/72 prints "Firmly convinced that the use of space science ..." after a blank line,
    its own paragraph, but "Firmly" was not among the adverbs, so the paragraph ran on into the
    one before ("... in particular in developing countries, Firmly convinced ...")."""
    assert opens_preamble("Firmly convinced that the use of space", generic=False)
    assert opens_preamble("Particularly concerned about", generic=False)
    assert opens_preamble("Firmly believing that", generic=False)
    # an adverb-like word before a verb that opens no preamble by itself
    assert not opens_preamble("Assembly decided to", generic=False)
    assert not opens_preamble("Jointly financed activities", generic=False)
    text = (
        "The General Assembly,\n\nSeriously concerned about disasters, in particular in\n"
        "developing countries,\n\nFirmly convinced that space applications\ncontribute to "
        "development,\n\n1. Decides to act.\n"
    )
    assert [c.text for c in segment(text, "d").clauses] == [
        "Seriously concerned about disasters, in particular in developing countries,",
        "Firmly convinced that space applications contribute to development,",
        "Decides to act.",
    ]
