"""Export benchmark on real and synthetic corpora: the floor, each stage, peak memory, ratios.

For each corpus (a folder of texts such as ../shared/un-ga, or a number: a synthetic corpus of
that many documents made by generate.py and cached under --cache) every figure is the median
of --runs runs, each in a fresh subprocess:

- floor: reading the same files and hashing every word 5-gram (lower-cased words, one hash
  per 5-gram, kept in a set): the least any aligner must do with these texts;
- export: `lineage export PATH --format FMT -o FILE` run in the child through the real CLI
  (click, the writer, everything), with timers put around the pipeline's named stages (see
  STAGES): each stage's time is exclusive (a stage called inside another is not counted
  twice); "command" is what the CLI does outside them: formatting and writing the export.

Printed per corpus: documents, clauses, the floor, each stage, the command's total, the ratio
total / floor, the peak memory of the process tree (PSS summed over the tree, sampled every
second: reading smaps_rollup of a large process costs the kernel real time, and sampled every
100 ms it took more CPU than the run itself on a loaded machine), the main process's maxrss
when the analysis was done and at the end (what the export added), and whether every run
wrote the same bytes (sha256).
With --profile, one run per corpus under cProfile, one profiler per stage (exclusive): the
five hottest functions of each stage by own time.

    PYTHONPATH=src python benchmarks/bench_real.py --corpora ../shared/un-ga,1000,10000 --runs 3
    PYTHONPATH=src python benchmarks/bench_real.py --corpora ../shared/un-ga --profile
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_scale import ensure_corpus, machine, run_sampled  # noqa: E402

#: The floor's tokens: runs of word characters, as any word-based aligner reads them.
WORD = re.compile(r"\w+")
#: Words per shingle in the floor: 5-grams, the least that tells shared passages apart.
FLOOR_GRAM = 5
#: How often the parent samples the child's memory (s): the peaks last seconds; reading
#: smaps_rollup more often cost more CPU than the run measured.
SAMPLE_SECONDS = 1.0

#: (module, function, stage): functions timed in the child when the module has them. Stages
#: are exclusive: time inside a nested timed function belongs to that function's stage.
#: The list follows the pipeline's current names; a name that moved is skipped and reported.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("lineage.corpus", "load_corpus", "load"),
    ("lineage.analysis", "analyse", "analyse (rest)"),
    ("lineage.align.aligner", "prepare", "prepare"),
    ("lineage.align.aligner", "build_index", "index"),
    ("lineage.align.prepared", "build_index", "index"),
    ("lineage.align.aligner", "score_chunk", "scoring"),
    ("lineage.align.aligner", "select_pairs", "selection"),
    ("lineage.align.selection", "select_pairs", "selection"),
    ("lineage.analysis", "_final_links", "overrides"),
    ("lineage.analysis", "build_graph", "series"),
    ("lineage.analysis", "build_families", "families"),
    ("lineage.analysis", "pair_versions", "pairings"),
)


# Child side -------------------------------------------------------------------------------------


def floor(paths: list[Path]) -> dict[str, Any]:
    """Read every file and hash its word 5-grams; the time and how many distinct there were."""
    t0, c0 = time.perf_counter(), time.process_time()
    grams: set[int] = set()
    words_seen = 0
    for path in paths:
        words = WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower())
        words_seen += len(words)
        grams.update(map(hash, zip(*(words[k:] for k in range(FLOOR_GRAM)), strict=False)))
    return {
        "floor": time.perf_counter() - t0,
        "floor_cpu": time.process_time() - c0,
        "words": words_seen,
        "grams": len(grams),
    }


def cpu_time() -> float:
    """CPU seconds of this process and of its finished children: the local engine's pool
    workers are reaped when their map ends, so a stage's CPU includes its workers'."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Timers:
    """Exclusive wall and CPU time per stage, optionally one cProfile profiler per stage."""

    def __init__(self, profile: bool) -> None:
        self.spent: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.stack: list[tuple[str, float, float]] = []
        self.profiles: dict[str, Any] = {}
        self.profile = profile
        self.found: list[str] = []

    def _switch(self, old: str | None, new: str | None) -> None:
        if not self.profile:
            return
        import cProfile

        if old is not None:
            self.profiles[old].disable()
        if new is not None:
            self.profiles.setdefault(new, cProfile.Profile()).enable()

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            now, cpu = time.perf_counter(), cpu_time()
            outer = self.stack[-1][0] if self.stack else "command"
            if self.stack:  # the outer stage stops counting while this one runs
                self._add(outer, now - self.stack[-1][1], cpu - self.stack[-1][2])
            self._switch(outer, stage)
            self.stack.append((stage, now, cpu))
            try:
                return fn(*args, **kwargs)
            finally:
                end, end_cpu = time.perf_counter(), cpu_time()
                _, began, began_cpu = self.stack.pop()
                self._add(stage, end - began, end_cpu - began_cpu)
                self.calls[stage] = self.calls.get(stage, 0) + 1
                if self.stack:
                    self.stack[-1] = (self.stack[-1][0], end, end_cpu)
                self._switch(stage, outer)

        return timed

    def _add(self, stage: str, wall: float, cpu: float) -> None:
        self.spent[stage] = self.spent.get(stage, 0.0) + wall
        self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu

    def install(self) -> None:
        for module_name, attr, stage in STAGES:
            module = importlib.import_module(module_name)
            if hasattr(module, attr):
                setattr(module, attr, self.wrap(stage, getattr(module, attr)))
                self.found.append(f"{module_name}.{attr}")


