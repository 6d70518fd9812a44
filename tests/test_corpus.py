"""load_corpus on the real texts: clause counts and clause edges established by reading them.

Every expectation below was read off the files by eye (see the seeds in shared/seeds/ and the
PDF extractions in shared/corpus/), not produced by the tool.
"""

from __future__ import annotations

import random
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEEDS, TEXTS
from lineage.clean.markdown import display
from lineage.clean.normalize import normalize
from lineage.clean.segment import segment
from lineage.corpus import build_document, load_corpus
from lineage.model import Corpus, Document
from lineage.read import Source

# id: (preambular, operative), {clause id: (first words, last words)}
SEED_EXPECTED: dict[str, tuple[tuple[int, int], dict[str, tuple[str, str]]]] = {
    "unga-res-75-28": (
        (8, 6),
        {
            "P1": ("Recalling its resolutions", "of 2 February 2017,"),
            "P4": ("Recalling the outcome document", "adopted on 12 December 2015,\u00b9"),
            "P7": ("Recognizing also the positive role", "of the Economic and Social Council,"),
            "P8": (
                "Underlining the importance that",
                "regional and international interconnectivity,",
            ),
            "O1": (
                "Invites the Secretary-General to cooperate",
                "in their mediation activities;",
            ),
            "O5": (
                "Once again invites all Member States",
                "strengthening international peace and security;",
            ),
            "O6": ("Invites the Secretary-General to seek", "session for further consideration."),
        },
    ),
    "ashgabat-conference-final-document": (
        (4, 16),
        {
            "P1": ("Reaffirming your commitment", "Carter of the United Nations,"),
            "P3": (
                "Underlining the significance of the Resolution",
                "proclaimed International Neutrality Day",
            ),
            "P4": ("Taking into consideration the final document", "12th of December 2015,"),
            "O1": (
                "Emphasized that the policy of neutrality",
                "at the regional and global levels;",
            ),
            "O8": (
                "Supported the initiative of Turkmenistan to hold",
                "International Year of Peace and Trust;",
            ),
            "O16": ("Expressed deep gratitude", "holding the International Conference."),
        },
    ),
    "oic-cfm-res-64-48-pol": (
        (13, 7),
        {
            "P1": ("Guided by the principles of Charters", "international peace and security;"),
            "P6": ("Noting the Resolution No.44/44-POL", "Peace and Conflict Resolution;"),
            "P10": (
                "Emphasizing that the implementation on the policy \u043e[ neutrality",
                "among countries of the world;",
            ),
            "P13": (
                "Underlying the contribution of neutral Turkmenistan",
                "Afghan-led dialogue on reconciliation;",
            ),
            "O1": ("Recommends all OIC Member States", "conflict prevention and resolution;"),
            "O7": ("Requests the Secretary General to follow up", "49th Session of the CFM."),
        },
    ),
    "unga-res-79-274": (
        (16, 7),
        {
            "P1": ("Recalling its resolutions 50/80 A", "permanent neutrality of Turkmenistan,"),
            "P7": (
                "Underlining the contribution of neutral Turkmenistan",
                "Afghan -led dialogue on reconciliation,",
            ),
            "P16": (
                "Noting also the resolutions of the Council of Foreign Ministers",
                "peace, security and sustainable development,",
            ),
            "O1": ("Reiterates its strong support", "declared by Turkmenistan;"),
            "O4": (
                "Notes the work of the Group of Friends",
                "neutrality in international relations;",
            ),
            "O7": (
                "Decides to include in the provisional agenda",
                "entitled \u201cNeutrality for peace and security\u201d.",
            ),
        },
    ),
}

