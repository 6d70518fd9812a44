"""PDF reader: the 30 official UN PDFs of shared/un-pdf against their text in shared/un-ga.

Each PDF is read directly; its clauses must be those of the other tool's extraction of the
same PDF (same preambular and operative counts, at least MIN_LINKED of them linked verbatim or
minor by the project's own aligner, and as many equal after normalisation). Facts about single
PDFs (furniture gone, markers kept, notes, a paragraph joined across a page break) were read
from the PDFs themselves. Bad PDFs are made here: an image-only PDF (a scan), a PDF whose page
has no text operators, an encrypted one, a truncated one.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz.distance import Indel

from conftest import SHARED
from lineage.analysis import analyse
from lineage.cli import main
from lineage.corpus import build_document
from lineage.errors import InputError
from lineage.model import Corpus, Document
from lineage.read import read_source
from lineage.read.pdf import read as read_pdf

UN_PDF = SHARED / "un-pdf"
UN_GA = SHARED / "un-ga"
PDFS = sorted(UN_PDF.glob("*.pdf"))
#: The issue's bar: at least this share of clauses linked verbatim or minor to their counterpart.
MIN_LINKED = 0.95
#: Normalised texts of counterparts this similar (Indel) count as the same clause read twice:
#: what differs is the other tool's extraction slips (markers it did not fold, `203013` for
#: `2030` plus note 13, a running head left inside a clause).
SAME_TEXT = 0.9


def _reference(pdf: Path) -> Path:
    """The un-ga text of a PDF: `A_RES_78_149.pdf` <-> `<date>_a-res-78-149.txt`."""
    symbol = pdf.stem.lower().replace("_", "-")
    (found,) = UN_GA.glob(f"*_{symbol}.txt")
    return found


@pytest.fixture(scope="module")
def pairs() -> list[tuple[Document, Document]]:
    """(document read from the PDF, document from its un-ga text renamed `ref-<id>`)."""
    out = []
    for pdf in PDFS:
        doc = build_document(read_pdf(pdf)[0])
        (ref_source,) = read_source(_reference(pdf))
        ref = build_document(dataclasses.replace(ref_source, id=f"ref-{ref_source.id}"))
        out.append((doc, ref))
    return out


def _counts(doc: Document) -> tuple[int, int]:
    return (
        sum(c.kind == "preamble" for c in doc.clauses),
        sum(c.kind == "operative" for c in doc.clauses),
    )


def test_thirty_pdfs_are_there() -> None:
    """The comparison runs on all 30 official PDFs, each with its un-ga text."""
    assert len(PDFS) == 30
    assert all(_reference(pdf).is_file() for pdf in PDFS)


@pytest.mark.slow
def test_same_clause_counts(pairs: list[tuple[Document, Document]]) -> None:
    """Every PDF gives as many preambular and operative clauses as its un-ga text."""
    wrong = [
        (doc.id, _counts(doc), _counts(ref)) for doc, ref in pairs if _counts(doc) != _counts(ref)
    ]
    assert not wrong


@pytest.mark.slow
def test_counterparts_linked_verbatim_or_minor(pairs: list[tuple[Document, Document]]) -> None:
    """The aligner links at least 95% of each PDF's clauses verbatim or minor to the same
    clause (same id) of its un-ga text."""
    for doc, ref in pairs:
        analysis = analyse(Corpus(documents=tuple(sorted((doc, ref), key=lambda d: d.sort_key))))
        close = {
            frozenset((link.source, link.target))
            for link in analysis.links
            if link.relation in ("verbatim", "minor")
        }
        linked = sum(frozenset((c.uid, f"{ref.id}/{c.id}")) in close for c in doc.clauses)
        assert linked >= MIN_LINKED * len(doc.clauses), (doc.id, linked, len(doc.clauses))


@pytest.mark.slow
def test_counterparts_have_the_same_normalised_text(pairs: list[tuple[Document, Document]]) -> None:
    """Directly, without the aligner: at least 95% of the clauses of all PDFs have the
    normalised text of their counterpart, bar the other tool's slips."""
    same = total = 0
    for doc, ref in pairs:
        for ours, theirs in zip(doc.clauses, ref.clauses, strict=True):
            total += 1
            same += Indel.normalized_similarity(ours.norm, theirs.norm) >= SAME_TEXT
    assert same >= MIN_LINKED * total


@pytest.fixture(scope="module")
def neutrality(pairs: list[tuple[Document, Document]]) -> Document:
    """A/RES/79/274 "Permanent neutrality of Turkmenistan", read from its PDF."""
    return next(doc for doc, _ in pairs if doc.id == "a-res-79-274")


