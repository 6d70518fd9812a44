"""Word reader: drafts made here with python-docx plus the XML Word writes for what it lacks.

The draft is a short resolution in UN drafting form: automatic numbering (`1.`, `2.`, `(a)`)
defined in numbering.xml, a footnote in footnotes.xml, and tracked changes as Word records
them (`w:ins` / `w:del` / `w:moveFrom` / `w:moveTo` with `w:author` and `w:date`). Expected
texts are written out by hand from what the XML says.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from lineage.cli import main
from lineage.corpus import load_corpus
from lineage.errors import InputError
from lineage.read import read_source
from lineage.read.docx import read as read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WNS = f'xmlns:w="{W}"'
NUM_ID = "77"
A = 'w:author="Delegation of Ruritania" w:date="2025-03-10T09:30:00Z"'
B = 'w:author="Secretariat" w:date="2025-03-12T16:05:00Z"'


def _numbering(document: docx.document.Document) -> None:
    """An abstract list: level 0 "1.", level 1 "(a)"; num NUM_ID uses it."""
    root = document.part.numbering_part.element
    root.append(
        etree.fromstring(
            f'<w:abstractNum {WNS} w:abstractNumId="70">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
        )
    )
    root.append(
        etree.fromstring(f'<w:num {WNS} w:numId="{NUM_ID}"><w:abstractNumId w:val="70"/></w:num>')
    )


def _footnotes(document: docx.document.Document, notes: dict[str, str]) -> None:
    """A footnotes part with Word's two separators and the given notes."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
        f" {text}</w:t></w:r></w:p></w:footnote>"
        for i, text in notes.items()
    )
    xml = (
        f'<w:footnotes {WNS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
        '<w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" '
        'w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{body}</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def _para(
    document: docx.document.Document, inner: str, level: int | None = None, mark: str = ""
) -> None:
    """A paragraph from run XML; numbered at `level` of the list; `mark`: a tracked w:ins or
    w:del of the paragraph mark itself."""
    ppr = ""
    if level is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
    if mark:
        ppr += f"<w:rPr>{mark}</w:rPr>"
    p = etree.fromstring(f"<w:p {WNS}><w:pPr>{ppr}</w:pPr>{inner}</w:p>")
    document.element.body.insert(len(document.element.body) - 1, p)  # before w:sectPr


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(text: str, who: str = A, change: int = 1) -> str:
    return f'<w:ins w:id="{change}" {who}>{r(text)}</w:ins>'


def dele(text: str, who: str = A, change: int = 2) -> str:
    return (
        f'<w:del w:id="{change}" {who}><w:r><w:delText xml:space="preserve">{text}'
        "</w:delText></w:r></w:del>"
    )


