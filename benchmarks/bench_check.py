"""`lineage check` with a cold and a warm cache: how much the content-keyed cache saves.

Corpora:
- un-ga: the 659 real resolutions of ../shared/un-ga/ (read in place); the new text is its
  latest resolution with a new id, a later date and three words changed (its base must be
  that resolution: printed);
- seeds+corpus: texts/ plus ../shared/corpus/ (its copy of unga-res-79-274 renamed
  2025-03-21_unga-res-79-274-official.txt, so the ids stay unique);
- synthetic-N: benchmarks/generate.py --docs N (skipped if the generator is absent).
The new text is the corpus's latest document with a new id, a later date and words changed.

Measured, each in a fresh subprocess: cold = an empty cache folder (read and segment every
corpus file, store one entry per file); warm = another new text against the cached corpus
(read the per-file entries, align only the new text with the few documents it draws on);
again = the same new text once more (a re-run, or the second --format of a CI job: nothing
is aligned); grown = a new text after one file was added to the corpus (only that file is
read: every other file's entry is still there); no-cache = --no-cache. Each is timed twice: the
whole CLI process (what a CI job pays, interpreter start-up and imports included; wall and
CPU seconds, the latter steadier on a busy machine) and the check work alone (run_check and
the JSON report, in a process that imported everything first). Printed: medians of several
runs, cold/warm and cold/again.

    PYTHONPATH=src python benchmarks/bench_check.py --runs 5 --synthetic 1000
    PYTHONPATH=src python benchmarks/bench_check.py --runs 5 --only-un-ga
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


def seeds_and_corpus(dest: Path) -> Path:
    """texts/ and ../shared/corpus/ in one folder, ids unique."""
    folder = dest / "seeds-corpus"
    shutil.copytree(ROOT / "texts", folder)
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        name = path.name
        if (folder / name).exists():
            name = name.replace(".txt", "-official.txt")
        shutil.copy(path, folder / name)
    return folder


def synthetic(dest: Path, docs: int) -> Path | None:
    """A generated corpus of `docs` documents, or None without the generator."""
    if not (HERE / "generate.py").exists():
        return None
    out = dest / f"synthetic-{docs}"
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate.py"),
            "--docs",
            str(docs),
            "--out",
            str(out),
            "--seed",
            "1",
        ],
        check=True,
        env=_env(),
    )
    return out / "texts"


def new_text(folder: Path, dest: Path, variant: int = 0) -> Path:
    """The latest document of folder as a new version: new id, a later date, words changed
    (a different text for each variant)."""
    latest = max(
        p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.stem.lower() != "readme"
    )
    text = latest.read_text(encoding="utf-8")
    if text.startswith("+++"):
        text = re.sub(r'(?m)^id = ".*"$', 'id = "bench-new"', text, count=1)
        text = re.sub(r"(?m)^date = .*$", "date = 2099-01-01", text, count=1)
    else:  # a raw text (un-ga): its printed symbol would give it the latest's own id
        text = '+++\nid = "bench-new"\ndate = 2099-01-01\n+++\n' + text
    text = re.sub(r"\bthe\b", "this", text, count=3 + variant)
    path = dest / f"2099-01-01_bench-new-{variant}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def grow(source: Path, corpus: Path) -> None:
    """One more file in the corpus: its earliest text under another name and id, a day
    later (front matter gives it the new id whatever its body says)."""
    earliest = min(
        p for p in source.iterdir() if p.suffix in (".txt", ".md") and p.stem.lower() != "readme"
    )
    text = earliest.read_text(encoding="utf-8")
    if text.startswith("+++"):
        text = text.partition("+++\n")[2].partition("+++\n")[2]
    date = earliest.name[:10]
    head = f'+++\nid = "bench-grown"\ndate = {date}\n+++\n'
    (corpus / f"{date}_bench-grown.txt").write_text(head + text, encoding="utf-8")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true"}


CPU: list[float] = []


def lineage_check(new: Path, corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`lineage check NEW --against CORPUS ARGS...` as a CI job runs it."""
    command = [sys.executable, "-m", "lineage.cli", "check", str(new), "--against", str(corpus)]
    return subprocess.run([*command, *args], env=_env(), capture_output=True, text=True)


