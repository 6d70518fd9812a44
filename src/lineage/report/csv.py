"""CSV export: one row per link, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io

from ..model import Analysis

COLUMNS = (
    "source",
    "target",
    "source_doc",
    "target_doc",
    "relation",
    "similarity",
    "method",
    "reviewed",
)


def render(analysis: Analysis) -> str:
    """A header row, then the links in corpus order; "\\n" line endings, 4-place similarity."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for link in analysis.links:
        writer.writerow(
            [
                link.source,
                link.target,
                analysis.clause(link.source).doc_id,
                analysis.clause(link.target).doc_id,
                link.relation,
                f"{link.similarity:.4f}",
                link.method,
                link.reviewed,
            ]
        )
    return out.getvalue()