@pytest.mark.slow
def test_metadata_from_the_first_page(neutrality: Document) -> None:
    """A PDF carries no front matter: symbol, id, title and adoption date are the printed ones."""
    assert neutrality.symbol == "A/RES/79/274"
    assert neutrality.date == "2025-03-21"  # "Resolution adopted ... on 21 March 2025"
    assert neutrality.title == "Permanent neutrality of Turkmenistan"


@pytest.mark.slow
def test_page_furniture_is_not_text(neutrality: Document) -> None:
    """Running heads, page numbers, the job number and the barcode are dropped."""
    text = neutrality.text
    for furniture in (
        "*2504827*",
        "25-04827",
        "2/3",
        "3/3",
        "A/RES/79/274 Permanent neutrality of Turkmenistan",
    ):
        assert furniture not in text
    assert text.count("A/RES/79/274") == 1  # the letterhead's, not the running heads'


@pytest.mark.slow
def test_paragraph_cut_by_a_page_break_is_one_clause(neutrality: Document) -> None:
    """ "... in addressing conflict in Afghanistan by hosting" ends page 1; "inter-Afghan talks"
    starts page 2: one clause."""
    (clause,) = [c for c in neutrality.clauses if "by hosting" in c.text]
    assert "by hosting inter-Afghan talks and an international forum" in clause.text
    assert clause.text.endswith("dialogue on reconciliation,")


@pytest.mark.slow
def test_footnote_markers_and_notes(neutrality: Document) -> None:
    """The raised 6.5-point "1" after "12 December 2020," is a marker; its note is a note."""
    (clause,) = [c for c in neutrality.clauses if "Ashgabat outcome document" in c.text]
    assert clause.text.endswith("adopted on 12 December 2020,¹")
    assert "2020" in clause.norm.split() and "1" not in clause.norm.split()
    labels = {note.label: note.text for note in neutrality.notes}
    assert labels["1"] == "A/75/651-S/2020/1203, annex."
    assert labels["4"] == "See A/50/752-S/1995/1035, annex III."
    assert not any("A/75/651" in c.text for c in neutrality.clauses)
    assert any(
        # the footnote's symbol is the document the clause describes ("adopted on 12 December 2020")
        c.key == "outcome:2020-12-12"
        and c.text == "A/75/651-S/2020/1203"
        and c.clause == clause.uid
        for c in neutrality.citations
    )


# --- bad PDFs ---------------------------------------------------------------------------


def _no_text_ops_pdf(path: Path) -> Path:
    """A valid one-page PDF whose content stream only strokes a line: no text operators."""
    content = b"0 0 m 200 200 l S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(out)
    return path


def _scan_pdf(path: Path) -> Path:
    """An image-only PDF, as a scanner makes it (Pillow writes the page as one image)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).text((20, 20), "Recalling its resolution 50/80,", fill="black")
    image.save(path)
    return path


def _encrypted_pdf(path: Path) -> Path:
    """A real UN PDF encrypted with a user password."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=UN_PDF / "A_RES_78_21.pdf")
    writer.encrypt("secret")
    writer.write(path)
    return path


def _truncated_pdf(path: Path) -> Path:
    """A real UN PDF cut to a third, as an interrupted download leaves it."""
    raw = (UN_PDF / "A_RES_78_21.pdf").read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    return path


BAD = {
    "scan": (_scan_pdf, "no text layer", "run OCR"),
    "no-text-ops": (_no_text_ops_pdf, "no text layer", "run OCR"),
    "encrypted": (_encrypted_pdf, "encrypted", "unprotected copy"),
    "truncated": (_truncated_pdf, "not a readable PDF", "download the file again"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_pdf_is_an_input_error_naming_the_file(tmp_path: Path, kind: str) -> None:
    """Each bad PDF raises an InputError that names the file and says what to do."""
    make, problem, hint = BAD[kind]
    path = make(tmp_path / f"{kind}.pdf")
    with pytest.raises(InputError) as raised:
        read_pdf(path)
    assert raised.value.path == str(path)
    assert problem in raised.value.message
    assert hint in (raised.value.hint or "")


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_pdf_exits_2_with_one_line(tmp_path: Path, kind: str) -> None:
    """Through the CLI, a folder holding a bad PDF stops the run: exit 2, one line naming it."""
    texts = tmp_path / "texts"
    texts.mkdir()
    path = BAD[kind][0](texts / f"{kind}.pdf")
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", str(texts)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0]
    assert "Traceback" not in result.output


def test_scan_through_the_installed_command(tmp_path: Path) -> None:
    """As a subprocess: exit 2, one line on stderr naming the scan and saying to run OCR."""
    path = _scan_pdf(tmp_path / "scan.pdf")
    lineage = Path(sys.executable).with_name("lineage")
    run = subprocess.run(
        [str(lineage), "export", "--format", "json", "-o", "-", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    (line,) = run.stderr.strip().splitlines()
    assert str(path) in line and "OCR" in line
