"""Blind precision audit, step 1: sample links of a `lineage export --format json`.

Draws N links stratified by relation (equal shares per relation, a relation with fewer links
than its share gives the rest to the others), seeded and deterministic: the same export, N
and seed give the same bytes. Writes two files:

- the sample (`--out`), for the reader: per item only an item number and the two clauses'
  texts, earlier clause first. No relation, similarity, method, document or clause id: the
  reader judges whether the two are one clause (the same clause, a version of it, or a clause
  containing a substantial passage of the other) or not;
- the key (`--key`), kept from the reader: item number -> source, target, relation,
  similarity, method (and evidence when the export has it), plus the number of links of
  each relation in the export, which `audit_score.py` uses to weigh relations.

The items are shuffled, so their order says nothing about their relation.

    python benchmarks/audit_sample.py EXPORT.json -n 120 --seed 1 \
        --out benchmarks/audit/sample.txt --key benchmarks/audit/key.json
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

#: Width of the wrapped clause texts in the sample file.
WIDTH = 96


def allocate(counts: dict[str, int], n: int) -> dict[str, int]:
    """Items per relation: equal shares, a relation's unused share passed on to the others."""
    quota = dict.fromkeys(counts, 0)
    left = min(n, sum(counts.values()))
    while left:
        open_ = sorted(r for r in counts if quota[r] < counts[r])
        share, extra = divmod(left, len(open_))
        for i, rel in enumerate(open_):
            add = min(share + (1 if i < extra else 0), counts[rel] - quota[rel])
            quota[rel] += add
            left -= add
    return quota


def sample(export: dict[str, Any], n: int, seed: int) -> list[dict[str, Any]]:
    """The sampled links (export link objects), shuffled, deterministic for (export, n, seed)."""
    by_relation: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in export["links"]:
        by_relation[link["relation"]].append(link)
    for links in by_relation.values():
        links.sort(key=lambda k: (k["source"], k["target"]))
    quota = allocate({r: len(v) for r, v in by_relation.items()}, n)
    rng = random.Random(seed)
    picked: list[dict[str, Any]] = []
    for rel in sorted(by_relation):
        picked.extend(rng.sample(by_relation[rel], quota[rel]))
    rng.shuffle(picked)
    return picked


def clause_texts(export: dict[str, Any]) -> dict[str, str]:
    """uid -> clause text as printed."""
    return {c["uid"]: c["text"] for d in export["documents"] for c in d["clauses"]}


def render_sample(items: list[dict[str, Any]], texts: dict[str, str]) -> str:
    """The reader's file: item number and the two texts, nothing else."""
    out = [
        "# Blind audit: for each item, are A and B one clause (the same clause, a version of",
        "# it, or one containing a substantial passage of the other: a split or a merge)?",
        "# Answer in a judgement file, one line per item: `<number> right` or `<number> wrong`.",
        "",
    ]
    for i, link in enumerate(items, start=1):
        out.append(f"## {i}")
        for tag, uid in (("A", link["source"]), ("B", link["target"])):
            body = textwrap.fill(
                " ".join(texts[uid].split()),
                WIDTH,
                initial_indent=f"{tag}: ",
                subsequent_indent="   ",
            )
            out.append(body)
        out.append("")
    return "\n".join(out)


def render_key(items: list[dict[str, Any]], export: dict[str, Any], n: int, seed: int) -> str:
    """The hidden key: what each item was, and how many links of each relation exist."""
    population = Counter(k["relation"] for k in export["links"])
    keys = ("source", "target", "relation", "similarity", "method", "evidence")
    key = {
        "n": n,
        "seed": seed,
        "population": dict(sorted(population.items())),
        "items": {
            str(i): {k: link[k] for k in keys if k in link} for i, link in enumerate(items, start=1)
        },
    }
    return json.dumps(key, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path, help="a `lineage export --format json` file")
    parser.add_argument("-n", type=int, default=120, help="links to sample (default 120)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="the reader's file")
    parser.add_argument("--key", type=Path, required=True, help="the hidden key (JSON)")
    args = parser.parse_args()
    export = json.loads(args.export.read_text(encoding="utf-8"))
    items = sample(export, args.n, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.key.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_sample(items, clause_texts(export)) + "\n", encoding="utf-8")
    args.key.write_text(render_key(items, export, args.n, args.seed), encoding="utf-8")
    counts = Counter(k["relation"] for k in items)
    print(f"{len(items)} items: " + ", ".join(f"{r} {c}" for r, c in sorted(counts.items())))


if __name__ == "__main__":
    main()
