"""Report folders: whole or nothing, under a lock, deleting only what lineage wrote.

Old report = texts/ (4 seed documents), new report = ../shared/corpus (8 real resolutions):
their manifests (path -> sha256, written by lineage in `.lineage-manifest.json`) are known
from clean runs, so after any kill the target is checked file by file against one of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage.cli import main
from lineage.writer import MANIFEST, PAUSE_ENV, write_tree
from safety_support import ROOT, TEXTS, lineage, one_error_line

SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
NEW_CORPUS = SHARED / "corpus"
#: Kills at random moments of a run, each followed by a check of the target: enough to land
#: in rendering, staging and swapping on a 2-core machine, few enough to stay in seconds.
RANDOM_KILLS = 6


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]


def _whole(folder: Path) -> dict[str, str]:
    """The manifest of folder after checking that every file it lists is there, byte for
    byte, and that no page outside it is there (no half old, half new)."""
    files = _manifest(folder)
    for rel, digest in files.items():
        assert _digest(folder / rel) == digest, rel
    pages = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert pages == {*files, MANIFEST}
    return files


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], ...]:
    """Manifests of the old (texts/) and the new (shared corpus) report from clean runs."""
    base = tmp_path_factory.mktemp("refs")
    out = []
    for name, corpus in (("old", TEXTS), ("new", NEW_CORPUS)):
        result = lineage("report", str(corpus), "-o", str(base / name), cwd=base)
        assert result.returncode == 0, result.stderr
        out.append(_whole(base / name))
    assert out[0] != out[1]
    return tuple(out)


def _old_report(tmp_path: Path) -> Path:
    target = tmp_path / "reports"
    assert lineage("report", str(TEXTS), "-o", str(target), cwd=tmp_path).returncode == 0
    return target


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".reports."))


def _spawn(
    corpus: Path,
    target: Path,
    cwd: Path,
    pause: str | None = None,
) -> subprocess.Popen[str]:
    """`lineage report CORPUS -o TARGET` started in the background, stderr readable."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true"}
    if pause:
        env[PAUSE_ENV] = pause
    command = [sys.executable, "-m", "lineage.cli", "report", str(corpus), "-o", str(target)]
    return subprocess.Popen(command, cwd=cwd, env=env, stderr=subprocess.PIPE, text=True)


def test_report_with_empty_output_is_a_usage_error(tmp_path: Path) -> None:
    """`report -o ''` exits 2 and touches nothing in the current folder (before: it wrote
    there and deleted the folder's documents/*.html)."""
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "mine.html").write_text("mine", encoding="utf-8")
    (tmp_path / "index-2.html").write_text("mine", encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["report", str(TEXTS), "-o", ""])
    finally:
        os.chdir(old)
    assert result.exit_code == 2 and "-o" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents", "index-2.html"]
    assert (tmp_path / "documents" / "mine.html").read_text(encoding="utf-8") == "mine"


