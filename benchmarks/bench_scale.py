"""Scale benchmark: alignment time, memory, recall and precision on synthetic series.

For each size (documents) the corpus is generated once (benchmarks/generate.py, cached under
--cache), then each measurement runs several times, each run in a fresh subprocess so that
peaks do not accumulate:

- floor: `load_corpus` alone (reading, segmenting, normalising: what any run pays);
- analyse: `load_corpus` then `analyse` with the local engine (its own time is reported too);
- dask: the same with `engine="dask"` (a LocalCluster started and stopped inside the run).

Printed: medians of wall time, peak memory (PSS summed over the run's process tree, sampled
every 200 ms, which counts pages shared by forked workers once; and the main process's
maxrss), links found, recall and precision against truth.json (see generate.py for what a
true link is), agreement on relations, and time(10,000)/time(1,000) for the growth rate.

    PYTHONPATH=src python benchmarks/bench_scale.py --sizes 100,1000,10000 --runs 3
    PYTHONPATH=src python benchmarks/bench_scale.py --sizes 10000 --profile
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# Child side: one measurement, printed as one JSON line ----------------------------------------


def _child(mode: str, corpus: Path, links_out: Path | None, profile_out: Path | None) -> None:
    from lineage.corpus import load_corpus

    texts = corpus / "texts"
    t0 = time.perf_counter()
    loaded = load_corpus([texts])
    t1 = time.perf_counter()
    result: dict[str, object] = {
        "load": t1 - t0,
        "docs": len(loaded.documents),
        "clauses": sum(len(d.clauses) for d in loaded.documents),
    }
    if mode != "floor":
        from lineage.analysis import analyse

        engine = "dask" if mode == "dask" else "local"
        if profile_out is not None:
            import cProfile

            profiler = cProfile.Profile()
            analysis = profiler.runcall(analyse, loaded, engine=engine)
            profiler.dump_stats(str(profile_out))
        else:
            analysis = analyse(loaded, engine=engine)
        t2 = time.perf_counter()
        result["align"] = t2 - t1
        result["links"] = len(analysis.links)
        result["families"] = len(analysis.families)
        if links_out is not None:
            with links_out.open("w", encoding="utf-8") as handle:
                for link in analysis.links:
                    handle.write(f"{link.source}\t{link.target}\t{link.relation}\n")
    result["total"] = time.perf_counter() - t0
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# Parent side ------------------------------------------------------------------------------------


def _descendants(root: int) -> list[int]:
    """The process and its descendants, from /proc/PID/task/TID/children (cheap to read)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return out


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


