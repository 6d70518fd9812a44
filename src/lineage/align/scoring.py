"""Scoring one pair of clauses: how similar they are and which relation that makes.

Everything here is a pure function of two token sequences (the words of `Clause.norm`), so a
pair gets the same score whichever engine, chunk or input order produced it. The thresholds
were tuned by reading the seeds and the UN series in `shared/corpus` (see docs/alignment.md):

- `verbatim`: equal normalised word sequences;
- `minor`: word similarity >= MINOR and no run of PASSAGE words inserted or deleted in one
  place;
- `major`: the same clause rewritten, extended or shortened: word similarity >= MAJOR with
  shared content, a whole passage added to a near-identical clause, or a similar-size clause
  sharing most content words;
- `partial`: a shared run of PASSAGE+ words with enough content outside formulas, or one clause
  contained in the other (most of its rarity-weighted content words): splits and merges;
- `paraphrase`: the same content words once loose-translation variants are folded
  (`vocabulary.SYNONYMS`), measured as Dice similarity of content-word stems.

Formula words (`vocabulary.BOILERPLATE` templates, quoted titles, phrases a document repeats) and
citations (numbers, symbols, months) never make a link on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .. import bounded
from ..model import Relation
from .runs import longest_common_run
from .vocabulary import (
    BOILERPLATE_TABLE,
    SYNONYM_STARTS,
    content_stems,
    fold_synonyms,
    is_content,
    phrase_mask,
    stem,
)

#: Word similarity (Indel: 2 * common words / total words, in order) for `minor`.
MINOR = 0.85
#: Word similarity for `major`.
MAJOR = 0.6
#: Content-word Dice similarity `major` needs besides word similarity: a shared template
#: ("Invites the Secretary-General to seek the views of ...") is not the same clause.
MAJOR_BAG = 0.45
#: Dice similarity of content words outside boilerplate and quoted titles that a rewrite or a
#: paraphrase needs: what is left when the formulas are set aside must still be shared.
FREE_BAG = 0.4
#: Word similarity above which `major` needs no shared content outside formulas when one
#: clause has none (an extended recall).
CLEARLY = 0.7
#: Share of the shorter clause's words found in order in the longer for that waiver.
KEPT = 0.9
#: Word similarity that, with a bag of content words >= SAME_BAG, makes `major`.
SAME_WORDS = 0.5
SAME_BAG = 0.55
#: Consecutive words that make a shared passage (SPEC: 8 or more).
PASSAGE = 8
#: Content words a passage needs, so that a run of boilerplate never links.
PASSAGE_CONTENT = 4
#: Content-word Dice similarity for `paraphrase`, and for `major` when words were reordered.
PARAPHRASE = 0.6
#: Content-word Dice similarity that makes a paraphrase without any folded variant.
PARAPHRASE_ALONE = 0.75
#: Share of the shorter clause's content words (weighted by rarity) found in the longer one
#: for a containment.
CONTAINED = 0.65
#: Content words outside formula phrases a shared passage needs.
FREE_CONTENT = 3
#: Content words of its own a passage needs around a phrase some document repeats (such a
#: phrase is formula, but a run that carries it and more is still a shared passage).
OWN_CONTENT = 2
#: Content words a clause needs before a bag-of-words comparison means anything.
MIN_CONTENT = 5
#: Leading content words two clauses share when one contains the other and it is the same
#: clause extended or shortened (`major`), not a part merged into or split from another.
OPENING = 3


@dataclass(frozen=True)
class Score:
    """The verdict on one pair: relation, similarity in [0, 1] (4 places) and method."""

    relation: Relation
    similarity: float
    method: str


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class Wording:
    """One distinct normalised clause text, with what scoring needs computed once.

    `ids` are word ids (equal words, equal ids); `content` the content-word stems with
    loose-translation variants folded, `raw` the same without folding, `free` the content
    stems outside boilerplate and quoted titles; `kinds[i]` is 0 for a word that is no content,
    1 for a content word inside boilerplate or a quoted title, 2 for one inside only a phrase
    repeated within a document (see `align.formula_mask`), 3 for one outside all formulas.
    """

    ids: tuple[int, ...]
    words: tuple[str, ...]
    content: frozenset[str]
    raw: frozenset[str]
    free: frozenset[str]
    kinds: bytes = b""


def wording(
    ids: tuple[int, ...],
    words: tuple[str, ...],
    formula: tuple[bool, ...] | None = None,
    cited: tuple[bool, ...] | None = None,
) -> Wording:
    """Build a Wording. BOILERPLATE templates are always formula.

    `formula` marks phrases repeated inside a document, `cited` quoted titles of documents;
    both are formula for passages, but only boilerplate and `cited` words are left out of
    `free`: a clause's own recurring theme is still its content.
    """
    boiler = phrase_mask(words, BOILERPLATE_TABLE)
    if cited is not None:
        boiler = [a or b for a, b in zip(boiler, cited, strict=True)]
    repeated = formula if formula is not None else (False,) * len(words)
    kinds = bytes(
        0 if not is_content(w) else 1 if b else 2 if f else 3
        for w, b, f in zip(words, boiler, repeated, strict=True)
    )
    raw = frozenset([stem(w) for w in words if is_content(w)])
    # Most wordings have no variant to fold and no boilerplate: then all three sets are one.
    content = raw if SYNONYM_STARTS.keys().isdisjoint(words) else content_stems(words)
    free = (
        content
        if not any(boiler)
        else content_stems([w for w, f in zip(words, boiler, strict=True) if not f])
    )
    return Wording(ids=ids, words=words, kinds=kinds, content=content, raw=raw, free=free)


def _max_gap(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """The longest run of words inserted or deleted in one place by a word diff."""
    gap = 0
    if not bounded.exact(a, b):  # huge clauses: the gaps between linear matching blocks
        i = j = 0
        for bi, bj, size in bounded.matching_blocks(a, b):
            gap = max(gap, bi - i, bj - j)
            i, j = bi + size, bj + size
        return gap
    for op in Indel.opcodes(a, b):
        if op.tag != "equal":
            gap = max(gap, op.src_end - op.src_start, op.dest_end - op.dest_start)
    return gap


@dataclass(frozen=True)
class Shared:
    """Content words in the runs of three or more words two clauses share.

    `free` counts only words outside formula phrases (see `align.formula_mask`), so a run made
    of a quoted title or a body's name is seen for what it is; `longest_loose` counts the
    longest run's content words outside boilerplate and quoted titles only.
    """

    longest: int
    longest_free: int
    total: int
    total_free: int
    longest_loose: int = 0


def shared_runs(a: Wording, b: Wording) -> Shared:
    """Measure the runs of words a and b share in a longest common subsequence alignment.

    Runs under three words are chance ("of the") and are not counted.
    """
    longest = longest_free = longest_loose = total = total_free = 0
    kinds = a.kinds

    def measure(i: int, size: int) -> tuple[int, int, int]:
        part = kinds[i : i + size]
        free = part.count(3)
        return size - part.count(0), free, free + part.count(2)

    best = None
    exact = bounded.exact(a.ids, b.ids)
    blocks = (
        [(m.a, m.size) for m in Indel.editops(a.ids, b.ids).as_matching_blocks()]
        if exact
        else [(i, size) for i, _, size in bounded.matching_blocks(a.ids, b.ids)]
    )
    for start, size in blocks:
        if size >= 3:
            content, free, _ = measure(start, size)
            total += content
            total_free += free
            if best is None or size > best[1]:
                best = (start, size)
    if best is not None and best[1] >= PASSAGE:
        longest, longest_free, longest_loose = measure(*best)
    elif total >= PASSAGE_CONTENT and exact:  # (the linear blocks hold the longest run whole)
        # The alignment may cut a long run in two; look for the longest run directly.
        run = longest_common_run(a.ids, b.ids, PASSAGE)
        if run is not None:
            longest, longest_free, longest_loose = measure(run[0], run[2])
    return Shared(longest, longest_free, total, total_free, longest_loose)


def opening(w: Wording, n: int = OPENING) -> tuple[str, ...]:
    """The first n content stems (variants folded), in order: what a clause starts by saying."""
    folded, _ = fold_synonyms(w.words)
    out: list[str] = []
    for word in folded:
        if is_content(word):
            out.append(stem(word))
            if len(out) == n:
                break
    return tuple(out)


def weighted_overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float] | None) -> float:
    """Share of the lighter set's weight found in both (plain overlap without weights)."""
    if not a or not b:
        return 0.0
    if idf is None:
        return len(a & b) / min(len(a), len(b))
    weight = idf.get
    mass_a = sum(weight(w, 1.0) for w in a)
    mass_b = sum(weight(w, 1.0) for w in b)
    return sum(weight(w, 1.0) for w in a & b) / min(mass_a, mass_b)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Indel's normalized similarity of two word-id sequences; for huge ones (beyond
    bounded.EXACT_CELLS) its linear estimate, so that no pair takes quadratic time."""
    if bounded.exact(a, b):
        return Indel.normalized_similarity(a, b)
    return bounded.similarity(a, b)


def score_pair(a: Wording, b: Wording, idf: dict[str, float] | None = None) -> Score | None:
    """Decide whether two clauses are one clause, and how they relate; None when they are not.

    The order of the tests matters: near-identical wording first (whatever its content), then
    a content gate (clauses made of citations, dates and formulas link only when nearly equal),
    then word similarity, shared passages, containment and finally the bag of content words.
    `idf` weighs content words by rarity in the corpus for the containment test, so that
    sharing "geoeconomic" and "interconnectivity" counts for more than sharing "peace".
    """
    if a.ids == b.ids:
        return Score("verbatim", 1.0, "exact")
    sim = similarity(a.ids, b.ids)
    thin = min(len(a.content), len(b.content)) < MIN_CONTENT
    if sim >= MINOR:
        if _max_gap(a.ids, b.ids) < PASSAGE:
            return Score("minor", round(sim, 4), "fuzzy")
        if not thin:  # a whole passage added or removed around the same clause
            return Score("major", round(sim, 4), "fuzzy")
    if thin:
        return None
    common = len(a.content & b.content)
    bag = 2 * common / (len(a.content) + len(b.content))
    free = dice(a.free, b.free)
    free_common = len(a.free & b.free)
    # Outside templates and titles the clauses must still share words, unless one of them is
    # nothing but templates and titles and the other keeps it whole (a recall extended with one
    # more resolution; not an agenda item quoting another title in the same template).
    free_shared = (
        free_common >= FREE_CONTENT
        or free >= FREE_BAG
        or (
            sim >= CLEARLY
            and not (a.free and b.free)
            and sim * (len(a.ids) + len(b.ids)) >= 2 * KEPT * min(len(a.ids), len(b.ids))
        )
    )
    if sim >= MAJOR and bag >= MAJOR_BAG and free_shared:
        return Score("major", round(sim, 4), "fuzzy")
    if common < PASSAGE_CONTENT and bag < PARAPHRASE:
        return None  # too few shared content words for any passage, too few for a paraphrase
    similar_size = min(len(a.ids), len(b.ids)) >= 0.6 * max(len(a.ids), len(b.ids))
    same = (bag >= SAME_BAG and sim >= SAME_WORDS) or (
        bag >= PARAPHRASE_ALONE - 0.05 and sim >= SAME_WORDS - 0.1
    )
    if same and free >= FREE_BAG and similar_size:
        if bag > dice(a.raw, b.raw):  # only folding loose-translation variants made it close
            return Score("paraphrase", round(bag, 4), "paraphrase")
        return Score("major", round(sim, 4), "fuzzy")
    shared = shared_runs(a, b)
    smaller = min(len(a.free), len(b.free))
    # A passage needs content of its own: outside formulas, or around a phrase that a
    # document repeats (its own theme, quoted by the other clause together with more words).
    passage = shared.longest >= PASSAGE_CONTENT and (
        shared.longest_free >= FREE_CONTENT
        or (shared.longest_loose >= FREE_CONTENT and shared.longest_free >= OWN_CONTENT)
    )
    if passage and bag >= PARAPHRASE and similar_size:
        return Score("major", round(max(sim, bag), 4), "fuzzy")
    if passage or shared.total_free >= PASSAGE_CONTENT:
        overlap = weighted_overlap(a.free, b.free, idf) if smaller >= MIN_CONTENT else 0.0
        if passage or overlap >= CONTAINED:
            if overlap >= CONTAINED and opening(a) == opening(b):
                # Extended or shortened in place; `aligner.select_pairs` makes it `partial` when
                # the other clause has a closer partner there (one part of a merge or split).
                return Score("major", round(max(sim, bag), 4), "passage")
            return Score("partial", round(max(sim, overlap), 4), "passage")
    if smaller < MIN_CONTENT or free < FREE_BAG:
        return None  # what they share in other words is formulas and names
    if bag >= PARAPHRASE_ALONE or (bag >= PARAPHRASE and bag > dice(a.raw, b.raw)):
        return Score("paraphrase", round(bag, 4), "paraphrase")
    return None
