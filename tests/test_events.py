"""Events against the previous version, on the seeds with other series beside them, and on a
three-version series made here to split one clause and merge two.

The seeds are four documents of four series (UN resolution 75/28 "The role and importance of
a policy of neutrality ...", the Ashgabat conference's final document, OIC resolution
64/48-POL, UN resolution 79/274 "Permanent neutrality of Turkmenistan", whose own previous
version, 69/285 of 2015, it recalls but is not here): none is another's previous version, and
what 79/274 takes from 75/28 is `borrowed`, naming the clause (75/28 pp5, "Underlining that the
national policies of neutrality ...", is 79/274 pp4 word for word).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, TEXTS, UNGA
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis

SEEDS = sorted(TEXTS.glob("*.txt"))
SEED_IDS = frozenset(
    {
        "unga-res-75-28",
        "ashgabat-conference-final-document",
        "oic-cfm-res-64-48-pol",
        "unga-res-79-274",
    }
)
#: Two series of ../shared/corpus with nothing of the seeds: Palestine refugees (annual) and
#: energy connectivity (biennial), as its README says.
UNRELATED = (
    "2023-12-07_unga-res-78-74.txt",
    "2024-12-04_unga-res-79-88.txt",
    "2025-12-05_unga-res-80-78.txt",
    "2023-12-19_unga-res-78-149.txt",
    "2025-12-15_unga-res-80-131.txt",
)
#: Related: the zone of peace of Central Asia (79/5) and the International Year of Peace and
#: Trust (78/266), which 79/274 welcomes; they share neutrality clauses with the seeds.
RELATED = ("2024-10-24_unga-res-79-5.txt", "2024-03-21_unga-res-78-266.txt")
#: un-ga resolutions that do share a clause with the seeds (terrorism 79/129 and 79/234 quote
#: the Charter as 75/28 does; 79/43 the Regional Centre for Preventive Diplomacy): left out of
#: the sample of unrelated resolutions.
SHARING = ("a-res-79-129", "a-res-79-234", "a-res-79-43")

needs_corpus = pytest.mark.skipif(
    not (CORPUS.is_dir() and UNGA.is_dir()),
    reason="../shared/corpus or ../shared/un-ga is not here",
)


def seed_events(analysis: Analysis) -> set[tuple[object, ...]]:
    """Every event in a seed document: document, kind, clauses, parent, relation, sources;
    `dropped` ones with the family's clauses in the seeds, as they have none of their own."""
    found: set[tuple[object, ...]] = set()
    for family in analysis.families:
        for e in family.events:
            if e.doc_id in SEED_IDS:
                clauses = e.clauses or tuple(
                    u for u in family.clauses if u.rsplit("/", 1)[0] in SEED_IDS
                )
                found.add((e.doc_id, e.kind, clauses, e.source, e.relation, e.sources))
    return found


@pytest.fixture(scope="module")
def seeds_alone() -> Analysis:
    return analyse(load_corpus(SEEDS))


def _sample() -> list[Path]:
    """Every tenth resolution of un-ga, less those that share a clause with the seeds."""
    return [
        p
        for p in sorted(UNGA.glob("*.txt"))[::10]
        if not any(p.stem.endswith("_" + doc) for doc in SHARING)
    ]


def test_seeds_are_four_series_and_borrow_across(seeds_alone: Analysis) -> None:
    """No seed continues another; 79/274 pp4 is borrowed word for word from 75/28 pp5."""
    graph = seeds_alone.graph
    assert graph.versions() == []
    assert len(graph.series()) == 4
    borrowed = {
        e.clauses: (e.source, e.relation)
        for f in seeds_alone.families
        for e in f.events
        if e.kind == "borrowed"
    }
    assert borrowed[("unga-res-79-274/P4",)] == ("unga-res-75-28/P5", "verbatim")
    assert not any(
        e.kind in ("dropped", "reintroduced") for f in seeds_alone.families for e in f.events
    )


@pytest.mark.slow
@needs_corpus
def test_unrelated_series_beside_the_seeds_change_nothing(seeds_alone: Analysis) -> None:
    """With the Palestine refugees and energy series and 60-odd un-ga resolutions that share no
    clause with the seeds, every seed event is the same as with the seeds alone, and the
    unrelated series have their own previous versions."""
    sample = _sample()
    assert len(sample) > 60
    crowd = analyse(load_corpus([*SEEDS, *(CORPUS / f for f in UNRELATED), *sample]))
    across = [
        k
        for k in crowd.links
        if (k.source.rsplit("/", 1)[0] in SEED_IDS) != (k.target.rsplit("/", 1)[0] in SEED_IDS)
    ]
    assert across == []  # the premise: nothing shared
    assert seed_events(crowd) == seed_events(seeds_alone)
    graph = crowd.graph
    assert graph.previous("a-res-79-88") == "a-res-78-74"
    assert graph.previous("a-res-80-78") == "a-res-79-88"
    assert graph.previous("a-res-80-131") == "a-res-78-149"
    assert all(graph.previous(doc) is None for doc in SEED_IDS)


