"""`--format github` against GitHub's documented limits and format.

From docs.github.com ("Workflow commands for GitHub Actions", "Adding a job summary"): an
annotation is `::error file={name},line={line},title={title}::{message}` (also `::notice`);
the message escapes `%`, CR and LF as %25, %0D, %0A, property values also `:` and `,` as %3A
and %2C; a step shows 10 error and 10 notice annotations; a step's job summary, appended to
the file named by $GITHUB_STEP_SUMMARY, holds at most 1 MiB.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TEXTS
from lineage.check.github import (
    MAX_ANNOTATIONS,
    SUMMARY_LIMIT,
    command,
    markdown_text,
    render_summary,
)
from lineage.check.policy import Limits, Policy
from lineage.check.run import run_check
from lineage.cli import main

#: One workflow command line as GitHub parses it: no raw `:` or `,` inside property values,
#: no raw CR or LF anywhere (a line is one command).
COMMAND = re.compile(r"^::(error|notice) file=([^:,]+),line=(\d+),title=([^:,]*)::([^\r\n]*)$")
NEW = "2025-03-21_unga-res-79-274.txt"


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    shutil.copytree(TEXTS, tmp_path / "texts")
    (tmp_path / "strict.toml").write_text(
        "[limits]\nmax_dropped = 0\nmax_new = 0\nmax_rewritten = 0\n", encoding="utf-8"
    )
    return tmp_path


def github(folder: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """79/274 checked against the OIC resolution (another series, named with --base, so that
    there are dozens of violations) with a strict policy, as GitHub output."""
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(folder / "texts" / NEW),
            "--against",
            str(folder / "texts"),
            "--base",
            "oic-cfm-res-64-48-pol",
            "--policy",
            str(folder / "strict.toml"),
            "--format",
            "github",
            "--no-cache",
            *extra,
        ],
        env=env or {},
    )
    return result.exit_code, result.output


def test_at_most_ten_errors_and_ten_notices(texts: Path) -> None:
    """Far more than 10 violations: exactly 10 ::error lines, the 10th saying how many more
    (the rest are in the job summary); at most 10 ::notice lines; every line a well-formed
    command; the last line the summary."""
    code, out = github(texts, env={"GITHUB_STEP_SUMMARY": ""})
    assert code == 1
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error")]
    notices = [line for line in lines if line.startswith("::notice")]
    violations = int(re.search(r"policy broken: (\d+) violations", lines[-1]).group(1))
    assert violations > 2 * MAX_ANNOTATIONS
    assert len(errors) == MAX_ANNOTATIONS
    assert f"{violations - (MAX_ANNOTATIONS - 1)} more violations" in errors[-1]
    assert 0 < len(notices) <= MAX_ANNOTATIONS
    for line in errors + notices:
        kind, path, line_no, title, _ = COMMAND.match(line).groups()
        assert path.endswith(NEW) and int(line_no) >= 1 and title.startswith("lineage%3A")
    assert len(errors) + len(notices) == len(lines) - 1


def test_escaping_follows_github() -> None:
    """%, CR and LF are escaped in the message; `:` and `,` too in properties; a control
    character (ESC) is shown, never sent; the result is one line."""
    line = command("error", "texts/a,b:c.txt", 3, "lineage: max_new, 0", "50% done\r\nnext\x1b[2J")
    assert line == (
        "::error file=texts/a%2Cb%3Ac.txt,line=3,title=lineage%3A max_new%2C 0"
        "::50%25 done%0D%0Anext\u241b[2J"  # ESC shown as its Control Picture (safe_text)
    )
    assert COMMAND.match(line)


def test_job_summary_is_written_and_appended(texts: Path) -> None:
    """With GITHUB_STEP_SUMMARY set the Markdown summary is appended to that file (an earlier
    step's text stays): the verdict, the counts, the rules, violations and changed clauses
    with <del>/<ins> diffs."""
    summary = texts / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    github(texts, env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### lineage check: unga-res-79-274")
    assert "policy broken" in text and "| max_new = 0 | **FAIL** |" in text
    assert "#### Violations" in text and "#### Changed clauses" in text
    assert "<del>" in text and "<ins>" in text


def test_job_summary_fits_what_is_left_of_1_mib(texts: Path) -> None:
    """A step's summary already near 1 MiB: the check appends only what fits, cutting the list
    of changed clauses and saying so; the file stays within 1 MiB."""
    summary = texts / "summary.md"
    summary.write_bytes(b"x" * (SUMMARY_LIMIT - 6000) + b"\n")
    github(texts, env={"GITHUB_STEP_SUMMARY": str(summary)})
    size = summary.stat().st_size
    assert SUMMARY_LIMIT - 6000 < size <= SUMMARY_LIMIT
    assert b"more changed clauses not shown" in summary.read_bytes()


def test_summary_budget_is_kept_for_any_size(tmp_path: Path) -> None:
    """render_summary never exceeds its budget in bytes, from a full summary to a roomy one."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    result = run_check(
        tmp_path / "texts" / NEW,
        [tmp_path / "texts"],
        Policy(Limits(max_new=0)),
        base_id="oic-cfm-res-64-48-pol",
    )
    whole = render_summary(result.verdict, result.analysis)
    for budget in (0, 50, 400, 2000, 5000, len(whole.encode()) - 1, len(whole.encode())):
        text = render_summary(result.verdict, result.analysis, budget)
        assert len(text.encode("utf-8")) <= budget
    assert render_summary(result.verdict, result.analysis, len(whole.encode())) == whole


def test_markdown_text_cannot_break_the_table_or_inject_html() -> None:
    """Clause text in the summary: HTML escaped, `|` never raw, one line."""
    assert markdown_text("<script>x</script> | a\nb") == "&lt;script&gt;x&lt;/script&gt; &#124; a b"
