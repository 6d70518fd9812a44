"""`lineage check` end to end: real texts, real policy files, the CLI as a subprocess.

The new texts are edits of texts/2025-03-21_unga-res-79-274.txt made here by hand, with a new
id and a 2026 date, checked against a copy of texts/: its base must be unga-res-79-274.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from conftest import CORPUS, ROOT, TEXTS

SEED = TEXTS / "2025-03-21_unga-res-79-274.txt"
PROTECTED = (
    "Reiterates its strong support for the status of permanent neutrality declared by Turkmenistan"
)
REWORDED = (
    "Reiterates its firm support for the status of permanent neutrality proclaimed by Turkmenistan"
)
#: The JUnit XML schema as CI servers read it (Jenkins' junit-10.xsd, the parts lineage uses;
#: a report with other elements or without the required attributes does not validate).
JUNIT_XSD = b"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:element name="failure">
    <xs:complexType mixed="true">
      <xs:attribute name="type" type="xs:string"/>
      <xs:attribute name="message" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="properties">
    <xs:complexType><xs:sequence>
      <xs:element name="property" maxOccurs="unbounded">
        <xs:complexType>
          <xs:attribute name="name" type="xs:string" use="required"/>
          <xs:attribute name="value" type="xs:string" use="required"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence></xs:complexType>
  </xs:element>
  <xs:element name="testcase">
    <xs:complexType><xs:sequence>
      <xs:element name="skipped" minOccurs="0">
        <xs:complexType mixed="true">
          <xs:attribute name="message" type="xs:string"/>
        </xs:complexType>
      </xs:element>
      <xs:element ref="failure" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="classname" type="xs:string" use="required"/>
      <xs:attribute name="time" type="xs:decimal"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuite">
    <xs:complexType><xs:sequence>
      <xs:element ref="properties" minOccurs="0"/>
      <xs:element ref="testcase" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
    </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="xs:nonNegativeInteger" use="required"/>
      <xs:attribute name="failures" type="xs:nonNegativeInteger"/>
      <xs:attribute name="errors" type="xs:nonNegativeInteger"/>
      <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
      <xs:attribute name="time" type="xs:decimal"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuites">
    <xs:complexType><xs:sequence>
      <xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
      <xs:attribute name="name" type="xs:string"/>
      <xs:attribute name="tests" type="xs:nonNegativeInteger"/>
      <xs:attribute name="failures" type="xs:nonNegativeInteger"/>
      <xs:attribute name="errors" type="xs:nonNegativeInteger"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI as CI runs it: a separate process, not a terminal, CI set."""
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true", **(env or {})}
    full.pop("LINEAGE_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )


def draft(
    tmp_path: Path,
    edit=lambda body: body,
    name: str = "2026-draft.txt",
    doc_id: str = "unga-res-80-999",
    date: str = "2026-03-20",
) -> Path:
    """A new version of 79/274 (same front matter keys, new id and date), edited by hand."""
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = ".*"$', f'id = "{doc_id}"', text, count=1)
    text = re.sub(r"(?m)^date = .*$", f"date = {date}", text, count=1)
    head, sep, body = text.partition("+++\n")[2].partition("+++\n")
    path = tmp_path / name
    path.write_text("+++\n" + head + sep + edit(body), encoding="utf-8")
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A working folder with a copy of texts/ and a policy protecting the neutrality clause."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    return tmp_path


def policy(folder: Path, rule: str, text: str = PROTECTED, limits: str = "") -> Path:
    path = folder / f"policy-{rule}.toml"
    path.write_text(f'{limits}\n[[protect]]\ntext = "{text}"\nrule = "{rule}"\n', encoding="utf-8")
    return path


def line_of(path: Path, words: str) -> int:
    """1-based line of the file where words stand (read by the test, not by lineage)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if words in line:
            return number
    raise AssertionError(words)


def test_deleting_the_protected_clause_fails(work: Path) -> None:
    """A new text without the neutrality clause breaks a policy protecting it: exit 1, and
    the report names the base clause, says it was dropped and shows its words deleted."""
    new = draft(work, lambda body: body.replace(f"- {PROTECTED};\n", ""))
    assert PROTECTED not in new.read_text(encoding="utf-8")
    result = run("check", str(new), "--policy", str(policy(work, "survive")), cwd=work)
    assert result.returncode == 1, result.stderr
    assert "against unga-res-79-274" in result.stdout
    assert re.search(r"FAIL protect text .*\(survive\)", result.stdout)
    # The first operative paragraph of 79/274 (a "- " bullet, so no printed label).
    assert "protected clause unga-res-79-274/O1 was dropped" in result.stdout
    assert f"[-{PROTECTED};-]" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("policy broken: 1 violation")


def test_punctuation_only_changes_pass(work: Path) -> None:
    """Quotes straightened, operative paragraphs ended with '.' and a comma added inside the
    protected clause: every rule holds, verbatim included, and nothing counts as changed."""

    def edit(body: str) -> str:
        body = body.replace("“", '"').replace("”", '"')
        body = re.sub(r"(?m)^(- .*);$", r"\1.", body)
        return body.replace("strong support for the status", "strong support, for the status")

    new = draft(work, edit)
    assert "support, for" in new.read_text(encoding="utf-8")
    limits = "[limits]\nmax_dropped = 0\nmax_new = 0\nmax_rewritten = 0\n"
    for rule in ("survive", "verbatim"):
        result = run(
            "check",
            str(new),
            "--policy",
            str(policy(work, rule, limits=limits)),
            "--format",
            "json",
            cwd=work,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        data = json.loads(result.stdout)
        assert data["holds"] is True and data["base"] == "unga-res-79-274"
        assert (data["dropped"], data["new_clauses"], data["rewritten"]) == ([], [], [])


def test_reworded_clause_fails_verbatim_passes_survive(work: Path) -> None:
    """Two words of the protected clause replaced: a verbatim rule is broken (exit 1, with the
    relation found and the word diff), a survive rule holds (exit 0)."""
    new = draft(work, lambda body: body.replace(PROTECTED, REWORDED))
    verbatim = run("check", str(new), "--policy", str(policy(work, "verbatim")), cwd=work)
    assert verbatim.returncode == 1, verbatim.stderr
    assert re.search(
        r"is only (minor|major) in unga-res-80-999/\w+; the rule wants verbatim", verbatim.stdout
    )
    assert "[-strong-]{+firm+}" in verbatim.stdout
    assert "[-declared-]{+proclaimed+}" in verbatim.stdout
    survive = run("check", str(new), "--policy", str(policy(work, "survive")), cwd=work)
    assert survive.returncode == 0, survive.stdout + survive.stderr
    assert survive.stdout.rstrip().splitlines()[-1].startswith("policy holds")


def test_protect_options_on_the_command_line(work: Path) -> None:
    """--protect and --protect-verbatim need no policy file and behave like the file's rules."""
    new = draft(work, lambda body: body.replace(PROTECTED, REWORDED))
    assert run("check", str(new), "--protect", PROTECTED, cwd=work).returncode == 0
    assert run("check", str(new), "--protect-verbatim", PROTECTED, cwd=work).returncode == 1


def test_default_policy_beside_the_texts(work: Path) -> None:
    """Without --policy, lineage.toml beside texts/ is read."""
    new = draft(work, lambda body: body.replace(f"- {PROTECTED};\n", ""))
    policy(work, "survive").rename(work / "lineage.toml")
    assert run("check", str(new), cwd=work).returncode == 1


def test_junit_output_validates(work: Path) -> None:
    """--format junit -o FILE writes JUnit XML that validates against the JUnit schema, one
    testcase per rule, a failure on the broken one; exit status is still 1."""
    new = draft(work, lambda body: body.replace(PROTECTED, REWORDED))
    limits = "[limits]\nmax_dropped = 5\n"
    out = work / "junit.xml"
    result = run(
        "check",
        str(new),
        "--policy",
        str(policy(work, "verbatim", limits=limits)),
        "--format",
        "junit",
        "-o",
        str(out),
        cwd=work,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("policy broken: 1 violation")
    tree = etree.parse(str(out))
    schema = etree.XMLSchema(etree.fromstring(JUNIT_XSD))
    assert schema.validate(tree), schema.error_log
    cases = tree.findall(".//testcase")
    assert [c.get("name") for c in cases] == [
        f'protect text "{PROTECTED[:57]}..." (verbatim)',
        "max_dropped = 5",
    ]
    assert cases[0].find("failure") is not None and cases[1].find("failure") is None
    assert tree.getroot().get("failures") == "1" and tree.getroot().get("tests") == "2"


def test_github_annotations_point_at_the_new_line(work: Path) -> None:
    """--format github prints one ::error workflow command per violation, with the new file
    and the line of the reworded clause, message lines escaped as %0A."""
    new = draft(work, lambda body: body.replace(PROTECTED, REWORDED))
    result = run(
        "check", str(new), "--policy", str(policy(work, "verbatim")), "--format", "github", cwd=work
    )
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    expected = f"::error file={new},line={line_of(new, REWORDED)},title=lineage%3A protect"
    assert errors[0].startswith(expected)
    message = errors[0].split("::", 2)[2]
    assert "%0A" in message and "\n" not in message
    assert "[-strong-]{+firm+}" in message


def test_new_draft_with_an_existing_id_replaces_it(work: Path) -> None:
    """A new draft of unga-res-79-274 saved over its file in texts/ (not a git checkout) is
    never compared with itself, nor with a document of another series (the OIC resolution of
    2022, which shares a third of its clauses): 79/274 has no previous version in texts/, and
    the check says so; the protected clause the draft deleted is still missed."""
    seed = work / "texts" / SEED.name
    new = draft(
        work,
        lambda body: body.replace(f"- {PROTECTED};\n", ""),
        name=SEED.name,
        doc_id="unga-res-79-274",
        date="2025-03-21",
    )
    shutil.move(new, seed)
    result = run("check", str(seed), "--protect", "Reiterates", "--format", "json", cwd=work)
    data = json.loads(result.stdout)
    assert data["new"] == "unga-res-79-274"
    assert data["base"] is None
    assert "no previous version" in data["note"]
    assert result.returncode == 1
    assert [r["holds"] for r in data["rules"]] == [False]


@pytest.mark.slow
def _entries(work: Path) -> tuple[int, int]:
    """(entries of aligned texts and families, corpus files with entries) in the cache."""
    names = [p.name for p in (work / ".lineage-cache").glob("*.json")]
    files = sum(name.endswith(".row.json") for name in names)
    assert files == sum(name.endswith(".doc.json") for name in names)
    return len(names) - 2 * files, files


def test_warm_cache_gives_the_same_answer(work: Path) -> None:
    """A check stores each corpus file's documents and the new text aligned. Checking the same
    text again reads neither texts nor aligns anything; another draft re-uses the corpus and
    aligns only itself; every answer is byte for byte the --no-cache one; editing a corpus
    file reads that file again (one more per-document entry) and makes a new aligned text."""
    new = draft(work, lambda body: body.replace(PROTECTED, REWORDED))
    args = ("check", str(new), "--policy", str(policy(work, "verbatim")), "--format", "json")
    cold = run(*args, cwd=work)
    entries = sorted((work / ".lineage-cache").glob("*.json"))
    assert _entries(work) == (1, 4)
    warm = run(*args, "-v", cwd=work)
    assert warm.stdout == cold.stdout
    stages = [line.split(":")[1].strip() for line in warm.stderr.splitlines()]
    assert "load" not in stages and "load new" not in stages and "align" not in stages
    assert sorted((work / ".lineage-cache").glob("*.json")) == entries
    assert run(*args, "--no-cache", cwd=work).stdout == cold.stdout

    other = draft(
        work, lambda body: body.replace(PROTECTED, REWORDED + " and welcomes it"), name="other.txt"
    )
    other_args = (
        "check",
        str(other),
        "--policy",
        str(policy(work, "verbatim")),
        "--format",
        "json",
    )
    second = run(*other_args, "-v", cwd=work)
    stages = [line.split(":")[1].strip() for line in second.stderr.splitlines()]
    assert "load" not in stages and "load new" in stages
    assert second.stdout == run(*other_args, "--no-cache", cwd=work).stdout
    assert _entries(work) == (2, 4)

    with (work / "texts" / "2020-12-07_unga-res-75-28.txt").open("a", encoding="utf-8") as f:
        f.write("\n")
    stages = [line.split(":")[1].strip() for line in run(*args, "-v", cwd=work).stderr.splitlines()]
    assert "load" in stages
    assert _entries(work) == (3, 5)


UNRELATED = """+++
id = "unga-res-80-500"
title = "Assistance to Palestine refugees"
date = 2025-12-05
+++
The General Assembly,

Recalling its resolution 194 (III) of 11 December 1948 and all its subsequent resolutions on
the question,

Aware of the continuing needs of the Palestine refugees throughout all the fields of operation,

1. Notes with regret that repatriation or compensation of the refugees has not yet been
effected;

2. Requests the Secretary-General to report to the General Assembly at its eighty-first
session on the implementation of the present resolution.
"""


def test_a_later_unrelated_document_is_not_the_base(work: Path) -> None:
    """A resolution on another subject adopted after 79/274 (and before the new text) is not
    the base of a new draft of 79/274: the closest relative is."""
    (work / "texts" / "2025-12-05_unga-res-80-500.txt").write_text(UNRELATED, encoding="utf-8")
    new = draft(work)
    result = run("check", str(new), "--protect", PROTECTED, "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["base"] == "unga-res-79-274"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not checked out here")
def test_base_is_the_closest_latest_version_in_a_mixed_corpus(work: Path) -> None:
    """Against the seeds plus the UN corpus, a 2026 draft of 79/274 is compared with 79/274,
    not with the energy-connectivity resolution 80/131 adopted later in 2025."""
    shutil.copytree(
        CORPUS,
        work / "corpus",
        ignore=shutil.ignore_patterns("README.md", "2025-03-21_unga-res-79-274.txt"),
    )
    new = draft(work)
    result = run(
        "check",
        str(new),
        "--against",
        "texts",
        "--against",
        "corpus",
        "--protect",
        PROTECTED,
        "--format",
        "json",
        cwd=work,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["base"] == "unga-res-79-274"


def test_text_report_colour_only_when_asked_in_a_pipe(work: Path) -> None:
    """In a pipe the text report has no ANSI codes; --color adds them (FAIL in red), and the
    words of the report are the same once the codes are stripped."""
    new = draft(work, lambda body: body.replace(PROTECTED, REWORDED))
    plain = run("check", str(new), "--protect-verbatim", PROTECTED, cwd=work)
    coloured = run("check", str(new), "--protect-verbatim", PROTECTED, "--color", cwd=work)
    assert "\x1b[" not in plain.stdout
    assert "\x1b[31mFAIL" in coloured.stdout
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout)
    assert (
        stripped.replace("strongfirm", "[-strong-]{+firm+}").replace(
            "declaredproclaimed", "[-declared-]{+proclaimed+}"
        )
        == plain.stdout
    )


def test_the_whole_corpus_is_analysed_only_for_family_and_clause_rules(work: Path) -> None:
    """A policy of texts and limits aligns the draft with a few documents only: no analysis
    of the whole corpus (its "lineage" stage, families and events) is run, and no families
    entry is cached. A rule naming a family runs it once; the next check finds it cached."""
    new = draft(work)
    plain = run("check", str(new), "--protect", PROTECTED, "-v", cwd=work)
    stages = [line.split(":")[1].strip() for line in plain.stderr.splitlines()]
    assert plain.returncode == 0, plain.stderr
    assert "lineage" not in stages and "load" in stages
    assert _entries(work) == (1, 4)  # the aligned draft, and the four files' entries
    rule = work / "family.toml"
    rule.write_text('[[protect]]\nfamily = "F1"\n', encoding="utf-8")
    first = run("check", str(new), "--policy", str(rule), "-v", cwd=work)
    assert "lineage" in [line.split(":")[1].strip() for line in first.stderr.splitlines()]
    assert _entries(work) == (2, 4)  # + the families
    again = run("check", str(new), "--policy", str(rule), "-v", cwd=work)
    assert "lineage" not in [line.split(":")[1].strip() for line in again.stderr.splitlines()]
    assert again.stdout == first.stdout


def test_a_clause_rule_on_the_base_needs_no_analysis_of_the_corpus(work: Path) -> None:
    """A rule naming a clause of the base (79/274's O1) is judged on the base itself: no
    analysis of the whole corpus ("lineage" stage) and no families entry. A rule naming a
    clause of another document (75/28's O1) is judged through its family: the corpus is
    analysed for it."""
    new = draft(work)
    own = work / "own.toml"
    own.write_text('[[protect]]\nclause = "unga-res-79-274/O1"\n', encoding="utf-8")
    result = run("check", str(new), "--policy", str(own), "--format", "json", "-v", cwd=work)
    stages = [line.split(":")[1].strip() for line in result.stderr.splitlines()]
    assert result.returncode == 0, result.stderr
    assert "lineage" not in stages
    assert _entries(work) == (1, 4)  # the aligned draft and the four files' entries only
    rules = {r["name"]: r for r in json.loads(result.stdout)["rules"]}
    assert rules["protect clause unga-res-79-274/O1 (survive)"]["holds"], rules
    other = work / "other.toml"
    other.write_text('[[protect]]\nclause = "unga-res-75-28/O1"\n', encoding="utf-8")
    result = run("check", str(new), "--policy", str(other), "-v", cwd=work)
    assert "lineage" in [line.split(":")[1].strip() for line in result.stderr.splitlines()]
    assert _entries(work) == (2, 4)  # + the families