def measure(
    mode: str, corpus: Path, links_out: Path | None = None, profile_out: Path | None = None
) -> dict[str, float]:
    """Run one measurement in a subprocess; add its peak tree PSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--corpus", str(corpus)]
    if links_out is not None:
        cmd += ["--links-out", str(links_out)]
    if profile_out is not None:
        cmd += ["--profile-out", str(profile_out)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _pss_mb(_descendants(proc.pid)))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run on {corpus} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_pss_mb"] = peak
    return result


def evaluate(links_file: Path, truth_file: Path) -> dict[str, float]:
    """Recall over required links, precision over links found (related pairs are not wrong)."""
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    required = {(s, t): r for s, t, r in truth["links"]}
    related = set(required) | {(s, t) for s, t in truth["tolerated"]}
    found: dict[tuple[str, str], str] = {}
    for line in links_file.read_text(encoding="utf-8").splitlines():
        source, target, rel = line.split("\t")
        found[(source, target)] = rel
    hits = [pair for pair in found if pair in required]
    wrong = [pair for pair in found if pair not in related]
    same_relation = sum(1 for pair in hits if found[pair] == required[pair])
    missed = Counter(required[pair] for pair in required if pair not in found)
    return {
        "required": len(required),
        "found": len(found),
        "recall": len(hits) / len(required) if required else 1.0,
        "precision": 1 - len(wrong) / len(found) if found else 1.0,
        "relation_agreement": same_relation / len(hits) if hits else 1.0,
        "missed_by_relation": dict(sorted(missed.items())),
        "false_positives": len(wrong),
    }


def ensure_corpus(size: int, seed: int, cache: Path) -> Path:
    """Generate the corpus of `size` documents once; later runs reuse it."""
    folder = cache / f"docs{size}-seed{seed}"
    if not (folder / "truth.json").exists():
        sys.path.insert(0, str(HERE))
        from generate import write_corpus

        t0 = time.perf_counter()
        summary = write_corpus(size, folder, seed)
        print(f"generated {folder} in {time.perf_counter() - t0:.1f} s: {summary}", flush=True)
    return folder


def machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        mem_kb = int(handle.readline().split()[1])
    return (
        f"{len(os.sched_getaffinity(0))} cores ({model}), {mem_kb / 1024**2:.1f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/lineage-bench"))
    parser.add_argument(
        "--dask-size", type=int, default=1000, help="also time --engine dask at this size (0: skip)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile analyse at the largest size (cProfile) instead",
    )
    parser.add_argument("--child", choices=["floor", "analyse", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--links-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.corpus, args.links_out, args.profile_out)
        return

    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"machine: {machine()}")
    workers = os.environ.get("LINEAGE_WORKERS", "1 (LINEAGE_WORKERS unset)")
    print(f"workers: {workers}; runs per figure: {args.runs} (medians)", flush=True)
    if args.profile:
        import pstats

        corpus = ensure_corpus(max(sizes), args.seed, args.cache)
        out = args.cache / f"profile-{max(sizes)}.pstats"
        result = measure("analyse", corpus, profile_out=out)
        print(f"profiled analyse at {max(sizes)} docs: {result['align']:.1f} s under cProfile")
        stats = pstats.Stats(str(out))
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
        return

    rows: list[dict[str, object]] = []
    align_medians: dict[int, float] = {}
    for size in sizes:
        corpus = ensure_corpus(size, args.seed, args.cache)
        floors = [measure("floor", corpus) for _ in range(args.runs)]
        runs = []
        digests = set()
        for run in range(args.runs):
            links_file = args.cache / f"links-{size}-{run}.tsv"
            runs.append(measure("analyse", corpus, links_out=links_file))
            digests.add(hashlib.sha256(links_file.read_bytes()).hexdigest())
        quality = evaluate(args.cache / f"links-{size}-0.tsv", corpus / "truth.json")
        align_medians[size] = _median(runs, "align")
        row = {
            "docs": size,
            "clauses": runs[0]["clauses"],
            "floor_s": _median(floors, "load"),
            "floor_pss_mb": _median(floors, "peak_pss_mb"),
            "align_s": align_medians[size],
            "total_s": _median(runs, "total"),
            "peak_pss_mb": _median(runs, "peak_pss_mb"),
            "main_rss_mb": _median(runs, "maxrss_mb"),
            "links": runs[0]["links"],
            "identical_runs": len(digests) == 1,
            **quality,
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.dask_size:
        corpus = ensure_corpus(args.dask_size, args.seed, args.cache)
        dask_runs = []
        for run in range(args.runs):
            links_file = args.cache / f"links-dask-{args.dask_size}-{run}.tsv"
            dask_runs.append(measure("dask", corpus, links_out=links_file))
        local_file = args.cache / f"links-{args.dask_size}-0.tsv"
        same = (
            local_file.exists()
            and local_file.read_bytes()
            == (args.cache / f"links-dask-{args.dask_size}-0.tsv").read_bytes()
        )
        print(
            json.dumps(
                {
                    "dask_docs": args.dask_size,
                    "align_s": _median(dask_runs, "align"),
                    "total_s": _median(dask_runs, "total"),
                    "peak_pss_mb": _median(dask_runs, "peak_pss_mb"),
                    "links_identical_to_local": same,
                }
            ),
            flush=True,
        )

    print()
    print(
        "| docs | clauses | floor (load) s | align s | load+align s | peak MB (tree PSS) "
        "| links | recall | precision | relation agreement |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['docs']:,} | {r['clauses']:,} | {r['floor_s']:.2f} | {r['align_s']:.2f} | "
            f"{r['total_s']:.2f} | {r['peak_pss_mb']:.0f} | {r['links']:,} | "
            f"{r['recall']:.4f} | {r['precision']:.4f} | {r['relation_agreement']:.4f} |"
        )
    if 1000 in align_medians and 10000 in align_medians:
        print(
            f"\ngrowth: align time(10,000)/time(1,000) = "
            f"{align_medians[10000] / align_medians[1000]:.1f} (10 is linear)"
        )


if __name__ == "__main__":
    main()
