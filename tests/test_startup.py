"""Start-up: asking for help loads none of the heavy libraries.

`lineage --help` is measured to take about 0.1 s of CPU (benchmarks/bench_startup.py), most
of it the interpreter and click; numpy, lxml, jinja2, rapidfuzz or dask would each add tens
to hundreds of milliseconds. They are imported where a command needs them, so help (for
lineage and for every command), the version and a usage error must leave them unloaded. The
test asserts that absence in a fresh interpreter, not a time (times depend on the machine's
load)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, RUN_TIMEOUT_SECONDS

#: Libraries a command imports only when it runs (lxml: TEI and HTML readers; jinja2: reports;
#: numpy and rapidfuzz: the aligner; dask and distributed: --engine dask).
HEAVY = ("numpy", "lxml", "jinja2", "rapidfuzz", "dask", "distributed", "markupsafe")

#: Runs the CLI in a fresh interpreter, then prints its exit code and the heavy modules loaded.
_PROBE = """
import json, os, sys
from lineage.cli import main
code = None
try:
    main(sys.argv[1:], prog_name="lineage")
except SystemExit as exc:
    code = exc.code
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(os.environ["HEAVY"].split()))
print(json.dumps({"code": code, "heavy": heavy}))
"""


def _loaded_after(*args: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HEAVY": " ".join(HEAVY)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("export", "--help"),
        ("report", "--help"),
        ("diff", "--help"),
        ("check", "--help"),
        ("export", "--format", "pdf"),
    ],
)
def test_help_version_and_usage_errors_load_no_heavy_library(args: tuple[str, ...]) -> None:
    """Help, the version and a usage error finish (exit 0, or 2 for the bad --format) with
    none of numpy, lxml, jinja2, rapidfuzz, dask loaded."""
    found = _loaded_after(*args)
    assert found["code"] == (2 if "pdf" in args else 0)
    assert found["heavy"] == []


def test_the_probe_sees_heavy_libraries_when_a_command_runs() -> None:
    """The probe can fail: an export of texts/ does load numpy and rapidfuzz."""
    found = _loaded_after("-q", "export", str(ROOT / "texts"), "-o", os.devnull)
    assert found["code"] in (0, None)
    assert {"numpy", "rapidfuzz"} <= set(found["heavy"])  # type: ignore[arg-type]
