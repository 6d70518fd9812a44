"""The document graph and families on real series of ../shared/un-ga, established by reading.

Each expectation below was established by reading the two texts: the later resolution recalls
the earlier one ("Recalling its resolution 78/66 of 4 December 2023", "the most recent of which
is resolution 78/56") or, where it does not, it is the same resolution re-adopted a year later
on the same agenda item with the same operative part (Anguilla, Bermuda, the Syrian Golan, the
financing of a mission). Sessions 78 and 79 only are in the corpus, so a resolution of session
78 whose previous version is of session 77 (absent) starts a series, and so does a biennial one
(energy connectivity, 78/149: its predecessors 63/210 and 67/263 are not in the corpus).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import UNGA
from lineage.model import Analysis

pytestmark = pytest.mark.skipif(not UNGA.is_dir(), reason="../shared/un-ga is not here")

#: Each year's resolution and its previous version, by reading.
PREVIOUS = {
    "a-res-79-88": "a-res-78-74",  # Assistance to Palestine refugees; recalls 78/74
    "a-res-79-50": "a-res-78-53",  # Nuclear disarmament; recalls 78/53
    "a-res-79-52": "a-res-78-48",  # The Arms Trade Treaty; recalls 78/48
    "a-res-79-77": "a-res-78-66",  # Comprehensive Nuclear-Test-Ban Treaty; recalls 78/66
    "a-res-79-62": "a-res-78-241",  # Lethal autonomous weapons systems; recalls 78/241
    "a-res-79-100": "a-res-78-87",  # Question of Anguilla (not of the British Virgin Islands)
    "a-res-79-101": "a-res-78-88",  # Question of Bermuda (not of the Cayman Islands)
    "a-res-79-83": "a-res-78-11",  # The Syrian Golan (item: the situation in the Middle East)
    "a-res-79-90": "a-res-78-77",  # The occupied Syrian Golan (Israeli practices); recalls 78/77
    "a-res-79-65": "a-res-78-56",  # Regional Centre ... in Africa; recalls 78/56
    "a-res-79-66": "a-res-78-57",  # ... in Latin America and the Caribbean; recalls 78/57
    "a-res-79-67": "a-res-78-58",  # ... in Asia and the Pacific
    "a-res-79-132": "a-res-78-124",  # Credentials ... seventy-ninth / seventy-eighth session
    "a-res-79-121": "a-res-78-108",  # Report of the International Law Commission
    "a-res-79-296": "a-res-78-291",  # Comprehensive review of peacekeeping; recalls 78/291
    "a-res-79-308": "a-res-78-305",  # Financing of UNIFIL (June 2024, June 2025)
    "a-res-79-309": "a-res-78-306",  # Financing of UNMISS (adopted beside UNIFIL's)
}
#: Documents that start a series in this corpus, with why.
STARTS = {
    "a-res-78-74": "continues 77/x, not in the corpus",
    "a-res-78-88": "Bermuda: not a version of Anguilla (78/87), adopted the same day",
    "a-res-78-77": "recalls 77/125; The Syrian Golan (78/11) is another item",
    "a-res-78-149": "biennial energy connectivity: recalls 63/210 and 67/263 only",
    "a-res-79-131": "Coffee Organization observer status: not the Ibero-American one (78/117)",
    "a-res-78-268": "proclaims the International Day of Play: not World Cleanup Day (78/122)",
    "a-res-79-143": "proclaims the International Day of the Snow Leopard: not the Markhor's",
}


@pytest.mark.slow
def test_established_series_hold(unga_analysis: Analysis) -> None:
    """Every previous version established by reading is the graph's, and every document that
    starts a series in this corpus has none."""
    graph = unga_analysis.graph
    assert graph is not None
    found = {doc: graph.previous(doc) for doc in PREVIOUS}
    assert found == PREVIOUS
    assert {doc: graph.previous(doc) for doc in STARTS} == dict.fromkeys(STARTS)
    for later, earlier in PREVIOUS.items():
        assert graph.same_series(earlier, later)
        assert graph.next(earlier) == later
    # Two resolutions of one template stay two series.
    assert not graph.same_series("a-res-79-100", "a-res-79-101")
    assert not graph.same_series("a-res-79-83", "a-res-79-90")
    assert not graph.same_series("a-res-79-308", "a-res-79-309")


@pytest.mark.slow
def test_sides_by_side_join_only_versions_of_one_series(unga_analysis: Analysis) -> None:
    """Every pair the analysis compares side by side is a document and its previous version:
    none joins two series, and each established pair is one of them."""
    graph = unga_analysis.graph
    assert graph is not None
    pairs = graph.versions()
    assert all(graph.same_series(a, b) and graph.previous(b) == a for a, b in pairs)
    assert {(a, b) for b, a in PREVIOUS.items()} <= set(pairs)


def _parents(analysis: Analysis) -> dict[str, str]:
    return {child: parent for f in analysis.families for child, parent in f.parents}


def _ancestors(uid: str, parent: dict[str, str]) -> set[str]:
    found = {uid}
    while uid in parent:
        uid = parent[uid]
        found.add(uid)
    return found


def _explained(
    a: str,
    b: str,
    parent: dict[str, str],
    splits: set[tuple[str, str]],
    merges: list[tuple[str, ...]],
) -> bool:
    """Two clauses of one document in one family: siblings of an explicit split, ancestors of
    two sources of an explicit merge, or continuations of two clauses so explained."""
    pa, pb = parent.get(a), parent.get(b)
    doc = a.rsplit("/", 1)[0]
    if pa is not None and pa == pb and (pa, doc) in splits:
        return True
    for sources in merges:
        for i, s in enumerate(sources):
            for t in sources[i + 1 :]:
                sa, ta = _ancestors(s, parent), _ancestors(t, parent)
                if (a in sa and b in ta) or (b in sa and a in ta):
                    return True
    if (
        pa is not None
        and pb is not None
        and pa != pb
        and pa.rsplit("/", 1)[0] == pb.rsplit("/", 1)[0]
    ):
        return _explained(pa, pb, parent, splits, merges)
    return False


def collisions(analysis: Analysis) -> list[tuple[str, str, str]]:
    """(family, clause, clause) for two clauses of one document in one family that no split or
    merge explains."""
    parent = _parents(analysis)
    found: list[tuple[str, str, str]] = []
    for family in analysis.families:
        by_doc: dict[str, list[str]] = defaultdict(list)
        for uid in family.clauses:
            by_doc[uid.rsplit("/", 1)[0]].append(uid)
        crowded = [uids for uids in by_doc.values() if len(uids) > 1]
        if not crowded:
            continue
        splits = {(e.source, e.doc_id) for e in family.events if e.kind == "split"}
        merges = [e.sources for e in family.events if e.kind == "merged"]
        for uids in crowded:
            for i, a in enumerate(uids):
                for b in uids[i + 1 :]:
                    if not _explained(a, b, parent, splits, merges):
                        found.append((family.id, a, b))
    return found


@pytest.mark.slow
def test_no_family_holds_two_clauses_of_a_document_but_by_split_or_merge(
    unga_analysis: Analysis,
) -> None:
    """Over all 659 resolutions, two clauses of one document share a family only as the two
    halves of an explicit split or merge (or the continuations of such halves)."""
    assert collisions(unga_analysis) == []
    kinds = {e.kind for f in unga_analysis.families for e in f.events}
    assert {"split", "merged", "borrowed", "carried", "dropped"} <= kinds
