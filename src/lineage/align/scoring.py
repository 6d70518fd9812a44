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
- `paraphrase`: the same content words once near spellings are paired
  (`vocabulary.near_spellings`: "Carter" for "Charter"), or most content words shared while
  the wording differs, measured as Dice similarity of content-word stems.

Formula words (`background`: word n-grams frequent across many unrelated series; quoted titles;
phrases a document repeats) and citations (numbers, symbols, months) never make a link on
their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from .. import bounded
from ..model import Relation
from .background import FORMULA, NUMBER, fold_word
from .runs import comparable, longest_common_run
from .vocabulary import ORDINALS, TENS, is_content, stem

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
#: Content words one run of shared words needs for a containment: "the economic and
#: geoeconomic aspects of" (3) in 75/28 pp8 and 79/274 pp14; two clauses sharing only "policy
#: of neutrality" and "peace, security and" (2 each) contain nothing of each other.
CONTAINED_RUN = 3
#: Content words a clause needs before a bag-of-words comparison means anything.
MIN_CONTENT = 5
#: Leading content words two clauses share when one contains the other and it is the same
#: clause extended or shortened (`major`), not a part merged into or split from another.
OPENING = 3


#: Content words outside formula two clauses must share for their fillers to agree: one
#: common word ("development") is how any two clauses of a subject start.
SPECIFIC_WORDS = 2
#: Words a template's slot holds at most on either side of a replacement (a territory, a
#: mission's name, an organization's: "the Organization of Ibero-American States for
#: Education, Science and Culture" is 8); a longer replacement is a rewrite.
SLOT_SPAN = 10
#: Content words each clause keeps outside the words both share in order before what they keep
#: can be two fillings of one template: three, so that one or two words changed stay a rewording.
SLOT_WORDS = 3
#: Dice similarity under which those words are two fillings: the views requested on neutrality
#: and on energy connectivity share "strengthen" only (0.11); a reworded clause shares more of
#: what it rewords (the conference's and 79/274's forum clauses: 0.4).
SLOT_OVERLAP = 0.25

#: What can make a link, in the order a link lists it (`Link.evidence`).
EVIDENCE = (
    "same-words",
    "same-fillers",
    "shared-passage",
    "same-content",
    "same-citations",
    "near-words",
    "reviewer",
)
SAME_WORDS_EVIDENCE = ("same-words",)
SAME_FILLERS = ("same-fillers",)
#: Placeholder in a Score's evidence while scoring: `score_pair` replaces it by `fillers`,
#: computed once, and only for a pair that links.
FILL = ("?fillers",)
SHARED_PASSAGE = ("shared-passage",)
SAME_CONTENT = ("same-content",)
NEAR_WORDS = ("near-words",)
VERBATIM = ("same-words", "same-fillers")
#: Evidence of content specific to the two clauses, not only a template they share: what a
#: link between two series needs (`across_series.keep_specific`).
SPECIFIC = frozenset(["same-fillers", "shared-passage", "same-citations"])


@lru_cache(maxsize=256)
def ordered(evidence: tuple[str, ...]) -> tuple[str, ...]:
    """Evidence each kind once, in EVIDENCE order."""
    return tuple(e for e in EVIDENCE if e in evidence)


@dataclass(frozen=True)
class Score:
    """The verdict on one pair: relation, similarity in [0, 1] (4 places), method, and what
    made it (`evidence`: kinds of EVIDENCE)."""

    relation: Relation
    similarity: float
    method: str
    evidence: tuple[str, ...] = ()


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class Wording:
    """One distinct normalised clause text, with what scoring needs computed once.

    `ids` are word ids (equal words, equal ids); `content` the content-word stems with
    compounds joined ("geo economic"), `raw` the same without joining, `free` the content
    stems outside formula n-grams and quoted titles; `kinds[i]` is 0 for a word that is no
    content, 1 for a content word inside a formula n-gram or a quoted title, 2 for one inside
    only a phrase repeated within a document (see `align.formula_mask`), 3 for one outside
    all formulas; `lead` the first OPENING content stems, what the clause starts by saying;
    `names` the stems of words printed with a capital outside formula; `fstems[i]` the stem
    of word i when it is content outside formula (kinds 2, 3), else ""; `neared` the content
    stems that have a near spelling somewhere in the corpus;
    `stock[i]` is 1 for a word inside a stock phrase (an n-gram of STOCK_SERIES+ series,
    formula included, or a quoted title).
    """

    ids: tuple[int, ...]
    words: tuple[str, ...]
    content: frozenset[str]
    raw: frozenset[str]
    free: frozenset[str]
    kinds: bytes = b""
    lead: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()
    fstems: tuple[str, ...] = ()
    neared: frozenset[str] = frozenset()
    stock: bytes = b""


