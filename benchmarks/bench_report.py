"""Report benchmark: how long the HTML report takes, and how big it is, on synthetic corpora.

Each run is a fresh subprocess (so peaks do not accumulate) that measures, on one corpus of
benchmarks/generate.py:

- analysis: `load_corpus` then `analyse` (local engine);
- render: `html.render_report` (every page built in memory, nothing written);
- write: `html.write_report` into an empty folder (renders again, then writes the tree);
- wall seconds of each, and the CPU seconds of render and write, the pool's worker processes
  included (`report.html.pool`: pages are rendered by RENDER_PROCESSES forked workers; the
  machine may be shared: CPU seconds are what the report costs, wall what a user waits);
  `--workers 1` measures one process;
- peak RSS of the run's process (`resource.getrusage`, ru_maxrss);
- files and total bytes of the written report.

Printed: one table, medians over --runs runs per size (the 10,000-document size is slow, so
pass `--runs 1` for it and say so). `--profile` runs render_report once per size in one process
under cProfile and writes OUT/report-SIZE.pstats (its path printed on stderr; read it with
`python -m pstats`).

    PYTHONPATH=src python benchmarks/bench_report.py --sizes 1000 --runs 3
    PYTHONPATH=src python benchmarks/bench_report.py --sizes 10000 --runs 1
    PYTHONPATH=src python benchmarks/bench_report.py --corpus ../shared/un-ga --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = Path("/tmp/lineage-bench")


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the pool's workers:
    each pool is joined before render_report and write_report return)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _child(texts: Path, outdir: Path, profile_out: Path | None, workers: int | None) -> None:
    """One measurement, printed as one JSON line on stdout."""
    from lineage.analysis import analyse
    from lineage.corpus import load_corpus
    from lineage.report.html import render_report, write_report

    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), _cpu()
    analysis = analyse(load_corpus([texts]))
    t1, c1 = time.perf_counter(), _cpu()
    if profile_out is not None:
        import cProfile

        profiler = cProfile.Profile()
        files = profiler.runcall(render_report, analysis, workers=1)
        profiler.dump_stats(str(profile_out))
    else:
        files = render_report(analysis, workers=workers)
    t2, c2 = time.perf_counter(), _cpu()
    n_pages = len(files)
    del files
    shutil.rmtree(outdir, ignore_errors=True)
    write_report(analysis, outdir, workers=workers)
    t3, c3 = time.perf_counter(), _cpu()
    written = [p for p in outdir.rglob("*") if p.is_file()]
    print(
        json.dumps(
            {
                "load": load,
                "docs": len(analysis.documents),
                "clauses": sum(len(d.clauses) for d in analysis.documents),
                "families": len(analysis.families),
                "analysis": t1 - t0,
                "render": t2 - t1,
                "write": t3 - t2,
                "analysis_cpu": c1 - c0,
                "render_cpu": c2 - c1,
                "write_cpu": c3 - c2,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "files": len(written),
                "pages": n_pages,
                "bytes": sum(p.stat().st_size for p in written),
            }
        )
    )


def measure(
    texts: Path, outdir: Path, profile_out: Path | None = None, workers: int | None = None
) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and return its figures."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(texts), str(outdir)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    if profile_out is not None:
        cmd += ["--profile-out", str(profile_out)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ensure_corpus(size: int, seed: int) -> Path:
    texts = CACHE / f"docs{size}-seed{seed}" / "texts"
    if not texts.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--docs",
                str(size),
                "--out",
                str(texts.parent),
                "--seed",
                str(seed),
            ],
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
    return texts


def profile_path(out: Path, name: int | str) -> Path:
    """Where --profile leaves its cProfile: beside the report folder, never inside it (the
    folder is deleted after each run), as an absolute path (the child may run elsewhere)."""
    return out.resolve() / f"report-{name}.pstats"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores, {mem:.1f} GiB RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("TEXTS", "OUTDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--workers", type=int, help="render processes (default: the report's own default)"
    )
    parser.add_argument("--sizes", default="1000", help="comma-separated document counts")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median printed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--corpus", type=Path, help="a real corpus folder instead of synthetic sizes"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=CACHE / "reports",
        help="where the reports are written (deleted after each run)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="one run per size with render_report under cProfile"
    )
    args = parser.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), Path(args.child[1]), args.profile_out, args.workers)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}; load average at start {os.getloadavg()[0]:.1f}")
    head = (
        "| documents | clauses | families | runs | analysis s | render s | write s "
        "| render CPU s | write CPU s | peak RSS MB | files | MB written |"
    )
    print(head)
    print("|" + "---:|" * (head.count("|") - 1))
    corpora = (
        [(0, args.corpus.resolve())]
        if args.corpus
        else [(size, ensure_corpus(size, args.seed)) for size in map(int, args.sizes.split(","))]
    )
    for size, texts in corpora:
        outdir = args.out / f"report-{size or texts.name}"
        runs = []
        for n in range(1 if args.profile else args.runs):
            prof = profile_path(args.out, size or texts.name) if args.profile else None
            runs.append(measure(texts, outdir, prof, args.workers))
            shutil.rmtree(outdir, ignore_errors=True)
            if prof is not None:
                print(f"  profile: {prof}", file=sys.stderr)
            print(f"  run {n + 1}: {json.dumps(runs[-1])}", file=sys.stderr)

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        first = runs[0]
        print(
            f"| {first['docs']:,} | {first['clauses']:,} | {first['families']:,} "
            f"| {len(runs)} | {med('analysis'):.1f} | {med('render'):.1f} "
            f"| {med('write'):.1f} | {med('render_cpu'):.1f} | {med('write_cpu'):.1f} "
            f"| {med('rss_mb'):,.0f} | {med('files'):,.0f} "
            f"| {med('bytes') / 1e6:,.1f} |"
        )


if __name__ == "__main__":
    main()
