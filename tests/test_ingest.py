"""Reading files and folders: front matter, names, formats, and bad input told clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, TEXTS
from lineage.corpus import load_corpus
from lineage.errors import InputError
from lineage.model import Clause, Corpus
from lineage.read import read_source
from lineage.read.source import name_metadata


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_front_matter_fields_and_text_after_it() -> None:
    """texts/ front matter gives the metadata; the text is the seed file byte for byte."""
    name = "2022-03-23_oic-cfm-res-64-48-pol.txt"
    [source] = read_source(TEXTS / name)
    assert (source.id, source.date, source.symbol) == (
        "oic-cfm-res-64-48-pol",
        "2022-03-23",
        "64/48-POL",
    )
    assert source.body == "OIC Council of Foreign Ministers, 48th session"
    assert source.title.startswith("On the role of a policy of neutrality")
    assert source.language == "en"
    assert source.text.encode("utf-8") == (SEEDS / name).read_bytes()
    front_lines = (TEXTS / name).read_text(encoding="utf-8").count("\n") - source.text.count("\n")
    assert source.line_offset == front_lines


def test_every_texts_file_matches_its_seed() -> None:
    """All four texts/ files keep the seed wording exactly after their front matter."""
    for seed in sorted(SEEDS.iterdir()):
        [source] = read_source(TEXTS / seed.name)
        assert source.text.encode("utf-8") == seed.read_bytes(), seed.name
        assert source.id == name_metadata(seed)[1]


def test_date_and_id_from_the_file_name() -> None:
    """Without front matter: date from the YYYY-MM-DD prefix, id from the rest of the name."""
    [source] = read_source(SEEDS / "2020-12-07_unga-res-75-28.txt")
    assert (source.date, source.id, source.title, source.line_offset) == (
        "2020-12-07",
        "unga-res-75-28",
        "",
        0,
    )
    assert name_metadata(Path("2024-10-24_unga-res-79-5.txt")) == ("2024-10-24", "unga-res-79-5")
    assert name_metadata(Path("draft.md")) == ("", "draft")


def test_front_matter_overrides_the_name(tmp_path: Path) -> None:
    """id and date in front matter win over the file name; a TOML date or a string both work."""
    path = _write(
        tmp_path, "2020-01-01_x.md", '+++\nid = "custom"\ndate = "2021-02-03"\n+++\nRecalling it,\n'
    )
    [source] = read_source(path)
    assert (source.id, source.date, source.text, source.line_offset) == (
        "custom",
        "2021-02-03",
        "Recalling it,\n",
        4,
    )


def test_not_utf8_names_line_and_byte(tmp_path: Path) -> None:
    """A cp1252 file is refused with the line, the byte and how to fix it."""
    path = _write(tmp_path, "2020-01-01_bad.txt", "Line one\nCaf\u00e9 line two\n".encode("cp1252"))
    with pytest.raises(InputError) as err:
        read_source(path)
    assert err.value.line == 2 and err.value.path == str(path)
    assert "0xe9" in str(err.value) and "UTF-8" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"   \n\n  \t"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    """An empty or blank file is refused, naming the file."""
    path = _write(tmp_path, "2020-01-01_empty.txt", data)
    with pytest.raises(InputError, match="empty") as err:
        read_source(path)
    assert err.value.path == str(path)


def test_binary_file(tmp_path: Path) -> None:
    """A file with NUL bytes is called binary, with the line of the first NUL."""
    path = _write(tmp_path, "2020-01-01_bin.txt", b"text\nmore\x00\x01\x02")
    with pytest.raises(InputError, match="binary") as err:
        read_source(path)
    assert err.value.line == 2


def test_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    """A UTF-16 file (a Windows export) is told apart from binary, with the fix."""
    path = _write(tmp_path, "2020-01-01_u16.txt", "Recalling it,\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16") as err:
        read_source(path)
    assert "UTF-8" in str(err.value)


def test_bad_id(tmp_path: Path) -> None:
    """An id that cannot be a file name or URL part is refused at its line."""
    path = _write(tmp_path, "2020-01-01_x.txt", '+++\ntitle = "t"\nid = "a b/c"\n+++\ntext\n')
    with pytest.raises(InputError, match="id") as err:
        read_source(path)
    assert err.value.line == 3


def test_bad_toml_gives_the_file_line(tmp_path: Path) -> None:
    """A TOML error points at the line of the file (the +++ line counted)."""
    path = _write(tmp_path, "2020-01-01_x.txt", '+++\nid = "x"\ntitle = "unclosed\n+++\ntext\n')
    with pytest.raises(InputError, match="TOML") as err:
        read_source(path)
    assert err.value.line == 3


def test_unclosed_front_matter(tmp_path: Path) -> None:
    """Front matter without its closing +++ line is an error at line 1."""
    path = _write(tmp_path, "2020-01-01_x.txt", '+++\nid = "x"\nRecalling it,\n')
    with pytest.raises(InputError, match="not closed") as err:
        read_source(path)
    assert err.value.line == 1


def test_no_date_anywhere(tmp_path: Path) -> None:
    """No date in front matter nor in the name: the error says both ways to give one."""
    path = _write(tmp_path, "draft.txt", "Recalling it,\n")
    with pytest.raises(InputError, match="no date") as err:
        read_source(path)
    assert "YYYY-MM-DD" in str(err.value)


def test_bad_field_types(tmp_path: Path) -> None:
    """A date that is not a date, or a title that is not a string, is named with its line."""
    path = _write(tmp_path, "x.txt", '+++\ntitle = "t"\ndate = "next week"\n+++\ntext\n')
    with pytest.raises(InputError, match="date") as err:
        read_source(path)
    assert err.value.line == 3
    path = _write(tmp_path, "y.txt", "+++\ntitle = 5\ndate = 2020-01-01\n+++\ntext\n")
    with pytest.raises(InputError, match="title"):
        read_source(path)


def test_unknown_suffix(tmp_path: Path) -> None:
    """Only .txt, .md, .html, .htm and .xml are read."""
    path = _write(tmp_path, "2020-01-01_x.pdf", "%PDF")
    with pytest.raises(InputError, match=r"\.pdf"):
        read_source(path)


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    """A UTF-8 BOM is dropped, so front matter after it is still read."""
    path = _write(tmp_path, "x.txt", "\ufeff+++\ndate = 2020-01-01\n+++\nRecalling it,\n")
    assert [s.text for s in read_source(path)] == ["Recalling it,\n"]


def test_html_page(tmp_path: Path) -> None:
    """An HTML page: visible paragraphs, numbered list items, scripts and chrome dropped."""
    page = """<!DOCTYPE html><html lang="en"><head><title>Test resolution</title>
