"""What `report` and `export -o` tell a person, and the report stage's progress: stderr says
what was written (stdout may be the data), -q silences it, and writing the report moves a bar
page by page (it used to jump from 0 to 100% after minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TEXTS
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.report.html import WRITE_STAGE, write_report


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=300,
    )


def test_report_says_on_stderr_what_it_wrote(tmp_path: Path) -> None:
    """A subprocess run of `lineage report`: one line naming the folder, the number of files
    it holds and where to open it; nothing on stdout; -q says nothing."""
    out = tmp_path / "r"
    done = _run("report", str(TEXTS), "-o", str(out))
    assert done.returncode == 0, done.stderr
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".lineage-manifest.json"]
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith(f"lineage: wrote {len(files):,} files (")
    assert f"to {out}; open {out}/index.html" in line
    assert done.stdout == ""
    quiet = _run("-q", "report", str(TEXTS), "-o", str(out))
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_export_to_a_file_says_so_and_to_stdout_does_not(tmp_path: Path) -> None:
    """`export -o FILE` names the file and its size on stderr; to stdout, stderr stays empty
    of such lines, so a pipe reads only data."""
    out = tmp_path / "links.csv"
    done = _run("export", str(TEXTS), "--format", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    size = out.stat().st_size
    assert done.stderr.strip().splitlines()[-1] == (
        f"lineage: wrote the CSV export to {out} ({size:,} bytes)"
    )
    piped = _run("export", str(TEXTS), "--format", "csv")
    assert "wrote" not in piped.stderr and piped.stdout.startswith("source,target,")


def test_writing_the_report_moves_its_progress_page_by_page(tmp_path: Path) -> None:
    """write_report tells its progress callable after each page: the stage's count rises by
    one from 1 to the number of files, the total stays that number."""
    heard: list[tuple[str, int, int]] = []
    files, size = write_report(
        analyse(load_corpus([TEXTS])), tmp_path / "r", progress=lambda *a: heard.append(a)
    )
    assert [h[1] for h in heard] == list(range(1, files + 1))
    assert {h[0] for h in heard} == {WRITE_STAGE} and {h[2] for h in heard} == {files}
    written = [p for p in (tmp_path / "r").rglob("*") if p.name != ".lineage-manifest.json"]
    assert files == sum(p.is_file() for p in written) and size > 0