def check(new: Path, corpus: Path, cache: Path, *extra: str) -> float:
    """Wall seconds for one `lineage check` (exit 0 or 1 expected); its CPU seconds (user +
    system, steadier than wall time on a busy machine) are appended to CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    policy = str(cache.parent / "bench-policy.toml")
    result = lineage_check(
        new,
        corpus,
        "--cache-dir",
        str(cache),
        "--format",
        "json",
        "-o",
        os.devnull,
        "-q",
        "--policy",
        policy,
        *extra,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if result.returncode not in (0, 1):
        raise SystemExit(f"lineage check failed ({result.returncode}): {result.stderr}")
    return elapsed


#: Child process for the work time: every module imported first, then run_check timed.
WORK_CHILD = """
import sys, time
from pathlib import Path
import lineage.analysis, lineage.corpus, lineage.report.diff, lineage.clean.normalize
import lineage.citations
from lineage.check.cache import Cache
from lineage.check.run import run_check
from lineage.check.formats import FORMATS
from lineage.check.policy import load_policy
new, corpus, cache, policy, use = sys.argv[1:]
start = time.perf_counter()
result = run_check(Path(new), [Path(corpus)], load_policy(Path(policy)),
                   cache=Cache(Path(cache), enabled=use == "cache"))
FORMATS["json"](result.verdict, result.analysis, False)
print(time.perf_counter() - start)
"""


def work(new: Path, corpus: Path, cache: Path, use: str = "cache") -> float:
    """Seconds of check work alone (corpus, alignment, evaluation, report; no start-up)."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            WORK_CHILD,
            str(new),
            str(corpus),
            str(cache),
            str(cache.parent / "bench-policy.toml"),
            use,
        ],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def base_of(new: Path, corpus: Path) -> str:
    """The base a check picks for the new text (printed, so a reader sees what was measured)."""
    out = lineage_check(
        new, corpus, "--no-cache", "--protect", "General Assembly", "--format", "json"
    )
    return str(json.loads(out.stdout)["base"]) if out.stdout else out.stderr.strip()


def measure(name: str, corpus: Path, work_dir: Path, runs: int) -> None:
    """cold: empty cache; warm: the corpus cached, a new text never checked before;
    again: the same text checked again (a re-run, or its second --format)."""
    cache = work_dir / f"cache-{name}"
    (work_dir / "bench-policy.toml").write_text(
        "[limits]\nmax_dropped = 5\nmax_new = 5\nmax_rewritten = 5\n", encoding="utf-8"
    )
    kinds = ("cold", "warm", "again", "grown", "no-cache")
    process: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    inner: dict[str, list[float]] = {k: [] for k in kinds}
    source = corpus
    corpus = work_dir / f"corpus-{name}"
    for run in range(runs):
        first = new_text(source, work_dir, 3 * run)
        second = new_text(source, work_dir, 3 * run + 1)
        third = new_text(source, work_dir, 3 * run + 2)
        for timer, results in ((check, process), (work, inner)):
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.copytree(source, corpus)
            results["cold"].append(timer(first, corpus, cache))
            results["warm"].append(timer(second, corpus, cache))
            results["again"].append(timer(second, corpus, cache))
            grow(source, corpus)
            results["grown"].append(timer(third, corpus, cache))
            results["no-cache"].append(
                timer(first, corpus, cache, "--no-cache")
                if timer is check
                else timer(first, corpus, cache, "no")
            )
            if timer is check:
                for kind, seconds in zip(kinds, CPU[-len(kinds) :], strict=True):
                    cpu[kind].append(seconds)
    files = sum(1 for p in source.iterdir() if p.suffix in (".txt", ".md"))
    print(
        f"{name}: {files} texts, median of {runs} runs; base of the draft: {base_of(first, source)}"
    )
    for label, results in (
        ("CLI process, wall", process),
        ("CLI process, cpu", cpu),
        ("check work only", inner),
    ):
        med = {k: statistics.median(v) for k, v in results.items()}
        print(
            f"  {label:<18} "
            + "  ".join(f"{k} {v:6.3f} s" for k, v in med.items())
            + f"  cold/warm {med['cold'] / med['warm']:4.1f}x"
            f"  cold/again {med['cold'] / med['again']:4.1f}x",
            flush=True,
        )
    print(f"  load after: {os.getloadavg()}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--synthetic", type=int, default=1000, help="documents of the synthetic corpus (0: skip)"
    )
    parser.add_argument(
        "--un-ga",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure against the 659 real resolutions of ../shared/un-ga (if present)",
    )
    parser.add_argument("--only-un-ga", action="store_true", help="skip the other corpora")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lineage-bench-check-") as tmp:
        work = Path(tmp)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load {os.getloadavg()}")
        print("(load: the 1, 5 and 15 minute load averages before the runs; printed again after)")
        if args.un_ga and (SHARED / "un-ga").is_dir():
            measure("un-ga", SHARED / "un-ga", work, args.runs)
        if args.only_un_ga:
            return
        measure("seeds+corpus", seeds_and_corpus(work), work, args.runs)
        if args.synthetic:
            folder = synthetic(work, args.synthetic)
            if folder is None:
                print("synthetic: benchmarks/generate.py not found, skipped")
            else:
                measure(f"synthetic-{args.synthetic}", folder, work, max(1, args.runs // 2))


if __name__ == "__main__":
    main()
