"""Reading the 30 official UN PDFs of shared/un-pdf: time per PDF and agreement with un-ga.

For each PDF: the median of --runs reads (read_pdf: glyphs to text), then its clauses against
those of its text in shared/un-ga (the other tool's extraction of the same PDF): same
preambular and operative counts, share of clauses linked verbatim or minor to their
counterpart by the aligner, share whose normalised texts are equal.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_read_pdf.py --runs 3
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from lineage.analysis import analyse
from lineage.corpus import build_document
from lineage.model import Corpus, Document
from lineage.read import read_source
from lineage.read.pdf import read as read_pdf

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")


def _counts(doc: Document) -> tuple[int, int]:
    return (
        sum(c.kind == "preamble" for c in doc.clauses),
        sum(c.kind == "operative" for c in doc.clauses),
    )


def _linked(doc: Document, ref: Document) -> int:
    analysis = analyse(Corpus(documents=tuple(sorted((doc, ref), key=lambda d: d.sort_key))))
    close = {
        frozenset((link.source, link.target))
        for link in analysis.links
        if link.relation in ("verbatim", "minor")
    }
    return sum(frozenset((c.uid, f"{ref.id}/{c.id}")) in close for c in doc.clauses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times, clauses, linked, equal, agree = [], 0, 0, 0, 0
    pdfs = sorted((SHARED / "un-pdf").glob("*.pdf"))
    for pdf in pdfs:
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            (source,) = read_pdf(pdf)
            runs.append(time.perf_counter() - start)
        doc = build_document(source)
        (ref_path,) = (SHARED / "un-ga").glob(f"*_{pdf.stem.lower().replace('_', '-')}.txt")
        (ref_source,) = read_source(ref_path)
        ref = build_document(dataclasses.replace(ref_source, id=f"ref-{ref_source.id}"))
        same = _counts(doc) == _counts(ref)
        n_linked = _linked(doc, ref)
        n_equal = sum(a.norm == b.norm for a, b in zip(doc.clauses, ref.clauses, strict=False))
        times.append(statistics.median(runs))
        clauses += len(doc.clauses)
        linked += n_linked
        equal += n_equal
        agree += same
        print(
            f"{pdf.stem:14} {times[-1]:6.2f} s  clauses {_counts(doc)} vs {_counts(ref)}  "
            f"linked {n_linked}/{len(doc.clauses)}  equal {n_equal}"
        )
    print(
        f"PDFs {len(pdfs)}; same counts {agree}/{len(pdfs)}; clauses {clauses}; "
        f"linked verbatim/minor {linked / clauses:.1%}; normalised equal {equal / clauses:.1%}"
    )
    print(
        f"time per PDF: median {statistics.median(times):.2f} s, max {max(times):.2f} s, "
        f"total {sum(times):.1f} s"
    )


if __name__ == "__main__":
    main()
