"""Markdown in .txt/.md (`[50/80](#)`, `*Invites*`, the 75/28 seed) is shown as what it means:
link text and the emphasised words, on every page, in the terminal and in the JSON's texts,
and it is never a change in a diff."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from conftest import TEXTS
from lineage.cli import main

SYNTAX = ("](#)", "*Invites*", "[50/80]")
PLAIN = "1. Invites the Secretary-General to cooperate closely with neutral States;\n"
MARKED = "1. *Invites* the Secretary-General to cooperate closely with [neutral States](#);\n"


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_texts_show_what_the_markdown_means() -> None:
    """75/28: clause, note and citation texts without link or emphasis syntax."""
    (doc,) = [d for d in _json(str(TEXTS))["documents"] if d["id"] == "unga-res-75-28"]
    texts = [c["text"] for c in doc["clauses"]] + [n["text"] for n in doc["notes"]]
    texts += [c["text"] for c in doc["citations"]]
    assert not [t for t in texts if any(s in t for s in SYNTAX)]
    by_id = {c["id"]: c["text"] for c in doc["clauses"]}
    assert by_id["O1"].startswith("Invites the Secretary-General to cooperate closely")
    assert by_id["P1"].startswith("Recalling its resolutions 50/80 A of 12 December 1995, 69/285")
    assert "50/80 A of 12 December 1995" in {c["text"] for c in doc["citations"]}
    assert [n["text"] for n in doc["notes"]] == ["A/70/652-S/2016/20, annex."]


def test_no_page_shows_markdown_syntax(tmp_path: Path) -> None:
    """Every HTML page of the report of texts/ reads without `](#)` or `*Invites*`."""
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", str(TEXTS), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        body = etree.HTML(page.read_bytes()).find("body")
        text = "".join(body.itertext())
        assert not [s for s in SYNTAX if s in text], page.name


def test_terminal_diff_shows_no_markdown_syntax() -> None:
    """`lineage diff unga-res-75-28 unga-res-79-274` in the terminal: no link or emphasis
    syntax."""
    result = CliRunner().invoke(
        main, ["diff", "unga-res-75-28", "unga-res-79-274", str(TEXTS), "--no-color"]
    )
    assert result.exit_code == 0, result.output
    assert "Invites the Secretary-General" in result.output
    assert not [s for s in SYNTAX if s in result.output]


def test_markdown_is_never_a_change(tmp_path: Path) -> None:
    """The same paragraph with and without Markdown: a verbatim link, and no word marked
    inserted or deleted on their side-by-side page."""
    (tmp_path / "2024-01-01_plain.txt").write_text(
        f"The General Assembly,\n\n{PLAIN}", encoding="utf-8"
    )
    (tmp_path / "2024-02-01_marked.txt").write_text(
        f"The General Assembly,\n\n{MARKED}", encoding="utf-8"
    )
    links = _json(str(tmp_path))["links"]
    assert [(k["source"], k["target"], k["relation"]) for k in links] == [
        ("plain/O1", "marked/O1", "verbatim")
    ]
    page = tmp_path / "pair.html"
    result = CliRunner().invoke(
        main, ["diff", "plain", "marked", str(tmp_path), "--html", "-o", str(page)]
    )
    assert result.exit_code == 0, result.output
    tree = etree.HTML(page.read_bytes())
    marks = [e.text for e in tree.iter("ins", "del")]
    assert marks == [
        "deleted",
        "inserted",
    ]  # only the legend: "<del>deleted</del> ... <ins>inserted</ins>"
    assert "neutral States" in "".join(tree.find("body").itertext())
