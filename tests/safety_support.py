"""Helpers shared by the tests/test_safety_*.py files: the real CLI as a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"


def lineage(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`lineage ARGS` in a fresh process (CI set: no progress bars), output captured."""
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def copy_texts(tmp_path: Path, name: str = "texts") -> Path:
    """A writable copy of the repository's texts/ (the four seed documents)."""
    shutil.copytree(TEXTS, tmp_path / name)
    return tmp_path / name


def one_error_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2 with one line `lineage: error: ...` naming every word; no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lineage: error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]
