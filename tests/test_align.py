"""Alignment on the real texts: the links established by reading the seeds and the UN series.

Expectations come from reading texts/ and ../shared/corpus/ (see the comments quoting them),
not from the tool's output. The independent reference alignment in tests/gold/ is checked by
tests/test_accuracy.py; these tests pin the clauses the issue names.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, TEXTS
from lineage.align import align
from lineage.align.aligner import chunks, score_chunk
from lineage.align.background import template_mask
from lineage.align.prepared import prepare
from lineage.align.scoring import SPECIFIC, score_pair, wording
from lineage.align.selection import select
from lineage.analysis import analyse
from lineage.clean.normalize import normalize
from lineage.corpus import load_corpus
from lineage.model import RELATIONS, Analysis, Clause
from lineage.report.diff import word_diff

R75, CONF, OIC, R79 = (
    "unga-res-75-28",
    "ashgabat-conference-final-document",
    "oic-cfm-res-64-48-pol",
    "unga-res-79-274",
)


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyse(load_corpus([TEXTS]))


def clause(analysis: Analysis, doc_id: str, first_words: str) -> Clause:
    """The one clause of doc_id whose text starts with first_words (after normalising)."""
    want = normalize(first_words)
    found = [
        c
        for c in analysis.corpus.document(doc_id).clauses
        if " ".join(c.norm.split()).lstrip("0123456789 ").startswith(want)
    ]
    assert len(found) == 1, f"{doc_id}: {first_words!r} matches {len(found)} clauses"
    return found[0]


def link(analysis: Analysis, a: Clause, b: Clause):
    """The link between two clauses (either direction), or None."""
    for k in analysis.links:
        if {k.source, k.target} == {a.uid, b.uid}:
            return k
    return None


def family_of(analysis: Analysis, c: Clause):
    return next((f for f in analysis.families if c.uid in f.clauses), None)


def test_preventive_diplomacy_clause_through_all_four_texts(seeds):
    """75/28 pp6 'Recognizing that such national policies ... preventive diplomacy' recurs as the
    conference's op4 (loose translation: 'good services', 'fact stating missions'), OIC pp4
    ('preventive diplomacy, such as mediation, good offices, fact-finding missions') and 79/274
    ('Acknowledging that such national policies ...', one word changed): one family. With no
    list of variants the loose translation is a rewrite or a paraphrase (either is right)."""
    p75 = clause(seeds, R75, "Recognizing that such national policies of neutrality")
    conf = clause(seeds, CONF, "Emphasized that the national policy of neutrality is intended")
    oic = clause(seeds, OIC, "Acknowledging the relevant articles of the Charters")
    p79 = clause(seeds, R79, "Acknowledging that such national policies of neutrality")
    fam = family_of(seeds, p75)
    assert fam is not None and {conf.uid, oic.uid, p79.uid} <= set(fam.clauses)
    assert link(seeds, p75, p79).relation == "minor"
    assert link(seeds, p75, conf).relation in ("paraphrase", "major")
    assert link(seeds, conf, oic) is not None


def test_humanitarian_assistance_clause(seeds):
    """'Recognizing also the positive role that neutral countries could play in the provision
    and delivery of humanitarian assistance' (75/28, cut by a footnote block) recurs in the OIC
    text and, narrowed to Turkmenistan, in 79/274, which copies the OIC wording closely."""
    p75 = clause(seeds, R75, "Recognizing also the positive role that neutral countries")
    oic = clause(seeds, OIC, "Recognizing the positive role that neutral countries play")
    p79 = clause(seeds, R79, "Recognizing the positive role that neutral Turkmenistan plays")
    assert link(seeds, oic, p79).relation == "minor"
    assert link(seeds, p75, oic) is not None and link(seeds, p75, p79) is not None
    assert link(seeds, p75, p79).source == p75.uid  # earlier clause is the source


def test_regional_centre_clause_2022_to_2025_with_recall_in_front(seeds):
    """OIC 2022 'Recognizing that the United Nations Regional Centre for Preventive Diplomacy'
    is in 79/274 behind a new 'Recalling its resolutions 72/7 ..., 75/272 ... and 77/273 ...,
    and recognizing that': one link, and its word diff is that insertion in front."""
    oic = clause(seeds, OIC, "Recognizing that the United Nations Regional Centre")
    p79 = clause(seeds, R79, "Recalling its resolutions 72/7 of 17 November 2017")
    found = link(seeds, oic, p79)
    assert found is not None and found.relation in ("major", "partial")
    inserted = [text for op, text in word_diff(oic.text, p79.text) if op == 1]
    assert "72/7" in inserted[0] and "77/273" in inserted[0]


