"""Across series, stock wording is no evidence: a rewrite waits for documents related by
links in words of their own (sibling series print one family's stock paragraphs word for
word), and a part needs a word of its own in its shared runs.

Real texts of ../shared/un-ga. The pairs were read here: the two high-level meetings of the
seventy-ninth session (noncommunicable diseases and mental health, 79/273; the World Programme
of Action for Youth, 79/289) share the stock paragraphs of such meetings, and their panel and
delegation paragraphs are one template filled with each meeting's themes and guests (blind
audit round 3b, items 6 and 17, judged false). The resolutions on religious intolerance 78/214
and 79/316 share paragraphs in words of their own; their reworded clause on rising incidents of
intolerance is one clause widened to racial intolerance (round 3b, item 1, judged right).
"""

from __future__ import annotations

import pytest

from conftest import linked, needs_unga, unga_file
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis


def _analysed(*docs: str) -> Analysis:
    return analyse(load_corpus([unga_file(d) for d in docs]))


@needs_unga
def test_one_template_filled_by_two_sibling_meetings_is_no_rewrite() -> None:
    """Main linked both as `major`: the two resolutions share only stock paragraphs (the
    webcast, the list of speakers), which made them "related"."""
    analysis = _analysed("79-273", "79-289")
    # the two multi-stakeholder panels and their themes (NCDs / youth)
    assert linked(analysis, "a-res-79-273/O4", "a-res-79-289/O4") is None
    # who to include in delegations (experts in NCDs / youth-led organizations)
    assert linked(analysis, "a-res-79-273/O10", "a-res-79-289/O10") is None


@needs_unga
def test_a_clause_reworded_between_documents_that_borrow_stays_a_rewrite() -> None:
    analysis = _analysed("78-214", "79-316")
    assert linked(analysis, "a-res-78-214/O3", "a-res-79-316/O7") == "major"


@needs_unga
@pytest.mark.parametrize(
    ("docs", "a", "b"),
    [
        # "terrorism cannot and should not be associated with any religion": the freedom of
        # religion resolution's consequence for believers / the religious-intolerance recital's
        # list of nationality, civilization or ethnic group (round 3, item 12, judged false)
        (("78-212", "78-214"), "a-res-78-212/O5", "a-res-78-214/P8"),
        # the multi-stakeholder hearing of the meeting on antimicrobial resistance / of another
        # process, with its own organizers and participants (round 4, item 76, judged false)
        (("78-269", "79-286"), "a-res-78-269/O6", "a-res-79-286/O11"),
    ],
)
def test_a_part_sharing_stock_sentences_only_is_no_part(
    docs: tuple[str, str], a: str, b: str
) -> None:
    """Main linked each pair as `partial`: their shared runs hold no content word outside
    stock phrases (`across_series._stock_part`)."""
    assert linked(_analysed(*docs), a, b) is None


@needs_unga
def test_a_part_carrying_words_of_its_own_stays_a_part() -> None:
    """The global goal of eradicating poverty "slipping from our reach" after COVID-19:
    78/188's preambular concern made 79/146's operative paragraph (round 4, item 5, right)."""
    analysis = _analysed("78-188", "79-146")
    assert linked(analysis, "a-res-78-188/P12", "a-res-79-146/O5") == "partial"
