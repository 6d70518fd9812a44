"""CSV export: a header row and one row per link."""

from __future__ import annotations

import csv
import io

from lineage.analysis import analyse
from lineage.clean.normalize import normalize
from lineage.model import Clause, Corpus, Document
from lineage.report.csv import COLUMNS, render


def _doc(doc_id: str, date: str, texts: list[str]) -> Document:
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


HUMANITARIAN = (
    "Recognizing the positive role that neutral countries play in the provision and "
    "delivery of humanitarian assistance in situations of complex emergencies and "
    "natural disasters, in accordance with the guiding principles"
)


def _analysis():
    return analyse(
        Corpus(
            documents=(
                _doc("a", "2020-01-01", [HUMANITARIAN, "Decides to remain seized of the matter."]),
                _doc("b", "2021-01-01", [HUMANITARIAN.replace("countries", "Turkmenistan")]),
                _doc("c", "2022-01-01", [HUMANITARIAN]),
            )
        )
    )


def test_header_and_one_row_per_link():
    """Three versions of one clause: three links (every pair of documents), three rows."""
    analysis = _analysis()
    rows = list(csv.reader(io.StringIO(render(analysis))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + len(analysis.links) == 4
    by_pair = {(r[0], r[1]): r for r in rows[1:]}
    assert by_pair[("a/P1", "c/P1")][2:5] == ["a", "c", "verbatim"]
    assert by_pair[("a/P1", "b/P1")][4] == "minor"
    assert by_pair[("a/P1", "b/P1")][6] == "fuzzy"


def test_similarity_has_four_places_and_unix_newlines():
    """Similarity is written with 4 decimals, lines end in \\n only."""
    text = render(_analysis())
    assert "\r" not in text and text.endswith("\n")
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        assert len(row[5].split(".")[1]) == 4
        assert 0.0 <= float(row[5]) <= 1.0


def test_rows_carry_the_clause_texts_family_and_event():
    """After the eight old columns (kept in place for old readers): both clauses' texts, the
    target's family and its event there. b's copy changed "countries" to "Turkmenistan"."""
    analysis = _analysis()
    rows = list(csv.reader(io.StringIO(render(analysis))))
    assert rows[0][:8] == [
        "source", "target", "source_doc", "target_doc", "relation", "similarity", "method",
        "reviewed",
    ]  # fmt: skip
    by_pair = {(r[0], r[1]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    ab = by_pair[("a/P1", "b/P1")]
    assert ab["source_text"] == HUMANITARIAN
    assert ab["target_text"] == HUMANITARIAN.replace("countries", "Turkmenistan")
    assert ab["event"] == "amended"
    families = {r["family"] for r in by_pair.values()}
    assert len(families) == 1 and families != {""}
