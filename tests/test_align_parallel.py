"""Parallel paragraphs of two series sharing a stretch are no part of each other (issue 10).

Real texts of ../shared/un-ga; expected values from reading the clauses.
"""

from __future__ import annotations

import pytest

from conftest import linked, needs_unga, unga_file
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis


def _analysed(*symbols: str) -> Analysis:
    return analyse(load_corpus([unga_file(s) for s in symbols]))


@pytest.fixture(scope="module")
def humanitarian() -> Analysis:
    """The coordination of emergency humanitarian assistance (78/119, 79/140) and humanitarian
    assistance in natural disasters (78/120, 79/139), adopted together each year."""
    return _analysed("78-119", "78-120", "79-139", "79-140")


@needs_unga
def test_the_gender_with_age_marker_tail_joins_no_two_provisions(humanitarian: Analysis) -> None:
    """78/119 op51 asks humanitarian actors to promote gender equality in humanitarian response
    (participation, needs assessments, services); 78/120 op68 stresses women's participation
    in disaster risk reduction and asks the Secretary-General for gender mainstreaming. Both
    end "the analysis of allocations and programme implementation, and through greater use of
    the Gender with Age Marker", and each is kept word for word by its own series the next
    year (79/140 op51, 79/139 op69): two provisions, not one and a part of it (audit round 8
    judged all three such links false). Main linked them as `partial`."""
    assert linked(humanitarian, "a-res-78-119/O51", "a-res-79-140/O51") in ("verbatim", "minor")
    assert linked(humanitarian, "a-res-78-120/O68", "a-res-79-139/O69") in ("verbatim", "minor")
    assert linked(humanitarian, "a-res-78-119/O51", "a-res-78-120/O68") is None
    assert linked(humanitarian, "a-res-79-139/O69", "a-res-79-140/O51") is None
    assert linked(humanitarian, "a-res-78-120/O68", "a-res-79-140/O51") is None


@needs_unga
def test_a_recall_of_resolutions_is_no_part_of_the_days_welcome() -> None:
    """78/27 pp1 recalls the follow-up resolutions 67/39 to 77/47; 78/53 pp26 welcomes the
    International Day for the Total Elimination of Nuclear Weapons, declared in 68/32 and
    welcomed in 69/58 to 77/47: the same list in two provisions, each kept by its series
    (79/47 pp1, 79/50 pp27). The welcome of the Day in 78/27 op7 is what 78/53 pp26 holds
    nearly whole, and stays its part."""
    analysis = _analysed("78-27", "78-53", "79-47", "79-50")
    assert linked(analysis, "a-res-78-27/P1", "a-res-78-53/P26") is None
    assert linked(analysis, "a-res-78-27/O7", "a-res-78-53/P26") == "partial"


@needs_unga
def test_a_climate_sentence_carried_whole_into_another_series_stays_a_part() -> None:
    """79/206 op17 (climate) encourages integrating nature-based solutions in line with UNEA
    resolution 5/5; 79/208 pp26 (biological diversity) is that sentence as a recital, kept
    word for word from 78/155 pp25, as 79/206 op17 is from 78/153 op17: standing paragraphs
    of two series, but one holds the other nearly whole (audit round 8 judged it right)."""
    analysis = _analysed("78-153", "78-155", "79-206", "79-208")
    assert linked(analysis, "a-res-79-206/O17", "a-res-79-208/P26") == "partial"