def wording(
    ids: tuple[int, ...],
    words: tuple[str, ...],
    formula: tuple[bool, ...] | None = None,
    cited: tuple[bool, ...] | None = None,
    template: Sequence[int] | None = None,
    known: frozenset[str] | Set[str] = frozenset(),
    capitals: frozenset[str] | Set[str] = frozenset(),
    near: Mapping[str, frozenset[str]] | None = None,
) -> Wording:
    """Build a Wording.

    `template` marks formula n-grams (`background.formula_positions`: FORMULA; STOCK for an
    n-gram of fewer series that is still a stock phrase), `cited` quoted titles
    of documents, `formula` phrases repeated inside a document; all three are formula for
    passages, but only `template` and `cited` words are left out of `free`: a clause's own
    recurring theme is still its content. Two words written as one elsewhere in the corpus
    (`known`: "geo economic", "geoeconomic") are that one word. `capitals` are the words
    printed with a capital inside the clause: those outside formula are its `names` (a
    territory, a mission, a programme). `near` (`vocabulary.near_spellings`) marks the
    content stems with a near spelling in the corpus (`Wording.neared`).
    """
    n = len(words)
    levels = template or (0,) * n
    titles = cited or (False,) * n
    repeated = formula if formula is not None else (False,) * n
    kinds, stems = _kinds_stems(words, levels, titles, repeated)
    stock = bytes(1 if t or c else 0 for t, c in zip(levels, titles, strict=True))
    return assembled(ids, words, bytes(kinds), stems, stock, known, capitals, near)


def assembled(
    ids: tuple[int, ...],
    words: tuple[str, ...],
    kinds: bytes,
    stems: list[str],
    stock: bytes,
    known: frozenset[str] | Set[str] = frozenset(),
    capitals: frozenset[str] | Set[str] = frozenset(),
    near: Mapping[str, frozenset[str]] | None = None,
) -> Wording:
    """The Wording of words whose kinds, stems ("" for no content: a list, changed here where
    compounds join) and stock marks are known: `wording` finds them word by word, `prepare`
    for a whole corpus at once (see `wording` for the arguments)."""
    n = len(words)
    raw = frozenset(stems) - {""}
    joins = 0
    if known:
        for i in range(n - 1):
            if stems[i] and stems[i + 1] and (joined := words[i] + words[i + 1]) in known:
                stems[i], stems[i + 1] = stem(joined), ""
                joins += 1
    # no compound joined (96% of un-ga's wordings): the same set, held once (30 MB on un-ga)
    content = frozenset(stems) - {""} if joins else raw
    fstems = tuple([x if k > 1 else "" for x, k in zip(stems, kinds, strict=True)])
    free = frozenset(fstems) - {""}
    lead = tuple([x for x in stems if x][:OPENING])
    names = frozenset(
        [x for w, x, k in zip(words, stems, kinds, strict=True) if x and k > 1 and w in capitals]
    )
    neared = frozenset([x for x in content if x in near]) if near else frozenset()
    return Wording(
        ids=ids,
        words=words,
        kinds=kinds,
        content=content,
        raw=raw,
        free=free,
        lead=lead,
        names=names,
        fstems=fstems,
        neared=neared,
        stock=stock,
    )


def _kinds_stems(
    words: Sequence[str], levels: Sequence[int], titles: Sequence[bool], repeated: Sequence[bool]
) -> tuple[list[int], list[str]]:
    """Each word's kind (see `Wording.kinds`) and stem ("" for no content), in one pass."""
    kinds: list[int] = []
    stems: list[str] = []
    for w, t, c, f in zip(words, levels, titles, repeated, strict=True):
        if is_content(w):
            kinds.append(1 if t >= FORMULA or c else 2 if f else 3)
            stems.append(stem(w))
        else:
            kinds.append(0)
            stems.append("")
    return kinds, stems


