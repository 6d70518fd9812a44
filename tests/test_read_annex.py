"""Annexes: the paragraphs of an annex are clauses of their own part (`part = "annex"`, ids
AP1…/AO1…), and the 2015 Ashgabat outcome document joins the lineage when a dropped-in text
prints its symbol."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import SHARED, TEXTS
from lineage.clean.segment import segment
from lineage.cli import main
from lineage.corpus import load_corpus

RESOLUTION_WITH_ANNEX = """The General Assembly,

Recalling its resolution 78/269 of 25 March 2024,

1. Adopts the political declaration annexed to the present resolution;

18th plenary meeting
7 October 2024

Annex

Political declaration of the high-level meeting

Recognizing that the threat is urgent,

1. Reaffirm our commitment to act;

2. Decide to meet again in 2029.
"""

#: The letter circulating the 2015 outcome document, as a dropped-in text would print it
#: (symbol with the en dash of UN typography; no front matter).
OUTCOME_2015 = """United Nations
A/70/652–S/2016/20

General Assembly
Security Council

Letter dated 30 December 2015 from the Permanent Representative of Turkmenistan to the
United Nations addressed to the Secretary-General

I have the honour to transmit herewith the outcome document of the high-level international
conference on the theme "Policy of neutrality: international cooperation for peace, security
and development", held in Ashgabat on 12 December 2015 (see annex).

Annex

Outcome document of the high-level international conference

We, the participants of the conference,

Recognizing the importance of the principles of neutrality,

1. Welcome the policy of permanent neutrality of Turkmenistan;

2. Call for the use of preventive diplomacy in the region.
"""


def test_annex_paragraphs_are_clauses_of_the_annex() -> None:
    """After the closing lines, "Annex" opens a part whose paragraphs are clauses again,
    numbered apart; the body keeps P1, O1."""
    clauses = segment(RESOLUTION_WITH_ANNEX, "d").clauses
    assert [(c.id, c.part, c.kind, c.label) for c in clauses] == [
        ("P1", "body", "preamble", ""),
        ("O1", "body", "operative", "1."),
        ("AP1", "annex", "preamble", ""),
        ("AO1", "annex", "operative", "1."),
        ("AO2", "annex", "operative", "2."),
    ]
    assert clauses[2].text == "Recognizing that the threat is urgent,"
    assert clauses[4].text == "Decide to meet again in 2029."


def test_real_political_declaration_annexed_to_79_2() -> None:
    """A/RES/79/2 annexes a political declaration of 106 numbered paragraphs (its last label
    is "106."): all are annex clauses, the first "Recognize that antimicrobial resistance"."""
    (path,) = (SHARED / "un-ga").glob("*_a-res-79-2.txt")
    (doc,) = load_corpus([path]).documents
    annex = [c for c in doc.clauses if c.part == "annex"]
    assert len(annex) == 106 and annex[-1].label == "106."
    assert annex[0].id == "AO1"
    assert annex[0].text.startswith("Recognize that antimicrobial resistance is one of the most")


def test_json_carries_the_part_and_keeps_kind(tmp_path: Path) -> None:
    """The JSON's `kind` stays preamble/operative; the new `part` says body or annex."""
    path = tmp_path / "2024-10-07_declaration.txt"
    path.write_text(RESOLUTION_WITH_ANNEX, encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", str(path)])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)["documents"]
    assert [(c["id"], c["kind"], c["part"]) for c in doc["clauses"]] == [
        ("P1", "preamble", "body"),
        ("O1", "operative", "body"),
        ("AP1", "preamble", "annex"),
        ("AO1", "operative", "annex"),
        ("AO2", "operative", "annex"),
    ]


def test_outcome_document_of_2015_joins_when_its_symbol_is_printed(tmp_path: Path) -> None:
    """texts/ cites A/70/652-S/2016/20 without text; a dropped-in text printing that symbol
    (no front matter) becomes the document those citations point to, and its annex's
    paragraphs are its clauses."""
    assert "outcome:2015-12-12" in {c.key for c in load_corpus([TEXTS]).cited}
    folder = tmp_path / "texts"
    shutil.copytree(TEXTS, folder)
    (folder / "2015-12-12_ashgabat-outcome.txt").write_text(OUTCOME_2015, encoding="utf-8")
    corpus = load_corpus([folder])
    doc = corpus.document("a-70-652-s-2016-20")
    assert doc.symbol == "A/70/652-S/2016/20"
    assert "outcome:2015-12-12" not in {c.key for c in corpus.cited}
    assert [(c.id, c.part) for c in doc.clauses] == [
        ("AP1", "annex"),
        ("AO1", "annex"),
        ("AO2", "annex"),
    ]
