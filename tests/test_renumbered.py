"""A clause a series prints again with other numbers is one clause (`align.renumbered`).

Real texts of ../shared/un-ga, read here: 78/7 op1 "Takes note of the report of the
Secretary-General on the implementation of resolution 77/7" and 79/7 op1, the same words
citing 78/7, the resolution before it: one clause, updated (the change list of the pair showed
op1 dropped and added). 78/17 op8 and 79/16 op8 take note of the report on 77/38 and 78/17 in
the same words: the same clause of another series, and no link to the embargo's.
"""

from __future__ import annotations

import pytest

from conftest import linked, needs_unga, unga_file
from lineage.align.prepared import prepare
from lineage.align.renumbered import candidates
from lineage.corpus import load_corpus
from lineage.model import Analysis

EMBARGO = ("a-res-78-7/O1", "a-res-79-7/O1")
OTHER = ("a-res-78-17/O8", "a-res-79-16/O8")


@needs_unga
def test_the_pairs_are_looked_up_within_a_series_only() -> None:
    """Asked with no pair scored, the four clauses make the two pairs of one series each, and
    none between the two series (one template citing other resolutions)."""
    corpus = load_corpus([unga_file(s) for s in ("78-7", "79-7", "78-17", "79-16")])
    prepared = prepare(corpus)
    uids = [c.uid for c in prepared.clauses]
    found = {(uids[x], uids[y]): s.relation for x, y, s in candidates(prepared, set())}
    assert found.get(EMBARGO) == "minor"
    assert found.get(OTHER) == "minor"
    assert not {(a, b) for a in EMBARGO for b in OTHER} & found.keys()


@needs_unga
@pytest.mark.slow
def test_a_clause_of_formula_and_a_renumbered_citation_links_in_the_whole_corpus(
    unga_analysis: Analysis,
) -> None:
    """In all of un-ga every shingle of these clauses but the numbered ones is formula (more
    than index.MAX_DF wordings), so the shingle search never paired them: main linked neither
    pair."""
    assert linked(unga_analysis, *EMBARGO) == "minor"
    assert linked(unga_analysis, *OTHER) == "minor"
    assert linked(unga_analysis, EMBARGO[0], OTHER[1]) is None