def test_inter_tajik_talks_clause_despite_spaced_hyphens(seeds):
    """OIC 'Underlying the contribution ... United Nations led inter-Tajik talks' and 79/274
    'Underlining the contribution ... United Nations -led inter -Tajik talks': one word differs
    once extraction hyphens are folded."""
    oic = clause(seeds, OIC, "Underlying the contribution of neutral Turkmenistan")
    p79 = clause(seeds, R79, "Underlining the contribution of neutral Turkmenistan")
    found = link(seeds, oic, p79)
    assert found.relation == "minor" and found.similarity >= 0.9


def test_international_day_of_neutrality_clauses(seeds):
    """75/28 op5 'to mark annually the International Day of Neutrality' recurs in OIC op6
    (addressees narrowed to OIC Member States) and, loosely translated ('to annually
    commemorate International Day of Neutrality'), in the conference's op14; 75/28 op3
    'Welcomes the decision ... to host an international conference ... devoted to the
    International Day of Neutrality' is updated in 79/274 op6 (a forum in December 2025)."""
    op5 = clause(seeds, R75, "Once again invites all Member States")
    oic = clause(seeds, OIC, "Invite all OIC Member States to mark annually")
    conf = clause(seeds, CONF, "Called upon all United Nations Member States")
    assert link(seeds, op5, oic).relation in ("major", "minor")
    assert link(seeds, op5, conf).relation in ("paraphrase", "major")
    op3 = clause(seeds, R75, "Welcomes the decision of the Government of Turkmenistan")
    p79 = clause(seeds, R79, "Welcomes the decision of the Government of Turkmenistan")
    assert link(seeds, op3, p79).relation == "major"


def test_group_of_friends_clauses(seeds):
    """'the initiative of the Government of Turkmenistan to establish the Group of Friends of
    Neutrality for Peace, Security and Sustainable Development' (75/28 op4) recurs in the
    conference's op9 and, now that the Group exists, in 79/274 ('Notes the work of the Group')."""
    op4 = clause(seeds, R75, "Notes with appreciation the initiative")
    conf = clause(seeds, CONF, "Welcomed the creation at the United Nations platform")
    p79 = clause(seeds, R79, "Notes the work of the Group of Friends")
    assert link(seeds, op4, conf) is not None
    assert link(seeds, op4, p79) is not None
    assert family_of(seeds, op4) is family_of(seeds, p79)


def test_recall_paragraphs_citing_the_same_resolutions_link_as_a_split(seeds):
    """75/28 pp1 recalls 50/80 A, 69/285 and 71/275 with their dates; 79/274 split it: pp1
    recalls the first two, pp2 71/275 and 75/28. Citations are content (issue 10): pp1 of
    75/28 links to both halves as `partial`, by the same citations."""
    a = clause(seeds, R75, "Recalling its resolutions 50/80 A")
    first = clause(seeds, R79, "Recalling its resolutions 50/80 A")
    second = clause(seeds, R79, "Recalling also its resolutions 71/275")
    for half in (first, second):
        found = link(seeds, a, half)
        assert found is not None and found.relation == "partial"
        assert "same-citations" in found.evidence


def test_procedural_request_does_not_link_to_other_subjects(seeds):
    """75/28 op6 'Invites the Secretary-General to seek the views of Member States ...' has no
    counterpart in the later texts; the request formula alone must not link it."""
    op6 = clause(seeds, R75, "Invites the Secretary-General to seek the views")
    assert not [k for k in seeds.links if op6.uid in (k.source, k.target)]


def test_links_join_different_documents_earlier_to_later(seeds):
    """Every link joins two documents, source earlier than target in corpus order."""
    order = {d.id: i for i, d in enumerate(seeds.documents)}
    for k in seeds.links:
        s, t = seeds.clause(k.source), seeds.clause(k.target)
        assert order[s.doc_id] < order[t.doc_id]
        assert 0.0 <= k.similarity <= 1.0 and round(k.similarity, 4) == k.similarity