CORPUS_EXPECTED: dict[str, tuple[tuple[int, int], dict[str, tuple[str, str]]]] = {
    "a-res-78-74": (
        (13, 5),
        {
            "P1": ("Recalling its resolution 194 (III)", "77/123 of 12 December 2022,"),
            "P9": ("Taking note also of the report", "refugees in all fields of operation,"),
            "P13": (
                "Noting the signing of the Declaration",
                "subsequent implementation agreements,",
            ),
            "O5": ("Commends the Agency", "carrying out its mandate."),
        },
    ),
    "a-res-78-149": (
        (16, 5),
        {
            "P1": ("Reaffirming its resolution 70/1", "to address their unfinished business,"),
            "P11": (
                "Stressing the importance of enhancing",
                "multimodal transport and economic corridors,",
            ),
            "P12": (
                "Recognizing the important role of energy transportation hubs",
                "transit of energy to international markets,",
            ),
            "P16": ("Taking note of the Sustainable Energy", "Energy for All Forum in 2026,"),
            "O5": ("Invites the Secretary-General to seek", "session for further consideration."),
        },
    ),
    "a-res-78-266": (
        (21, 10),
        {
            "P1": (
                "Recognizing the important role of the United Nations",
                "friendly relations among nations,",
            ),
            "P19": (
                "Recalling its resolutions declaring zones of peace",
                "security in those regions,",
            ),
            "P21": ("Reaffirming its resolutions 53/199", "financing have been made,"),
            "O9": ("Invites all relevant stakeholders", "of support for its observance;"),
            "O10": ("Requests the Secretary-General to bring", "for appropriate observance."),
        },
    ),
    "a-res-79-5": (
        (14, 14),
        {
            "P6": (
                "Acknowledging that the approach of multilateralism",
                "mandates and the Charter,",
            ),
            "P7": ("Recalling its resolution 78/266", "International Year of Peace and Trust,"),
            "P13": (
                "Recognizing the importance of preventive diplomacy",
                "Preventive Diplomacy for Central Asia,⁶",
            ),
            "O4": (
                "Calls upon the countries of the Central Asian region",
                "ensuring peace, trust and cooperation;",
            ),
            "O14": (
                "Decides to include in the provisional agenda",
                "cooperation of Central Asia\u201d.",
            ),
        },
    ),
    "a-res-79-88": (
        (13, 6),
        {
            "P8": ("Taking note of the report of the Commissioner-General", "31 December 2023,¹"),
            "P9": ("Taking note also of the report", "in all fields of operation,"),
            "O6": ("Decides to admit, upon its request, Iraq", "Refugees in the Near East."),
        },
    ),
    "a-res-79-274": (
        (16, 7),
        {
            "P1": ("Recalling its resolutions 50/80 A", "permanent neutrality of Turkmenistan,"),
            "P7": (
                "Underlining the contribution of neutral Turkmenistan",
                "Afghan-led dialogue on reconciliation,",
            ),
            "P16": (
                "Noting also the resolutions of the Council of Foreign Ministers",
                "peace, security and sustainable development,",
            ),
            "O1": ("Reiterates its strong support", "declared by Turkmenistan;"),
            "O7": (
                "Decides to include in the provisional agenda",
                "entitled \u201cNeutrality for peace and security\u201d.",
            ),
        },
    ),
    "a-res-80-78": (
        (13, 6),
        {
            "P7": ("Acknowledging also the commitment", "independence and impartiality,"),
            "P8": ("Taking note of the report of the Commissioner-General", "31 December 2024,¹"),
            "O4": ("Calls upon all donors", "fled to countries in the region;"),
            "O5": ("Commends the Agency", "carrying out its mandate;"),
            "O6": ("Decides to extend the mandate", "General Assembly resolution 194 (III)."),
        },
    ),
    "a-res-80-131": (
        (17, 4),
        {
            "P3": ("Recalling its resolutions 63/210", "in driving sustainable development,"),
            "P5": ("Taking note also of the summary report", "limited domestic energy resources,"),
            "P13": (
                "Recognizing the important role of energy transportation hubs",
                "transit of energy to international markets,",
            ),
            "P14": ("Welcoming efforts at the national", "to promote sustainable development,"),
            "O4": ("Reiterates the invitation", "session for further consideration."),
        },
    ),
}


def _check(doc: Document, expected: tuple[tuple[int, int], dict[str, tuple[str, str]]]) -> None:
    (n_pre, n_op), edges = expected
    kinds = [c.kind for c in doc.clauses]
    assert (kinds.count("preamble"), kinds.count("operative")) == (n_pre, n_op), doc.id
    by_id = {c.id: c for c in doc.clauses}
    for cid, (first, last) in edges.items():
        text = by_id[cid].text
        assert text.startswith(first), (doc.id, cid, text[:80])
        assert text.endswith(last), (doc.id, cid, text[-80:])


