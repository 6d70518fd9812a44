"""Metadata without editing files: catalog.toml beside the texts, ids from printed symbols,
dates from printed adoption lines; `lineage report texts/ shared/corpus/` runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, TEXTS
from lineage.cli import main
from lineage.corpus import load_corpus
from lineage.errors import InputError

NEUTRALITY = "2025-03-21_unga-res-79-274.txt"  # A/RES/79/274 as extracted from its PDF


def _export(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", *map(str, paths)])
    return result.exit_code, result.output


def test_id_from_the_printed_symbol_beats_the_file_name(tmp_path: Path) -> None:
    """`2025-03-21_unga-res-79-274.txt` prints A/RES/79/274 at its head: id a-res-79-274."""
    shutil.copy(CORPUS / NEUTRALITY, tmp_path)
    (doc,) = load_corpus([tmp_path]).documents
    assert doc.id == "a-res-79-274"
    assert doc.date == "2025-03-21"


def test_date_from_the_printed_adoption_line(tmp_path: Path) -> None:
    """Without a date in the name or metadata: "Resolution adopted by the General Assembly on
    21 March 2025" dates it (not the distribution date, 25 March 2025)."""
    shutil.copy(CORPUS / NEUTRALITY, tmp_path / "neutrality.txt")
    (doc,) = load_corpus([tmp_path]).documents
    assert doc.date == "2025-03-21"


def test_report_of_texts_and_the_shared_corpus_runs(tmp_path: Path) -> None:
    """The seeds' copy of 79/274 keeps its front-matter id, the corpus copy takes its printed
    symbol's: two documents, no clash, and the two copies are linked clause for clause."""
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", str(TEXTS), str(CORPUS), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "documents" / "unga-res-79-274.html").is_file()
    assert (out / "documents" / "a-res-79-274.html").is_file()
    code, output = _export(TEXTS, CORPUS)
    assert code == 0
    links = {(ln["source"], ln["target"]) for ln in json.loads(output)["links"]}
    assert ("a-res-79-274/P1", "unga-res-79-274/P1") in links or (
        "unga-res-79-274/P1",
        "a-res-79-274/P1",
    ) in links


def test_two_copies_of_one_resolution_are_a_clear_error_fixed_by_the_catalog(
    tmp_path: Path,
) -> None:
    """Two copies printing the same symbol: one line naming both and how to fix it in the
    catalog; a catalog giving one of them another id ends the clash."""
    shutil.copy(CORPUS / NEUTRALITY, tmp_path / "official.txt")
    shutil.copy(CORPUS / NEUTRALITY, tmp_path / "copy.txt")
    code, output = _export(tmp_path)
    assert code == 2
    (line,) = [ln for ln in output.splitlines() if ln.strip()]
    assert "duplicate document id 'a-res-79-274'" in line and "catalog.toml" in line
    assert "copy.txt" in line and "official.txt" in line
    (tmp_path / "catalog.toml").write_text(
        '["copy.txt"]\nid = "neutrality-copy"\nseries = "neutrality"\n', encoding="utf-8"
    )
    code, output = _export(tmp_path)
    assert code == 0, output
    docs = {d["id"]: d for d in json.loads(output)["documents"]}
    assert set(docs) == {"a-res-79-274", "neutrality-copy"}
    # two editions of one text (one symbol): one series, named as the catalog names it
    assert docs["neutrality-copy"]["series"] == "neutrality"
    assert docs["a-res-79-274"]["series"] == "neutrality"
    assert docs["neutrality-copy"]["previous"] == "a-res-79-274"


def test_catalog_gives_every_field(tmp_path: Path) -> None:
    """A table per file name gives id, title, symbol, date, body, language and series."""
    (tmp_path / "note.txt").write_text(
        "The General Assembly,\n\nRecalling its resolution 50/80,\n\n1. Decides to act.\n",
        encoding="utf-8",
    )
    (tmp_path / "catalog.toml").write_text(
        "# metadata for files without front matter\n"
        '["note.txt"]\n'
        'id = "draft-1"\ntitle = "A draft"\nsymbol = "A/80/L.1"\ndate = 2026-01-15\n'
        'body = "UN General Assembly"\nlanguage = "en"\nseries = "neutrality"\n',
        encoding="utf-8",
    )
    (doc,) = load_corpus([tmp_path]).documents
    assert (doc.id, doc.title, doc.symbol, doc.date, doc.body, doc.language, doc.series) == (
        "draft-1",
        "A draft",
        "A/80/L.1",
        "2026-01-15",
        "UN General Assembly",
        "en",
        "neutrality",
    )


BAD_CATALOGS = {
    "unknown key": ('["note.txt"]\nid = "x"\nauthor = "me"\n', 3, "unknown key `author`"),
    "bad toml": ('["note.txt"]\nid = x\n', 2, "not valid TOML"),
    "wrong type": ('["note.txt"]\n\ndate = "15 January"\n', 3, "`date` must be a date"),
    "missing file": ('["note.txt"]\nid = "x"\n\n["gone.pdf"]\nid = "y"\n', 4, "'gone.pdf'"),
    "not a table": ('title = "x"\n', 1, "must be a table"),
}


@pytest.mark.parametrize("case", sorted(BAD_CATALOGS))
def test_catalog_errors_name_the_catalog_and_the_line(tmp_path: Path, case: str) -> None:
    """Each bad catalog stops the run: exit 2, one line `catalog.toml:<line>: ...`."""
    text, line, message = BAD_CATALOGS[case]
    (tmp_path / "note.txt").write_text("2024-01-01 text\n\nRecalling it,\n", encoding="utf-8")
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_corpus([tmp_path])
    assert (raised.value.path, raised.value.line) == (str(catalog), line)
    assert message in raised.value.message
    code, output = _export(tmp_path)
    assert code == 2
    (out_line,) = [ln for ln in output.splitlines() if ln.strip()]
    assert f"{catalog}:{line}:" in out_line
