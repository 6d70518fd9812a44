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
from pathlib import Path

import pytest

from conftest import UNGA
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.history.series import build_graph, compare_titles, symbol_stem, title_words
from lineage.model import Analysis, Clause, Corpus, Document, Link
from lineage.report.html import write_report

needs_unga = pytest.mark.skipif(not UNGA.is_dir(), reason="../shared/un-ga is not here")

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
@needs_unga
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
@needs_unga
def test_sides_by_side_join_only_versions_of_one_series(unga_analysis: Analysis) -> None:
    """Every pair the analysis compares side by side is a document and its previous version:
    none joins two series, and each established pair is one of them."""
    graph = unga_analysis.graph
    assert graph is not None
    pairs = graph.versions()
    assert all(graph.same_series(a, b) and graph.previous(b) == a for a, b in pairs)
    assert {(a, b) for b, a in PREVIOUS.items()} <= set(pairs)


#: A sample of series side by side: three regional centres, two territories and two Golan
#: resolutions adopted the same days, and the Palestine refugees; 16 documents, 8 series.
SAMPLE = (
    "78-56",
    "78-57",
    "78-58",
    "79-65",
    "79-66",
    "79-67",
    "78-87",
    "78-88",
    "79-100",
    "79-101",
    "78-11",
    "78-77",
    "79-83",
    "79-90",
    "78-74",
    "79-88",
)


@pytest.mark.slow
@needs_unga
def test_report_of_a_sample_pairs_each_document_with_its_previous_version(
    tmp_path: Path,
) -> None:
    """The real report of the sample has exactly one side-by-side page per established pair,
    none joining two series (Anguilla with Bermuda, the Syrian Golan with the occupied Syrian
    Golan), and each page is offered on both documents' pages as previous / next version."""
    files = [next(UNGA.glob(f"*_a-res-{n}.txt")) for n in SAMPLE]
    write_report(analyse(load_corpus(files)), tmp_path)
    pages = {p.name for p in (tmp_path / "pairs").glob("*.html")}
    expected = {(b, a) for a, b in PREVIOUS.items() if a[6:] in SAMPLE}
    assert len(expected) == 8
    assert pages == {f"{a}--{b}.html" for a, b in expected}
    for a, b in expected:
        earlier = (tmp_path / "documents" / f"{a}.html").read_text(encoding="utf-8")
        later = (tmp_path / "documents" / f"{b}.html").read_text(encoding="utf-8")
        href = f'href="../pairs/{a}--{b}.html"'
        assert href in earlier and "(next version)" in earlier
        assert href in later and "(previous version)" in later


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
@needs_unga
def test_no_family_holds_two_clauses_of_a_document_but_by_split_or_merge(
    unga_analysis: Analysis,
) -> None:
    """Over all 659 resolutions, two clauses of one document share a family only as the two
    halves of an explicit split or merge (or the continuations of such halves)."""
    assert collisions(unga_analysis) == []
    kinds = {e.kind for f in unga_analysis.families for e in f.events}
    assert {"split", "merged", "borrowed", "carried", "dropped"} <= kinds


def _doc(doc_id: str, date: str, title: str, n: int, symbol: str = "") -> Document:
    clauses = tuple(
        Clause(doc_id, f"P{i + 1}", "preamble", i, "", f"c{i}", 0, 1, i + 1, f"c{i}")
        for i in range(n)
    )
    return Document(doc_id, title, date, "", symbol, "en", "", "", "", clauses)


def _links(a: str, b: str, pairs: list[tuple[int, int]], relation: str = "verbatim") -> list[Link]:
    return [Link(f"{a}/P{x}", f"{b}/P{y}", relation, 1.0, "exact") for x, y in pairs]


def test_titles_without_numbers_and_symbols_without_revisions():
    """Ordinals and numbers are set aside ("seventy-eighth session"); a revision is the same
    symbol stem; two template titles differ in their subject."""
    a = title_words("Credentials of representatives to the seventy-eighth session")
    b = title_words("79/132. Credentials of representatives to the seventy-ninth session")
    assert compare_titles(a, b) == "same"
    assert (
        compare_titles(
            title_words("Freedom of religion or belief"),
            title_words("Freedom of religion and belief"),
        )
        == "same"
    )
    assert (
        compare_titles(title_words("Question of Anguilla"), title_words("Question of Bermuda"))
        == "different"
    )
    assert compare_titles((), title_words("Question of Bermuda")) == "unknown"
    assert symbol_stem("A/C.3/79/L.5/Rev.1") == symbol_stem("A/C.3/79/L.5 ") == "A/C.3/79/L.5"


def test_previous_version_needs_a_title_or_most_clauses_and_is_a_chain():
    """Same title: one shared clause is enough; another title and 80% shared is a sibling of a
    template, not a version; a draft and its adoption and next year's text form one chain,
    each continued once."""
    docs = (
        _doc("anguilla-23", "2023-12-07", "Question of Anguilla", 10),
        _doc("bermuda-23", "2023-12-08", "Question of Bermuda", 10),
        _doc("report-23", "2023-12-09", "Report of the Ethics Office", 4),
        _doc("report-24", "2024-12-09", "Report of the Ethics Office", 8),
        _doc("draft-25", "2025-11-01", "Question of Anguilla", 10, "A/C.4/80/L.2"),
        _doc("adopted-25", "2025-12-05", "Question of Anguilla", 10, "A/RES/80/9"),
    )
    links = [
        *_links("anguilla-23", "bermuda-23", [(i, i) for i in range(1, 9)]),
        *_links("report-23", "report-24", [(1, 3)]),
        *_links("anguilla-23", "draft-25", [(i, i) for i in range(1, 10)]),
        *_links("anguilla-23", "adopted-25", [(i, i) for i in range(1, 9)]),
        *_links("draft-25", "adopted-25", [(i, i) for i in range(1, 11)]),
    ]
    graph = build_graph(Corpus(docs), links)
    assert graph.previous("bermuda-23") is None
    assert graph.previous("report-24") == "report-23"
    assert graph.versions() == [
        ("report-23", "report-24"),
        ("anguilla-23", "draft-25"),
        ("draft-25", "adopted-25"),
    ]
    assert graph.members("anguilla-23") == ("anguilla-23", "draft-25", "adopted-25")
    assert [(s.doc_id, s.clauses) for s in graph.sources("adopted-25")] == [
        ("draft-25", 10),
        ("anguilla-23", 8),
    ]


def test_unrelated_documents_change_no_previous_version():
    """Adding documents that share no clause with a series (even one with the same date and a
    same-template title) changes no previous version, series or source of it."""
    docs = (
        _doc("a-23", "2023-12-07", "Question of Anguilla", 10),
        _doc("a-24", "2024-12-07", "Question of Anguilla", 10),
    )
    links = _links("a-23", "a-24", [(i, i) for i in range(1, 10)])
    alone = build_graph(Corpus(docs), links)
    others = (
        _doc("b-23", "2023-12-07", "Question of Bermuda", 10),
        _doc("b-24", "2024-12-07", "Question of Bermuda", 10),
        _doc("c-24", "2024-06-01", "World Cleanup Day", 5),
    )
    crowd = build_graph(
        Corpus(tuple(sorted(docs + others, key=lambda d: d.sort_key))),
        links + _links("b-23", "b-24", [(i, i) for i in range(1, 10)]),
    )
    for doc in ("a-23", "a-24"):
        assert crowd.node(doc) == alone.node(doc)