@pytest.fixture(scope="module")
def shared_corpus() -> Corpus:
    return load_corpus([CORPUS])


@pytest.mark.parametrize("doc_id", sorted(SEED_EXPECTED))
def test_seed_clauses(texts_corpus: Corpus, doc_id: str) -> None:
    """Each seed in texts/ has the clause counts and clause edges read off the text."""
    _check(texts_corpus.document(doc_id), SEED_EXPECTED[doc_id])


@pytest.mark.parametrize("doc_id", sorted(CORPUS_EXPECTED))
def test_corpus_clauses(shared_corpus: Corpus, doc_id: str) -> None:
    """Each real PDF extraction has the counts and edges read off the text, noise removed."""
    _check(shared_corpus.document(doc_id), CORPUS_EXPECTED[doc_id])


def test_no_noise_in_any_clause(texts_corpus: Corpus, shared_corpus: Corpus) -> None:
    """No page number, job number, barcode, symbol line or note line leaks into a clause."""
    for doc in texts_corpus.documents + shared_corpus.documents:
        for clause in doc.clauses:
            assert not re.search(r"(?<![\d/])\d/\d(?![\d/])", clause.text), clause.uid  # "2/3"
            assert not re.search(r"\d\d-\d{5}|\*\d{7}\*", clause.text), clause.uid
            for bad in ("A/RES/", "____", "///", "News Archive", "plenary meeting"):
                assert bad not in clause.text, (clause.uid, bad)


def test_metadata_of_corpus_files_comes_from_name_and_text(shared_corpus: Corpus) -> None:
    """Without front matter: date and id from the name, symbol and title from the text."""
    doc = shared_corpus.document("a-res-78-149")
    assert (doc.date, doc.symbol) == ("2023-12-19", "A/RES/78/149")
    assert doc.title == (
        "The pivotal role of reliable and stable energy connectivity in "
        "driving sustainable development"
    )
    assert [d.id for d in shared_corpus.documents] == [
        "a-res-78-74",
        "a-res-78-149",
        "a-res-78-266",
        "a-res-79-5",
        "a-res-79-88",
        "a-res-79-274",
        "a-res-80-78",
        "a-res-80-131",
    ]


def test_notes_are_kept_apart(shared_corpus: Corpus, texts_corpus: Corpus) -> None:
    """Footnotes are Document.notes with their numbers, never clause text."""
    doc = shared_corpus.document("a-res-79-274")
    assert [(n.label, n.text) for n in doc.notes] == [
        ("1", "A/75/651-S/2020/1203, annex."),
        ("2", "Resolution 46/182, annex."),
        ("3", "See resolutions 63/210, 67/263, 69/213, 70/197, 72/212, 75/313, 78/148 and 78/149."),
        ("4", "See A/50/752-S/1995/1035, annex III."),
        ("5", "A/77/778, annex."),
    ]
    seed = texts_corpus.document("unga-res-75-28")
    assert [(n.label, n.text) for n in seed.notes] == [("1", "A/70/652-S/2016/20, annex.")]


def test_pieces_are_original_text(texts_corpus: Corpus, shared_corpus: Corpus) -> None:
    """Every piece of every clause is the document's own characters, inside the clause span;
    the clause text shows them as they read (Markdown links and emphasis as their text; spaces
    and superscripts folded: clean/shown.py joins compounds cut after their hyphen and prints
    footnote markers as superscripts)."""
    for doc in texts_corpus.documents + shared_corpus.documents:
        for clause in doc.clauses:
            assert doc.text[clause.start : clause.end].strip()
            shown = _unspaced(clause.text)
            for piece in clause.pieces:
                assert clause.start <= piece.start < piece.end <= clause.end
                assert _unspaced(display(doc.text[piece.start : piece.end])) in shown


