"""Figures of issue 9 on a real corpus: do families chain into giant components?

    PYTHONPATH=src .venv/bin/python benchmarks/series_figures.py /work/shared/un-ga

Prints, for the corpus given:

- **largest family**: clauses and documents of the biggest family;
- **colliding clauses**: the share of clauses that share a family with another clause of
  their own document (a family should hold two clauses of one document only through a split
  or a merge);
- **weak links**: the share of links whose two clauses share under 30% of their words (the
  Dice coefficient of their normalised word multisets: 2 x common words / all words), and how
  many of those are `family` links (implied, never scored directly);
- **series**, when the analysis has a document graph: how many, the longest, and how many
  side-by-side pages (documents and their previous version) there are.

One run: the analysis of a 659-document corpus takes minutes, and these are counts, not times.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis

#: Links under this share of common words are "weak" (the issue's figure).
WEAK_SHARE = 0.3


def word_share(a: str, b: str) -> float:
    """Dice coefficient of two word multisets."""
    wa, wb = Counter(a.split()), Counter(b.split())
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0


def family_figures(analysis: Analysis) -> dict[str, object]:
    """Largest family and the share of clauses colliding inside their own document."""
    largest = max(analysis.families, key=lambda f: len(f.clauses))
    colliding = 0
    for family in analysis.families:
        per_doc = Counter(uid.rsplit("/", 1)[0] for uid in family.clauses)
        colliding += sum(n for n in per_doc.values() if n > 1)
    clauses = sum(len(d.clauses) for d in analysis.documents)
    return {
        "documents": len(analysis.documents),
        "clauses": clauses,
        "families": len(analysis.families),
        "largest_family_clauses": len(largest.clauses),
        "largest_family_documents": len({u.rsplit("/", 1)[0] for u in largest.clauses}),
        "colliding_clauses": colliding,
        "colliding_share": round(colliding / clauses, 4) if clauses else 0.0,
    }


def link_figures(analysis: Analysis) -> dict[str, object]:
    """How many links join clauses sharing under WEAK_SHARE of their words, and by what."""
    weak: Counter[str] = Counter()
    for link in analysis.links:
        a, b = analysis.clause(link.source).norm, analysis.clause(link.target).norm
        if word_share(a, b) < WEAK_SHARE:
            weak[link.method] += 1
    n = len(analysis.links)
    return {
        "links": n,
        "weak_links": sum(weak.values()),
        "weak_share": round(sum(weak.values()) / n, 4) if n else 0.0,
        "weak_by_method": dict(sorted(weak.items())),
    }


def series_figures(analysis: Analysis) -> dict[str, object]:
    """Series of the document graph, when the analysis has one."""
    graph = getattr(analysis, "graph", None)
    if graph is None:
        return {}
    sizes = Counter(graph.series_of(d.id) for d in analysis.documents)
    return {
        "series": len(sizes),
        "series_of_one": sum(1 for n in sizes.values() if n == 1),
        "longest_series": max(sizes.values()),
        "documents_with_previous": sum(
            1 for d in analysis.documents if graph.previous(d.id) is not None
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("/work/shared/un-ga"))
    args = parser.parse_args(argv)
    analysis = analyse(load_corpus([args.corpus]))
    figures = {**family_figures(analysis), **link_figures(analysis), **series_figures(analysis)}
    json.dump(figures, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
