"""Loading benchmark: `load_corpus` alone (reading, segmenting, normalising, citations).

For each corpus (a folder such as ../shared/un-ga, or a number: a synthetic corpus of that
many documents made by generate.py and cached under --cache) and each --workers count, every
figure is the median of --runs runs, each in a fresh subprocess:

- wall and CPU seconds of `load_corpus` (CPU: the process's own plus its finished children's,
  so a pool's workers are counted), and the floor (reading the files and hashing their word
  5-grams, bench_real's) measured in the same process;
- the peak PSS of the process tree (sampled every 200 ms);
- the sha256 of `repr` of the loaded corpus (every field of every document, clause, note and
  citation): equal across runs and worker counts when loading is deterministic.

With --profile, one run per corpus under cProfile: the hottest functions by own time.

    PYTHONPATH=src python benchmarks/bench_load.py --corpora ../shared/un-ga,1000 --runs 3
    PYTHONPATH=src python benchmarks/bench_load.py --corpora 10000 --workers 1,2 --runs 3
    PYTHONPATH=src python benchmarks/bench_load.py --workers 1,0 --runs 5  # 0: default engine
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_real import corpus_path, floor  # noqa: E402
from bench_scale import machine, run_sampled  # noqa: E402

#: Functions listed under --profile.
HOTTEST = 25


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _child(corpus: Path, workers: int, profile: bool) -> None:
    from lineage.corpus import discover, load_corpus
    from lineage.engines import LocalEngine

    texts = corpus / "texts" if (corpus / "texts").is_dir() else corpus
    result = floor(discover([texts])[0])
    engine = LocalEngine(workers=workers or None)  # 0: the default engine
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t0, c0 = time.perf_counter(), _cpu()
    loaded = load_corpus([texts], engine=engine)
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    if profiler is not None:
        profiler.disable()
        import io
        import pstats

        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(HOTTEST)
        result["profile"] = out.getvalue()
    result |= {
        "load": wall,
        "load_cpu": cpu,
        "docs": len(loaded.documents),
        "clauses": sum(len(d.clauses) for d in loaded.documents),
        "sha256": hashlib.sha256(repr(loaded).encode("utf-8")).hexdigest(),
    }
    print(json.dumps(result))


def summarise(name: str, workers: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the runs; whether every run loaded the same corpus."""

    def median(key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    return {
        "corpus": name,
        "workers": workers,
        "runs": len(runs),
        "docs": runs[0]["docs"],
        "clauses": runs[0]["clauses"],
        "floor_cpu_s": median("floor_cpu"),
        "load_s": median("load"),
        "load_cpu_s": median("load_cpu"),
        "cpu_x_floor": statistics.median(r["load_cpu"] / r["floor_cpu"] for r in runs),
        "peak_pss_mb": median("peak_pss_mb"),
        "sha256": runs[0]["sha256"][:16],
        "identical_runs": len({r["sha256"] for r in runs}) == 1,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "un-ga") + ",1000")
    parser.add_argument(
        "--workers", default="1", help="worker counts, comma-separated (0: the default engine)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/lineage-bench"))
    parser.add_argument("--profile", action="store_true", help="one cProfile run per corpus")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    workers = [int(w) for w in args.workers.split(",")]
    if args.child:
        _child(args.child, workers[0], args.profile)
        return
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    for spec in filter(None, args.corpora.split(",")):
        corpus = corpus_path(spec, args.seed, args.cache)
        name = spec if spec.isdigit() else corpus.name
        for count in workers:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus)]
            cmd += ["--workers", str(count)] + (["--profile"] if args.profile else [])
            runs = []
            for _ in range(1 if args.profile else args.runs):
                result, peak = run_sampled(cmd, f"loading {corpus}")
                runs.append(result | {"peak_pss_mb": peak})
            print(json.dumps(summarise(name, count, runs)), flush=True)
            if args.profile:
                print(runs[0]["profile"])
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
