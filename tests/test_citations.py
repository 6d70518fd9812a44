"""Citations: what each seed recalls, with dates and keys, and how keys resolve."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import TEXTS
from lineage.citations import DATE_RE, parse_date, symbol_key, targets
from lineage.clean.normalize import normalize
from lineage.corpus import load_corpus
from lineage.model import Corpus


def _keys(corpus: Corpus, doc_id: str) -> dict[str, set[str | None]]:
    out: dict[str, set[str | None]] = {}
    for cit in corpus.document(doc_id).citations:
        out.setdefault(cit.key, set()).add(cit.date)
    return out


def test_75_28_recalls(texts_corpus: Corpus) -> None:
    """75/28 recalls 50/80 A, 69/285, 71/275, 46/182, 74/118 and the 2015 outcome document."""
    keys = _keys(texts_corpus, "unga-res-75-28")
    assert keys == {
        "res:50/80": {"1995-12-12"},
        "res:69/285": {"2015-06-03"},
        "res:71/275": {"2017-02-02"},
        "res:46/182": {"1991-12-19"},
        "res:74/118": {"2019-12-16"},
        # by description, and by its footnote's symbol, cited under the description's key
        "outcome:2015-12-12": {"2015-12-12", None},
    }


def test_conference_recalls_with_odd_dates(texts_corpus: Corpus) -> None:
    """ "dated 3rd of June of 2015", "No. 73/338 dated 12.09.2019", "12th of December 2015"."""
    keys = _keys(texts_corpus, "ashgabat-conference-final-document")
    assert keys == {
        "res:50/80": {"1995-12-12"},
        "res:69/285": {"2015-06-03"},
        "res:71/275": {"2017-02-02"},
        "res:73/338": {"2019-09-12"},
        "outcome:2015-12-12": {"2015-12-12"},
    }


def test_oic_recalls_despite_cyrillic_letters(texts_corpus: Corpus) -> None:
    """ "50/80 А" with a Cyrillic А, "No.44/44-POL", 75/28, and both Ashgabat documents."""
    keys = _keys(texts_corpus, "oic-cfm-res-64-48-pol")
    assert keys == {
        "res:44/44-POL": {None},
        "res:50/80": {"1995-12-12"},
        "res:69/285": {"2015-06-03"},
        "res:71/275": {"2017-02-02"},
        "res:75/28": {"2020-12-07"},
        "outcome:2015-12-12": {"2015-12-12"},
        "outcome:2020-12-12": {"2020-12-12"},
    }


def test_79_274_recalls(texts_corpus: Corpus) -> None:
    """79/274 recalls nine resolutions and the 2020 conference document by description."""
    keys = _keys(texts_corpus, "unga-res-79-274")
    assert set(keys) == {
        "res:50/80",
        "res:69/285",
        "res:71/275",
        "res:75/28",
        "res:78/266",
        "res:76/299",
        "res:72/7",
        "res:75/272",
        "res:77/273",
        "outcome:2020-12-12",
    }
    assert keys["res:69/285"] == {"2015-06-03"}  # "3 June\n2015": the date spans a line break


def test_citation_spans_and_clauses(texts_corpus: Corpus) -> None:
    """Each citation's span is its own wording, inside its clause or inside a footnote."""
    for doc in texts_corpus.documents:
        clauses = {c.uid: c for c in doc.clauses}
        for cit in doc.citations:
            assert normalize(doc.text[cit.start : cit.end]) == normalize(cit.text)  # as read
            in_note = any(n.start <= cit.start < cit.end <= n.end for n in doc.notes)
            if cit.clause is not None and not in_note:
                clause = clauses[cit.clause]
                assert clause.start <= cit.start < cit.end <= clause.end
    p4 = [c for c in texts_corpus.document("unga-res-75-28").citations if c.date is None]
    assert [(c.text, c.clause) for c in p4] == [("A/70/652-S/2016/20", "unga-res-75-28/P4")]


