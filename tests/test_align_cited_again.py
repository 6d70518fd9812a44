"""A part made by citations that a version of its clause already carries is no part (issue 10).

Real texts of ../shared/un-ga and the seeds; expected values from reading the clauses.
"""

from __future__ import annotations

import pytest

from conftest import SEEDS, linked, needs_unga, unga_file
from lineage.align.cited import clause_citations
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis, Corpus

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")


def _cites(corpus: Corpus, uid: str) -> set[str]:
    return {key for key, _ in clause_citations(corpus)[corpus.index.position[uid]]}


@pytest.fixture(scope="module")
def fisheries() -> tuple[Corpus, Analysis]:
    """The sustainable-fisheries resolutions of 2023 and 2024."""
    corpus = load_corpus([unga_file(s) for s in ("78-68", "79-145")])
    return corpus, analyse(corpus)


@needs_unga
def test_a_request_citing_reaffirmed_paragraphs_is_no_part_of_the_reaffirmation(
    fisheries: tuple[Corpus, Analysis],
) -> None:
    """78/68 op214 "Reaffirms the importance of paragraphs 80 to 90 of resolution 61/105,
    paragraphs 113 to 127 of resolution 64/72, paragraphs 121 to 136 of resolution 66/68 ..."
    on bottom fishing comes back word for word as 79/145 op219. 79/145 op240 "Further
    requests the Secretary-General ... to invite States ... to submit detailed information
    ... on actions taken pursuant to paragraphs 113, 117 and 119 to 124 of resolution 64/72,
    paragraphs 121, 126 ... of resolution 66/68 and ... of resolution 77/118" is a new
    request on some of the same paragraphs: no piece of op214 (audit rounds 5 and 6 judged
    the pair false). Main linked them as a `partial` made by citations."""
    corpus, analysis = fisheries
    old, kept, request = "a-res-78-68/O214", "a-res-79-145/O219", "a-res-79-145/O240"
    assert linked(analysis, old, kept) == "verbatim"
    assert _cites(corpus, old) & _cites(corpus, request) <= _cites(corpus, kept)
    assert linked(analysis, old, request) is None


@needs_unga
def test_a_workshop_on_the_paragraphs_is_no_part_of_the_call_to_implement_them(
    fisheries: tuple[Corpus, Analysis],
) -> None:
    """78/68 op215 urges States to ensure that their actions "implementing paragraphs 80 and
    83 to 87 of resolution 61/105, paragraphs 113 and 119 to 124 of resolution 64/72,
    paragraphs 121, 129, 130 and 132 to 134 of resolution 66/68 ... are consistent with the
    Guidelines" (79/145 op220 the next year, word for word); 79/145 op238 "Requests the
    Secretary-General to convene ... a two-day workshop ... to discuss implementation of
    paragraphs 113, 117 and 119 to 124 of resolution 64/72, ..." is another provision."""
    _, analysis = fisheries
    assert linked(analysis, "a-res-78-68/O215", "a-res-79-145/O220") == "verbatim"
    assert linked(analysis, "a-res-78-68/O215", "a-res-79-145/O238") is None
    assert linked(analysis, "a-res-78-68/O215", "a-res-79-145/O240") is None


@needs_seeds
def test_a_recall_split_between_its_version_and_a_part_keeps_the_part() -> None:
    """OIC pp7 recalls 50/80 A, 69/285, 71/275 and 75/28; 79/274 pp2 (its version, recalling
    71/275 and 75/28) and pp1 (recalling 50/80 A and 69/285) divide them: pp1 is the other
    half of the split (the seeds' annotation), its documents not cited by pp2."""
    corpus = load_corpus(sorted(SEEDS.glob("*.txt")))
    analysis = analyse(corpus)
    oic, half, version = (
        "oic-cfm-res-64-48-pol/P7",
        "unga-res-79-274/P1",
        "unga-res-79-274/P2",
    )
    assert linked(analysis, oic, version) == "major"
    assert not _cites(corpus, half) & _cites(corpus, version)
    assert linked(analysis, oic, half) == "partial"
