"""Families and events from links: numbering, first appearance, and each event kind."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lineage.graph import longest_increasing
from lineage.history.families import build_families
from lineage.model import Clause, Corpus, Document, Link


def _doc(doc_id: str, date: str, names: list[str], title: str = "") -> Document:
    """A document whose clauses are named; each clause's words are its name repeated. Without
    a title of content words, whether it continues another is for its clauses to say."""
    clauses = tuple(
        Clause(
            doc_id=doc_id,
            id=f"P{i + 1}",
            kind="preamble",
            index=i,
            label="",
            text=n,
            start=0,
            end=len(n),
            line=i + 1,
            norm=" ".join([n] * (1 + n.count("+"))),
        )
        for i, n in enumerate(names)
    )
    return Document(
        id=doc_id,
        title=title or doc_id,
        date=date,
        body="",
        symbol="",
        language="en",
        source="",
        path="",
        text="",
        clauses=clauses,
    )


def _link(s: str, t: str, relation: str = "verbatim", sim: float = 1.0) -> Link:
    return Link(source=s, target=t, relation=relation, similarity=sim, method="exact")


def _events(family):
    return [(e.doc_id, e.kind) for e in family.events]


def test_families_are_components_numbered_by_first_appearance():
    """F1 is the family whose first clause comes first in document order, then clause order."""
    corpus = Corpus(documents=(_doc("a", "2020", ["x", "y"]), _doc("b", "2021", ["y", "x"])))
    families = build_families(corpus, [_link("a/P2", "b/P1"), _link("a/P1", "b/P2")])
    assert [(f.id, f.clauses, f.first) for f in families] == [
        ("F1", ("a/P1", "b/P2"), "a/P1"),
        ("F2", ("a/P2", "b/P1"), "a/P2"),
    ]


def test_unlinked_clause_is_a_family_of_one():
    """A clause that recurs nowhere is a family of its own, numbered in order with the others,
    new where it appears and dropped where the next version of its document leaves it out."""
    corpus = Corpus(documents=(_doc("a", "2020", ["x", "z"]), _doc("b", "2021", ["x", "w"])))
    families = build_families(corpus, [_link("a/P1", "b/P1")])
    assert [(f.id, f.clauses) for f in families] == [
        ("F1", ("a/P1", "b/P1")),
        ("F2", ("a/P2",)),
        ("F3", ("b/P2",)),
    ]
    assert _events(families[1]) == [("a", "new"), ("b", "dropped")]
    assert _events(families[2]) == [("b", "new")]
    assert families[1].events[1].clauses == ()


def test_every_clause_is_in_exactly_one_family():
    """Families partition the clauses: none left out, none in two families."""
    corpus = Corpus(
        documents=(_doc("a", "2020", ["x", "y", "z"]), _doc("b", "2021", ["y", "v", "x"]))
    )
    families = build_families(corpus, [_link("a/P1", "b/P3"), _link("a/P2", "b/P1", "minor", 0.9)])
    uids = [uid for f in families for uid in f.clauses]
    assert sorted(uids) == sorted(c.uid for d in corpus.documents for c in d.clauses)
    assert len(uids) == len(set(uids)) == 6


def test_new_carried_amended_rewritten():
    """Relations to the predecessor become carried (verbatim), amended (minor), rewritten."""
    docs = tuple(_doc(d, f"202{i}", ["x"]) for i, d in enumerate("abcd"))
    links = [
        _link("a/P1", "b/P1"),
        _link("b/P1", "c/P1", "minor", 0.9),
        _link("c/P1", "d/P1", "major", 0.7),
        _link("a/P1", "c/P1", "minor", 0.9),
    ]
    (family,) = build_families(Corpus(documents=docs), links)
    assert _events(family) == [("a", "new"), ("b", "carried"), ("c", "amended"), ("d", "rewritten")]
    assert family.events[2].source == "b/P1"  # compared with the latest earlier version


def test_parent_is_in_the_previous_version_even_when_an_older_one_is_closer():
    """A clause copied word for word from an older text and loosely paraphrased in its previous
    version descends from the previous version (rewritten there); the verbatim link to the
    older text stays a link, not a second parent."""
    docs = tuple(_doc(d, f"202{i}", ["x"]) for i, d in enumerate("abc"))
    links = [
        _link("a/P1", "b/P1", "paraphrase", 0.7),
        _link("a/P1", "c/P1"),
        _link("b/P1", "c/P1", "paraphrase", 0.7),
    ]
    (family,) = build_families(Corpus(documents=docs), links)
    assert _events(family) == [("a", "new"), ("b", "rewritten"), ("c", "rewritten")]
    assert (family.events[2].source, family.events[2].relation) == ("b/P1", "paraphrase")
    assert dict(family.parents) == {"b/P1": "a/P1", "c/P1": "b/P1"}


def test_parent_ranking_previous_version_then_relation_then_similarity_then_latest():
    """In a series a -> b -> c -> d the parent of d's clause is c's (the previous version),
    major though a and b have it closer. Without a link from c, the closest older version of
    the series: minor beats major, the more similar minor wins (b, 0.95 over a, 0.88); and as
    the family is in c, it is amended, not reintroduced."""
    docs = tuple(_doc(d, f"202{i}", ["x"]) for i, d in enumerate("abcd"))
    base = [_link("a/P1", "b/P1", "minor", 0.9), _link("b/P1", "c/P1", "minor", 0.9)]
    into_d = [
        _link("a/P1", "d/P1", "minor", 0.88),
        _link("b/P1", "d/P1", "minor", 0.95),
        _link("c/P1", "d/P1", "major", 0.99),
    ]
    (family,) = build_families(Corpus(documents=docs), base + into_d)
    assert (family.events[3].source, family.events[3].kind) == ("c/P1", "rewritten")
    # d keeps c as previous version through another shared clause
    docs = tuple(_doc(d, f"202{i}", ["x", "k"]) for i, d in enumerate("abcd"))
    keep = [_link(f"{a}/P2", f"{b}/P2") for a, b in ("ab", "bc", "cd")]
    family = build_families(Corpus(documents=docs), base + into_d[:2] + keep)[0]
    assert (family.events[3].source, family.events[3].kind) == ("b/P1", "amended")


def test_paraphrase_is_rewritten():
    """A loose translation of the previous version is a rewrite."""
    docs = (_doc("a", "2020", ["x"]), _doc("b", "2021", ["x"]))
    (family,) = build_families(Corpus(documents=docs), [_link("a/P1", "b/P1", "paraphrase", 0.7)])
    assert _events(family)[1] == ("b", "rewritten")
    assert family.events[1].relation == "paraphrase"


def test_moved_when_order_among_shared_clauses_changes():
    """A verbatim clause that jumped ahead of the others is moved; the others are carried."""
    a = _doc("a", "2020", ["x", "y", "z", "w"])
    b = _doc("b", "2021", ["w", "x", "y", "z"])
    links = [
        _link("a/P1", "b/P2"),
        _link("a/P2", "b/P3"),
        _link("a/P3", "b/P4"),
        _link("a/P4", "b/P1"),
    ]
    families = build_families(Corpus(documents=(a, b)), links)
    kinds = {f.first: _events(f)[1][1] for f in families}
    assert kinds == {"a/P1": "carried", "a/P2": "carried", "a/P3": "carried", "a/P4": "moved"}


def test_split_and_merged():
    """In a series (b continues a: one clause carried), one clause to two (partial links) is a
    split; two clauses into one is merged, naming both sources."""
    a = _doc("a", "2020", ["k", "x", "p", "q"], title="Neutrality")
    b = _doc("b", "2021", ["k", "x1", "x2", "p+q"], title="Neutrality")
    links = [
        _link("a/P1", "b/P1"),
        _link("a/P2", "b/P2", "partial", 0.6),
        _link("a/P2", "b/P3", "partial", 0.5),
        _link("a/P3", "b/P4", "partial", 0.6),
        _link("a/P4", "b/P4", "partial", 0.6),
    ]
    families = build_families(Corpus(documents=(a, b)), links)
    assert [_events(f)[1] for f in families] == [("b", "carried"), ("b", "split"), ("b", "merged")]
    merged = families[2].events[1]
    assert merged.clauses == ("b/P4",) and merged.sources == ("a/P3", "a/P4")
    assert families[1].events[1].clauses == ("b/P2", "b/P3")


def test_dropped_and_reintroduced():
    """Absent from the next document of the series: dropped there; back later: reintroduced."""
    a = _doc("a", "2020", ["x", "y"])
    b = _doc("b", "2021", ["y"])
    c = _doc("c", "2022", ["x", "y"])
    links = [_link("a/P2", "b/P1"), _link("b/P1", "c/P2"), _link("a/P1", "c/P1")]
    families = build_families(Corpus(documents=(a, b, c)), links)
    by_first = {f.first: _events(f) for f in families}
    assert by_first["a/P1"] == [("a", "new"), ("b", "dropped"), ("c", "reintroduced")]
    assert by_first["a/P2"] == [("a", "new"), ("b", "carried"), ("c", "carried")]


def test_unrelated_document_does_not_drop_families():
    """A document of another series, sharing no family, drops nothing."""
    a = _doc("a", "2020", ["x"])
    other = _doc("o", "2021", ["unrelated"])
    c = _doc("c", "2022", ["x"])
    family, single = build_families(Corpus(documents=(a, other, c)), [_link("a/P1", "c/P1")])
    assert _events(family) == [("a", "new"), ("c", "carried")]
    assert _events(single) == [("o", "new")]  # and c, of another series, does not drop it


def test_longest_increasing_keeps_the_in_order_majority():
    """The run kept in place is the longest increasing one; the rest moved."""
    assert longest_increasing([1, 2, 0, 3]) == {0, 1, 3}
    assert longest_increasing([]) == set()
    assert len(longest_increasing([3, 2, 1])) == 1


@given(st.lists(st.integers(-50, 50), max_size=40))
def test_longest_increasing_run_is_increasing_and_longest(values: list[int]) -> None:
    """Moves are what lies outside one longest increasing run; check it against the O(n²) DP."""
    keep = sorted(longest_increasing(values))
    picked = [values[i] for i in keep]
    assert all(a < b for a, b in zip(picked, picked[1:], strict=False))
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(keep) == max(best, default=0)


def test_families_are_the_same_with_or_without_link_positions():
    """`build_families(..., pairs)` (the fast path of large runs) gives the same families and
    events as looking every link's clauses up by uid, on the seeds and the UN corpus."""
    from conftest import CORPUS, TEXTS
    from lineage.align import align
    from lineage.corpus import load_corpus

    corpus = load_corpus([TEXTS] + sorted(p for p in CORPUS.glob("202[34]-*.txt")))
    _, links, pairs = align(corpus)
    slow = build_families(corpus, links)
    fast = build_families(corpus, links, pairs)
    assert fast == slow
    assert len(slow) > 50 and any(len(f.clauses) > 2 for f in slow)