def _child(corpus: Path, fmt: str, out: Path, profile: bool) -> None:
    from lineage.corpus import discover

    texts = corpus / "texts" if (corpus / "texts").is_dir() else corpus
    files, _ = discover([texts])
    result = floor(files)
    import click  # noqa: F401  (imports before the clock: the command is timed, not start-up)

    from lineage import analysis, cli

    timers = Timers(profile)
    timers.install()
    maxrss: dict[str, float] = {}
    counts: dict[str, int] = {}

    def done(*args: Any, **kwargs: Any) -> Any:
        found = analyse(*args, **kwargs)
        maxrss["analysis"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        counts["docs"] = len(found.documents)
        counts["clauses"] = sum(len(d.clauses) for d in found.documents)
        counts["links"] = len(found.links)
        return found

    analyse = analysis.analyse
    analysis.analyse = done
    if profile:
        timers._switch(None, "command")
    t0, c0 = time.perf_counter(), cpu_time()
    code = cli.main.main(
        ["export", str(texts), "--format", fmt, "-o", str(out), "-q"], standalone_mode=False
    )
    if code not in (None, 0):
        raise SystemExit(f"lineage export exited {code}")
    total, total_cpu = time.perf_counter() - t0, cpu_time() - c0
    if profile:
        timers._switch("command", None)
    spent = dict(timers.spent)
    spent["command"] = total - sum(v for k, v in spent.items() if k != "command")
    cpu = dict(timers.cpu)
    cpu["command"] = total_cpu - sum(v for k, v in cpu.items() if k != "command")
    result |= {
        "stages": spent,
        "stages_cpu": cpu,
        "total": total,
        "total_cpu": total_cpu,
        "found": timers.found,
        "maxrss_analysis_mb": maxrss.get("analysis", 0.0),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "sha256": _sha256(out),
        "bytes": out.stat().st_size,
        **counts,
    }
    if profile:
        result["profiles"] = {stage: _hottest(p) for stage, p in timers.profiles.items()}
    print(json.dumps(result))


def _sha256(path: Path) -> str:
    """The file's sha256, read a piece at a time (the export may be larger than the analysis)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


#: Functions listed per stage under --profile.
HOTTEST = 5


def _hottest(profiler: Any) -> list[list[Any]]:
    """[own s, cumulative s, calls, function] of the stage's HOTTEST functions by own time."""
    import pstats

    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:HOTTEST]
    return [
        [round(tt, 3), round(ct, 3), nc, f"{Path(file).name}:{line}({name})"]
        for (file, line, name), (_cc, nc, tt, ct, _callers) in rows
    ]


# Parent side ------------------------------------------------------------------------------------