def _unspaced(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_press_copy_and_pdf_copy_of_79_274_align_clause_for_clause(
    texts_corpus: Corpus, shared_corpus: Corpus
) -> None:
    """The press-release seed and the official PDF give the same normalised clauses.

    They differ in bullets vs numbers, footnote markers (`Nations,2` only in one), spaced
    hyphens and page breaks; none of that may show in the normalised text.
    """
    press = texts_corpus.document("unga-res-79-274").clauses
    pdf = shared_corpus.document("a-res-79-274").clauses
    assert [(c.id, c.kind) for c in press] == [(c.id, c.kind) for c in pdf]
    for a, b in zip(press, pdf, strict=True):
        assert a.norm == b.norm, a.id


def _comparable(corpus: Corpus) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    return [(d.id, [(c.id, c.kind, c.label, c.text) for c in d.clauses]) for d in corpus.documents]


def test_raw_seeds_give_the_same_clauses_as_texts(tmp_path: Path, texts_corpus: Corpus) -> None:
    """The seed files without front matter give the same ids, kinds, labels and texts."""
    for seed in SEEDS.iterdir():
        shutil.copy(seed, tmp_path / seed.name)
    raw = load_corpus([tmp_path])
    assert _comparable(raw) == _comparable(texts_corpus)
    for a, b in zip(raw.documents, texts_corpus.documents, strict=True):
        assert [(c.start, c.end) for c in a.clauses] == [(c.start, c.end) for c in b.clauses]


def test_input_order_never_changes_the_result(tmp_path: Path) -> None:
    """Files named in any order give documents ordered by (date, id), identical clauses."""
    files = sorted(TEXTS.glob("*.txt"))
    first = load_corpus(files)
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    again = load_corpus(list(reversed(files)))
    third = load_corpus(shuffled)
    assert first == again == third
    assert [d.date for d in first.documents] == sorted(d.date for d in first.documents)


def test_same_date_orders_by_id(tmp_path: Path) -> None:
    """Two documents of one day come in id order, whatever their file names."""
    (tmp_path / "a.txt").write_text('+++\nid = "zeta"\ndate = 2020-01-01\n+++\nNoting it,\n')
    (tmp_path / "b.txt").write_text('+++\nid = "alpha"\ndate = 2020-01-01\n+++\nNoting it,\n')
    assert [d.id for d in load_corpus([tmp_path]).documents] == ["alpha", "zeta"]


def test_readme_in_the_corpus_folder_is_not_a_document(shared_corpus: Corpus) -> None:
    """shared/corpus/README.md describes the corpus; it is not read as a document."""
    assert (CORPUS / "README.md").exists()
    assert all(not d.path.endswith("README.md") for d in shared_corpus.documents)


def test_the_2015_outcome_document_is_cited_until_its_text_arrives(tmp_path: Path) -> None:
    """With the outcome document of 12 December 2015 added (its symbol A/70/652-S/2016/20),
    the document the seeds describe as "adopted on 12 December 2015" is a full member."""
    for text in TEXTS.glob("*.txt"):
        shutil.copy(text, tmp_path / text.name)
    before = load_corpus([tmp_path])
    key = "outcome:2015-12-12"
    assert key in {c.key for c in before.cited}
    (tmp_path / "2015-12-12_ashgabat-outcome-2015.txt").write_text(
        '+++\ntitle = "Ashgabat outcome document"\nsymbol = "A/70/652-S/2016/20"\n+++\n'
        "Participants of the conference gathered in Ashgabat.\n\n"
        "Reaffirming the purposes of the Charter of the United Nations,\n\n"
        "1. Emphasize that neutrality contributes to peace;\n",
        encoding="utf-8",
    )
    after = load_corpus([tmp_path])
    assert key not in {c.key for c in after.cited}
    first = after.documents[0]
    assert (first.id, first.date, first.symbol) == (
        "ashgabat-outcome-2015",
        "2015-12-12",
        "A/70/652-S/2016/20",
    )
    assert [c.id for c in first.clauses] == ["P1", "O1"]


def _body_lines(doc: Document) -> list[int]:
    """Offsets just after a line break inside a clause, or after the line ending a clause."""
    out = set()
    for clause in doc.clauses:
        for piece in clause.pieces:
            out.update(i + 1 for i in range(piece.start, piece.end) if doc.text[i] == "\n")
            end = doc.text.find("\n", piece.end)
            if end >= 0:
                out.add(end + 1)
    return sorted(out)


def _page_break(doc: Document, with_notes: bool) -> str:
    notes = "_______________ \n \n9 A/99/999, annex. \n \n10 Resolution 1/1. \n"
    head = f"\n{doc.title} \nA/RES/99/999\n \n12-34567\n2/5 \n \n"
    return f" \n{notes if with_notes else ''}{head}"


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_page_break_anywhere_changes_no_clause(
    texts_corpus: Corpus, shared_corpus: Corpus, data: st.DataObject
) -> None:
    """A page head (and a footnote block) inserted between any two lines of the text proper
    leaves every clause's normalised text as it was: the paragraph it cuts is joined up."""
    docs = {f"corpus/{d.id}": d for d in shared_corpus.documents}
    docs.update({f"texts/{d.id}": d for d in texts_corpus.documents})
    doc = docs[data.draw(st.sampled_from(sorted(docs)), label="document")]
    cut = data.draw(st.sampled_from(_body_lines(doc)), label="offset")
    with_notes = data.draw(st.booleans(), label="notes")
    text = doc.text[:cut] + _page_break(doc, with_notes) + doc.text[cut:]
    seg = segment(text, doc.id, title=doc.title, symbol=doc.symbol)
    assert [(c.id, c.label, c.norm) for c in seg.clauses] == [
        (c.id, c.label, c.norm) for c in doc.clauses
    ]


def test_clause_lines_are_lines_of_the_file(texts_corpus: Corpus, shared_corpus: Corpus) -> None:
    """Clause.line counts lines of the file, front matter included (for `file:line` messages)."""
    seed = {c.id: c.line for c in texts_corpus.document("unga-res-75-28").clauses}
    assert (seed["P1"], seed["O1"]) == (33, 55)  # read with grep -n in texts/
    pdf = {c.id: c.line for c in shared_corpus.document("a-res-79-274").clauses}
    assert pdf["O1"] == 140  # the line of the lone "1." label, the text is on 141


PIECES = st.sampled_from(
    list("abXYZ019 \n\t.,;:-–*_/()[]#¹Н а ш о[\u00a0")
    + [
        "Recalling ",
        "1. ",
        "- ",
        "(a) ",
        "The General Assembly,\n",
        "____\n",
        "2/3\n",
        "A/RES/1/2\n",
        "adopted on 12 December 2015",
        "resolution 50/80 A of 1 May 2000",
        "outcome document ",
        "///",
        "\n\n",
        "\n \n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(PIECES, max_size=100).map("".join), st.text(max_size=200)))
def test_any_text_becomes_a_document(text: str) -> None:
    """Whatever the text, a Document comes out: spans inside the text, citations exact."""
    source = Source(
        path="x.txt",
        id="x",
        title="",
        date="2020-01-01",
        body="",
        symbol="",
        language="en",
        source="",
        text=text,
    )
    doc = build_document(source)
    for clause in doc.clauses:
        assert 0 <= clause.start <= clause.end <= len(text)
        for piece in clause.pieces:
            assert clause.start <= piece.start < piece.end <= clause.end
    for cit in doc.citations:
        assert normalize(doc.text[cit.start : cit.end]) == normalize(cit.text)  # as read


def test_reviews_file_in_the_folder_is_read(tmp_path: Path) -> None:
    """A reviews.toml beside the texts becomes Corpus.overrides; it is not a document."""
    for text in TEXTS.glob("*.txt"):
        shutil.copy(text, tmp_path / text.name)
    (tmp_path / "reviews.toml").write_text(
        '[[link]]\nsource = "unga-res-75-28/P5"\ntarget = "unga-res-79-274/P4"\n'
        'decision = "confirm"\nrelation = "verbatim"\n',
        encoding="utf-8",
    )
    corpus = load_corpus([tmp_path])
    assert len(corpus.documents) == 4
    assert [(o.source, o.target, o.decision) for o in corpus.overrides] == [
        ("unga-res-75-28/P5", "unga-res-79-274/P4", "confirm")
    ]


def test_a_pool_loads_the_same_corpus_in_balanced_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """With two workers the 8 texts of shared/corpus (chunks of at most 4 here) are cut into
    8 chunks, 4 per worker, so one long text does not leave a worker idle; the documents that
    come back, in order, are the serial load's, every field. Serially the chunks are of
    SERIAL_CHUNK_FILES (the progress bar's step; 4 here too)."""
    import lineage.corpus as corpus_module
    from lineage.engines import LocalEngine

    monkeypatch.setattr(corpus_module, "CHUNK_FILES", 4)
    monkeypatch.setattr(corpus_module, "SERIAL_CHUNK_FILES", 4)
    fields = {"title": "", "date": "2020-01-01", "body": "", "symbol": "", "language": "en"}
    sources = [Source(f"{i}.txt", str(i), source="", text="x", **fields) for i in range(8)]
    assert [len(c) for c in corpus_module._chunks(sources, 1)] == [4, 4]
    balanced = corpus_module._chunks(sources, 2)
    assert [len(c) for c in balanced] == [1] * 8
    assert [s for c in balanced for s in c] == sources
    serial = load_corpus([CORPUS], engine=LocalEngine(workers=1))
    pooled = load_corpus([CORPUS], engine=LocalEngine(workers=2))
    assert len(serial.documents) == 8
    assert repr(pooled) == repr(serial)


def test_loading_tells_progress_per_file_read_and_per_chunk_segmented(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 8 texts of shared/corpus, 3 files a chunk: "read" counts the 8 files one by one,
    then "load" counts documents segmented chunk by chunk (3, 6, 8) on one worker and on
    two, ending at 8 (the bar showed nothing during loading before)."""
    import lineage.corpus as corpus_module
    from lineage.engines import LocalEngine

    monkeypatch.setattr(corpus_module, "SERIAL_CHUNK_FILES", 3)
    calls: list[tuple[str, int, int]] = []
    load_corpus(
        [CORPUS],
        engine=LocalEngine(workers=1),
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    assert [c for c in calls if c[0] == "read"] == [("read", i, 8) for i in range(9)]
    assert [c[1] for c in calls if c[0] == "load"] == [0, 3, 6, 8]
    assert calls.index(("read", 8, 8)) < calls.index(("load", 0, 8))
    monkeypatch.setattr(corpus_module, "CHUNK_FILES", 2)
    pooled: list[int] = []
    load_corpus(
        [CORPUS],
        engine=LocalEngine(workers=2),
        progress=lambda stage, done, total: pooled.append(done) if stage == "load" else None,
    )
    assert pooled[0] == 0 and pooled[-1] == 8 and pooled == sorted(pooled)


def test_the_default_engine_loads_a_large_corpus_on_every_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From POOL_MIN_DOCUMENTS documents (8 here, shared/corpus's count; the engine pooling
    from 4 chunks) the default engine segments on a pool: the chunks are POOL_MIN_CHUNKS or
    more, documents are segmented in another process too, and what comes back is the serial
    load's, every field, in order. One document fewer and it stays serial, in this process."""
    import os
    import time

    import lineage.corpus as corpus_module
    from lineage.engines import LocalEngine
    from lineage.engines.local import POOL_MIN_CHUNKS

    monkeypatch.delenv("LINEAGE_WORKERS", raising=False)
    monkeypatch.setattr("lineage.engines.local.available_cores", lambda: 2)
    pids: list[int] = []
    real = corpus_module.build_document

    def noted(source: Source) -> Document:
        pids.append(os.getpid())
        time.sleep(0.05)  # this process must not take every chunk before the worker starts
        return real(source)

    fields = {"title": "", "date": "2020-01-01", "body": "", "symbol": "", "language": "en"}
    sources = [Source(f"{i}.txt", str(i), source="", text="x", **fields) for i in range(40)]
    chunks = corpus_module._chunks(sources, 1, pooled=True)
    assert len(chunks) >= POOL_MIN_CHUNKS and [s for c in chunks for s in c] == sources
    serial = load_corpus([CORPUS], engine=LocalEngine(workers=1))
    monkeypatch.setattr(corpus_module, "POOL_MIN_DOCUMENTS", 8)
    monkeypatch.setattr("lineage.engines.local.POOL_MIN_CHUNKS", 4)
    monkeypatch.setattr(corpus_module, "build_document", noted)
    pooled = load_corpus([CORPUS])
    assert repr(pooled) == repr(serial)
    assert pids == [os.getpid()] * len(pids)  # the forked worker's calls are not seen here
    assert 0 < len(pids) < 8  # ... so it segmented some of the 8
    monkeypatch.setattr(corpus_module, "POOL_MIN_DOCUMENTS", 9)
    pids.clear()
    assert repr(load_corpus([CORPUS])) == repr(serial)
    assert len(pids) == 8