def test_report_into_the_current_folder_is_refused(tmp_path: Path) -> None:
    """`-o .` would swap out the folder the user stands in: exit 2, nothing written."""
    (tmp_path / "index.html").write_text("mine", encoding="utf-8")
    one_error_line(lineage("report", str(TEXTS), "-o", ".", cwd=tmp_path), "current folder")
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_only_pages_lineage_wrote_are_deleted(
    tmp_path: Path, references: tuple[dict[str, str], ...]
) -> None:
    """Stale pages of the previous report (in its manifest) go; pages the user put there,
    even with lineage's names (documents/*.html, index-N.html), stay."""
    target = _old_report(tmp_path)
    mine = {"documents/notes.html": "my notes", "index-9.html": "mine", "README": "mine"}
    for rel, text in mine.items():
        (target / rel).write_text(text, encoding="utf-8")
    result = lineage("report", str(NEW_CORPUS), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _manifest(target) == references[1]
    for rel, text in mine.items():
        assert (target / rel).read_text(encoding="utf-8") == text
    stale = set(references[0]) - set(references[1])
    assert stale and not any((target / rel).exists() for rel in stale)


def test_symlinked_subfolder_is_refused_and_nothing_outside_changes(tmp_path: Path) -> None:
    """reports/documents -> a folder outside: exit 2 naming the link; the outside folder is
    neither written nor emptied (before: report wrote and deleted pages through the link)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.html").write_text("keep", encoding="utf-8")
    target = tmp_path / "reports"
    target.mkdir()
    (target / "documents").symlink_to(outside)
    result = lineage("report", str(TEXTS), "-o", str(target), cwd=tmp_path)
    one_error_line(result, str(target / "documents"), "link")
    assert [p.name for p in outside.iterdir()] == ["victim.html"]
    assert (outside / "victim.html").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in target.iterdir()) == ["documents"]
    assert _leftovers(tmp_path) == []


def test_report_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    """-o naming a link to a folder: refused, the folder it points to untouched."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "reports").symlink_to(real)
    one_error_line(lineage("report", str(TEXTS), "-o", "reports", cwd=tmp_path), "link")
    assert list(real.iterdir()) == []


@pytest.mark.parametrize("point", ["staging", "swap", "swapped"])
def test_kill_at_each_phase_leaves_a_whole_report(
    point: str, tmp_path: Path, references: tuple[dict[str, str], ...]
) -> None:
    """kill -9 while staging, just before and just after the swap: the target is the whole
    old report (the first two) or the whole new one (the last); the next run removes the
    leftovers and writes the whole new report."""
    target = _old_report(tmp_path)
    proc = _spawn(NEW_CORPUS, target, tmp_path, pause=point)
    assert proc.stderr is not None
    assert proc.stderr.readline().strip() == f"lineage: paused at {point}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    expected = references[1] if point == "swapped" else references[0]
    assert _whole(target) == expected
    assert _leftovers(tmp_path)  # the killed run's staging folder (or old report) is there
    result = lineage("report", str(NEW_CORPUS), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _whole(target) == references[1]
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_kills_at_random_moments_leave_a_whole_report(
    tmp_path: Path, references: tuple[dict[str, str], ...]
) -> None:
    """RANDOM_KILLS runs alternating old and new corpus, each killed after a random delay
    within a normal run's duration: after each kill the target is whole (old or new)."""
    target = _old_report(tmp_path)
    started = time.monotonic()
    assert lineage("report", str(NEW_CORPUS), "-o", str(target), cwd=tmp_path).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(14)
    for n in range(RANDOM_KILLS):
        corpus = (TEXTS, NEW_CORPUS)[n % 2]
        proc = _spawn(corpus, target, tmp_path)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        proc.kill()
        proc.wait(timeout=30)
        assert _whole(target) in references
    assert lineage("report", str(TEXTS), "-o", str(target), cwd=tmp_path).returncode == 0
    assert _whole(target) == references[0] and _leftovers(tmp_path) == []


def test_overlapping_runs_leave_a_consistent_report(
    tmp_path: Path, references: tuple[dict[str, str], ...]
) -> None:
    """Three runs started together on the same folder: each waits for the one before, all
    succeed, and the folder is one whole report whose links all resolve."""
    target = tmp_path / "reports"
    procs = [_spawn(corpus, target, tmp_path) for corpus in (NEW_CORPUS, TEXTS, NEW_CORPUS)]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    assert _whole(target) in references
    for page in target.rglob("*.html"):
        for href in re.findall(r'href="([^"#]+\.html)', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), (page, href)
    assert _leftovers(tmp_path) == []


def test_second_run_waits_and_says_so(
    tmp_path: Path, references: tuple[dict[str, str], ...]
) -> None:
    """While one run holds the lock (paused before its swap), another run waits, printing
    one line naming the folder; when the first dies, the second completes whole."""
    target = tmp_path / "reports"
    first = _spawn(TEXTS, target, tmp_path, pause="swap")
    assert first.stderr is not None and "paused at swap" in first.stderr.readline()
    second = _spawn(NEW_CORPUS, target, tmp_path)
    assert second.stderr is not None
    line = second.stderr.readline()
    assert line.startswith("lineage: waiting for another run writing") and str(target) in line
    first.kill()
    first.wait(timeout=30)
    assert second.wait(timeout=120) == 0
    assert _whole(target) == references[1] and _leftovers(tmp_path) == []


def test_leftovers_of_interrupted_runs_are_removed(tmp_path: Path) -> None:
    """Staging and old folders and a lock file of killed runs vanish with the next write;
    look-alike names of the user's stay."""
    target = tmp_path / "reports"
    for name in (".reports.lineage-staging-ab12cd", ".reports.lineage-old-x"):
        (tmp_path / name / "documents").mkdir(parents=True)
        (tmp_path / name / "documents" / "a.html").write_text("half", encoding="utf-8")
    (tmp_path / ".reports.lineage-lock").write_text("", encoding="utf-8")
    (tmp_path / ".reports.backup").mkdir()
    write_tree(target, {"index.html": "new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".reports.backup", "reports"]


def test_old_report_moved_aside_by_a_killed_run_is_put_back(tmp_path: Path) -> None:
    """Where the swap takes two renames (no RENAME_EXCHANGE), a kill between them leaves the
    old report aside: the next run puts it back first, so its user files are carried on."""
    aside = tmp_path / ".reports.lineage-old-abc"
    aside.mkdir()
    (aside / "mine.txt").write_text("mine", encoding="utf-8")
    write_tree(tmp_path / "reports", {"index.html": "new"})
    assert (tmp_path / "reports" / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_two_rename_fallback_is_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without RENAME_EXCHANGE the swap still ends with the whole new report, no leftovers."""
    monkeypatch.setattr("lineage.writer._exchange", lambda a, b: False)
    target = tmp_path / "reports"
    write_tree(target, {"index.html": "old", "documents/a.html": "a"})
    write_tree(target, {"index.html": "new"})
    assert _whole(target) == {"index.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_staged_files_are_flushed_before_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The staged tree is synced to disk before it is swapped in, and the parent folder is
    fsynced after (a power cut cannot leave a swapped-in folder of empty files)."""
    import lineage.writer as writer

    calls: list[str] = []
    sync, swap, fsync = writer._sync, writer._swap, writer._fsync_folder
    monkeypatch.setattr(writer, "_sync", lambda f: (calls.append("sync"), sync(f))[1])
    monkeypatch.setattr(writer, "_swap", lambda s, o: (calls.append("swap"), swap(s, o))[1])
    monkeypatch.setattr(
        writer, "_fsync_folder", lambda f: (calls.append("fsync folder"), fsync(f))[1]
    )
    write_tree(tmp_path / "reports", {"index.html": "x"})
    assert calls == ["sync", "swap", "fsync folder"]


def test_disk_full_while_staging_names_the_page_and_keeps_the_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC on the third page: one error naming that page under the target (no staging
    path), the old report whole, no staging folder left."""
    import errno

    target = tmp_path / "reports"
    write_tree(target, {"index.html": "old"})
    real_write, count = os.write, [0]

    def failing(fd: int, data: bytes) -> int:
        count[0] += 1
        if count[0] == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr("lineage.writer.os.write", failing)
    with pytest.raises(Exception) as caught:
        write_tree(target, {f"documents/{n}.html": "x" for n in range(5)})
    message = str(caught.value)
    assert str(target / "documents" / "2.html") in message and "No space left" in message
    assert "lineage-staging" not in message
    assert _whole(target) == {"index.html": hashlib.sha256(b"old").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_report_inside_the_input_folder_is_refused(tmp_path: Path) -> None:
    """`report texts/ -o texts/reports` would feed the report to every later run: refused,
    nothing written; an input folder inside the report folder likewise."""
    corpus = tmp_path / "texts"
    corpus.mkdir()
    for path in TEXTS.iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    one_error_line(
        lineage("report", str(corpus), "-o", str(corpus / "reports"), cwd=tmp_path), "overlap"
    )
    assert not (corpus / "reports").exists()
    nested = tmp_path / "out" / "texts"
    nested.parent.mkdir()
    corpus.rename(nested)
    one_error_line(lineage("report", str(nested), "-o", "out", cwd=tmp_path), "overlap")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["texts"]