@pytest.mark.slow
@needs_corpus
def test_a_related_document_changes_only_what_it_explains(seeds_alone: Analysis) -> None:
    """With 79/5 and 78/266 added: 78/266 pp18 rewords 75/28 pp5 (the clause 79/274 pp4 has
    word for word), so 78/266 becomes a source of 79/274 for that one clause; but the verbatim
    copy in 75/28 still explains 79/274 pp4 best, so no seed event changes. What the two new
    documents add are their own events, borrowing from the seeds (and 79/5 from 78/266)."""
    related = analyse(load_corpus([*SEEDS, *(CORPUS / f for f in RELATED)]))
    assert seed_events(related) == seed_events(seeds_alone)
    graph = related.graph
    assert graph.previous("a-res-79-5") is None
    before = {s.doc_id: s.clauses for s in seeds_alone.graph.sources("unga-res-79-274")}
    after = {s.doc_id: s.clauses for s in graph.sources("unga-res-79-274")}
    assert after == {**before, "a-res-78-266": 1}
    borrowed = {
        e.clauses[0]: e.source
        for f in related.families
        for e in f.events
        if e.kind == "borrowed" and e.doc_id == "a-res-78-266"
    }
    assert borrowed["a-res-78-266/P18"] == "ashgabat-conference-final-document/O1"
    sources_79_5 = {s.doc_id for s in graph.sources("a-res-79-5")}
    assert "a-res-78-266" in sources_79_5


def _resolution(doc_id: str, date: str, session: str, operative: list[str]) -> str:
    """A resolution of the made series: two preambular paragraphs, numbered operative ones."""
    decides = (
        f"Decides to include in the provisional agenda of its {session} session the item "
        'entitled "Neutrality for peace and security".'
    )
    body = "\n\n".join(f"{i}. {text}" for i, text in enumerate([*operative, decides], 1))
    return f"""+++
id = "{doc_id}"
title = "Neutrality for peace and security"
date = {date}
+++
The General Assembly,

Recalling its resolution 75/28 of 7 December 2020 on the role and importance of a policy of
neutrality in maintaining and strengthening international peace, security and sustainable
development,

Underlining that the national policies of neutrality of some States can contribute to the
strengthening of international peace and security in relevant regions and at the global level,

{body}
"""


TALKS = (
    "Encourages the effective use of the territories of neutral countries for hosting "
    "peace talks and conflict resolution and settlement processes"
)
CHAMBER = (
    "the proposal to set up on its territory a peace mediation chamber under the "
    "auspices of the United Nations, which would require evaluation by Member States "
    "and the United Nations system"
)
FRIENDS = (
    "Notes the work of the Group of Friends of Neutrality for Peace, Security and "
    "Sustainable Development, an informal group established in August 2020 to maintain "
    "a wide multilateral dialogue on the principles of neutrality"
)
GUIDANCE = (
    "requests the Secretary-General to develop, within existing resources, guidance "
    "for upholding and implementing the principles of neutrality for peace and "
    "security, with a focus on lessons learned"
)


@pytest.fixture(scope="module")
def made_series(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    """2021: talks-and-chamber in one clause, friends, guidance. 2022 splits the first in two
    (talks; chamber). 2023 merges friends and guidance into one clause."""
    folder = tmp_path_factory.mktemp("made")
    versions = {
        "made-2021": (
            "2021-12-01",
            "seventy-seventh",
            [
                f"{TALKS}, and notes {CHAMBER};",
                f"{FRIENDS};",
                f"{GUIDANCE[0].upper()}{GUIDANCE[1:]};",
            ],
        ),
        "made-2022": (
            "2022-12-01",
            "seventy-eighth",
            [
                f"{TALKS};",
                f"Notes {CHAMBER};",
                f"{FRIENDS};",
                f"{GUIDANCE[0].upper()}{GUIDANCE[1:]};",
            ],
        ),
        "made-2023": (
            "2023-12-01",
            "seventy-ninth",
            [f"{TALKS};", f"Notes {CHAMBER};", f"{FRIENDS}, and {GUIDANCE};"],
        ),
    }
    for doc_id, (date, session, operative) in versions.items():
        text = _resolution(doc_id, date, session, operative)
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return analyse(load_corpus([folder]))


def _event(analysis: Analysis, doc_id: str, kind: str) -> list[tuple[object, ...]]:
    return [
        (e.clauses, e.source, e.sources)
        for f in analysis.families
        for e in f.events
        if e.doc_id == doc_id and e.kind == kind
    ]


def test_a_split_is_explicit_with_both_links(made_series: Analysis) -> None:
    """2022 splits 2021's first operative paragraph in two: one `split` event holding both
    halves, descending from that paragraph, each half linked to it."""
    graph = made_series.graph
    assert graph.versions() == [("made-2021", "made-2022"), ("made-2022", "made-2023")]
    assert _event(made_series, "made-2022", "split") == [
        (("made-2022/O1", "made-2022/O2"), "made-2021/O1", ("made-2021/O1",))
    ]
    linked = {(k.source, k.target) for k in made_series.links}
    assert {("made-2021/O1", "made-2022/O1"), ("made-2021/O1", "made-2022/O2")} <= linked
    family = next(f for f in made_series.families if "made-2022/O2" in f.clauses)
    assert {"made-2021/O1", "made-2022/O1", "made-2023/O1", "made-2023/O2"} <= set(family.clauses)


def test_a_merge_is_explicit_with_both_links(made_series: Analysis) -> None:
    """2023 merges 2022's friends and guidance paragraphs: one `merged` event naming both as
    sources, a link from each, and guidance is not `dropped`."""
    merged = _event(made_series, "made-2023", "merged")
    assert merged == [(("made-2023/O3",), "made-2022/O3", ("made-2022/O3", "made-2022/O4"))]
    linked = {(k.source, k.target) for k in made_series.links}
    assert {("made-2022/O3", "made-2023/O3"), ("made-2022/O4", "made-2023/O3")} <= linked
    assert _event(made_series, "made-2023", "dropped") == []
