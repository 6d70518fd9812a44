"""Control characters are neutralised in every text output (safe_text, used by all).

A hostile draft of 79/274 carries terminal escapes (clear screen, retitle the window, bell)
in a clause and in its title, a right-to-left override, raw C0/C1 controls and a
non-character, and an operative paragraph that reads as a GitHub workflow command; its file
name holds a newline and a forged `::error`. Every output must show these, never obey them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from lineage.safe_text import for_markup, for_terminal, github_data, github_property
from safety_support import TEXTS, lineage

SEED = TEXTS / "2025-03-21_unga-res-79-274.txt"
ESCAPES = "\x1b[2J\x1b]0;owned\x07"
RAW = "\x01\x08\x0b\x7f\x85\x9b\ufffe"
RLO = "\u202e"
FORGED = "::error file=texts/a.txt,line=1::forged annotation"
#: What may never reach a terminal or log raw (TAB and the line breaks lineage writes aside).
TERMINAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: What XML 1.0 forbids, plus the bidi controls that must be isolated or shown.
MARKUP_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")  # lineage's own colours under --color


def _hostile_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = ".*"$', 'id = "unga-res-80-666"', text, count=1)
    text = re.sub(r"(?m)^date = .*$", "date = 2026-03-20", text, count=1)
    title = 'title = "Neutrality \\u001b[2J\\u202e title"'  # TOML escapes: ESC, RLO
    text = re.sub(r'(?m)^title = ".*"$', lambda m: title, text, count=1)
    text = text.replace(
        "Reiterates its strong support", f"Reiterates its {ESCAPES}strong {RLO}support{RAW}", 1
    )
    return text.rstrip("\n") + f"\n- {FORGED}\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """texts/ plus the hostile draft saved under a name with a newline and a forged command."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    (tmp_path / "draft\n::error file=x.txt::forged,name.txt").write_text(
        _hostile_text(), encoding="utf-8"
    )
    return tmp_path


def _draft(work: Path) -> Path:
    (path,) = [p for p in work.iterdir() if p.name.startswith("draft")]
    return path


def _assert_terminal_safe(text: str) -> None:
    assert not TERMINAL_BAD.search(SGR.sub("", text)), repr(TERMINAL_BAD.search(text))
    assert "\u241b" in text  # ESC shown as its control picture
    for line in text.splitlines():
        assert not line.lstrip().startswith(("::", "##[")), line


@pytest.mark.parametrize("colour", ["--no-color", "--color"])
def test_diff_shows_escapes_never_sends_them(colour: str, work: Path) -> None:
    """`diff` of the hostile draft: no raw control character (only lineage's own colour
    codes with --color), ESC shown as ␛, no line a CI runner would take for a command
    (before: the escapes reached the terminal even with --no-color)."""
    result = lineage(
        "diff", "unga-res-79-274", str(_draft(work)), str(work / "texts"), colour, cwd=work
    )
    assert result.returncode == 0, result.stderr
    _assert_terminal_safe(result.stdout)
    assert "<U+202E>" in result.stdout and "<U+009B>" in result.stdout


def test_check_text_shows_escapes_and_forges_no_line(work: Path) -> None:
    """`check --format text`: the file name's newline cannot start a forged line, the
    protect text's escapes are shown, not sent."""
    result = lineage(
        "check",
        str(_draft(work)),
        "--against",
        str(work / "texts"),
        "--protect-verbatim",
        f"Reiterates its {ESCAPES} firm\nsupport",
        "--no-color",
        cwd=work,
    )
    assert result.returncode == 1, result.stderr
    _assert_terminal_safe(result.stdout)
    assert "draft\u240a::error" in result.stdout