<meta name="date" content="2021-05-01"><meta name="symbol" content="A/RES/99/1">
<script>alert("x")</script></head><body><nav>Home | News</nav>
<h1>99/1. Test resolution</h1><p>The General Assembly,</p>
<p><i>Recalling</i> its resolution 50/80 A of 12 December 1995,<sup>1</sup></p>
<ol><li><em>Decides</em> to act;</li><li>Requests a <b>report</b>.</li></ol>
<footer>Copyright</footer></body></html>"""
    [source] = read_source(_write(tmp_path, "page.html", page))
    assert (source.id, source.date, source.title, source.symbol) == (
        "page",
        "2021-05-01",
        "Test resolution",
        "A/RES/99/1",
    )
    assert source.text == (
        "99/1. Test resolution\n\nThe General Assembly,\n\nRecalling its "
        "resolution 50/80 A of 12 December 1995,\u00b9\n\n1. Decides to act;"
        "\n\n2. Requests a report.\n"
    )
    assert "alert" not in source.text and "Home" not in source.text


def test_akoma_ntoso(tmp_path: Path) -> None:
    """Akoma Ntoso: date, title and number from metadata; recitals and numbered paragraphs."""
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="res">
<meta><identification source="#x"><FRBRWork><FRBRthis value="/x"/>
<FRBRdate date="2022-01-05" name="adoption"/></FRBRWork></identification></meta>
<preface><p><docNumber>A/RES/76/999</docNumber></p><p><docTitle>Test AKN</docTitle></p></preface>
<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula>
<recital><p>Recalling its resolution 75/28,<authorialNote marker="1"><p>See A/70/652.</p>
</authorialNote></p></recital></preamble>
<mainBody><paragraph><num>1.</num><content><p>Decides to act.</p></content></paragraph>
</mainBody></statement></akomaNtoso>"""
    [source] = read_source(_write(tmp_path, "akn.xml", xml))
    assert (source.date, source.title, source.symbol) == ("2022-01-05", "Test AKN", "A/RES/76/999")
    assert "Recalling its resolution 75/28,\u00b9\n\n1. Decides to act." in source.text
    assert source.text.endswith("1 See A/70/652.\n")