def test_one_to_one_per_document_pair_except_partial(seeds):
    """A clause has at most one non-partial link to each other document."""
    seen: set[tuple[str, str]] = set()
    for k in seeds.links:
        if k.relation == "partial":
            continue
        for uid, other in ((k.source, k.target), (k.target, k.source)):
            key = (uid, seeds.clause(other).doc_id)
            assert key not in seen
            seen.add(key)


def test_results_do_not_depend_on_input_order_or_chunking():
    """Files given in reverse order, and scoring cut into one-wording chunks, give the same
    links as the default run."""
    files = sorted(TEXTS.glob("*.txt"))
    corpus = load_corpus(files)
    reverse = load_corpus(list(reversed(files)))
    default = analyse(corpus).links
    assert analyse(reverse).links == default
    prepared = prepare(corpus)
    tiny = [item for part in chunks(prepared, size=1) for item in score_chunk(prepared, part)]
    assert select(prepared, tiny)[0] == align(corpus).links


@pytest.fixture(scope="module")
def with_pdf_copy(tmp_path_factory) -> Analysis:
    """The seed press-release copy of 79/274 and the official PDF text, side by side."""
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copy(TEXTS / "2025-03-21_unga-res-79-274.txt", folder)
    shutil.copy(
        CORPUS / "2025-03-21_unga-res-79-274.txt", folder / "2025-03-21_unga-res-79-274-pdf.txt"
    )
    return analyse(load_corpus([folder]))


def test_press_release_copy_and_official_pdf_align_clause_for_clause(with_pdf_copy):
    """16 preambular and 7 operative paragraphs in both; each links to its twin, verbatim
    (page heads, footnote markers and line breaks of the PDF notwithstanding)."""
    seed, pdf = (d for d in with_pdf_copy.documents)
    assert len(seed.clauses) == len(pdf.clauses) == 23
    pairs = {(k.source, k.target): k.relation for k in with_pdf_copy.links}
    for a, b in zip(seed.clauses, pdf.clauses, strict=True):
        assert pairs.get((a.uid, b.uid), pairs.get((b.uid, a.uid))) == "verbatim", a.text[:60]
    assert len(with_pdf_copy.links) == 23


@pytest.fixture(scope="module")
def palestine() -> Analysis:
    return analyse(
        load_corpus(
            [
                CORPUS / f
                for f in (
                    "2023-12-07_unga-res-78-74.txt",
                    "2024-12-04_unga-res-79-88.txt",
                    "2025-12-05_unga-res-80-78.txt",
                )
            ]
        )
    )


def test_palestine_refugees_each_year_links_to_the_previous(palestine):
    """Assistance to Palestine refugees 78/74 -> 79/88 -> 80/78: every clause of one year
    recurs the next year (re-adopted with edits: new years in dates, 'grave' -> 'catastrophic'),
    except 79/88's one-off op6 admitting Iraq to the Advisory Commission; and the yearly
    recall of the previous resolution is a minor edit."""
    docs = palestine.documents
    iraq = clause(palestine, "a-res-79-88", "Decides to admit, upon its request, Iraq")
    for earlier, later in zip(docs, docs[1:], strict=False):
        linked = {k.source for k in palestine.links if k.target.startswith(later.id + "/")}
        assert {c.uid for c in earlier.clauses} - {iraq.uid} <= linked, earlier.id
        assert len(earlier.clauses) >= 18
    recall_78 = clause(palestine, "a-res-78-74", "Recalling its resolution 194 (III)")
    recall_79 = clause(palestine, "a-res-79-88", "Recalling its resolution 194 (III)")
    assert link(palestine, recall_78, recall_79).relation == "minor"


def test_palestine_new_operative_paragraphs_are_new(palestine):
    """79/88 op6 (admitting Iraq to the Advisory Commission) and 80/78 op6 (extending the
    mandate until 30 June 2029) are new each year: no link between them."""
    iraq = clause(palestine, "a-res-79-88", "Decides to admit, upon its request, Iraq")
    mandate = clause(palestine, "a-res-80-78", "Decides to extend the mandate")
    assert link(palestine, iraq, mandate) is None


# Scoring on hand-made pairs ------------------------------------------------------------------


