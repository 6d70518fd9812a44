"""Blind precision audit, step 2: score a reader's judgements against the hidden key.

The judgement file has one line per item, `<number> right` or `<number> wrong` (also `r`/`w`,
`yes`/`no`, `y`/`n`, `1`/`0`, `ok`/`false`; anything after `#` is a comment; a line
`<number>: right` with a colon is read the same). Prints per relation the items judged, the
right ones, precision and its 95% Wilson interval; then the overall precision of the sample
and the precision weighted by how many links of each relation the export holds (what a
reader of the whole export would meet). Items of the key left unjudged are listed.

    python benchmarks/audit_score.py benchmarks/audit/key.json benchmarks/audit/judged.txt
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

RIGHT = frozenset({"right", "r", "yes", "y", "1", "ok", "true", "correct"})
WRONG = frozenset({"wrong", "w", "no", "n", "0", "false", "incorrect"})
LINE = re.compile(r"^\s*#?\s*(\d+)\s*[:.)=-]?\s*(\S+)")
#: z for a 95% interval.
Z95 = 1.96


def read_judgements(path: Path) -> dict[str, bool]:
    """item number -> right?; exits with a message naming the line on anything unreadable."""
    out: dict[str, bool] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0] if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        m = LINE.match(line)
        word = m.group(2).lower().rstrip(".,;") if m else ""
        if not m or word not in RIGHT | WRONG:
            sys.exit(
                f"{path}:{lineno}: cannot read {raw.strip()!r}; "
                "write `<item number> right` or `<item number> wrong`"
            )
        out[m.group(1)] = word in RIGHT
    return out


def wilson(right: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion right/n."""
    if n == 0:
        return 0.0, 1.0
    p = right / n
    centre = (p + Z95 * Z95 / (2 * n)) / (1 + Z95 * Z95 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 * Z95 / (4 * n * n)) / (1 + Z95 * Z95 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def score(key: dict, judged: dict[str, bool]) -> str:
    """The report: per relation, overall, weighted by population; unjudged items listed."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong_items: dict[str, list[str]] = defaultdict(list)
    missing = []
    for item, link in sorted(key["items"].items(), key=lambda kv: int(kv[0])):
        if item not in judged:
            missing.append(item)
            continue
        rel = link["relation"]
        tally[rel][0] += 1
        tally[rel][1] += judged[item]
        if not judged[item]:
            wrong_items[rel].append(item)
    lines = [f"{'relation':<11} {'judged':>6} {'right':>6} {'precision':>9}  95% interval"]
    for rel in sorted(tally):
        n, right = tally[rel]
        lo, hi = wilson(right, n)
        lines.append(
            f"{rel:<11} {n:>6} {right:>6} {right / n:>9.3f}  [{lo:.3f}, {hi:.3f}]"
            f"  wrong: {' '.join(wrong_items[rel]) or '-'}"
        )
    n_all = sum(t[0] for t in tally.values())
    right_all = sum(t[1] for t in tally.values())
    if n_all:
        lines.append(f"{'sample':<11} {n_all:>6} {right_all:>6} {right_all / n_all:>9.3f}")
        population = key.get("population", {})
        total = sum(population.get(rel, 0) for rel in tally)
        if total:
            weighted = sum(population.get(rel, 0) * t[1] / t[0] for rel, t in tally.items())
            lines.append(
                f"weighted by the export's {total} links of these relations: {weighted / total:.3f}"
            )
    if missing:
        lines.append(f"not judged ({len(missing)}): {' '.join(missing)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("key", type=Path, help="the key written by audit_sample.py")
    parser.add_argument("judgements", type=Path, help="item number -> right/wrong, one a line")
    args = parser.parse_args()
    key = json.loads(args.key.read_text(encoding="utf-8"))
    print(score(key, read_judgements(args.judgements)))


if __name__ == "__main__":
    main()
