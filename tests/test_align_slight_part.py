"""A part across series that holds little of either clause waits for related documents (issue 10).

Real texts of ../shared/un-ga; expected values from reading the clauses.
"""

from __future__ import annotations

from conftest import linked, needs_unga, unga_file
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis


def _analysed(*symbols: str) -> Analysis:
    return analyse(load_corpus([unga_file(s) for s in symbols]))


@needs_unga
def test_the_name_of_the_chambers_is_no_part_of_their_financing_recital() -> None:
    """79/258 op17 "Reaffirms the high priority accorded to the work of the Extraordinary
    Chambers in the Courts of Cambodia" (the programme budget) and 79/324 pp2, which recalls
    that the Chambers' expenses are defrayed under the Agreement with Cambodia by voluntary
    contributions: two provisions naming one court (audit round 6 judged the pair false).
    Main linked them as a `partial` found by a passage, similarity 0.19."""
    analysis = _analysed("79-258", "79-324")
    assert linked(analysis, "a-res-79-258/O17", "a-res-79-324/P2") is None


@needs_unga
def test_a_programme_named_in_a_recall_is_no_part_of_a_climate_recital() -> None:
    """78/147 pp5 recognises that mountain ecosystems are vulnerable to climate change and
    reaffirms the Five Years of Action for the Development of Mountain Regions; 78/321 pp3
    recalls resolution 77/172, which proclaimed those Five Years: the two share the
    programme's name and period, nothing the recital says."""
    analysis = _analysed("78-147", "78-321")
    assert linked(analysis, "a-res-78-147/P5", "a-res-78-321/P3") is None