def _unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def test_github_annotations_cannot_be_forged(work: Path) -> None:
    """`--format github` with a newline, `%`, `:` and `,` in the file name and protect text:
    exactly one `::error` line per violation, whose three properties read back (GitHub's
    unescaping) as the real path, line and title; nothing else starts with `::`."""
    protect = "Reiterates its strong support 100%0A\n::error file=y.txt::forged, too"
    args = (
        "check",
        str(_draft(work)),
        "--against",
        str(work / "texts"),
        "--protect-verbatim",
        protect,
    )
    count = sum(
        len(r["violations"])
        for r in json.loads(lineage(*args, "--format", "json", cwd=work).stdout)["rules"]
    )
    result = lineage(*args, "--format", "github", cwd=work)
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    errors = [line for line in commands if line.startswith("::error ")]
    assert count >= 1 and len(errors) == count, result.stdout
    for line in commands:  # errors, and notices for the amended clauses
        assert line.startswith(("::error ", "::notice ")), line
        head, _, message = line.split(" ", 1)[1].partition("::")
        props = dict(part.split("=", 1) for part in head.split(","))
        assert sorted(props) == ["file", "line", "title"]
        assert _unescape(props["file"]) == str(_draft(work))
        assert not TERMINAL_BAD.search(_unescape(message).replace("\n", ""))


def _pages(folder: Path) -> list[Path]:
    pages = sorted(folder.rglob("*.html"))
    assert pages
    return pages


def test_report_pages_are_well_formed_and_show_bidi_overrides(work: Path) -> None:
    """Every page of a report holding the hostile draft parses as strict XML 1.0 and as
    HTML, holds no raw control character or bidi override, and shows them as `<U+202E>`
    (before: raw controls made pages ill-formed, the override reordered the clause)."""
    corpus = work / "texts"
    shutil.move(_draft(work), corpus / "2026-03-20_unga-res-80-666.txt")
    result = lineage("report", str(corpus), "-o", str(work / "out"), cwd=work)
    assert result.returncode == 0, result.stderr
    shown = 0
    for page in _pages(work / "out"):
        raw = page.read_bytes()
        etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
        etree.fromstring(raw, etree.HTMLParser())
        text = raw.decode("utf-8")
        assert not MARKUP_BAD.search(text), (page, repr(MARKUP_BAD.search(text)))
        shown += "&lt;U+202E&gt;" in text
    assert shown >= 2  # the document page and the family and pair pages show it


def test_single_diff_page_is_well_formed(work: Path) -> None:
    """`diff --html` (one self-contained page) likewise."""
    out = work / "pair.html"
    result = lineage(
        "diff",
        "unga-res-79-274",
        str(_draft(work)),
        str(work / "texts"),
        "--html",
        "-o",
        str(out),
        cwd=work,
    )
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    assert not MARKUP_BAD.search(raw.decode("utf-8"))


def test_junit_with_control_characters_is_valid_xml(work: Path) -> None:
    """`--format junit` with controls in the clause, protect text and file name: exit 1 (the
    policy is broken), not 3, and the file is well-formed XML 1.0 (before: exit 3)."""
    out = work / "junit.xml"
    result = lineage(
        "check",
        str(_draft(work)),
        "--against",
        str(work / "texts"),
        "--protect-verbatim",
        f"Reiterates {ESCAPES}{RAW}",
        "--format",
        "junit",
        "-o",
        str(out),
        cwd=work,
    )
    assert result.returncode == 1, result.stderr
    raw = out.read_bytes()
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False))
    assert root.tag == "testsuites" and not MARKUP_BAD.search(raw.decode("utf-8"))


@given(st.text())
def test_stand_ins_are_total_and_safe(text: str) -> None:
    """Any text, through each helper, comes out free of what its output forbids, and text
    without such characters comes out unchanged."""
    assert not TERMINAL_BAD.search(for_terminal(text).replace("\n", ""))
    assert not MARKUP_BAD.search(for_markup(text))
    assert "\n" not in github_data(text) and "\r" not in github_data(text)
    assert not re.search("[:,\n\r]", github_property(text))
    if not TERMINAL_BAD.search(text) and "\n" not in text:
        assert for_terminal(text) == text
