"""Held-out check of the document graph against series established by reading.

    PYTHONPATH=src .venv/bin/python benchmarks/eval_series.py \
        [--series benchmarks/heldout/series.toml] [--corpus /work/shared/un-ga]

`series.toml` (written by an independent reader, never used to tune the graph) lists series
with each member's previous version (a symbol, "" when the member starts the series here),
documents that start a series (`[[start]]`), pairs that are not versions of each other
(`[[not_version]]`) and related pairs (`[[related]]`). Printed:

- **previous-version accuracy**: members and starts whose previous version in the graph is
  the reader's (None for a start);
- **series purity**: each series of the graph, restricted to the documents the reader placed,
  counted by its largest share of one reader's series (1.0: no graph series mixes two);
  **series completeness** the same the other way round (1.0: no reader's series is cut);
- **not-version pairs kept apart** and **related pairs** the graph sees as a source;
- every disagreement, one per line, so a reader can judge it.
"""

from __future__ import annotations

import argparse
import pickle
import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from lineage.analysis import analyse
from lineage.corpus import load_corpus

HERE = Path(__file__).resolve().parent


def doc_id(name: str) -> str:
    """A document id from a file stem ("2023-10-05_a-res-78-2") or a symbol ("A/RES/78/2")."""
    name = re.sub(r"^\d{4}-\d{2}-\d{2}_", "", name.strip())
    return name.lower().replace("/", "-")


def expectations(data: dict[str, Any]) -> tuple[dict[str, str | None], dict[str, str]]:
    """(previous version of each placed document, the reader's series of each)."""
    previous: dict[str, str | None] = {}
    series: dict[str, str] = {}
    for entry in data.get("series", []):
        for member in entry["member"]:
            doc = doc_id(member["doc"])
            previous[doc] = doc_id(member["previous"]) if member["previous"] else None
            series[doc] = entry["id"]
    for start in data.get("start", []):
        doc = doc_id(start["doc"])
        previous[doc] = None
        series.setdefault(doc, f"start:{doc}")
    return previous, series


def purity(groups: dict[str, list[str]], truth: dict[str, str]) -> float:
    """Share of documents that are in their group's most common true class."""
    total = sum(len(g) for g in groups.values())
    best = sum(Counter(truth[d] for d in g).most_common(1)[0][1] for g in groups.values())
    return best / total if total else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=Path, default=HERE / "heldout" / "series.toml")
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/un-ga"))
    parser.add_argument("--analysis", type=Path, help="a pickled Analysis of the corpus (reuse)")
    args = parser.parse_args(argv)
    data = tomllib.loads(args.series.read_text(encoding="utf-8"))
    if args.analysis:
        graph = pickle.loads(args.analysis.read_bytes()).graph
    else:
        graph = analyse(load_corpus([args.corpus])).graph
    previous, truth = expectations(data)
    known = {n.doc_id for n in graph.nodes}
    placed = sorted(d for d in previous if d in known)
    wrong = [
        (d, previous[d], graph.previous(d)) for d in placed if graph.previous(d) != previous[d]
    ]
    found: dict[str, list[str]] = defaultdict(list)
    for d in placed:
        found[graph.series_of(d)].append(d)
    reader: dict[str, list[str]] = defaultdict(list)
    for d in placed:
        reader[truth[d]].append(d)
    mine = {d: graph.series_of(d) for d in placed}
    apart = [(doc_id(p["a"]), doc_id(p["b"])) for p in data.get("not_version", [])]
    joined = [(a, b) for a, b in apart if a in known and b in known and graph.same_series(a, b)]
    related = [(doc_id(p["a"]), doc_id(p["b"])) for p in data.get("related", [])]
    sourced = [
        (a, b)
        for a, b in related
        if a in known
        and b in known
        and any(s.doc_id in (a, b) for s in graph.sources(b) + graph.sources(a))
    ]
    print(f"documents placed by the reader: {len(placed)} (of {len(previous)} listed)")
    print(
        f"previous-version accuracy: {len(placed) - len(wrong)}/{len(placed)} = "
        f"{(len(placed) - len(wrong)) / max(len(placed), 1):.3f}"
    )
    print(f"series purity: {purity(found, truth):.3f}  completeness: {purity(reader, mine):.3f}")
    print(f"not-version pairs kept apart: {len(apart) - len(joined)}/{len(apart)}")
    print(f"related pairs seen as a source: {len(sourced)}/{len(related)}")
    for d, want, got in wrong:
        print(f"  previous of {d}: reader {want}, graph {got}")
    for a, b in joined:
        print(f"  not versions, but one series: {a} {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
