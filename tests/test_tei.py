"""TEI P5 export: well-formed, witnesses for documents, one <app> per family."""

from __future__ import annotations

from lxml import etree

from lineage.analysis import analyse
from lineage.clean.normalize import normalize
from lineage.model import Clause, Corpus, Document
from lineage.report.tei import render, witness_id

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


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
        title=f"Title of {doc_id}",
        date=date,
        body="",
        symbol="",
        language="en",
        source="",
        path="",
        text="",
        clauses=clauses,
    )


DAY = (
    "Invites all Member States to mark annually the International Day of Neutrality on "
    "12 December by means of education and the holding of events"
)
HOSTILE = "Notes <script>alert('x')</script> & \"quotes\" in a clause of its own making"


def _analysis():
    return analyse(
        Corpus(
            documents=(
                _doc("unga-res-75-28", "2020-12-07", [DAY, HOSTILE]),
                _doc(
                    "2022 oic/64", "2022-03-23", [DAY.replace("mark annually", "mark every year")]
                ),
            )
        )
    )


def test_tei_is_well_formed_with_witnesses():
    """The export parses as XML, root TEI in the TEI namespace, one witness per document."""
    root = etree.fromstring(render(_analysis()).encode("utf-8"))
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    witnesses = root.findall(".//t:teiHeader//t:listWit/t:witness", NS)
    assert [w.get("n") for w in witnesses] == ["unga-res-75-28", "2022 oic/64"]
    assert [w.get(XML_ID) for w in witnesses] == ["unga-res-75-28", "__2022_20_oic_2f_64"]


def test_family_is_one_app_with_a_reading_per_witness():
    """The International Day clause and its amended copy are one <app> with two <rdg wit>; the
    OIC resolution is another series than 75/28, so its copy is borrowed."""
    root = etree.fromstring(render(_analysis()).encode("utf-8"))
    apps = root.findall(".//t:body/t:ab/t:app[@n='F1']", NS)
    assert len(apps) == 1
    readings = apps[0].findall("t:rdg", NS)
    assert [r.get("wit") for r in readings] == ["#unga-res-75-28", "#__2022_20_oic_2f_64"]
    assert [r.get("type") for r in readings] == ["new", "borrowed"]
    assert readings[0].text == DAY


def test_every_wit_points_to_a_declared_witness():
    """@wit references resolve to xml:ids of the header's witnesses."""
    root = etree.fromstring(render(_analysis()).encode("utf-8"))
    ids = {w.get(XML_ID) for w in root.iterfind(".//t:witness", NS)}
    wits = {r.get("wit")[1:] for r in root.iterfind(".//t:rdg", NS)}
    assert wits and wits <= ids


def test_markup_in_text_is_escaped_not_parsed():
    """A clause containing <script> stays text: no script element appears in the TEI."""
    xml = render(_analysis())
    root = etree.fromstring(xml.encode("utf-8"))
    assert root.find(".//script") is None
    assert "&lt;script&gt;" in xml
    hostile = [r for r in root.iterfind(".//t:app/t:rdg", NS) if "script" in (r.text or "")]
    assert [r.text for r in hostile] == [HOSTILE]
    assert len(hostile[0].getparent()) == 1  # a clause that recurs nowhere: a family of one


def test_every_clause_is_read_once():
    """The export holds the whole text: each clause is one reading, in exactly one <app>."""
    analysis = _analysis()
    root = etree.fromstring(render(analysis).encode("utf-8"))
    uids = [r.get("n") for r in root.iterfind(".//t:app/t:rdg", NS)]
    expected = [c.uid for d in analysis.documents for c in d.clauses]
    assert sorted(uids) == sorted(expected)


def test_witness_id_is_an_ncname():
    """Ids starting with a digit or holding slashes become valid xml:ids."""
    assert witness_id("75/28") == "__75_2f_28"
    assert witness_id("unga-res-79-274") == "unga-res-79-274"


def test_render_is_deterministic():
    """Same analysis, same bytes."""
    assert render(_analysis()) == render(_analysis())
