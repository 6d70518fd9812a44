"""Start-up of the CLI: `python -m lineage.cli --help` in a fresh process, N runs.

Prints the median and minimum CPU time (user + sys of the child) and wall time. CPU time is
the figure to compare on a shared machine, where wall time mostly measures waiting for a core.

    .venv/bin/python benchmarks/bench_startup.py [--runs 21] [--src DIR]

`--src` points PYTHONPATH at another source tree (e.g. an old commit's `src/` from
`git archive`), to compare before and after a change.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(src: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `lineage --help` in a new interpreter."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lineage.cli", "--help"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    args = parser.parse_args()
    cpu, wall = zip(*(run_once(args.src) for _ in range(args.runs)), strict=True)
    print(
        f"lineage --help ({args.src}): CPU median {statistics.median(cpu) * 1000:.0f} ms "
        f"(min {min(cpu) * 1000:.0f}), wall median {statistics.median(wall) * 1000:.0f} ms "
        f"(min {min(wall) * 1000:.0f}), {args.runs} runs"
    )


if __name__ == "__main__":
    main()
