"""Why two clauses are linked, as pages say it: the relation in plain words, what the analysis
recorded as evidence, the citations both clauses make, and what a reviewer decided.

Nothing here decides a link: relation, similarity, method, evidence and the reviewers'
decisions come from the Analysis (align/, history/overrides.py); this module words them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...analysis import SHARED_PASSAGE_WORDS as PASSAGE
from ...model import Analysis, Link, Override

#: Each relation in plain words, as the legend and every link's tooltip say it
#: (docs/alignment.md has the rules behind each).
RELATION_WORDS: dict[str, str] = {
    "verbatim": "the same words (case, punctuation and look-alike letters aside)",
    "minor": "a few words changed, no long passage added or cut",
    "major": f"rewritten: many words changed, or a passage of {PASSAGE} or more words added or cut",
    "partial": "one holds a part of the other: a shared passage, one half of a split or merge",
    "paraphrase": "the same content in other words or another order",
}
#: The same, short, as a row beside its badge says it.
RELATION_SHORT: dict[str, str] = {
    "verbatim": "same words",
    "minor": "a few words changed",
    "major": "much rewritten",
    "partial": "shares a part",
    "paraphrase": "same content, other words",
}
#: What the similarity figure after a relation is: the measure of the rule that made the link
#: (`align.scoring`, `align.cited`), which the badge's tooltip names ("matched by ..."), so a
#: rewrite linked by its citations may show 1.00.
SIMILARITY_WORDS = (
    "the figure after a relation is how alike the two clauses are, from 0 to 1, as the rule "
    "that linked them measures it (the badge's tooltip names the rule): for most links the "
    "word similarity, twice the words the two wordings have in common, in order, over all "
    "their words (1.00: the same words), or, where it is higher, the share of content words "
    "both hold in any order (paraphrase, fuzzy) or of one wording found in the other "
    "(passage); for a link matched by citations, the share of the documents they cite that "
    "both cite"
)
#: The evidence a link may carry (`Link.evidence`, from the matcher), in plain words.
EVIDENCE_WORDS: dict[str, str] = {
    "same-words": "same words, or nearly",
    "same-fillers": "the words outside the drafting formula agree",
    "shared-passage": f"a passage of {PASSAGE}+ words in both",
    "same-content": "most content words shared",
    "same-citations": "both cite the same documents",
    "near-words": "near spellings paired",
    "reviewer": "added by a reviewer",
}
#: Relations whose rows highlight their shared passages (the others share nearly every word).
HIGHLIGHT_RELATIONS = frozenset({"major", "partial", "paraphrase"})


@dataclass(frozen=True)
class Why:
    """What a page shows beside one link."""

    relation: str
    words: str
    evidence: list[tuple[str, str]]
    citations: list[str]
    review: str
    note: str


def link_title(similarity: float | None, method: str | None) -> str:
    """A link's tooltip as written into the page: its similarity and how it was matched. The
    relation's plain words are the legend's, which every page with relations carries;
    lineage.js puts them before this at load (written into each of the tens of thousands of
    tooltips of a large report, they were 2 MB of its size)."""
    matched = f"matched by {method or 'lineage events'}"
    return f"similarity {similarity:.2f}; {matched}" if similarity else matched


class Reviews:
    """The reviewers' decisions of reviews.toml, by link and by clause."""

    def __init__(self, analysis: Analysis) -> None:
        self.by_link: dict[tuple[str, str], Override] = {}
        self.rejected: dict[str, list[Override]] = defaultdict(list)
        #: Every decision on a link of each clause, in the file's order.
        self.of_clause: dict[str, list[Override]] = defaultdict(list)
        for o in analysis.corpus.overrides:
            self.by_link[(o.source, o.target)] = o
            self.of_clause[o.source].append(o)
            self.of_clause[o.target].append(o)
            if o.decision == "reject":
                self.rejected[o.source].append(o)
                self.rejected[o.target].append(o)

    def of(self, link: Link) -> tuple[str, str]:
        """("confirmed" | "added" | "", the reviewer's note) of a link."""
        note = self.by_link.get((link.source, link.target))
        text = note.note if note else ""
        if link.method == "reviewer":
            return "added", text
        if link.reviewed == "confirmed":
            return "confirmed", text
        return "", ""


def decision_text(decision: str, label: str, clause_id: str, note: str) -> str:
    """What a page says of a reviewer's decision on a link it does not draw (a rejection on a
    side-by-side row, any other decision on a document page): one wording for both."""
    said = f"a reviewer {decision} the link with {label} {clause_id}"
    return f"{said}: {note}" if note else said


def why(link: Link, reviews: Reviews, citations: list[str]) -> Why:
    """The words beside one link."""
    review, note = reviews.of(link)
    found = link.evidence
    return Why(
        relation=link.relation,
        words=RELATION_SHORT.get(link.relation, link.relation),
        evidence=[(e, EVIDENCE_WORDS.get(e, e)) for e in found if e != "reviewer"],
        citations=citations,
        review=review,
        note=note,
    )