def _w(text: str):
    """A wording with its formula marked by the shipped background (as `prepare` does)."""
    words = tuple(normalize(text).split())
    vocab: dict[str, int] = _VOCAB
    ids = tuple(vocab.setdefault(w, len(vocab)) for w in words)
    return wording(ids, words, template=template_mask(words))


_VOCAB: dict[str, int] = {}


def test_loose_translation_is_paraphrase():
    """The conference's 'good services, fact stating missions' against OIC's 'good offices,
    fact-finding missions': the same list in other words, found with no list of variants (the
    rest of the clause agreeing), as a paraphrase or a rewrite of the same clause."""
    conf = _w(
        "Emphasized that the national policy of neutrality is intended to encourage the use "
        "of preventive diplomacy in conflict prevention, mediation, negotiation, good "
        "services, fact stating missions, special envoys, informal consultation"
    )
    oic = _w(
        "Acknowledging that such national policies of neutrality are aimed at promoting "
        "the use of preventive diplomacy, mediation, good offices, fact-finding missions, "
        "negotiation, the use of special envoys, informal consultations"
    )
    found = score_pair(conf, oic)
    assert found is not None and found.relation in ("paraphrase", "major")
    assert "same-fillers" in found.evidence


def test_shared_request_template_alone_is_no_link():
    """Two requests for the views of Member States on different subjects share a 20-word
    template and nothing else: at most a version within one series (the subject of the views
    changed), never specific content (a link across series)."""
    a = _w(
        "Invites the Secretary-General to seek the views of Member States and relevant "
        "entities of the United Nations system, including regional commissions, on the role "
        "and importance of a policy of neutrality"
    )
    b = _w(
        "Invites the Secretary-General to seek the views of Member States and relevant "
        "entities of the United Nations system, including regional commissions, on issues "
        "relating to reliable and stable energy connectivity"
    )
    found = score_pair(a, b)
    assert found is None or SPECIFIC.isdisjoint(found.evidence)


def test_citations_and_dates_alone_are_no_link():
    """Recall paragraphs sharing only resolution symbols and dates do not link."""
    a = _w(
        "Recalling its resolutions 50/80 A of 12 December 1995, 69/285 of 3 June 2015 and "
        "71/275 of 2 February 2017,"
    )
    b = _w(
        "Recalling its resolutions 50/80 A of 12 December 1995 and 69/285 of 3 June 2015 on "
        "the permanent neutrality of Turkmenistan,"
    )
    assert score_pair(a, b) is None


WORDS = st.lists(
    st.sampled_from(
        "peace trust neutrality of the and mediation good offices "
        "services region states 12 december recalling".split()
    ),
    min_size=0,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS)
def test_score_is_bounded_and_verbatim_only_when_equal(x, y):
    """Similarity stays in [0, 1] with 4 places; verbatim exactly when the words are equal; a
    clause scored against itself is verbatim."""
    a, b = _w(" ".join(x)), _w(" ".join(y))
    found = score_pair(a, b)
    if found is not None:
        assert 0.0 <= found.similarity <= 1.0 and round(found.similarity, 4) == found.similarity
        assert found.relation in RELATIONS
        assert (found.relation == "verbatim") == (a.ids == b.ids)
    assert score_pair(a, a).relation == "verbatim"


def test_progress_reports_each_stage_to_completion():
    """analyse tells a progress callback where it is: prepare, align, select and lineage in
    that order, each counting up from 0 to its total; prepare tells each of its steps."""
    calls: list[tuple[str, int, int]] = []
    analyse(
        load_corpus([TEXTS]), progress=lambda stage, done, total: calls.append((stage, done, total))
    )
    stages = list(dict.fromkeys(c[0] for c in calls))
    assert stages == ["prepare", "align", "select", "lineage"]
    for stage in stages:
        told = [c for c in calls if c[0] == stage]
        assert told[0][1] == 0 and told[-1][1] == told[-1][2] >= 1
        assert [c[1] for c in told] == sorted(c[1] for c in told)
    assert [c[1] for c in calls if c[0] == "prepare"] == [0, 1, 2, 3, 4, 5]


