"""Seed benchmark: end-to-end time (load_corpus + analyse) on texts/ and on texts/ + corpus.

Prints the median, min and max of several runs in this process (imports and caches warm after
the first run, which is reported apart), and the number of documents, clauses and links. The
SPEC target: the seed corpus end to end well under a second.

    PYTHONPATH=src python benchmarks/bench_seeds.py [--runs 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from lineage.analysis import analyse
from lineage.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"


def shared_corpus() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus").is_dir():
            return base / "shared" / "corpus"
    raise SystemExit("../shared/corpus not found")


def build_mixed(folder: Path) -> Path:
    """texts/ plus the UN corpus; the official 79/274 renamed so its id does not clash."""
    for path in TEXTS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for path in shared_corpus().glob("2*.txt"):
        name = path.name
        if name == "2025-03-21_unga-res-79-274.txt":
            name = "2025-03-21_unga-res-79-274-pdf.txt"
        shutil.copy(path, folder / name)
    return folder


def measure(folder: Path, runs: int) -> None:
    first = None
    times: list[float] = []
    for i in range(runs + 1):
        start = time.perf_counter()
        corpus = load_corpus([folder])
        analysis = analyse(corpus)
        elapsed = time.perf_counter() - start
        if i == 0:
            first = elapsed
        else:
            times.append(elapsed)
    clauses = sum(len(d.clauses) for d in analysis.documents)
    print(
        f"{folder.name}: {len(analysis.documents)} documents, {clauses} clauses, "
        f"{len(analysis.links)} links, {len(analysis.families)} families"
    )
    print(
        f"  first run {first:.3f} s; median of {runs} {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    measure(TEXTS, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        mixed = Path(tmp) / "texts+corpus"
        mixed.mkdir()
        measure(build_mixed(mixed), args.runs)


if __name__ == "__main__":
    main()
