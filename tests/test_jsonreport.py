"""The JSON export: the contract's fields, stable bytes, and the extra fields it may carry."""

from __future__ import annotations

import json

from lineage.model import Analysis, Corpus, Event, Family, Link
from lineage.report.json import SCHEMA, render

CLAUSE_FIELDS = {"id", "uid", "kind", "label", "text", "start", "end"}
DOCUMENT_FIELDS = {"id", "title", "date", "body", "symbol", "path", "clauses"}


def _analysis(corpus: Corpus) -> Analysis:
    links = (
        Link(
            "unga-res-75-28/P5",
            "unga-res-79-274/P4",
            "verbatim",
            1.0,
            "exact",
            evidence=("same-words", "same-fillers"),
        ),
        Link("unga-res-75-28/P2", "unga-res-79-274/P3", "partial", 0.123456789, "passage"),
    )
    families = (
        Family(
            "F10",
            ("unga-res-75-28/P2", "unga-res-79-274/P3"),
            "unga-res-75-28/P2",
            (Event("unga-res-75-28", "new", ("unga-res-75-28/P2",)),),
        ),
        Family("F2", ("unga-res-75-28/P5", "unga-res-79-274/P4"), "unga-res-75-28/P5"),
    )
    return Analysis(corpus=corpus, links=links, families=families)


def test_contract_fields(texts_corpus: Corpus) -> None:
    """Every field the SPEC names is there, with the clause text and span of the file."""
    data = json.loads(render(Analysis(corpus=texts_corpus, links=(), families=())))
    assert data["schema"] == SCHEMA == "lineage/1"
    assert [d["id"] for d in data["documents"]] == [
        "unga-res-75-28",
        "ashgabat-conference-final-document",
        "oic-cfm-res-64-48-pol",
        "unga-res-79-274",
    ]
    for doc in data["documents"]:
        assert DOCUMENT_FIELDS <= set(doc)
        source = texts_corpus.document(doc["id"])
        for clause in doc["clauses"]:
            assert CLAUSE_FIELDS <= set(clause)
            assert clause["uid"] == f"{doc['id']}/{clause['id']}"
            assert clause["kind"] in ("preamble", "operative")
            assert source.text[clause["start"] : clause["end"]].strip()
    first = data["documents"][0]
    assert (first["date"], first["symbol"], first["path"]) == (
        "2020-12-07",
        "A/RES/75/28",
        str(texts_corpus.documents[0].path),
    )
    assert first["clauses"][8]["label"] == "1." and first["clauses"][8]["id"] == "O1"
    assert data["links"] == [] and data["families"] == []


def test_links_families_and_extras(texts_corpus: Corpus) -> None:
    """Links sorted with rounded similarity, method and evidence (a list, empty when none is
    known); families in natural id order; cited."""
    data = json.loads(render(_analysis(texts_corpus)))
    assert data["links"] == [
        {
            "source": "unga-res-75-28/P2",
            "target": "unga-res-79-274/P3",
            "relation": "partial",
            "similarity": 0.1235,
            "method": "passage",
            "reviewed": "",
            "evidence": [],
        },
        {
            "source": "unga-res-75-28/P5",
            "target": "unga-res-79-274/P4",
            "relation": "verbatim",
            "similarity": 1.0,
            "method": "exact",
            "reviewed": "",
            "evidence": ["same-words", "same-fillers"],
        },
    ]
    assert [f["id"] for f in data["families"]] == ["F2", "F10"]
    assert data["families"][1]["events"] == [
        {
            "doc": "unga-res-75-28",
            "kind": "new",
            "clauses": ["unga-res-75-28/P2"],
            "source": None,
            "relation": None,
            "sources": [],
        }
    ]
    cited = {c["key"]: c for c in data["cited"]}
    assert cited["outcome:2015-12-12"]["date"] == "2015-12-12"  # described, not in the corpus
    assert cited["outcome:2015-12-12"]["label"] == "A/70/652-S/2016/20"  # 75/28's footnote
    notes = data["documents"][0]["notes"]
    assert notes == [
        {
            "label": "1",
            "text": "A/70/652-S/2016/20, annex.",  # Markdown shown as it reads
            "start": notes[0]["start"],
            "end": notes[0]["end"],
        }
    ]
    assert any(c["key"] == "res:50/80" for c in data["documents"][0]["citations"])


def test_bytes_are_stable_and_readable(texts_corpus: Corpus) -> None:
    """Same input, same bytes: sorted keys, two-space indent, raw UTF-8, final newline."""
    text = render(_analysis(texts_corpus))
    assert text == render(_analysis(texts_corpus))
    assert text.endswith("}\n") and "\r" not in text
    assert text.startswith('{\n  "cited": [')
    assert "\u0430" in text  # the OIC text's Cyrillic letter, not \\u0430
    assert "\\u0430" not in text
