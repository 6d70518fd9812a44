"""Rebuild the background table of drafting formula shipped as `lineage/align/data/formula.npz`.

Reads every resolution of `../shared/un-ga/` except the held-out documents listed in
`benchmarks/heldout/HELDOUT.txt` (never tuned on, so never counted either), and keeps the
hashes of the word n-grams found in `background.FORMULA_SERIES` or more series (see
`lineage.align.background`), and the citation keys that clauses of that many series cite.
Deterministic: the same texts give the same bytes.

    .venv/bin/python benchmarks/build_background.py [--un-ga DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from lineage.align.background import FORMULA_NGRAM, TABLE, build_counts, citation_counts
from lineage.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "benchmarks" / "heldout" / "HELDOUT.txt"
#: N-grams kept with their counts: from 3 series, so that the threshold can be measured again
#: without rebuilding (below 3, an n-gram is shared by at most two related series).
STORED = 3
OUT = ROOT / "src" / "lineage" / "align" / "data" / TABLE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--un-ga", type=Path, default=Path("/work/shared/un-ga"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    held = set(HELDOUT.read_text(encoding="utf-8").split()) if HELDOUT.exists() else set()
    files = [p for p in sorted(args.un_ga.glob("*.txt")) if p.name not in held]
    corpus = load_corpus(files)
    hashes, series = build_counts(corpus.documents, STORED)
    cited, cited_series = citation_counts(corpus.documents, STORED)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as fh:  # np.savez_compressed writes no timestamps: same bytes
        np.savez_compressed(
            fh, hashes=hashes, series=series, cited=cited, cited_series=cited_series
        )
    print(
        f"{len(files)} documents ({len(held)} held out): {len(hashes)} {FORMULA_NGRAM}-grams "
        f"in {STORED}+ series, {len(cited)} cited documents -> {args.out} "
        f"({args.out.stat().st_size // 1024} KB)"
    )


if __name__ == "__main__":
    main()
