"""A paraphrase whose clauses cite other documents is one formula filled twice (issue 10).

Real texts of ../shared/un-ga; expected values from reading the clauses.
"""

from __future__ import annotations

from conftest import linked, needs_unga, unga_file
from lineage.align.cited import clause_citations
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Corpus


def _cites(corpus: Corpus, uid: str) -> set[str]:
    return {key for key, _ in clause_citations(corpus)[corpus.index.position[uid]]}


@needs_unga
def test_takes_note_of_other_commission_resolutions_is_no_paraphrase() -> None:
    """78/69 op309 takes note of IOC resolutions EC-55/1 and A-32/3 "in which these bodies took
    note of the establishment of Decade coordinating mechanisms"; 79/144 op309 of resolution
    EC-57/1 "on the implementation of the United Nations Decade of Ocean Science": one
    takes-note formula naming the Commission, two decisions of it with other content (blind
    audits rounds 5 to 7 judged the pair false six times of seven). Main linked them as a
    `paraphrase`."""
    corpus = load_corpus([unga_file("78-69"), unga_file("79-144")])
    a, b = "a-res-78-69/O309", "a-res-79-144/O309"
    assert _cites(corpus, a) and _cites(corpus, b)
    assert not _cites(corpus, a) & _cites(corpus, b)
    assert linked(analyse(corpus), a, b) is None