def test_broken_xml(tmp_path: Path) -> None:
    """Malformed XML is an InputError with its line."""
    path = _write(tmp_path, "2020-01-01_x.xml", "<akomaNtoso>\n<preamble>\n</akomaNtoso>")
    with pytest.raises(InputError, match="XML") as err:
        read_source(path)
    assert err.value.line == 3


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    """Two files giving the same id in front matter: an error naming both files."""
    for name in ("a.txt", "b.txt"):
        _write(tmp_path, name, '+++\nid = "same"\ndate = 2020-01-01\n+++\nRecalling it,\n')
    with pytest.raises(InputError, match="duplicate") as err:
        load_corpus([tmp_path])
    message = str(err.value)
    assert "a.txt" in message and "b.txt" in message


def test_folder_without_texts(tmp_path: Path) -> None:
    """An empty folder (or one holding only a README) is an error saying what to add."""
    (tmp_path / "README.md").write_text("# notes\n")
    with pytest.raises(InputError, match="no texts") as err:
        load_corpus([tmp_path])
    assert err.value.path == str(tmp_path)


def test_missing_path() -> None:
    """A path that does not exist is an error naming it."""
    with pytest.raises(InputError, match="no such file"):
        load_corpus([Path("/nonexistent/texts")])


def _clause_words(clause: Clause) -> int:
    return len(clause.norm.split())


@pytest.mark.slow
def test_huge_clause_is_read(tmp_path: Path) -> None:
    """A 5 MB single paragraph is one clause, read without crashing (linear work)."""
    body = "Recalling " + "the policy of neutrality of \u0430 State, Nations,2 and " * 120_000
    path = tmp_path / "2020-01-01_huge.txt"
    path.write_text(f"The General Assembly,\n\n{body}\n\n1. Decides to act.\n", encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    corpus = load_corpus([path])
    clauses = corpus.documents[0].clauses
    assert [c.id for c in clauses] == ["P1", "O1"]
    assert _clause_words(clauses[0]) == 1 + 9 * 120_000


def test_windows_line_endings_give_the_same_clauses(tmp_path: Path, texts_corpus: Corpus) -> None:
    """CRLF copies of texts/ (front matter included) give the same clause texts and norms."""
    for text in TEXTS.glob("*.txt"):
        data = text.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        (tmp_path / text.name).write_bytes(data)
    crlf = load_corpus([tmp_path])
    assert [(d.id, d.date, d.symbol) for d in crlf.documents] == [
        (d.id, d.date, d.symbol) for d in texts_corpus.documents
    ]
    for a, b in zip(crlf.documents, texts_corpus.documents, strict=True):
        assert [(c.id, c.label, c.text, c.norm) for c in a.clauses] == [
            (c.id, c.label, c.text, c.norm) for c in b.clauses
        ]


def test_markdown_document(tmp_path: Path) -> None:
    """A .md text with a heading title, emphasis and list bullets."""
    (tmp_path / "2026-01-05_draft.md").write_text(
        "# Permanent neutrality of Turkmenistan\n\n*The General Assembly*,\n\n"
        "*Recalling* its resolution [79/274](#) of 21 March 2025,\n\n"
        "- *Reiterates* its support;\n- *Decides* to remain seized of the matter.\n",
        encoding="utf-8",
    )
    doc = load_corpus([tmp_path]).documents[0]
    assert doc.title == "Permanent neutrality of Turkmenistan"
    assert [(c.id, c.label, c.norm) for c in doc.clauses] == [
        ("P1", "", "recalling its resolution 79/274 of 21 march 2025"),
        ("O1", "-", "reiterates its support"),
        ("O2", "-", "decides to remain seized of the matter"),
    ]
    assert [c.key for c in doc.citations] == ["res:79/274"]


def test_hostile_text_is_only_text(tmp_path: Path) -> None:
    """HTML or script inside a .txt document is kept as characters of a clause, nothing more."""
    (tmp_path / "2026-01-05_x.txt").write_text(
        "The General Assembly,\n\nRecalling <script>alert('x')</script> its work,\n",
        encoding="utf-8",
    )
    clause = load_corpus([tmp_path]).documents[0].clauses[0]
    assert clause.text == "Recalling <script>alert('x')</script> its work,"
