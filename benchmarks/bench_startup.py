"""Start-up benchmark: `lineage --help` and friends, against the bare interpreter.

Each command runs --runs times in a fresh process; printed are the medians of wall time and of
CPU time (user + system, from the child's rusage: on a loaded machine the steadier figure),
and the heavy libraries each one loaded (there should be none: tests/test_startup.py asserts
it). With --instructions, each command once under valgrind's callgrind: the instructions it
executes, which the machine's load does not change at all.

    PYTHONPATH=src python benchmarks/bench_startup.py --runs 20
    PYTHONPATH=src python benchmarks/bench_startup.py --runs 1 --instructions
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (name, arguments of the interpreter): the floor first, then what a person types.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("python -c pass", ("-c", "pass")),
    ("import click", ("-c", "import click")),
    ("lineage --help", ("-m", "lineage.cli", "--help")),
    ("lineage export --help", ("-m", "lineage.cli", "export", "--help")),
    ("lineage --version", ("-m", "lineage.cli", "--version")),
)


def run_once(args: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh interpreter running args."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def instructions(args: tuple[str, ...], env: dict[str, str]) -> int | None:
    """Instructions executed (callgrind's `I refs`), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out"]
            + [sys.executable, *args],
            env=env,
            capture_output=True,
            text=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--instructions", action="store_true", help="also count instructions")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    print(f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs each (medians)")
    print("| command | wall s | CPU s | instructions (M) |\n|---|---:|---:|---:|")
    for name, cmd in COMMANDS:
        runs = [run_once(cmd, env) for _ in range(args.runs)]
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        count = instructions(cmd, env) if args.instructions else None
        shown = f"{count / 1e6:,.0f}" if count else "-"
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {shown} |", flush=True)


if __name__ == "__main__":
    main()