def _max_gap(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """The longest run of words inserted or deleted in one place by a word diff."""
    gap = 0
    if not bounded.exact(a, b):  # huge clauses: the gaps between linear matching blocks
        i = j = 0
        for bi, bj, size in bounded.matching_blocks(a, b):
            gap = max(gap, bi - i, bj - j)
            i, j = bi + size, bj + size
        return gap
    for op in Indel.opcodes(*comparable(a, b)):
        if op.tag != "equal":
            gap = max(gap, op.src_end - op.src_start, op.dest_end - op.dest_start)
    return gap


@dataclass(frozen=True)
class Shared:
    """Content words in the runs of three or more words two clauses share.

    `free` counts only words outside formula phrases (see `align.formula_mask`), so a run made
    of a quoted title or a body's name is seen for what it is; `longest_loose` counts the
    longest run's content words outside boilerplate and quoted titles only; `richest` is the
    most content words one run of three or more words holds.
    """

    longest: int
    longest_free: int
    total: int
    total_free: int
    longest_loose: int = 0
    richest: int = 0


def shared_runs(a: Wording, b: Wording) -> Shared:
    """Measure the runs of words a and b share in a longest common subsequence alignment.

    Runs under three words are chance ("of the") and are not counted.
    """
    longest = longest_free = longest_loose = total = total_free = richest = 0
    kinds = a.kinds

    def measure(i: int, size: int) -> tuple[int, int, int]:
        part = kinds[i : i + size]
        free = part.count(3)
        return size - part.count(0), free, free + part.count(2)

    best_start = best_size = 0
    exact = bounded.exact(a.ids, b.ids)
    blocks = [(i, size) for i, _, size in matching_blocks(a.ids, b.ids) if size > 2]
    for start, size in blocks:  # (runs of three words or more)
        part = kinds[start : start + size]
        content = size - part.count(0)
        total += content
        total_free += part.count(3)
        if content > richest:
            richest = content
        if size > best_size:
            best_start, best_size = start, size
    if best_size >= PASSAGE:
        longest, longest_free, longest_loose = measure(best_start, best_size)
    elif total >= PASSAGE_CONTENT and exact:  # (the linear blocks hold the longest run whole)
        # The alignment may cut a long run in two; look for the longest run directly.
        run = longest_common_run(a.ids, b.ids, PASSAGE)
        if run is not None:
            longest, longest_free, longest_loose = measure(run[0], run[2])
    return Shared(longest, longest_free, total, total_free, longest_loose, richest)


@dataclass(frozen=True)
class Own:
    """What two clauses share in runs of three or more words, beyond stock phrases.

    `own`: content words outside formula in those runs that no stock phrase covers on either
    side (`Wording.stock`); `cover`: the share of the shorter clause's content words (the one
    with fewer) that lie in those runs, how much of it the other clause holds."""

    own: int
    cover: float


def figures_only(a: Wording, b: Wording) -> bool:
    """Whether two clauses differ only by figures put in place of figures (amounts, periods,
    counts: "the amount of 160,414,300 dollars" / "of 12,558,200 dollars"; "from 1 September to
    31 December 2024" / "from 16 November 2025 to 30 June 2026"), with no content word changed
    around them (a month, an "and" may come with a date): one template filled twice. Within
    a series such figures advance with the year; across series they are two missions'
    budgets. A clause citing one more document ("77/189 of 15 December 2022 and") adds
    figures and puts none in place of others."""
    if a.raw != b.raw or a.ids == b.ids or not bounded.exact(a.ids, b.ids):
        return False  # (figures are no content words: other content is more than figures)
    gone = come = False
    for op in Indel.opcodes(*comparable(a.ids, b.ids)):
        if op.tag == "equal":
            continue
        lost, added = a.words[op.src_start : op.src_end], b.words[op.dest_start : op.dest_end]
        if any(is_content(w) for w in (*lost, *added)):
            return False
        gone = gone or any(fold_word(w) == NUMBER for w in lost)
        come = come or any(fold_word(w) == NUMBER for w in added)
    return gone and come


def ordinals(w: Wording) -> frozenset[str]:
    """The ordinals a clause says, a tens word kept with its unit ("seventy ninth")."""
    words = w.words
    if ORDINALS.isdisjoint(words):
        return frozenset()  # (most clauses: one set test instead of a look at every word)
    return frozenset(
        [
            f"{words[i - 1]} {x}" if i and words[i - 1] in TENS else x
            for i, x in enumerate(words)
            if x in ORDINALS
        ]
    )


def ordinals_differ(a: Wording, b: Wording) -> bool:
    """Whether each clause says an ordinal and none of one's is the other's: "the third
    edition of the Aswan Forum" / "its fourth edition", two sessions of a body. Across series
    another edition is another event (round 1 and 2 of the audit: 2 false links, 0 right)."""
    mine = ordinals(a)
    if not mine:
        return False
    theirs = ordinals(b)
    return bool(theirs) and mine.isdisjoint(theirs)


def own_words(w: Wording) -> frozenset[str]:
    """The content stems of a clause outside formula that no stock phrase covers: what it says
    in words no third series prints."""
    stock = w.stock or bytes(len(w.fstems))
    return frozenset([x for x, s in zip(w.fstems, stock, strict=True) if x and not s])


def exact_blocks(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int, int]]:
    """The runs (i, j, size) two word-id sequences share in order, by Indel's alignment,
    whatever their size (ending with (len(a), len(b), 0))."""
    return [(m.a, m.b, m.size) for m in Indel.editops(*comparable(a, b)).as_matching_blocks()]


