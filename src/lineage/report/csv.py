"""CSV export: one row per link, for spreadsheets and scripts.

The first eight columns are the export's since lineage/1 (readers by position keep working);
the clause texts, the target's family and its event there follow, so a spreadsheet shows what
was linked without a second lookup.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

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
    "source_text",
    "target_text",
    "family",
    "event",
)


#: Links per piece of the streamed export: a few hundred KB of text.
ROWS_PER_CHUNK = 2000


def chunks(analysis: Analysis) -> Iterator[str]:
    """A header row, then the links in corpus order; "\\n" line endings, 4-place similarity;
    ROWS_PER_CHUNK rows a piece."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    family: dict[str, str] = {}
    event: dict[str, str] = {}
    for fam in analysis.families:
        for uid in fam.clauses:
            family[uid] = fam.id
        for e in fam.events:
            for uid in e.clauses:
                event.setdefault(uid, e.kind)
    clause = analysis.clause
    for n, link in enumerate(analysis.links, 1):
        source, target = clause(link.source), clause(link.target)
        writer.writerow(
            [
                link.source,
                link.target,
                source.doc_id,
                target.doc_id,
                link.relation,
                f"{link.similarity:.4f}",
                link.method,
                link.reviewed,
                source.text,
                target.text,
                family.get(link.target, ""),
                event.get(link.target, ""),
            ]
        )
        if n % ROWS_PER_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def render(analysis: Analysis) -> str:
    """The whole CSV export as one text (see `chunks`)."""
    return "".join(chunks(analysis))