def note_ref(note_id: str) -> str:
    return (
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def _draft(path: Path, tracked: bool = True) -> Path:
    """The draft resolution; with `tracked`, its changes as Word records them."""
    document = docx.Document()
    _numbering(document)
    _footnotes(document, {"1": "A/70/652-S/2016/20, annex."})
    _para(document, r("The General Assembly,"))
    _para(document, r("Recalling the Ashgabat outcome document of 2015,") + note_ref("1"))
    _para(
        document,
        r("Welcoming the ")
        + (
            dele("good services", B, 3) + ins("good offices", B, 4)
            if tracked
            else r("good services")
        )
        + r(" of neutral States,"),
    )
    _para(document, r("Decides to proclaim 2025 the Year of Peace and Trust;"), level=0)
    if tracked:
        _para(
            document,
            ins("Invites all Member States to observe the Year;", A, 5),
            level=0,
            mark=f'<w:ins w:id="6" {A}/>',
        )
    _para(document, r("Requests the Secretary-General:"), level=0)
    _para(
        document,
        r("to report")
        + (dele(" in due course", A, 7) if tracked else r(" in due course"))
        + r(";"),
        level=1,
    )
    _para(document, r("to consult Member States."), level=1)
    document.core_properties.title = "Year of Peace and Trust (draft)"
    document.save(str(path))
    return path


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    return _draft(tmp_path / "2025-03-01_peace-draft.docx")


def test_untracked_draft_is_one_version_with_word_numbering(tmp_path: Path) -> None:
    """Without tracked changes: one Source; Word's numbering printed as labels 1., 2., (a)."""
    (source,) = read_docx(_draft(tmp_path / "2025-03-01_peace-draft.docx", tracked=False))
    assert source.id == "peace-draft" and source.date == "2025-03-01"
    assert source.title == "Year of Peace and Trust (draft)"
    paragraphs = source.text.split("\n\n")
    assert paragraphs[3:7] == [
        "1. Decides to proclaim 2025 the Year of Peace and Trust;",
        "2. Requests the Secretary-General:",
        "(a) to report in due course;",
        "(b) to consult Member States.",
    ]


def test_tracked_changes_give_two_versions(draft: Path) -> None:
    """Every change rejected, then every change accepted: ids, dates, previous, numbering."""
    original, accepted = read_docx(draft)
    assert original.id == "peace-draft-original" and accepted.id == "peace-draft"
    assert accepted.previous == "peace-draft-original" and original.previous == ""
    assert original.date == "2025-03-01"
    assert accepted.date == "2025-03-12"  # its last change
    assert "Welcoming the good services of neutral States," in original.text
    assert "Welcoming the good offices of neutral States," in accepted.text
    assert "Invites all Member States" not in original.text
    assert "2. Invites all Member States to observe the Year;" in accepted.text
    assert "3. Requests the Secretary-General:" in accepted.text  # renumbered after the insertion
    assert "2. Requests the Secretary-General:" in original.text
    assert "(a) to report in due course;" in original.text
    assert "(a) to report;" in accepted.text


def test_each_change_has_author_date_and_clause(draft: Path) -> None:
    """Who changed what and when: each tracked change, and the clause of the accepted text."""
    corpus = load_corpus([draft])
    original, accepted = corpus.documents  # the accepted follows the rejected
    assert (original.id, accepted.id) == ("peace-draft-original", "peace-draft")
    changes = [(r.kind, r.author, r.date, r.text, r.clause) for r in accepted.revisions]
    assert changes == [
        ("deletion", "Secretariat", "2025-03-12T16:05:00Z", "good services", "peace-draft/P2"),
        ("insertion", "Secretariat", "2025-03-12T16:05:00Z", "good offices", "peace-draft/P2"),
        (
            "insertion",
            "Delegation of Ruritania",
            "2025-03-10T09:30:00Z",
            "Invites all Member States to observe the Year;",
            "peace-draft/O2",
        ),
        (
            "deletion",
            "Delegation of Ruritania",
            "2025-03-10T09:30:00Z",
            " in due course",
            "peace-draft/O3",
        ),
    ]
    assert original.revisions == ()


def test_footnote_is_a_note_and_its_marker_a_superscript(draft: Path) -> None:
    """The footnote reference prints ¹ after the word; the note text is a Note of the document."""
    corpus = load_corpus([draft])
    doc = corpus.document("peace-draft")
    assert doc.clauses[0].text == "Recalling the Ashgabat outcome document of 2015,¹"
    assert [(n.label, n.text) for n in doc.notes] == [("1", "A/70/652-S/2016/20, annex.")]


def test_one_file_shows_its_own_lineage(draft: Path) -> None:
    """The two versions align: the amended clause is minor, the inserted one new, JSON says who."""
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", str(draft)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    links = {(ln["source"], ln["target"]): ln["relation"] for ln in data["links"]}
    assert links[("peace-draft-original/P2", "peace-draft/P2")] == "minor"
    assert links[("peace-draft-original/P1", "peace-draft/P1")] == "verbatim"
    assert not any(t == "peace-draft/O2" for _, t in links)  # the inserted paragraph is new
    (doc,) = [d for d in data["documents"] if d["id"] == "peace-draft"]
    assert doc["previous"] == "peace-draft-original"
    assert {(c["author"], c["kind"]) for c in doc["revisions"]} == {
        ("Secretariat", "deletion"),
        ("Secretariat", "insertion"),
        ("Delegation of Ruritania", "insertion"),
        ("Delegation of Ruritania", "deletion"),
    }


def test_old_word_file_says_how_to_convert(tmp_path: Path) -> None:
    """A .doc stops the run with the LibreOffice command that converts it."""
    path = tmp_path / "draft.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert raised.value.path == str(path)
    assert "soffice --headless --convert-to docx" in (raised.value.hint or "")
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", str(path)])
    assert result.exit_code == 2
    (line,) = [ln for ln in result.output.splitlines() if ln.strip()]
    assert str(path) in line and "soffice" in line


def test_damaged_docx_is_an_input_error(tmp_path: Path) -> None:
    """A .docx that is not a Word package (a renamed text file) names the file, exit 2."""
    path = tmp_path / "draft.docx"
    path.write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", str(path)])
    assert result.exit_code == 2
    (line,) = [ln for ln in result.output.splitlines() if ln.strip()]
    assert str(path) in line and "Word" in line


def test_document_page_shows_who_changed_what(draft: Path, tmp_path: Path) -> None:
    """The accepted version's page lists each change with its clause, author and date, and
    links its previous version; the original's page lists none."""
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", str(draft), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    page = etree.HTML((out / "documents" / "peace-draft.html").read_text(encoding="utf-8"))
    rows = [
        ["".join(td.itertext()) for td in tr.findall("td")]
        for tr in page.iterfind(".//table[@class='revisions']/tbody/tr")
    ]
    assert rows == [
        ["P2", "deletion", "good services", "Secretariat", "2025-03-12"],
        ["P2", "insertion", "good offices", "Secretariat", "2025-03-12"],
        [
            "O2",
            "insertion",
            "Invites all Member States to observe the Year;",
            "Delegation of Ruritania",
            "2025-03-10",
        ],
        ["O3", "deletion", " in due course", "Delegation of Ruritania", "2025-03-10"],
    ]
    assert page.find(".//table[@class='revisions']//del").text == "good services"
    previous = page.xpath("//dt[.='Previous version']/following-sibling::dd/a/@href")
    assert previous == ["../documents/peace-draft-original.html"]
    original = (out / "documents" / "peace-draft-original.html").read_text(encoding="utf-8")
    assert "Tracked changes" not in original


def test_moved_paragraph_and_deleted_paragraph_mark(tmp_path: Path) -> None:
    """w:moveFrom/w:moveTo: the moved words stand at their old place when rejected and at the
    new one when accepted; a deleted paragraph mark joins two paragraphs when accepted."""
    document = docx.Document()
    _para(document, r("The General Assembly,"))
    move_from = f'<w:moveFrom w:id="11" {A}>{r("Welcoming the report,")}</w:moveFrom>'
    move_to = f'<w:moveTo w:id="12" {A}>{r("Welcoming the report,")}</w:moveTo>'
    _para(document, move_from, mark=f'<w:del w:id="13" {A}/>')
    _para(document, r("Recalling its resolution 50/80,"))
    _para(document, move_to)
    _para(document, r("Decides to act"), level=None, mark=f'<w:del w:id="14" {B}/>')
    _para(document, r(" at once."))
    path = tmp_path / "2025-03-01_moved.docx"
    document.save(str(path))
    original, accepted = read_docx(path)
    assert original.text.index("Welcoming the report,") < original.text.index("Recalling")
    assert accepted.text.index("Recalling") < accepted.text.index("Welcoming the report,")
    assert "Decides to act\n\nat once." in original.text
    assert "Decides to act at once." in accepted.text
    assert [(r.kind, r.text) for r in accepted.revisions] == [
        ("move", "Welcoming the report,"),
        ("move", "Welcoming the report,"),
    ]