def test_align_progress_moves_chunk_by_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """With chunks of 10 reps the seeds' scoring is many chunks, and the align bar is told
    after each (it jumped from 0 to 100% before: one call at each end)."""
    import lineage.align.aligner as aligner_module

    monkeypatch.setattr(aligner_module, "CHUNK_REPS", 10)
    calls: list[tuple[int, int]] = []
    analyse(
        load_corpus([TEXTS]),
        progress=lambda stage, done, total: (
            calls.append((done, total)) if stage == "align" else None
        ),
    )
    total = calls[0][1]
    assert total >= 3
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert set(range(total + 1)) <= {done for done, _ in calls}


# Issues 3: families, closest earlier version, passages and family links --------------------


def test_every_seed_clause_is_in_one_family_and_one_offs_show_new_and_dropped(seeds):
    """75/28's 'Commemorating the seventy-fifth anniversary of the United Nations' recurs
    nowhere: a family of its own, new in 2020 and never dropped (no later version of 75/28 is
    among the seeds: 79/274 is another series); 79/274's 'Peace Mediation Chamber' clause is a
    one-off family, new in 2025."""
    uids = [uid for f in seeds.families for uid in f.clauses]
    assert sorted(uids) == sorted(c.uid for d in seeds.documents for c in d.clauses)
    assert len(uids) == len(set(uids))
    anniversary = family_of(seeds, clause(seeds, R75, "Commemorating the seventy-fifth"))
    assert anniversary.clauses == (anniversary.first,)
    kinds = [e.kind for e in anniversary.events]
    assert kinds == ["new"]
    chamber = next(
        c for c in seeds.corpus.document(R79).clauses if "peace mediation chamber" in c.norm
    )
    fam = family_of(seeds, chamber)
    assert fam.clauses == (chamber.uid,)
    assert [(e.doc_id, e.kind) for e in fam.events] == [(R79, "new")]


def test_what_79_274_takes_from_75_28_is_borrowed_naming_the_clause(seeds):
    """79/274 'Underlining that the national policies of neutrality of some States ...' is word
    for word 75/28's clause (the Ashgabat conference only paraphrases it): borrowed from 75/28,
    another series. 79/274 'Acknowledging that such national policies ...' changes one word of
    75/28's 'Recognizing that such ...': borrowed (minor) from 75/28, not from the OIC text."""
    for first, relation in (
        ("Underlining that the national policies of neutrality", "verbatim"),
        ("Acknowledging that such national policies of neutrality", "minor"),
    ):
        p79 = clause(seeds, R79, first)
        event = next(e for e in family_of(seeds, p79).events if p79.uid in e.clauses)
        assert (event.kind, event.relation) == ("borrowed", relation)
        assert seeds.clause(event.source).doc_id == R75


def test_code_of_rules_passage_links_conference_to_oic(seeds):
    """The conference's op10 ('... Code of Rules on the effective application of the principles
    of neutrality in the settlement of international issues ...') and OIC op5 ('... a Code of
    Practice for the effective application of the principles of neutrality in resolving ...')
    share 'the effective application of the principles of neutrality in' (9 words), although
    OIC repeats 'principles of neutrality in resolving international issues' in its op2."""
    conf = clause(seeds, CONF, "Expressed support for the efforts of Turkmenistan")
    oic = clause(seeds, OIC, "Support the initiative of the Government of Turkmenistan")
    found = link(seeds, conf, oic)
    assert found is not None and found.relation == "partial" and found.method == "passage"


def test_versions_of_one_clause_share_a_family_without_an_implied_link(seeds):
    """75/28 pp8 ('the economic and geoeconomic aspects of national neutrality ...') is extended
    one way in the conference's op11 and another in 79/274 pp14: both descend from 75/28's
    clause (two children of it in one family), and no link is implied between the two
    rewrites, which share too little for the scorer."""
    p75 = clause(seeds, R75, "Underlining the importance that the economic")
    conf = clause(seeds, CONF, "Emphasized the importance that the economic")
    p79 = clause(seeds, R79, "Underlining the importance of the economic")
    assert link(seeds, p75, conf).relation == "major"
    assert link(seeds, p75, p79).relation == "major"
    assert link(seeds, conf, p79) is None
    family = family_of(seeds, p79)
    assert family is family_of(seeds, conf)
    parents = dict(family.parents)
    assert parents[conf.uid] == p75.uid and parents[p79.uid] == p75.uid
    assert not [k for k in seeds.links if k.method == "family"]


