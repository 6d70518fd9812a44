"""Streamed exports: the same bytes as the whole-document serialisers they replace.

JSON is checked against Python's own `json.dumps(..., sort_keys=True, indent=2,
ensure_ascii=False)` (the former exporter), on random values and on real analyses; TEI against
lxml printing the whole tree (`pretty_print`), as the former exporter did, on real texts and on
clause texts full of markup characters, line breaks and control characters; CSV in pieces
against CSV whole. The synthetic corpus's JSON export also has a committed digest
(tests/gold/synthetic.sha256), so any byte change of the export at that size fails here.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ROOT, RUN_TIMEOUT_SECONDS, TEXTS
from lineage.analysis import analyse, lacking
from lineage.corpus import load_corpus
from lineage.model import Analysis, Corpus
from lineage.report import csv as csv_export
from lineage.report import json as json_export
from lineage.report import tei
from lineage.report.streaming import batched, dumps, json_chunks
from lineage.writer import write_file

SYNTHETIC_DOCS = 200
SYNTHETIC_SEED = 1
SYNTHETIC_DIGEST = ROOT / "tests" / "gold" / "synthetic.sha256"
UPDATE_ENV = "LINEAGE_UPDATE_DIGESTS"


def _reference_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=5).map(tuple)
        | st.dictionaries(st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=40,
)


@given(values)
@settings(max_examples=400, deadline=None)
def test_dumps_writes_what_json_dumps_writes(value: object) -> None:
    """Any JSON value (NaN, infinities, huge ints, any unicode, '%' in keys, nested empties,
    tuples) comes out as json.dumps with sort_keys, indent 2 and ensure_ascii off writes it."""
    assert dumps(value) == _reference_json(value)


@given(st.dictionaries(st.text(max_size=6), values, max_size=5), st.data())
@settings(max_examples=200, deadline=None)
def test_chunks_of_iterators_join_to_the_listed_document(value: dict, data: st.DataObject) -> None:
    """A dict whose values are iterators streams to the text of the same dict with lists."""
    lazy = {
        k: iter(v) if isinstance(v, list) and data.draw(st.booleans()) else v
        for k, v in value.items()
    }
    assert "".join(json_chunks(lazy)) == _reference_json(value)


def test_dumps_refuses_what_json_refuses() -> None:
    """A value JSON cannot hold is a TypeError, as in json.dumps, not silently written."""
    with pytest.raises(TypeError):
        dumps({"a": {1, 2}})
    assert dumps({"x": math.inf}) == '{\n  "x": Infinity\n}'


def test_batches_keep_every_character_in_order() -> None:
    """Batching joins pieces up to the size asked, losing and reordering nothing."""
    pieces = [str(i) * (i % 7) for i in range(500)]
    out = list(batched(pieces, size=50))
    assert "".join(out) == "".join(pieces)
    assert all(len(b) >= 50 for b in out[:-1])


@pytest.fixture(scope="module")
def texts_analysis() -> Analysis:
    return analyse(load_corpus([TEXTS]))


def test_json_export_of_the_texts_is_what_json_dumps_writes(texts_analysis: Analysis) -> None:
    """The streamed JSON export of texts/ equals json.dumps of the export's data, byte for
    byte (the former exporter), and its pieces join to it."""
    expected = _reference_json(json_export.data(texts_analysis)) + "\n"
    assert json_export.render(texts_analysis) == expected
    assert "".join(json_export.chunks(texts_analysis)) == expected


def test_links_come_in_corpus_order_whatever_order_they_are_given(
    texts_analysis: Analysis,
) -> None:
    """The analysis gives its links in corpus order (checked, not sorted); given reversed,
    or with a link from a clause outside the corpus (a checked draft's), they are sorted:
    corpus clauses by document then clause, the outside one last."""
    links = texts_analysis.links
    assert len(links) > 2
    outside = replace(links[0], source="draft/P1")
    expected = [(k.source, k.target) for k in (*links, outside)]
    for order in ((outside, *reversed(links)), (outside, *links)):
        shuffled = replace(texts_analysis, links=order)
        written = [(k["source"], k["target"]) for k in json_export.data(shuffled)["links"]]
        assert written == expected
    in_order = [(k["source"], k["target"]) for k in json_export.data(texts_analysis)["links"]]
    assert in_order == [(k.source, k.target) for k in links]


def _whole_tree_tei(analysis: Analysis) -> str:
    """The TEI export as the former exporter built it: one lxml tree printed whole."""
    root = etree.Element(f"{{{tei.TEI_NS}}}TEI", nsmap={None: tei.TEI_NS})
    header = tei._el(root, "teiHeader")
    desc = tei._el(header, "fileDesc")
    tei._el(tei._el(desc, "titleStmt"), "title", "Clause lineage: parallel segmentation")
    tei._el(tei._el(desc, "publicationStmt"), "p", "Generated by lineage.")
    wits = tei._el(tei._el(desc, "sourceDesc"), "listWit")
    wid = {}
    for doc in analysis.documents:
        wid[doc.id] = tei.witness_id(doc.id)
        label = " ".join(x for x in (doc.symbol, doc.title, doc.date) if x) or doc.id
        tei._el(wits, "witness", label, xml_id=wid[doc.id], n=doc.id)
    encoding = tei._el(header, "encodingDesc")
    tei._el(encoding, "variantEncoding", method="parallel-segmentation", location="internal")
    body = tei._el(tei._el(root, "text"), "body")
    for family in analysis.families:
        ab = tei._el(body, "ab", n=family.id)
        app = tei._el(ab, "app", xml_id=f"family-{family.id}", n=family.id)
        kinds = {(e.doc_id, c): e.kind for e in family.events for c in e.clauses}
        for uid in family.clauses:
            clause = analysis.clause(uid)
            attrs = {"wit": f"#{wid[clause.doc_id]}", "n": uid}
            kind = kinds.get((clause.doc_id, uid))
            if kind:
                attrs["type"] = kind
            tei._el(app, "rdg", clause.text, **attrs)
        missing = lacking(analysis, {analysis.clause(u).doc_id for u in family.clauses})
        if missing:
            tei._el(app, "rdg", wit=" ".join(f"#{wid[d]}" for d in missing), type="lacking")
    xml = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml


def test_tei_export_of_the_texts_is_the_whole_tree_printed(texts_analysis: Analysis) -> None:
    """The streamed TEI of texts/ is byte for byte lxml's print of the whole tree."""
    assert tei.render(texts_analysis) == _whole_tree_tei(texts_analysis)


def test_tei_export_without_families_is_the_whole_tree_printed(texts_analysis: Analysis) -> None:
    """No families: an empty <body/>, as lxml prints an empty element."""
    empty = replace(texts_analysis, families=())
    assert "<body/>" in tei.render(empty)
    assert tei.render(empty) == _whole_tree_tei(empty)


awkward = st.text(
    alphabet=st.sampled_from(list("ab <>&\"'\n\r\t ]]>é↺\x01\x0b\ufffe") + ["\U0001f600"]),
    max_size=30,
)


@given(st.lists(awkward, min_size=1, max_size=8), st.text(max_size=12))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_tei_escapes_awkward_texts_as_lxml_does(
    texts_analysis: Analysis, texts: list[str], doc_id: str
) -> None:
    """Clause texts with markup characters, line breaks (also at the end, before </rdg>),
    control characters and astral signs, and a document id that needs a safe witness id, come
    out as the whole tree prints them."""
    docs = list(texts_analysis.documents)
    first = docs[0]
    clauses = tuple(replace(c, text=texts[i % len(texts)]) for i, c in enumerate(first.clauses))
    docs[0] = replace(first, clauses=clauses, title=doc_id or first.title)
    analysis = replace(texts_analysis, corpus=Corpus(documents=tuple(docs), cited=()))
    assert tei.render(analysis) == _whole_tree_tei(analysis)


def test_csv_in_pieces_is_the_csv_whole(
    texts_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut every few rows, the CSV pieces join to the single-piece text, header once."""
    whole = csv_export.render(texts_analysis)
    monkeypatch.setattr(csv_export, "ROWS_PER_CHUNK", 7)
    pieces = list(csv_export.chunks(texts_analysis))
    assert len(pieces) > 2
    assert "".join(pieces) == whole
    assert whole.count("source,target,source_doc") == 1
    assert len(whole.splitlines()) == len(texts_analysis.links) + 1


def test_a_failing_stream_leaves_the_previous_file(tmp_path: Path) -> None:
    """An export that fails after writing some pieces leaves the old file and no temp file."""
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def pieces():
        yield "new part"
        raise RuntimeError("exporter failed")

    with pytest.raises(RuntimeError):
        write_file(target, pieces())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def _export(args: list[str], cwd: Path) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "lineage.cli", "-q", "export", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of SYNTHETIC_DOCS documents (benchmarks/generate.py), in work/."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import write_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    work = tmp_path_factory.mktemp("synthetic")
    write_corpus(SYNTHETIC_DOCS, work / "syn", SYNTHETIC_SEED)
    return work


@pytest.mark.slow
def test_json_export_of_a_synthetic_corpus_has_the_committed_digest(synthetic: Path) -> None:
    """`lineage export` of 200 generated documents, to a file and to stdout, has the sha256
    committed in tests/gold/synthetic.sha256, and is what json.dumps writes for its data."""
    _export(["syn/texts", "-o", "out.json"], synthetic)
    written = (synthetic / "out.json").read_bytes()
    assert _export(["syn/texts"], synthetic) == written
    digest = hashlib.sha256(written).hexdigest()
    if os.environ.get(UPDATE_ENV) == "1":
        SYNTHETIC_DIGEST.write_text(f"{digest}  syn/lineage.json\n", encoding="utf-8")
    expected = SYNTHETIC_DIGEST.read_text(encoding="utf-8").split()[0]
    assert digest == expected, f"the export changed (if deliberate: {UPDATE_ENV}=1)"
    data = json.loads(written)
    assert len(data["documents"]) == SYNTHETIC_DOCS
    assert written.decode("utf-8") == _reference_json(data) + "\n"
