"""Where a clause comes from and how much two documents share are the analysis's decisions
(history/provenance.py, read through lineage.analysis), not the HTML model's: the facts read
off the seed texts hold of the analysis itself, and the pages only name what it decided.

Expected values come from reading texts/ (the same facts test_html.py checks on the pages).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lineage.align.scoring import PASSAGE
from lineage.analysis import (
    SHARED_PASSAGE_WORDS,
    Provenance,
    analyse,
    clause_share,
    is_shared_passage,
)
from lineage.corpus import load_corpus
from lineage.model import Analysis, relation_rank
from lineage.report.html.model import Lookup
from lineage.report.html.why import EVIDENCE_WORDS, RELATION_WORDS

TEXTS = Path(__file__).resolve().parent.parent / "texts"
UN20, ASH20, OIC22, UN25 = (
    "unga-res-75-28",
    "ashgabat-conference-final-document",
    "oic-cfm-res-64-48-pol",
    "unga-res-79-274",
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(load_corpus([TEXTS]))


@pytest.fixture(scope="module")
def provenance(analysis: Analysis) -> Provenance:
    return Provenance(analysis)


def uid_of(analysis: Analysis, doc_id: str, words: str) -> str:
    """The one clause of the document whose text holds `words`."""
    doc = next(d for d in analysis.documents if d.id == doc_id)
    found = [c.uid for c in doc.clauses if words in " ".join(c.text.split())]
    assert len(found) == 1, (doc_id, words, found)
    return found[0]


def test_origin_of_a_clause_copied_from_another_series(
    analysis: Analysis, provenance: Provenance
) -> None:
    """79/274 "Underlining that the national policies of neutrality of some States ..." is
    75/28's clause word for word, and 75/28 is another series: the analysis says borrowed,
    verbatim, from 75/28, first in 75/28, with no closer version elsewhere."""
    uid = uid_of(analysis, UN25, "Underlining that the national policies of neutrality")
    origin = provenance.origin(uid)
    assert origin.kind == "borrowed"
    assert origin.source is not None and provenance.doc_of(origin.source) == UN20
    assert origin.first_doc == UN20
    assert origin.relation == "verbatim"
    assert origin.closest is None


def test_origin_of_a_reworded_clause_names_its_first_document(
    analysis: Analysis, provenance: Provenance
) -> None:
    """79/274 "Recognizing the positive role that neutral Turkmenistan plays" takes the OIC's
    wording, which reworded 75/28's "Recognizing also the positive role ...": from the OIC
    resolution, first in 75/28, not new."""
    uid = uid_of(analysis, UN25, "Recognizing the positive role that neutral Turkmenistan plays")
    origin = provenance.origin(uid)
    assert origin.kind != "new"
    assert origin.source is not None and provenance.doc_of(origin.source) == OIC22
    assert origin.first_doc == UN20


def test_origin_of_a_new_clause(analysis: Analysis, provenance: Provenance) -> None:
    """79/274's provisional-agenda clause is in no earlier text: new, no source, no family
    start elsewhere, no closest version."""
    uid = uid_of(analysis, UN25, "Decides to include in the provisional agenda of its eightieth")
    origin = provenance.origin(uid)
    assert (origin.kind, origin.source, origin.relation, origin.first_doc, origin.closest) == (
        "new",
        None,
        None,
        None,
        None,
    )


def test_the_html_model_reads_the_analysis_origin(analysis: Analysis) -> None:
    """The document pages' provenance is the analysis's origin, named: same kind, source,
    relation and first document for every clause of the seeds; the model keeps no rule of
    its own for choosing a source."""
    lookup = Lookup(analysis)
    for uid in lookup.clauses:
        mine, theirs = lookup.provenance(uid), lookup.origins.origin(uid)
        assert (mine.kind, mine.source_uid, mine.relation) == (
            theirs.kind,
            theirs.source,
            theirs.relation,
        )
        assert (mine.first_doc.id if mine.first_doc else None) == theirs.first_doc
    assert not hasattr(lookup, "best_source") and not hasattr(lookup, "closest")


def test_share_is_symmetric_and_counts_linked_clauses(
    analysis: Analysis, provenance: Provenance
) -> None:
    """A pair's share is the same both ways, lies in [0, 1], and is the part of the two
    documents' clauses that a link joins to the other: 79/274 and 75/28 share clauses (the
    verbatim "Underlining ..." above), so their share is above 0."""
    ids = [d.id for d in analysis.documents]
    for a in ids:
        for b in ids:
            if a != b:
                assert provenance.share(a, b) == provenance.share(b, a)
                assert 0.0 <= provenance.share(a, b) <= 1.0
    assert provenance.share(UN20, UN25) > 0


def test_clause_share_counts_each_clause_once() -> None:
    """Two links from one clause count it once: 3 linked clauses of 4 + 6 is 0.3; no clauses
    at all is 0, not a division by zero."""

    class L:
        def __init__(self, s: str, t: str) -> None:
            self.source, self.target = s, t

    links = [L("a1", "b1"), L("a1", "b2")]
    assert clause_share(links, 4, 6) == 0.3  # type: ignore[arg-type]
    assert clause_share([], 0, 0) == 0.0


def test_one_passage_rule_for_matcher_and_pages() -> None:
    """The pages highlight and word shared passages by the matcher's constant: 8 words are a
    passage, 7 are not, and the legend's words say the same number."""
    assert SHARED_PASSAGE_WORDS == PASSAGE == 8
    assert is_shared_passage("one two three four five six seven eight")
    assert not is_shared_passage("one two three four five six seven")
    assert f"{PASSAGE}+ words" in EVIDENCE_WORDS["shared-passage"]
    assert f"{PASSAGE} or more words" in RELATION_WORDS["major"]


def _ranked_by_hand(analysis: Analysis, uid: str) -> tuple[str | None, str | None]:
    """The definitions of best_source and closest, link by link: the latest earlier version
    (closest relation, higher similarity, greater uid among equals) and the closest wording
    (closest relation, higher similarity, later document, smaller uid)."""
    order = analysis.corpus.order
    doc_of = {c.uid: d.id for d in analysis.documents for c in d.clauses}
    into = [k for k in analysis.links if k.target == uid and k.source in doc_of]
    if not into:
        return None, None
    best = max(
        into,
        key=lambda k: (order[doc_of[k.source]], -relation_rank(k.relation), k.similarity, k.source),
    )
    near = min(
        into,
        key=lambda k: (
            relation_rank(k.relation),
            -k.similarity,
            -order[doc_of[k.source]],
            k.source,
        ),
    )
    return best.source, near.source


def test_sources_are_ranked_as_defined_whatever_the_links_order(analysis: Analysis) -> None:
    """One pass over the links ranks every clause's sources (history/provenance.py): each
    clause's best source and closest version are those of the definition, with the links in
    the analysis's order and reversed (the pass keeps no first-seen winner)."""
    flipped = dataclasses.replace(analysis, links=tuple(reversed(analysis.links)))
    uids = [c.uid for d in analysis.documents for c in d.clauses]
    with_sources = 0
    for given in (analysis, flipped):
        prov = Provenance(given)
        for uid in uids:
            expected = _ranked_by_hand(analysis, uid)
            assert (prov.best_source(uid), prov.closest(uid)) == expected, uid
            with_sources += expected[0] is not None
    assert with_sources > 20  # the seed texts carry dozens of clauses from earlier documents