def _series_corpus(versions: list[list[int]], prefix: str, year: int) -> tuple[list, list]:
    """One series: version i holds the clauses numbered in versions[i]; each clause linked
    verbatim to its copy in every earlier version."""
    docs, links = [], []
    for i, names in enumerate(versions):
        docs.append(_doc(f"{prefix}{i}", f"{year + i}", [f"{prefix}c{n}" for n in names]))
        for j in range(i):
            for a, n in enumerate(versions[j]):
                if n in names:
                    links.append(
                        _link(f"{prefix}{j}/P{a + 1}", f"{prefix}{i}/P{names.index(n) + 1}")
                    )
    return docs, links


@given(
    st.lists(
        st.lists(st.integers(0, 6), min_size=1, max_size=5, unique=True), min_size=2, max_size=5
    ),
    st.lists(
        st.lists(st.integers(0, 6), min_size=1, max_size=5, unique=True), min_size=1, max_size=4
    ),
    st.integers(0, 6),
)
def test_unrelated_series_change_no_event_of_a_series(mine, other, start) -> None:
    """A document's events, parents and previous version are the same with another series
    beside it (sharing no clause, dated anywhere among it) as alone."""
    docs, links = _series_corpus(mine, "a", 2020)
    more, more_links = _series_corpus(other, "b", 2018 + start)

    def seen(corpus_docs, all_links):
        corpus = Corpus(documents=tuple(sorted(corpus_docs, key=lambda d: d.sort_key)))
        return sorted(
            (e.doc_id, e.kind, e.clauses, e.source, tuple(f.parents))
            for f in build_families(corpus, all_links)
            for e in f.events
            if e.doc_id.startswith("a")
        )

    assert seen(docs, links) == seen(docs + more, links + more_links)
