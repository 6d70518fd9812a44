"""Inputs that used to give silently wrong results or the wrong exit code (issue 14, 7-10).

Pair pages and TEI witnesses one per pair and per document whatever the ids; front matter
read as written (`+++ ` with spaces) and checked (unknown keys); paragraph numbers past 999;
reviews and policies with a BOM or a malformed `link`; empty protect texts; ids too long for
a file name.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from lineage.clean.segment import segment
from lineage.report.html.model import pair_href
from lineage.report.tei import witness_id
from safety_support import TEXTS, copy_texts, lineage, one_error_line

ID_CHARS = string.ascii_letters + string.digits + "._-"
ids = st.text(ID_CHARS, min_size=1, max_size=12).filter(lambda s: s[0].isalnum())
PARAGRAPH = "Requests the Secretary-General to report on item {n} at its session;"


def _doc(folder: Path, doc_id: str, date: str, body: str, extra: str = "") -> Path:
    path = folder / f"{date}_{doc_id}.txt"
    path.write_text(f'+++\nid = "{doc_id}"\ndate = {date}\n{extra}+++\n{body}', encoding="utf-8")
    return path


BODY = (
    "The General Assembly,\n\nRecalling its resolution 50/80 of 12 December 1995,\n\n"
    "1. Reaffirms its strong support for the status of permanent neutrality;\n"
)


@given(ids, ids, ids, ids)
@example("a--b", "c", "a", "b--c")
@example("x-", "y", "x", "-y")
def test_pair_page_names_are_one_to_one(a: str, b: str, c: str, d: str) -> None:
    """Two different pairs of ids never share a page name (before: `a--b`+`c` and `a`+`b--c`
    were both pairs/a--b--c.html)."""
    if (a, b) != (c, d):
        assert pair_href(a, b) != pair_href(c, d)


def test_pairs_with_dashed_ids_get_their_own_pages(tmp_path: Path) -> None:
    """A report asked for both pairs writes two pages, each naming its own documents."""
    corpus = tmp_path / "texts"
    corpus.mkdir()
    for n, doc_id in enumerate(["a--b", "c", "a", "b--c"]):
        _doc(corpus, doc_id, f"202{n}-01-01", BODY)
    result = lineage(
        "report",
        str(corpus),
        "-o",
        str(tmp_path / "out"),
        "--pair",
        "a--b",
        "c",
        "--pair",
        "a",
        "b--c",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    first = (tmp_path / "out" / pair_href("a--b", "c")).read_text(encoding="utf-8")
    second = (tmp_path / "out" / pair_href("a", "b--c")).read_text(encoding="utf-8")
    assert "b--c" not in first and "a--b" not in second


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
@example("1abc", "w_1abc")
@example("75/28", "75_28")
def test_witness_ids_are_one_to_one_ncnames(a: str, b: str) -> None:
    """Distinct document ids give distinct xml:ids, each a valid NCName start."""
    wa, wb = witness_id(a), witness_id(b)
    assert (wa == wb) == (a == b)
    assert wa[0].isalpha() or wa[0] == "_"


def test_front_matter_opening_with_trailing_spaces(tmp_path: Path) -> None:
    """`+++ ` (spaces after it) opens front matter like `+++`: the id and date come from it
    (before: the whole block was read as the document's text)."""
    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "draft.txt").write_text(
        f'+++  \t\nid = "from-front"\ndate = 2021-05-05\n+++ \n{BODY}', encoding="utf-8"
    )
    result = lineage("export", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (doc,) = json.loads(result.stdout)["documents"]
    assert (doc["id"], doc["date"]) == ("from-front", "2021-05-05")
    assert "+++" not in " ".join(c["text"] for c in doc["clauses"])


def test_unknown_front_matter_key_is_an_error(tmp_path: Path) -> None:
    """A misspelt key (`titel`) is exit 2 naming the key, the file and its line (before: it
    was ignored and the document had no title)."""
    corpus = tmp_path / "texts"
    corpus.mkdir()
    path = _doc(corpus, "doc", "2021-01-01", BODY, extra='titel = "Neutrality"\n')
    one_error_line(lineage("export", str(corpus), cwd=tmp_path), f"{path}:4:", "'titel'")


def _numbered(count: int, blank: bool) -> str:
    sep = "\n\n" if blank else "\n"
    return "The General Assembly,\n\n" + sep.join(
        f"{n}. " + PARAGRAPH.format(n=n) for n in range(1, count + 1)
    )


def test_paragraph_numbers_past_999_start_clauses() -> None:
    """Paragraphs 1000, 1001, 1002 are clauses of their own, with or without blank lines
    between paragraphs (before: they were glued to paragraph 999)."""
    for blank in (True, False):
        clauses = segment(_numbered(1002, blank), "long").clauses
        assert [c.label for c in clauses[-4:]] == ["999.", "1000.", "1001.", "1002."]
        assert len(clauses) == 1002
        assert clauses[-1].text.endswith("item 1002 at its session;")


def test_a_year_at_the_start_of_a_line_is_no_paragraph_number() -> None:
    """A line starting "2015." in the middle of paragraph 3 stays part of it."""
    text = (
        "The General Assembly,\n\n1. Recalls the outcome of the conference held in\n"
        "2015. It was attended widely;\n\n2. Decides to continue;\n"
    )
    assert [c.label for c in segment(text, "doc").clauses] == ["1.", "2."]


def test_reviews_link_that_is_not_a_table(tmp_path: Path) -> None:
    """`link = [5]` in reviews.toml: exit 2 naming the file and line 1 (before: exit 3)."""
    corpus = copy_texts(tmp_path)
    (corpus / "reviews.toml").write_text("link = [5]\n", encoding="utf-8")
    one_error_line(lineage("export", str(corpus), cwd=tmp_path), "reviews.toml:1:", "link")


def test_empty_protect_text_is_a_usage_error(tmp_path: Path) -> None:
    """`--protect ''` (or blank) is exit 2 saying so (before: exit 1, a rule naming all)."""
    seed = TEXTS / "2025-03-21_unga-res-79-274.txt"
    for option, value in (("--protect", ""), ("--protect-verbatim", "  ")):
        result = lineage("check", str(seed), "--against", str(TEXTS), option, value, cwd=tmp_path)
        assert result.returncode == 2, result
        assert option in result.stderr and "Traceback" not in result.stderr


def test_policy_and_reviews_with_a_bom(tmp_path: Path) -> None:
    """A UTF-8 BOM at the start of lineage.toml or reviews.toml is read like any UTF-8
    (before: exit 2, "not valid TOML"); the reviewer's decision is honoured."""
    corpus = copy_texts(tmp_path)
    export = json.loads(lineage("export", str(corpus), cwd=tmp_path).stdout)
    link = export["links"][0]
    (corpus / "reviews.toml").write_bytes(
        b"\xef\xbb\xbf[[link]]\n"
        + f'source = "{link["source"]}"\ntarget = "{link["target"]}"\n'
        'decision = "reject"\n'.encode()
    )
    result = lineage("export", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (link["source"], link["target"]) not in {
        (k["source"], k["target"]) for k in json.loads(result.stdout)["links"]
    }
    policy = tmp_path / "lineage.toml"
    policy.write_bytes(b"\xef\xbb\xbf[limits]\nmax_dropped = 100\n")
    seed = corpus / "2025-03-21_unga-res-79-274.txt"
    result = lineage(
        "check",
        str(seed),
        "--against",
        str(corpus),
        "--policy",
        str(policy),
        "--no-cache",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_ids_too_long_for_a_file_name_get_hashed_page_names(tmp_path: Path) -> None:
    """Two documents with 200-character ids: the report is written (before: the pair page,
    a name of 400+ bytes, failed at write time), every file name fits in 255 bytes, and the
    two documents keep two pages."""
    corpus = tmp_path / "texts"
    corpus.mkdir()
    long_a, long_b = "a" * 199 + "1", "a" * 199 + "2"
    for doc_id, date in ((long_a, "2020-01-01"), (long_b, "2021-01-01")):
        (corpus / f"{date}_{doc_id[-1]}.txt").write_text(
            f'+++\nid = "{doc_id}"\n+++\n{BODY}', encoding="utf-8"
        )
    result = lineage("report", str(corpus), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = [p.name for p in (tmp_path / "out").rglob("*")]
    assert max(len(os.fsencode(n)) for n in names) <= 255
    assert len(list((tmp_path / "out" / "documents").glob("*.html"))) == 2
    assert len(list((tmp_path / "out" / "pairs").glob("*.html"))) == 1
