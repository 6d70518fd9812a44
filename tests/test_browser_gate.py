"""The browser tests cannot vanish in CI: without Chromium they skip on a developer's machine
but fail where CI is set. Runs pytest on test_browser.py in a separate process with
Chromium pointed at a path that does not exist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Collecting and setting up the browser module takes seconds; a hang must not stall CI.
RUN_TIMEOUT_SECONDS = 300
#: The browser tests, as counted in tests/test_browser.py (each must skip or fail, none pass).
BROWSER_TESTS = 8


def run_browser_tests(
    ci: bool, hide_playwright: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """pytest tests/test_browser.py with no Chromium (and, if asked, no importable playwright:
    a package of that name in hide_playwright that raises ImportError shadows the real one)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["LINEAGE_CHROMIUM"] = str(ROOT / "no-such-chromium")
    if ci:
        env["CI"] = "true"
    if hide_playwright is not None:
        (hide_playwright / "playwright").mkdir()
        (hide_playwright / "playwright" / "__init__.py").write_text(
            "raise ImportError('playwright hidden by test_browser_gate')\n", encoding="utf-8"
        )
        env["PYTHONPATH"] = os.pathsep.join([str(hide_playwright), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_browser.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )


@pytest.mark.slow
def test_missing_chromium_skips_outside_ci() -> None:
    """With CI unset, all eight browser tests are skipped, and the run passes."""
    result = run_browser_tests(ci=False)
    assert result.returncode == 0, result.stdout
    assert f"{BROWSER_TESTS} skipped" in result.stdout, result.stdout
    assert "passed" not in result.stdout


@pytest.mark.slow
def test_missing_chromium_fails_in_ci() -> None:
    """With CI set, every browser test errors naming the missing Chromium, none is skipped."""
    result = run_browser_tests(ci=True)
    assert result.returncode == 1, result.stdout
    assert f"{BROWSER_TESTS} error" in result.stdout, result.stdout
    assert "skipped" not in result.stdout and "passed" not in result.stdout
    assert "no-such-chromium" in result.stdout and "CI must run the browser tests" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("ci", [False, True], ids=["developer", "ci"])
def test_missing_playwright_skips_outside_ci_and_fails_in_ci(ci: bool, tmp_path: Path) -> None:
    """Without playwright the module is skipped on a developer's machine; in CI collecting it
    is an error that names the missing package, so the run fails."""
    result = run_browser_tests(ci=ci, hide_playwright=tmp_path)
    assert "playwright is not installed" in result.stdout, result.stdout
    assert "passed" not in result.stdout
    if ci:
        assert result.returncode != 0 and "1 error" in result.stdout, result.stdout
    else:
        assert result.returncode == 5 and "1 skipped" in result.stdout, result.stdout  # 5: none ran