def _clauses_doc(doc_id: str, date: str, texts: list[str]):
    from lineage.model import Document

    clauses = tuple(
        Clause(
            doc_id=doc_id,
            id=f"P{i + 1}",
            kind="preamble",
            index=i,
            label="",
            text=t,
            start=0,
            end=len(t),
            line=i + 1,
            norm=normalize(t),
        )
        for i, t in enumerate(texts)
    )
    return Document(
        id=doc_id,
        title=doc_id,
        date=date,
        body="",
        symbol="",
        language="en",
        source="",
        path="",
        text="",
        clauses=clauses,
    )


def test_family_links_never_go_through_partial_links():
    """A clause whose second half recurs in one later text and first half in another: both
    halves link to the whole, but they are different clauses and get no link between them."""
    whole = (
        "Stresses the importance of regional cooperation on water resources management in "
        "Central Asia, welcomes the progress made by the International Fund for saving the "
        "Aral Sea in restoring wetlands and fisheries, and calls for the strengthening of "
        "early warning systems for floods and droughts across the basin of the Aral Sea"
    )
    first = (
        "Stresses the importance of regional cooperation on water resources management in "
        "Central Asia"
    )
    second = (
        "Calls for the strengthening of early warning systems for floods and droughts "
        "across the basin of the Aral Sea"
    )
    from lineage.model import Corpus

    analysis = analyse(
        Corpus(
            documents=(
                _clauses_doc("a", "2020-01-01", [whole]),
                _clauses_doc("b", "2021-01-01", [second]),
                _clauses_doc("c", "2022-01-01", [first]),
            )
        )
    )
    relations = {(k.source, k.target): k.relation for k in analysis.links}
    assert relations.get(("a/P1", "b/P1")) == "partial"
    assert ("a/P1", "c/P1") in relations
    assert ("b/P1", "c/P1") not in relations
    assert not [k for k in analysis.links if k.method == "family"]


def test_a_clause_rewritten_twice_is_one_family_through_the_middle_version():
    """Three versions, each a heavier rewrite of the one before: the first and the last are
    too far apart for the scorer and get no link, yet they are one family, the last the
    child of the middle one."""
    v1 = (
        "Encourages Member States to strengthen cooperation on the sustainable management of "
        "mountain ecosystems and the livelihoods of mountain communities"
    )
    v2 = (
        "Encourages Member States to strengthen cooperation on the sustainable management of "
        "mountain ecosystems, including glaciers, and on the resilience of mountain "
        "communities to climate change"
    )
    v3 = (
        "Urges all States to deepen regional cooperation on mountain ecosystems, including "
        "glaciers, and on the resilience of mountain communities to climate change and "
        "natural disasters"
    )
    from lineage.model import Corpus

    analysis = analyse(
        Corpus(
            documents=(
                _clauses_doc("a", "2020-01-01", [v1]),
                _clauses_doc("b", "2021-01-01", [v2]),
                _clauses_doc("c", "2022-01-01", [v3]),
            )
        )
    )
    found = {(k.source, k.target): k for k in analysis.links}
    assert found[("a/P1", "b/P1")].relation != "partial"
    assert found[("b/P1", "c/P1")].relation != "partial"
    assert ("a/P1", "c/P1") not in found
    (family,) = analysis.families
    assert dict(family.parents) == {"b/P1": "a/P1", "c/P1": "b/P1"}


def test_wording_repeated_in_a_document_links_once_per_document():
    """A clause printed twice in one text and once in the next: one verbatim link (the first
    copy, in corpus order), the second copy keeps no link to that document, and the two copies
    are not linked to each other."""
    from lineage.model import Corpus

    text = (
        "Welcomes the establishment of the regional centre for climate technology transfer "
        "and invites donors to support its work"
    )
    other = (
        "Calls upon all parties to respect the ceasefire agreement signed in the capital "
        "and to resume negotiations without preconditions"
    )
    analysis = analyse(
        Corpus(
            documents=(
                _clauses_doc("a", "2020-01-01", [text, other, text]),
                _clauses_doc("b", "2021-01-01", [other, text]),
            )
        )
    )
    assert [(k.source, k.target, k.relation) for k in analysis.links] == [
        ("a/P1", "b/P2", "verbatim"),
        ("a/P2", "b/P1", "verbatim"),
    ]
