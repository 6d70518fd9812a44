"""Parts of one resolution number ("51/45 D", "51/45 E") are two documents to link clauses by.

Real texts of ../shared/un-ga and the seeds; expected values from reading the clauses.
"""

from __future__ import annotations

import pytest

from conftest import SEEDS, linked, needs_unga, unga_file
from lineage.align.cited import clause_citations
from lineage.analysis import analyse
from lineage.citations import part_letter
from lineage.corpus import load_corpus
from lineage.model import Citation, Corpus


def _cites(corpus: Corpus, uid: str) -> set[str]:
    at = corpus.index.position[uid]
    return {key for key, _ in clause_citations(corpus)[at]}


def test_a_part_letter_is_read_whatever_follows_it(texts_corpus: Corpus) -> None:
    """The conference writes "50/80 A dated 12th December 1995", 79/274 "50/80 A of 12
    December 1995": one part of one resolution in both, so their recalls still agree."""
    conference = _cites(texts_corpus, "ashgabat-conference-final-document/P3")
    later = _cites(texts_corpus, "unga-res-79-274/P1")
    assert "res:50/80 A" in conference & later
    assert "res:69/285" in conference & later  # (no part: the bare key)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("42/39 D of 30 November 1987", "D"),
        ("50/80 A dated 12th December 1995", "A"),
        ("50/80 \u0410", "A"),  # a Cyrillic A, as the OIC text prints it
        ("1514 (XV) of 14 December 1960", ""),  # a session, not a part
        ("57/65 of 22 November 2002", ""),
        ("ES-10/15", ""),
    ],
)
def test_part_letters(text: str, part: str) -> None:
    cit = Citation(key="res:0/0", text=text, date=None, clause=None, start=0, end=len(text))
    assert part_letter(cit) == part


@needs_unga
def test_recalls_of_other_parts_of_the_same_numbers_do_not_link() -> None:
    """78/23 pp3 recalls 49/75 J, 50/70 G, 51/45 D, 52/38 D ...; 78/25 pp1 recalls 50/70 M,
    51/45 E, 52/38 E ...: omnibus disarmament resolutions adopt many parts under one number,
    and these two clauses recall none of the same parts (nor the same later resolutions): two
    recalls of two subjects, no link (main linked them as a `partial` by the numbers)."""
    analysis = analyse(load_corpus([unga_file("78-23"), unga_file("78-25")]))
    assert linked(analysis, "a-res-78-23/P3", "a-res-78-25/P1") is None


@needs_unga
def test_one_shared_part_of_two_is_one_reference_not_a_part() -> None:
    """78/285 pp1 recalls "75/290 A and 75/290 B of 25 June 2021"; 78/225 pp4 recalls 75/290 B
    and says what it did (the 2023 SDG Summit): the part letters make two documents of one
    number, so the clauses share one of them, a shared reference and not a part of either
    clause (blind audit round 6, item 14, judged false). Main linked them as a `partial`: two
    resolutions of different series, unrelated otherwise (`across_series.CITED_PART`)."""
    corpus = load_corpus([unga_file("78-225"), unga_file("78-285")])
    assert _cites(corpus, "a-res-78-285/P1") == {"res:75/290 A", "res:75/290 B"}
    assert _cites(corpus, "a-res-78-225/P4") == {"res:75/290 B"}
    assert linked(analyse(corpus), "a-res-78-225/P4", "a-res-78-285/P1") is None


@needs_unga
def test_two_recalls_sharing_one_resolution_are_no_part() -> None:
    """78/73 pp1 recalls 194 (III), 212 (III), 302 (IV) and 77/122; 78/75 pp1 recalls 194 (III)
    and 36/146 C: two Palestine-refugee recitals of two series whose one common citation is
    the 1948 resolution (blind audit round 6, item 93, judged false). Main linked them as a
    `partial` by that citation."""
    analysis = analyse(load_corpus([unga_file("78-73"), unga_file("78-75")]))
    assert linked(analysis, "a-res-78-73/P1", "a-res-78-75/P1") is None


def test_a_recall_keeping_one_of_three_resolutions_in_related_documents_is_a_part() -> None:
    """The seeds borrow from one another: 79/274 pp2 recalls 75/28 ("Recalling also its
    resolution 75/28") and one of the three resolutions 75/28 pp1 recalls, a half of that
    recall split off (seeds annotation: `partial`). One shared citation, but between related
    documents the part stands."""
    analysis = analyse(load_corpus(sorted(SEEDS.glob("*.txt"))))
    assert linked(analysis, "unga-res-75-28/P1", "unga-res-79-274/P2") == "partial"


def test_a_recall_split_into_two_bare_recalls_links_both_halves() -> None:
    """The conference's pp3 underlines 50/80 A "dated 12th December 1995", 69/285 "dated 3rd
    of June of 2015" and 71/275 "dated 2nd February 2017"; 79/274 recalls the first two in
    pp1 and 71/275 (with 75/28) in pp2, with the same dates: one recall split in two (seeds
    annotation: `partial` both). Main linked pp1 only: one shared document is too few for a
    clause that is no bare recall, unless the other half is found (`cited.split_parts`)."""
    analysis = analyse(load_corpus(sorted(SEEDS.glob("*.txt"))))
    conference = "ashgabat-conference-final-document/P3"
    assert linked(analysis, conference, "unga-res-79-274/P1") == "partial"
    assert linked(analysis, conference, "unga-res-79-274/P2") == "partial"
