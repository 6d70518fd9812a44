"""Candidate-search recall by document-frequency cap, on synthetic corpora of several sizes.

The index leaves out shingles found in more than a cap of distinct wordings (formula). This
measures, for each cap, what the candidate search alone finds: of the required links of
truth.json (see generate.py), the share whose two wordings are candidates (or one wording:
verbatim copies need no search), by relation, and how many candidate pairs there are (what
scoring then pays for). Scoring is left out: it only loses what search did not find, so this
is the ceiling of the aligner's recall at that cap, in a fraction of the time.

Caps: the fixed `index.MAX_DF` and `index.df_cap(n_reps)` if the index module has it (a cap
relative to the corpus's wordings), and any given with --caps.

    PYTHONPATH=src python benchmarks/bench_recall.py --sizes 1000,10000 --caps 60,120,240
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale import ensure_corpus  # noqa: E402


def candidate_pairs(index: object, cap: int) -> set[int]:
    """Every candidate pair of reps (q * n + r) when shingles above `cap` wordings are out
    (with the index's own rule for long wordings, `index.with_cap`, where it has one)."""
    from dataclasses import replace

    from lineage.align import index as index_module
    from lineage.align.index import candidates

    if hasattr(index_module, "with_cap"):
        capped = index_module.with_cap(index, cap)  # type: ignore[arg-type]
    else:
        counts = index.counts  # type: ignore[attr-defined]
        capped = replace(index, usable=(counts >= 2) & (counts <= cap))  # type: ignore[type-var]
    n = capped.n_reps
    found: set[int] = set()
    step = 2000
    for lo in range(0, n, step):
        qs, rs = candidates(capped, lo, min(lo + step, n))
        found.update((qs * n + rs).tolist())
    return found


def measure(size: int, seed: int, cache: Path, caps: list[int]) -> list[dict[str, object]]:
    """Recall of candidate search at each cap for the corpus of `size` documents."""
    from lineage.align import index as index_module
    from lineage.align.prepared import prepare
    from lineage.corpus import load_corpus

    folder = ensure_corpus(size, seed, cache)
    t0 = time.perf_counter()
    prepared = prepare(load_corpus([folder / "texts"]))
    n = prepared.index.n_reps
    rep = {c.uid: prepared.rep_of[i] for i, c in enumerate(prepared.clauses)}
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    required = [(rep[s], rep[t], r) for s, t, r in truth["links"]]
    print(f"{size} docs: {n:,} wordings, prepared in {time.perf_counter() - t0:.1f} s", flush=True)
    relative = getattr(index_module, "df_cap", None)
    wanted = sorted(set(caps) | {index_module.MAX_DF} | ({relative(n)} if relative else set()))
    rows = []
    for cap in wanted:
        t1 = time.perf_counter()
        found = candidate_pairs(prepared.index, cap)
        missed = Counter(
            r for a, b, r in required if a != b and max(a, b) * n + min(a, b) not in found
        )
        by_relation = Counter(r for _, _, r in required)
        row = {
            "docs": size,
            "wordings": n,
            "cap": cap,
            "is": "MAX_DF"
            if cap == index_module.MAX_DF
            else ("df_cap" if relative and cap == relative(n) else ""),
            "candidates": len(found),
            "search_recall": 1 - sum(missed.values()) / len(required),
            "recall_by_relation": {
                r: round(1 - missed[r] / k, 4) for r, k in sorted(by_relation.items())
            },
            "search_s": round(time.perf_counter() - t1, 2),
            "usable_shingles": int(np.count_nonzero(prepared.index.counts <= cap)),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--caps", default="60")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/lineage-bench"))
    args = parser.parse_args(argv)
    caps = [int(c) for c in args.caps.split(",") if c]
    rows = [
        row
        for s in args.sizes.split(",")
        if s
        for row in measure(int(s), args.seed, args.cache, caps)
    ]
    print("\n| docs | wordings | cap | candidates | search recall | major | partial |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        rel = r["recall_by_relation"]
        print(
            f"| {r['docs']:,} | {r['wordings']:,} | {r['cap']} {r['is']} | {r['candidates']:,} | "
            f"{r['search_recall']:.4f} | {rel.get('major', 1):.4f} | {rel.get('partial', 1):.4f} |"
        )


if __name__ == "__main__":
    main()
