"""CLI conventions through the real command line: help, version, exit codes, output, progress."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage import __version__
from lineage.cli import main
from lineage.progress import StageMeter, wanted

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it: a separate process, PYTHONPATH=src."""
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version() -> None:
    """--version and -V print the package version and exit 0."""
    for flag in ("--version", "-V"):
        result = CliRunner().invoke(main, [flag])
        assert result.exit_code == 0
        assert __version__ in result.output


@pytest.mark.parametrize("command", ["report", "export", "diff", "check"])
def test_every_command_has_help_with_examples(command: str) -> None:
    """`lineage CMD --help` exits 0 and shows an Examples section that uses the command."""
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert f"lineage {command}" in result.output.split("Examples:")[1]
    assert "-q, --quiet" in result.output and "-v, --verbose" in result.output


def test_top_level_help_documents_exit_codes() -> None:
    """`lineage --help` lists the exit codes 0, 1, 2 and 3 with their meaning."""
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for line in (
        "0  success",
        "1  check: the policy is broken",
        "2  bad input or usage",
        "3  internal error",
    ):
        assert line in result.output


def test_usage_errors_exit_2() -> None:
    """Click's own usage errors (unknown option, missing argument, bad choice) exit 2."""
    runner = CliRunner()
    assert runner.invoke(main, ["export", "--bogus"]).exit_code == 2
    assert runner.invoke(main, ["diff", "only-one"]).exit_code == 2
    assert runner.invoke(main, ["check", "x", "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["nosuchcommand"]).exit_code == 2


def test_check_without_any_rule_is_a_usage_error(tmp_path: Path) -> None:
    """A check with no policy file and no --protect has nothing to check: exit 2, one line."""
    new = tmp_path / "new.txt"
    new.write_text("Text.\n", encoding="utf-8")
    result = run("check", str(new), "--against", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("lineage: error: the policy is empty")
    assert len(result.stderr.strip().splitlines()) == 1


def test_progress_only_for_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bars on a terminal; none in a pipe, with -q, or when CI is set."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wanted(Tty()) is True
    assert wanted(io.StringIO()) is False
    assert wanted(Tty(), quiet=True) is False
    monkeypatch.setenv("CI", "true")
    assert wanted(Tty()) is False


def test_stage_meter_times_stages_and_draws_bars_on_request() -> None:
    """-v timings: every stage that ran is timed once per run; bars go to the given stream."""
    stream = io.StringIO()
    meter = StageMeter(bars=True, stream=stream)
    for done in range(0, 11):
        meter("score", done, 10)
    with meter.stage("write"):
        pass
    meter.close()
    assert set(meter.timings) == {"score", "write"}
    assert all(t >= 0 for t in meter.timings.values())
    assert "score" in stream.getvalue()  # click draws the label once, even off a terminal


def test_export_to_stdout_and_to_file_agree(tmp_path: Path) -> None:
    """`-o -` writes to stdout; `-o FILE` writes the same bytes to the file, nothing else."""
    piped = run("export", str(TEXTS), "-o", "-")
    assert piped.returncode == 0, piped.stderr
    out = tmp_path / "out.json"
    written = run("export", str(TEXTS), "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == piped.stdout
    assert json.loads(piped.stdout)["schema"] == "lineage/1"
    assert "\x1b" not in piped.stderr  # no bar drawn into a pipe


def test_verbose_prints_stage_timings(tmp_path: Path) -> None:
    """-v prints one timing line per stage on stderr, stdout stays the export alone."""
    result = run("export", str(TEXTS), "-v", "-o", str(tmp_path / "x.json"))
    assert result.returncode == 0, result.stderr
    timings = [line for line in result.stderr.splitlines() if line.startswith("lineage: ")]
    assert any(line.startswith("lineage: load: ") and line.endswith(" s") for line in timings)
    assert result.stdout == ""


def test_diff_by_id_plain_markers() -> None:
    """`diff` of 75/28 and 79/274 (from texts/, by id) in a pipe: no ANSI, wdiff markers, and
    the clause both share verbatim shown without any marker."""
    result = run("diff", "unga-res-75-28", "unga-res-79-274")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out
    assert out.startswith("--- unga-res-75-28 (2020-12-07)")
    assert "+++ unga-res-79-274 (2025-03-21)" in out
    assert "[-" in out and "{+" in out
    # 79/274 is new in recalling the International Year of Peace and Trust: only in B.
    assert "{+Welcoming the proclamation of the International Year of Peace and Trust" in out


def test_diff_colour_rules() -> None:
    """--color forces ANSI even in a pipe; NO_COLOR alone keeps plain markers."""
    forced = run("diff", "unga-res-75-28", "unga-res-79-274", "--color")
    assert forced.returncode == 0 and "\x1b[31m" in forced.stdout and "[-" not in forced.stdout
    plain = run("diff", "unga-res-75-28", "unga-res-79-274", env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_diff_by_file_paths_and_html(tmp_path: Path) -> None:
    """A and B may be files (here outside any corpus); --html -o writes one HTML page."""
    a = TEXTS / "2020-12-07_unga-res-75-28.txt"
    b = TEXTS / "2022-03-23_oic-cfm-res-64-48-pol.txt"
    text = run("diff", str(a), str(b), cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "oic-cfm-res-64-48-pol" in text.stdout.splitlines()[1]
    page = tmp_path / "pair.html"
    html = run("diff", str(a), str(b), "--html", "-o", str(page), cwd=tmp_path)
    assert html.returncode == 0, html.stderr
    content = page.read_text(encoding="utf-8")
    assert content.lstrip().lower().startswith("<!doctype html")
    assert "<del>" in content or "<ins>" in content


def test_same_document_twice_is_a_usage_error() -> None:
    """`diff X X` has nothing to compare: exit 2 with one line."""
    result = run("diff", "unga-res-75-28", "unga-res-75-28")
    assert result.returncode == 2
    assert result.stderr.startswith("lineage: error: A and B are the same document")


def test_report_writes_the_html_report(tmp_path: Path) -> None:
    """`report PATHS -o DIR` still works through this CLI: exit 0, an index page in DIR that
    names the documents of texts/, nothing on stdout."""
    out = tmp_path / "reports"
    result = run("report", str(TEXTS), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "unga-res-79-274" in index or "Permanent neutrality of Turkmenistan" in index


def _group_with(error: BaseException):
    """A LineageGroup (the class `lineage` uses) with one command that raises error."""
    import click

    from lineage.cli import LineageGroup, _verbosity

    @click.group(cls=LineageGroup)
    def group() -> None:
        """Test group."""

    @group.command()
    @_verbosity
    def boom() -> None:
        raise error

    return group


@pytest.mark.parametrize(
    ("error", "code", "start"),
    [
        (RuntimeError("kaput"), 3, "lineage: internal error: RuntimeError: kaput"),
        (
            PermissionError(13, "Permission denied", "out.json"),
            2,
            "lineage: error: out.json: Permission denied",
        ),
        (KeyboardInterrupt(), 130, "lineage: interrupted"),
    ],
)
def test_unexpected_errors_are_one_line(error: BaseException, code: int, start: str) -> None:
    """A bug is exit 3 with one line asking for a report, an OS error exit 2 naming the file,
    Ctrl-C exit 130: never a traceback."""
    result = CliRunner().invoke(_group_with(error), ["boom"])
    assert result.exit_code == code
    assert result.output.startswith(start)
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_verbose_shows_the_traceback_of_a_bug() -> None:
    """With -v an internal error also prints its traceback, for the bug report."""
    result = CliRunner().invoke(_group_with(RuntimeError("kaput")), ["boom", "-v"])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("lineage: internal error:")


def test_report_writes_a_side_by_side_page_for_a_pair_asked_for(tmp_path: Path) -> None:
    """`--pair A B` adds the page of two documents that are not versions of each other (75/28
    and 79/274, two series), linked from both documents' pages."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["report", str(TEXTS), "-o", str(out), "-q", "--pair", "unga-res-75-28", "unga-res-79-274"],
    )
    assert result.exit_code == 0, result.output
    page = (out / "pairs" / "unga-res-75-28--unga-res-79-274.html").read_text(encoding="utf-8")
    assert "Peace Mediation Chamber" in page  # a 2025 clause, shown on its own row
    # the seeds are four series: no document has a previous version, so no other page
    assert len(list((out / "pairs").glob("*.html"))) == 1
    href = "../pairs/unga-res-75-28--unga-res-79-274.html"
    for doc in ("unga-res-75-28", "unga-res-79-274"):
        assert f'href="{href}"' in (out / "documents" / f"{doc}.html").read_text(encoding="utf-8")


def test_report_pair_with_an_unknown_id_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    """A typo in --pair is a usage error naming the known ids; no report is half-written."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["report", str(TEXTS), "-o", str(out), "--pair", "unga-res-75-2", "unga-res-79-274"]
    )
    assert result.exit_code == 2
    assert "unga-res-75-28" in result.output and "Traceback" not in result.output
    assert not out.exists()
