"""Parallel paragraphs of two series: a stretch two standing provisions share is no part.

Sister resolutions of one week or committee (the coordination of humanitarian assistance and
humanitarian assistance in natural disasters; the settlements resolution and the permanent
sovereignty one) each keep their own paragraph year after year, word for word or nearly, and
two such paragraphs may share a stretch (a tail on the Gender with Age Marker, a sentence of
the road map). Each paragraph comes from its own series; the stretch says the two series drew
on one source, not that one clause is a part or a rewording of the other. A clause carried
into another series and kept there is different: the other series holds most of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Link
from .linkpair import LinkPair, OwnWords
from .prepared import Prepared
from .selection import Pairs

#: Relations of a link within a series that make a clause a standing paragraph of its series:
#: kept word for word or nearly (a `major` rewrite may be a clause being reworked, which may
#: well be taking in another series' passage).
STANDING = frozenset(["verbatim", "minor"])
#: Relations across series this rule judges: a part of another clause. A `major` link is one
#: clause rewritten whatever its history; a paraphrase was tried and left out (its only such
#: pair, the road-map sentence, was judged right 7 times and false 8 in audit rounds 5-8).
JUDGED = frozenset(["partial"])
#: Share of the shorter clause the shared runs (`scoring.own_runs`) must cover for a link
#: between two standing paragraphs of different series to stand: 0.8, most of the shorter
#: one. Judged audit items of rounds 5-8, such links: right at 0.80 (a nuclear-disarmament
#: recital carried whole into the review conference's follow-up) and 0.93 (a climate
#: paragraph carried into the desertification resolution); false at 0.27 to 0.78 (the Gender
#: with Age Marker tail, the NDC urging formula, the disarmament gender paragraph, the road
#: map sentence, the Division's resources ending).
PARALLEL_COVER = 0.8


def standing(
    links: Sequence[Link], pairs: Pairs, doc_of: Sequence[str], same: Callable[[str, str], bool]
) -> frozenset[int]:
    """The clauses kept word for word or nearly (STANDING) by another document of their own
    series."""
    found: set[int] = set()
    for link, (x, y) in zip(links, pairs, strict=True):
        if link.relation in STANDING and same(doc_of[x], doc_of[y]):
            found.update((x, y))
    return frozenset(found)


def without_parallel(
    prepared: Prepared,
    own: OwnWords,
    kept: tuple[list[Link], Pairs],
    same: Callable[[str, str], bool],
) -> tuple[list[Link], Pairs]:
    """The links without the parts (JUDGED) across series between two standing paragraphs
    (`standing`) whose shared runs cover under PARALLEL_COVER of the shorter one. A
    reviewer's link is always kept."""
    links, pairs = kept
    doc_of = [c.doc_id for c in prepared.clauses]
    held = standing(links, pairs, doc_of, same)
    out_links: list[Link] = []
    out_pairs: Pairs = []
    for link, (x, y) in zip(links, pairs, strict=True):
        if (
            link.relation in JUDGED
            and link.method != "reviewer"
            and x in held
            and y in held
            and not same(doc_of[x], doc_of[y])
            and LinkPair(prepared, own, x, y).runs.cover < PARALLEL_COVER
        ):
            continue
        out_links.append(link)
        out_pairs.append((x, y))
    return out_links, out_pairs