def test_cited_2015_document_without_text(texts_corpus: Corpus) -> None:
    """The 2015 outcome document is cited by 75/28, the conference and OIC, with its date."""
    cited = {c.key: c for c in texts_corpus.cited}
    doc = cited["outcome:2015-12-12"]  # its symbol, from 75/28's footnote, is its label
    assert doc.label == "A/70/652-S/2016/20" and doc.date == "2015-12-12"
    assert doc.cited_by == (
        "ashgabat-conference-final-document",
        "oic-cfm-res-64-48-pol",
        "unga-res-75-28",
    )
    assert cited["res:50/80"].label == "A/RES/50/80 A"
    assert cited["res:50/80"].date == "1995-12-12"


def test_keys_resolve_to_corpus_documents(texts_corpus: Corpus) -> None:
    """75/28 and the 2020 conference document are in the corpus: cited, but not "cited"."""
    resolved = targets(texts_corpus.documents)
    assert resolved["res:75/28"] == "unga-res-75-28"
    assert resolved["doc:A/75/651-S/2020/1203"] == "ashgabat-conference-final-document"
    # a final document of 12 December 2020: what "adopted on 12 December 2020" describes
    assert resolved["outcome:2020-12-12"] == "ashgabat-conference-final-document"
    assert resolved["res:64/48-POL"] == "oic-cfm-res-64-48-pol"
    cited = {c.key for c in texts_corpus.cited}
    assert "res:75/28" not in cited and "outcome:2020-12-12" not in cited


def test_corpus_notes_cite_with_the_clause_of_their_marker(shared_corpus_dir: Path) -> None:
    """A footnote's citation belongs to the clause holding its marker (`2020,1`, `Group5`)."""
    doc = load_corpus([shared_corpus_dir / "2025-03-21_unga-res-79-274.txt"]).documents[0]
    by_text = {c.text: c.clause for c in doc.citations if c.date is None}
    assert by_text["A/75/651-S/2020/1203"] == "a-res-79-274/P10"
    assert by_text["46/182"] == "a-res-79-274/P13"
    assert by_text["A/77/778"] == "a-res-79-274/O4"
    keys = {c.key for c in doc.citations}
    assert {"res:63/210", "res:78/149", "doc:A/50/752-S/1995/1035"} <= keys