def run_child(corpus: Path, fmt: str, out: Path, profile: bool = False) -> dict[str, Any]:
    """One export in a fresh process; its JSON result plus the tree's peak PSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus)]
    cmd += ["--format", fmt, "--out", str(out)] + (["--profile"] if profile else [])
    t0 = time.perf_counter()
    result, peak = run_sampled(cmd, f"export of {corpus}", SAMPLE_SECONDS)
    result["peak_pss_mb"] = peak
    result["process_s"] = time.perf_counter() - t0
    return result


def corpus_path(spec: str, seed: int, cache: Path) -> Path:
    """A folder as given, or a synthetic corpus of that many documents."""
    return ensure_corpus(int(spec), seed, cache) if spec.isdigit() else Path(spec).resolve()


def summarise(name: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over runs of every figure; stages in the order they first ran."""

    def median(key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    def stages(key: str) -> dict[str, float]:
        names = list(dict.fromkeys(s for r in runs for s in r[key]))
        return {s: statistics.median(r[key].get(s, 0.0) for r in runs) for s in names}

    return {
        "corpus": name,
        "runs": len(runs),
        "docs": runs[0].get("docs"),
        "clauses": runs[0].get("clauses"),
        "links": runs[0].get("links"),
        "floor_s": median("floor"),
        "floor_cpu_s": median("floor_cpu"),
        "stages_s": stages("stages"),
        "stages_cpu_s": stages("stages_cpu"),
        "total_s": median("total"),
        "total_cpu_s": median("total_cpu"),
        "process_s": median("process_s"),
        "ratio_to_floor": statistics.median(r["total"] / r["floor"] for r in runs),
        "cpu_ratio_to_floor": statistics.median(r["total_cpu"] / r["floor_cpu"] for r in runs),
        "peak_pss_mb": median("peak_pss_mb"),
        "maxrss_analysis_mb": median("maxrss_analysis_mb"),
        "maxrss_mb": median("maxrss_mb"),
        "bytes": runs[0]["bytes"],
        "sha256": runs[0]["sha256"],
        "identical_runs": len({r["sha256"] for r in runs}) == 1,
    }


def table(rows: list[dict[str, Any]], cpu: bool = False) -> str:
    """The rows as a Markdown table, stage columns in pipeline order (wall or CPU seconds)."""
    suffix = "cpu_s" if cpu else "s"
    stages = list(dict.fromkeys(s for r in rows for s in r[f"stages_{suffix}"]))
    unit = "CPU s" if cpu else "s"
    head = ["corpus", "docs", "clauses", f"floor {unit}", *stages, f"total {unit}", "x floor"]
    head += ["peak MB", "maxrss analysis MB", "maxrss end MB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["corpus"], f"{r['docs'] or 0:,}", f"{r['clauses'] or 0:,}"]
        cells.append(f"{r[f'floor_{suffix}']:.2f}")
        cells += [f"{r[f'stages_{suffix}'].get(s, 0.0):.2f}" for s in stages]
        ratio = r["cpu_ratio_to_floor" if cpu else "ratio_to_floor"]
        cells += [f"{r[f'total_{suffix}']:.2f}", f"{ratio:.1f}", f"{r['peak_pss_mb']:.0f}"]
        cells += [f"{r['maxrss_analysis_mb']:.0f}", f"{r['maxrss_mb']:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "un-ga") + ",1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="json", choices=["json", "tei", "csv"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/lineage-bench"))
    parser.add_argument("--profile", action="store_true", help="one cProfile run per corpus")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.format, args.out, args.profile)
        return
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(f"runs per figure: {1 if args.profile else args.runs} (medians), --format {args.format}")
    rows = []
    for spec in filter(None, args.corpora.split(",")):
        corpus = corpus_path(spec, args.seed, args.cache)
        name = spec if spec.isdigit() else corpus.name
        out = args.cache / f"export-{name}.{args.format}"
        runs = [
            run_child(corpus, args.format, out, args.profile)
            for _ in range(1 if args.profile else args.runs)
        ]
        row = summarise(name, runs)
        rows.append(row)
        print(json.dumps(row), flush=True)
        print(f"  timed: {', '.join(runs[0]['found'])}", flush=True)
        if args.profile:
            for stage, hot in runs[0]["profiles"].items():
                print(f"  {stage}:")
                for own, cum, calls, where in hot:
                    print(f"    {own:8.3f} s own {cum:8.3f} s cum {calls:>9} calls  {where}")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end\n")
    print("wall time (the machine's load inflates it; CPU time below is the steadier figure)")
    print(table(rows))
    print("\nCPU time of the process and its finished pool workers")
    print(table(rows, cpu=True))


if __name__ == "__main__":
    main()