def matching_blocks(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int, int]]:
    """The runs (i, j, size) two word-id sequences share in order, by Indel's alignment; for
    huge ones (beyond bounded.EXACT_CELLS) by its linear estimate."""
    return exact_blocks(a, b) if bounded.exact(a, b) else bounded.matching_blocks(a, b)


def own_runs(a: Wording, b: Wording, blocks: Sequence[tuple[int, int, int]] | None = None) -> Own:
    """Measure the runs two clauses share against stock phrases (`Own`); `blocks` their
    `matching_blocks` if already found. Asked only of the few links whose place depends on
    it (`across_series.keep_specific`), not of every pair."""
    if blocks is None:
        blocks = matching_blocks(a.ids, b.ids)
    own = covered = 0
    stock_a, stock_b, kinds = a.stock or bytes(len(a.ids)), b.stock or bytes(len(b.ids)), a.kinds
    for i, j, size in blocks:
        if size < 3:
            continue  # chance ("of the")
        for k in range(size):
            if kinds[i + k]:
                covered += 1
                if kinds[i + k] > 1 and not stock_a[i + k] and not stock_b[j + k]:
                    own += 1
    fewer = min(len(a.kinds) - a.kinds.count(0), len(b.kinds) - b.kinds.count(0))
    return Own(own, covered / fewer if fewer else 0.0)


def near_common(a: Wording, b: Wording, near: Mapping[str, frozenset[str]] | None) -> int:
    """How many words of a not in b pair with a near spelling among the words of b not in a
    ("carter" in one clause, "charter" in the other): the smaller of the two sides' counts
    of words with a partner (the same whatever the order of the sets). The words' partners
    are looked up here, not kept per wording: a set of them on each wording held 25 MB of
    un-ga's prepared corpus, copied into the forked scoring worker as it was read."""
    if not near:
        return 0
    left = a.neared - b.content
    if not left:
        return 0
    right = b.neared - a.content
    if not right:
        return 0
    return _paired_spellings(left, right, near)


def _paired_spellings(
    left: frozenset[str], right: frozenset[str], near: Mapping[str, frozenset[str]]
) -> int:
    """`near_common` of the words each clause has and the other lacks: the smaller side is
    counted first, and when none of its words has a partner on the other side the answer is
    0 whatever the larger side's count."""
    get = near.get
    none: frozenset[str] = frozenset()
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    first = sum(1 for w in small if not get(w, none).isdisjoint(large))
    if not first:
        return 0
    return min(first, sum(1 for w in large if not get(w, none).isdisjoint(small)))