def test_other_bodies_resolutions(tmp_path: Path) -> None:
    """ECOSOC, ESCAP and Security Council resolutions get their own keys, not the Assembly's."""
    (tmp_path / "2024-01-01_x.txt").write_text(
        "The General Assembly,\n\nReaffirming Economic and Social Council resolution 1980/67 of "
        "25 July 1980,\n\nNoting the Group established by the Economic and Social Commission "
        "for Asia and the Pacific in its resolution 73/8 of 19 May 2017,\n\nRecalling "
        "Security Council resolution 1325 (2000) and its resolution 70/1,\n",
        encoding="utf-8",
    )
    doc = load_corpus([tmp_path]).documents[0]
    assert [(c.key, c.date) for c in doc.citations] == [
        ("ecosoc:1980/67", "1980-07-25"),
        ("escap:73/8", "2017-05-19"),
        ("sc:1325", None),
        ("res:70/1", None),
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 December 1995", "1995-12-12"),
        ("12th December 1995", "1995-12-12"),
        ("3rd of June of 2015", "2015-06-03"),
        ("2nd February 2017", "2017-02-02"),
        ("12.09.2019", "2019-09-12"),
        ("December 12, 2020", "2020-12-12"),
        ("31 February 2020", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    """The date forms the texts use, and an impossible date rejected."""
    m = DATE_RE.fullmatch(text)
    assert m is not None
    assert parse_date(m) == iso


@pytest.mark.parametrize(
    ("symbol", "key"),
    [
        ("A/RES/75/28", "res:75/28"),
        ("A/70/652-S/2016/20", "doc:A/70/652-S/2016/20"),
        ("64/48-POL", "res:64/48-POL"),
        ("E/RES/1980/67", "ecosoc:1980/67"),
        ("A/77/778.", "doc:A/77/778"),
        ("S/RES/1325(2000)", "sc:1325"),
    ],
)
def test_symbol_keys(symbol: str, key: str) -> None:
    """Symbols map to the same keys that citations of them get."""
    assert symbol_key(symbol) == key


def test_citation_keys_are_canonical(texts_corpus: Corpus) -> None:
    """Keys have a known prefix and no spaces, whatever the wording."""
    for doc in texts_corpus.documents:
        for cit in doc.citations:
            assert re.fullmatch(r"(res|doc|dec|ecosoc|escap|hrc|sc|outcome):\S+", cit.key), cit.key


def test_pdf_footnote_symbol_resolves_to_the_conference(
    tmp_path: Path, shared_corpus_dir: Path
) -> None:
    """79/274's footnote "A/75/651-S/2020/1203, annex." is the conference text of texts/."""
    for text in TEXTS.glob("*.txt"):
        shutil.copy(text, tmp_path / text.name)
    shutil.copy(
        shared_corpus_dir / "2025-03-21_unga-res-79-274.txt",
        tmp_path / "2025-03-21_unga-res-79-274-pdf.txt",
    )
    corpus = load_corpus([tmp_path])
    pdf = corpus.document("a-res-79-274")
    footnote = [c for c in pdf.citations if c.text == "A/75/651-S/2020/1203"]
    # the footnote's symbol is the document P10 describes ("adopted on 12 December 2020")
    assert [(c.key, c.clause) for c in footnote] == [("outcome:2020-12-12", "a-res-79-274/P10")]
    assert targets(corpus.documents)[footnote[0].key] == "ashgabat-conference-final-document"
    assert "outcome:2020-12-12" not in {c.key for c in corpus.cited}


@pytest.mark.parametrize(
    ("symbol", "key"), [("A/RES/ES-11/1", "res:ES-11/1"), ("A/HRC/RES/52/1", "hrc:52/1")]
)
def test_symbols_of_other_series(symbol: str, key: str) -> None:
    """Emergency-session and Human Rights Council symbols have keys their citations share."""
    assert symbol_key(symbol) == key


def test_its_resolutions_in_a_human_rights_council_text(tmp_path: Path) -> None:
    """In an HRC text, "its resolution" is the Council's; the Assembly's are named as such."""
    (tmp_path / "2023-04-03_hrc.txt").write_text(
        "United Nations \nA/HRC/RES/52/1\n \n 52/1. Cooperation with Georgia \n \nThe Human "
        "Rights Council, \n \nRecalling its resolution 49/30 of 1 April 2022 and General "
        "Assembly resolution 60/251 of 15 March 2006, \n \n1. \nCalls for action. \n",
        encoding="utf-8",
    )
    doc = load_corpus([tmp_path]).documents[0]
    assert doc.symbol == "A/HRC/RES/52/1"
    assert [(c.key, c.date) for c in doc.citations] == [
        ("hrc:49/30", "2022-04-01"),
        ("res:60/251", "2006-03-15"),
    ]


def test_a_document_cites_as_its_file_alone_says(texts_corpus: Corpus) -> None:
    """A document's citations are decided by its own file (check's per-file cache keeps it so):
    the conference's text read alone cites exactly what it cites read with the other seeds,
    although only 75/28's footnote names the 2015 document by its symbol."""
    alone = load_corpus([TEXTS / "2020-12-12_ashgabat-conference-final-document.txt"])
    assert alone.documents[0].citations == (
        texts_corpus.document("ashgabat-conference-final-document").citations
    )
    assert "outcome:2015-12-12" in {c.key for c in alone.documents[0].citations}


def test_a_described_document_resolves_to_the_symbol_its_footnote_names(tmp_path: Path) -> None:
    """A file printing A/70/652-S/2016/20 (75/28's footnote to the document it describes as
    "adopted on 12 December 2015"), with a title that does not say "outcome document", is
    that document: the description resolves to it and it is no longer cited without text."""
    for text in TEXTS.glob("*.txt"):
        shutil.copy(text, tmp_path / text.name)
    (tmp_path / "2016-01-15_letter.txt").write_text(
        '+++\ntitle = "Letter circulating a conference text"\nsymbol = "A/70/652-S/2016/20"\n'
        "+++\nParticipants of the conference gathered in Ashgabat.\n\n"
        "1. Emphasize that neutrality contributes to peace;\n",
        encoding="utf-8",
    )
    corpus = load_corpus([tmp_path])
    assert targets(corpus.documents)["outcome:2015-12-12"] == "letter"
    assert "outcome:2015-12-12" not in {c.key for c in corpus.cited}