def free_agreement(a: Wording, b: Wording) -> float:
    """Share of the two clauses' words outside formula found anywhere in the other clause: a
    phrase may be formula in one (a title quoted exactly) and the clause's own words in the
    other (the same title paraphrased)."""
    total = len(a.free) + len(b.free)
    if not total:
        return 0.0
    return (len(a.free & b.content) + len(b.free & a.content)) / total


def contained_share(a: Wording, b: Wording, idf: dict[str, float] | None) -> float:
    """Share of the lighter clause's own content (outside formula, weighted by rarity) found
    anywhere in the other: its subject may sit inside the other's formula or title. Zero when
    all the words found are names ("Cartagena de Indias, Colombia" in a recall of a
    convention signed there and in a recall of a summit held there)."""
    weight = (lambda w: 1.0) if idf is None else (lambda w: idf.get(w, 1.0))
    mass_a = sum(weight(w) for w in a.free)
    mass_b = sum(weight(w) for w in b.free)
    if not mass_a or not mass_b:
        return 0.0
    small, other, mass = (a, b, mass_a) if mass_a <= mass_b else (b, a, mass_b)
    found = small.free & other.content
    if not found - small.names:
        return 0.0  # what is found is a name (a city, a body), not a part of the clause
    return sum(weight(w) for w in found) / mass


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Indel's normalized similarity of two word-id sequences; for huge ones (beyond
    bounded.EXACT_CELLS) its linear estimate, so that no pair takes quadratic time."""
    if bounded.exact(a, b):
        return Indel.normalized_similarity(*comparable(a, b))
    return bounded.similarity(a, b)


def fillers(a: Wording, b: Wording) -> tuple[str, ...]:
    """("same-fillers",) when the words outside formula agree: SPECIFIC_WORDS or more in
    common (one word, "the Force", is how two missions' paragraphs are alike), and the
    template is not filled twice (`slot_differs`); else ()."""
    agree = len(a.free & b.free) >= SPECIFIC_WORDS
    return SAME_FILLERS if agree and not slot_differs(a, b) else ()


def slot_differs(a: Wording, b: Wording) -> bool:
    """One template, two fillings: what the word alignment does not match says different things.

    Either a short run of words (SLOT_SPAN) replaced by another, each naming something
    (`Wording.names`) and no name in common ("the people of Bermuda" / "of Pitcairn",
    "Interim Force in Lebanon" / "Interim Security Force for Abyei"); or, outside the words
    both share in order, each clause keeps SLOT_WORDS+ content words outside formula, more
    than the shared ones, and under SLOT_OVERLAP of them agree (the views requested "on the
    role and importance of a policy of neutrality" / "on issues relating to reliable and
    stable energy connectivity").
    """
    if a.free == b.free or not bounded.exact(a.ids, b.ids):
        return False  # the same fillers; or huge clauses, where a slot is a small part
    fa, fb = a.fstems, b.fstems
    covered_a, covered_b = bytearray(len(fa)), bytearray(len(fb))
    named = bool(a.names) and bool(b.names) and a.names != b.names
    pa = pb = 0
    kinds = a.kinds
    for m in Indel.editops(*comparable(a.ids, b.ids)).as_matching_blocks():
        # a match of function words alone ("the" between "South Sudan" and "the Democratic
        # Republic of the Congo") does not end the run the other words replace
        weak = 0 < m.size and not any(kinds[m.a : m.a + m.size])
        if named and not weak and 0 < m.a - pa <= SLOT_SPAN and 0 < m.b - pb <= SLOT_SPAN:
            names_a = a.names.intersection(fa[pa : m.a])
            names_b = b.names.intersection(fb[pb : m.b])
            if names_a and names_b and names_a.isdisjoint(names_b):
                return True
        covered_a[m.a : m.a + m.size] = b"\x01" * m.size
        covered_b[m.b : m.b + m.size] = b"\x01" * m.size
        if not weak:
            pa, pb = m.a + m.size, m.b + m.size
    rest_a = {x for x, c in zip(fa, covered_a, strict=True) if x and not c}
    rest_b = {x for x, c in zip(fb, covered_b, strict=True) if x and not c}
    kept = {x for x, c in zip(fa, covered_a, strict=True) if x and c}
    if min(len(rest_a), len(rest_b)) < max(SLOT_WORDS, len(kept) + 1):
        return False  # the clause's own words are mostly shared: a rewording or an extension
    return 2 * len(rest_a & rest_b) < SLOT_OVERLAP * (len(rest_a) + len(rest_b))


def score_pair(
    a: Wording,
    b: Wording,
    idf: dict[str, float] | None = None,
    near: Mapping[str, frozenset[str]] | None = None,
) -> Score | None:
    """Decide whether two clauses are one clause, and how they relate; None when they are not.

    The order of the tests matters: near-identical wording first (whatever its content), then
    a content gate (clauses made of citations, dates and formulas link only when nearly equal),
    then word similarity, shared passages, containment and finally the bag of content words.
    `idf` weighs content words by rarity in the corpus for the containment test, so that
    sharing "geoeconomic" and "interconnectivity" counts for more than sharing "peace"; `near`
    (`vocabulary.near_spellings`) pairs the words of one clause the other spells nearly.
    Each Score says what made it (`evidence`, see `EVIDENCE`).
    """
    if a.ids == b.ids:
        specific = len(a.free) >= SPECIFIC_WORDS
        return Score("verbatim", 1.0, "exact", VERBATIM if specific else SAME_WORDS_EVIDENCE)
    sim = similarity(a.ids, b.ids)
    thin = min(len(a.content), len(b.content)) < MIN_CONTENT
    if sim >= MINOR:
        why = SAME_WORDS_EVIDENCE + FILL
        if _max_gap(a.ids, b.ids) < PASSAGE:
            return _filled(Score("minor", round(sim, 4), "fuzzy", why), a, b)
        if not thin:  # a whole passage added or removed around the same clause
            return _filled(Score("major", round(sim, 4), "fuzzy", why), a, b)
    if thin:
        return None
    found = _content_score(a, b, sim, idf, near)
    return None if found is None else _filled(found, a, b)


def _filled(score: Score, a: Wording, b: Wording) -> Score:
    """The score with its FILL placeholder replaced by `fillers` (once per linking pair)."""
    if FILL[0] not in score.evidence:
        return score
    rest = tuple(e for e in score.evidence if e != FILL[0])
    return Score(score.relation, score.similarity, score.method, rest + fillers(a, b))


def _content_score(
    a: Wording,
    b: Wording,
    sim: float,
    idf: dict[str, float] | None,
    near: Mapping[str, frozenset[str]] | None,
) -> Score | None:
    """The rewrites, passages, containments and paraphrases under the `minor` bar.

    What only some verdicts read (the agreement outside formula, whether near spellings made
    the bag) is computed on the way to them: most pairs end with no link, many before they
    need it (un-ga: 574,882 pairs come here; 19,222 pairs link in all)."""
    common = len(a.content & b.content)
    total = len(a.content) + len(b.content)
    if near:
        # Near spellings can add at most `most`; pairing them only when that could matter
        # (a bag threshold or the passage gate) gives the same scores for much less work.
        left, right = a.neared - b.content, b.neared - a.content
        most = min(len(left), len(right))
        if most and (
            2 * (common + most) >= MAJOR_BAG * total or common < PASSAGE_CONTENT <= common + most
        ):
            common += _paired_spellings(left, right, near)
    bag = 2 * common / total
    if sim >= MAJOR and bag >= MAJOR_BAG:
        # A template whose fillers differ (this year's seminar, host and theme): a version
        # within a series, never evidence across series (no "same-fillers").
        if not _free_shared(a, b, sim):
            return Score("major", round(sim, 4), "fuzzy", SAME_CONTENT)
        return Score("major", round(sim, 4), "fuzzy", SAME_CONTENT + FILL + _paired(a, b, bag))
    if common < PASSAGE_CONTENT and bag < PARAPHRASE:
        return None  # too few shared content words for any passage, too few for a paraphrase
    similar_size = min(len(a.ids), len(b.ids)) >= 0.6 * max(len(a.ids), len(b.ids))
    same = (bag >= SAME_BAG and sim >= SAME_WORDS) or (
        bag >= PARAPHRASE_ALONE - 0.05 and sim >= SAME_WORDS - 0.1
    )
    if same and similar_size and free_agreement(a, b) >= FREE_BAG:
        paired = _paired(a, b, bag)
        if paired:  # only pairing near spellings made it close
            return Score("paraphrase", round(bag, 4), "paraphrase", SAME_CONTENT + FILL + paired)
        return Score("major", round(sim, 4), "fuzzy", SAME_CONTENT + FILL)
    found = _passage_score(a, b, sim, bag, similar_size, idf)
    if found is not None:
        return found
    if min(len(a.free), len(b.free)) < MIN_CONTENT:
        return None  # what they share in other words is formulas and names
    free = free_agreement(a, b)
    if free < FREE_BAG:
        return None
    paired = _paired(a, b, bag)
    content = SAME_CONTENT + FILL + paired
    if bag >= PARAPHRASE_ALONE or (bag >= PARAPHRASE and paired):
        return Score("paraphrase", round(bag, 4), "paraphrase", content)
    if bag >= PARAPHRASE and free >= PARAPHRASE and similar_size:
        # the rest of the clause agreeing around words translated loosely ("good services"
        # for "good offices", "fact stating" for "fact finding")
        return Score("paraphrase", round(bag, 4), "paraphrase", content)
    return None


def _paired(a: Wording, b: Wording, bag: float) -> tuple[str, ...]:
    """NEAR_WORDS when pairing near spellings raised the content words' Dice similarity `bag`
    above that of the words as written (`Wording.raw`), else ()."""
    return NEAR_WORDS if bag > dice(a.raw, b.raw) else ()


def _free_shared(a: Wording, b: Wording, sim: float) -> bool:
    """Whether the clauses still share words outside templates and titles, or one of them is
    nothing but templates and titles and the other keeps it whole (a recall extended with one
    more resolution; not an agenda item quoting another title in the same template)."""
    return (
        len(a.free & b.free) >= FREE_CONTENT
        or free_agreement(a, b) >= FREE_BAG
        or (
            sim >= CLEARLY
            and not (a.free and b.free)
            and sim * (len(a.ids) + len(b.ids)) >= 2 * KEPT * min(len(a.ids), len(b.ids))
        )
    )


def _passage_score(
    a: Wording,
    b: Wording,
    sim: float,
    bag: float,
    similar_size: bool,
    idf: dict[str, float] | None,
) -> Score | None:
    """A shared passage or a containment: the same clause extended, or a part of another."""
    shared = shared_runs(a, b)
    smaller = min(len(a.free), len(b.free))
    # A passage needs content of its own: outside formulas, or around a phrase that a
    # document repeats (its own theme, quoted by the other clause together with more words).
    passage = shared.longest >= PASSAGE_CONTENT and (
        shared.longest_free >= FREE_CONTENT
        or (shared.longest_loose >= FREE_CONTENT and shared.longest_free >= OWN_CONTENT)
    )
    why = (SHARED_PASSAGE if passage else ()) + FILL
    if passage and bag >= PARAPHRASE and similar_size:
        return Score("major", round(max(sim, bag), 4), "fuzzy", why)
    # a containment needs words in common in runs: one of CONTAINED_RUN content words, and
    # OWN_CONTENT of them outside formula
    runs = shared.richest >= CONTAINED_RUN and shared.total_free >= OWN_CONTENT
    if passage or (shared.total >= PASSAGE_CONTENT and runs):
        overlap = contained_share(a, b, idf) if smaller >= MIN_CONTENT else 0.0
        if overlap >= CONTAINED:
            why = SAME_CONTENT + why if not passage else why
        if passage or overlap >= CONTAINED:
            if overlap >= CONTAINED and a.lead == b.lead:
                # Extended or shortened in place; `selection.select_pairs` makes it `partial` when
                # the other clause has a closer partner there (one part of a merge or split).
                return Score("major", round(max(sim, bag), 4), "passage", why)
            return Score("partial", round(max(sim, overlap), 4), "passage", why)
    return None
