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
  (`SYNONYMS`), measured as Dice similarity of content-word stems.

Formula words (BOILERPLATE templates, quoted titles, phrases a document repeats) and
citations (numbers, symbols, months) never make a link on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz.distance import Indel

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
#: Content words a clause needs before a bag-of-words comparison means anything.
MIN_CONTENT = 5

#: Function words and the formulas of resolution drafting: never content on their own.
STOPWORDS = frozenset(
    """
    a about above after again against all also an and any are as at be been before being
    between both but by can could did do does during each either for from further had has have
    having he her here hers him his how i if in inter into is it its itself may might more most
    must no nor not now of off on once only or other our out over own same shall she should so
    some such than that the their theirs them then there these they this those through thus to
    too under until up upon very was we were what when where whether which while who whom why
    will with within would you your alia
    recalling recalls recall recalled reaffirming reaffirms reaffirmed reaffirm recognizing
    recognizes recognized recognize noting notes noted note welcoming welcomes welcomed welcome
    underlining underlines underlined underline stressing stresses stressed emphasizing
    emphasizes emphasized acknowledging acknowledges acknowledged guided bearing mind taking
    takes took consideration expressing expresses expressed affirming affirms affirmed aware
    invites invite invited requests request requested decides decide decided calls call called
    urges urged encourages encouraged encouraging encourage commends supports support supported
    further furthermore therefore regard thereto thereon including inter also particular
    general assembly resolution resolutions united nations secretary its present
    document documents conference outcome report session meeting international high level
    theme entitled adopted
    """.split()
)

#: Variants of a loose translation, folded before the paraphrase comparison (on norm words).
SYNONYMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("good", "services"), ("good", "offices")),
    (("fact", "stating"), ("fact", "finding")),
    (("factfinding",), ("fact", "finding")),
    (("commemorate",), ("mark",)),
    (("commemorating",), ("marking",)),
    (("center",), ("centre",)),
    (("carter",), ("charter",)),
    (("confidence",), ("trust",)),
    (("program",), ("programme",)),
    (("neighborly",), ("neighbourly",)),
    (("interconnectedness",), ("interconnectivity",)),
    (("geo", "economic"), ("geoeconomic",)),
    (("intended", "to", "encourage"), ("aimed", "at", "promoting")),
    (("proclaimed",), ("declared",)),
    (("code", "of", "rules"), ("code", "of", "practice")),
    (("settlement", "of", "international", "issues"), ("resolving", "international", "issues")),
    (("organizations",), ("organization",)),
)

_SYN_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _src, _dst in SYNONYMS:
    _SYN_FIRST.setdefault(_src[0], []).append((_src, _dst))


def fold_synonyms(words: tuple[str, ...] | list[str]) -> tuple[list[str], int]:
    """Replace loose-translation variants by one form; returns the words and how many changed."""
    if _SYN_FIRST.keys().isdisjoint(words):
        return list(words), 0
    out: list[str] = []
    changed = 0
    i = 0
    n = len(words)
    while i < n:
        for src, dst in _SYN_FIRST.get(words[i], ()):
            if tuple(words[i:i + len(src)]) == src:
                out.extend(dst)
                i += len(src)
                changed += 1
                break
        else:
            out.append(words[i])
            i += 1
    return out, changed


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to make `consultation`/`consultations` one word."""
    if len(word) > 5:
        for suffix in ("ing", "ed"):
            if word.endswith(suffix):
                return word[: -len(suffix)]
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_stems(words: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The stems of the words that carry meaning (no stopwords, no bare numbers)."""
    folded, _ = fold_synonyms(words)
    return frozenset([stem(w) for w in folded if is_content(w)])


#: Month names: dates in citations ("of 12 December 1995") are references, not content.
MONTHS = frozenset("""january february march april may june july august september october
    november december""".split())

#: Procedural templates of resolution drafting, normalised: shared by clauses on any subject,
#: so never evidence of a common origin (a reviewer does not link two clauses for them).
BOILERPLATE: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in (
    "all member states organizations of the united nations system and other international "
    "regional and subregional organizations",
    "organizations of the united nations system and other international and regional "
    "organizations",
    "member states and relevant entities of the united nations system including regional "
    "commissions",
    "to seek the views of member states",
    "to communicate such views to the general assembly",
    "for further consideration",
    "save succeeding generations from the scourge of war",
    "transforming our world the 2030 agenda for sustainable development",
    "the 2030 agenda for sustainable development",
    "purposes and principles enshrined in the charter of the united nations",
    "purposes and principles of the charter of the united nations",
    "in accordance with the charter of the united nations",
    "decides to include in the provisional agenda of its",
    "requests the secretary general to submit",
    "at its seventy sixth session",
    "non governmental organizations",
    "civil society the private sector academia and individuals",
    "from voluntary contributions",
    "within existing resources",
    # names of bodies: shared by clauses on any subject that mention them
    "department of political and peacebuilding affairs of the secretariat",
    "united nations educational scientific and cultural organization",
    "economic and social council",
    "office for the coordination of humanitarian affairs",
    "relief and works agency for palestine refugees in the near east",
    "regional centre for preventive diplomacy for central asia",
    "regional center for preventive diplomacy for central asia",
    "movement of non aligned countries",
    "council of foreign ministers of the organization of islamic cooperation",
))


PhraseTable = dict[str, list[tuple[str, ...]]]


def phrase_table(phrases: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> PhraseTable:
    """Phrases indexed by first word, for `phrase_mask`."""
    table: PhraseTable = {}
    for phrase in phrases:
        if phrase and phrase not in table.get(phrase[0], []):
            table.setdefault(phrase[0], []).append(phrase)
    return table


def phrase_mask(words: tuple[str, ...] | list[str], table: PhraseTable) -> list[bool]:
    """True for each word inside one of the table's phrases."""
    mask = [False] * len(words)
    for i, word in enumerate(words):
        for phrase in table.get(word, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                mask[i:i + len(phrase)] = [True] * len(phrase)
    return mask


_BOILER = phrase_table(BOILERPLATE)


@lru_cache(maxsize=1 << 18)
def is_content(word: str) -> bool:
    """A word that carries meaning: no stopword, no number or symbol, no month, no letter."""
    return (len(word) > 1 and word not in STOPWORDS and word not in MONTHS
            and not any(ch.isdigit() for ch in word))


@dataclass(frozen=True)
class Score:
    """The verdict on one pair: relation, similarity in [0, 1] (4 places) and method."""

    relation: str
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
    1 for a content word inside a formula phrase (boilerplate, a quoted title, a phrase
    repeated within a document: see `align.formula_mask`), 2 for one outside.
    """

    ids: tuple[int, ...]
    words: tuple[str, ...]
    content: frozenset[str]
    raw: frozenset[str]
    free: frozenset[str]
    kinds: bytes = b""


def wording(ids: tuple[int, ...], words: tuple[str, ...],
            formula: tuple[bool, ...] | None = None,
            cited: tuple[bool, ...] | None = None) -> Wording:
    """Build a Wording. BOILERPLATE templates are always formula.

    `formula` marks phrases repeated inside a document, `cited` quoted titles of documents;
    both are formula for passages, but only boilerplate and `cited` words are left out of
    `free`: a clause's own recurring theme is still its content.
    """
    boiler = phrase_mask(words, _BOILER)
    if cited is not None:
        boiler = [a or b for a, b in zip(boiler, cited, strict=True)]
    marked = boiler
    if formula is not None:
        marked = [a or b for a, b in zip(boiler, formula, strict=True)]
    kinds = bytes(0 if not is_content(w) else 1 if f else 2
                  for w, f in zip(words, marked, strict=True))
    return Wording(ids=ids, words=words, kinds=kinds,
                   content=content_stems(words),
                   raw=frozenset(stem(w) for w in words if is_content(w)),
                   free=content_stems([w for w, f in zip(words, boiler, strict=True) if not f]))


def _max_gap(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """The longest run of words inserted or deleted in one place by a word diff."""
    gap = 0
    for op in Indel.opcodes(a, b):
        if op.tag != "equal":
            gap = max(gap, op.src_end - op.src_start, op.dest_end - op.dest_start)
    return gap


@dataclass(frozen=True)
class Shared:
    """Content words in the runs of three or more words two clauses share.

    `free` counts only words outside formula phrases (see `align.formula_mask`), so a run made
    of a quoted title or a body's name is seen for what it is.
    """

    longest: int
    longest_free: int
    total: int
    total_free: int


def shared_runs(a: Wording, b: Wording) -> Shared:
    """Measure the runs of words a and b share in a longest common subsequence alignment.

    Runs under three words are chance ("of the") and are not counted.
    """
    longest = longest_free = total = total_free = 0
    kinds = a.kinds

    def measure(i: int, size: int) -> tuple[int, int]:
        part = kinds[i:i + size]
        return size - part.count(0), part.count(2)

    best = None
    for block in Indel.editops(a.ids, b.ids).as_matching_blocks():
        if block.size >= 3:
            content, free = measure(block.a, block.size)
            total += content
            total_free += free
            if best is None or block.size > best[1]:
                best = (block.a, block.size)
    if best is not None and best[1] >= PASSAGE:
        longest, longest_free = measure(*best)
    elif total >= PASSAGE_CONTENT:
        # The alignment may cut a long run in two; look for the longest run directly.
        run = SequenceMatcher(None, a.ids, b.ids, autojunk=False).find_longest_match()
        if run.size >= PASSAGE:
            longest, longest_free = measure(run.a, run.size)
    return Shared(longest, longest_free, total, total_free)


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
    sim = Indel.normalized_similarity(a.ids, b.ids)
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
    # nothing but templates and titles (a recall extended with one more resolution).
    free_shared = free_common >= FREE_CONTENT or free >= FREE_BAG or (
        sim >= CLEARLY and not (a.free and b.free))
    if sim >= MAJOR and bag >= MAJOR_BAG and free_shared:
        return Score("major", round(sim, 4), "fuzzy")
    if common < PASSAGE_CONTENT and bag < PARAPHRASE:
        return None  # too few shared content words for any passage, too few for a paraphrase
    similar_size = min(len(a.ids), len(b.ids)) >= 0.6 * max(len(a.ids), len(b.ids))
    same = (bag >= SAME_BAG and sim >= SAME_WORDS) or (bag >= PARAPHRASE_ALONE - 0.05
                                                       and sim >= SAME_WORDS - 0.1)
    if same and free >= FREE_BAG and similar_size:
        if bag > dice(a.raw, b.raw):  # only folding loose-translation variants made it close
            return Score("paraphrase", round(bag, 4), "paraphrase")
        return Score("major", round(sim, 4), "fuzzy")
    shared = shared_runs(a, b)
    smaller = min(len(a.free), len(b.free))
    passage = shared.longest >= PASSAGE_CONTENT and shared.longest_free >= FREE_CONTENT
    if passage and bag >= PARAPHRASE and similar_size:
        return Score("major", round(max(sim, bag), 4), "fuzzy")
    if passage or shared.total_free >= PASSAGE_CONTENT:
        overlap = weighted_overlap(a.free, b.free, idf) if smaller >= MIN_CONTENT else 0.0
        if passage or overlap >= CONTAINED:
            return Score("partial", round(max(sim, overlap), 4), "passage")
    if smaller < MIN_CONTENT or free < FREE_BAG:
        return None  # what they share in other words is formulas and names
    if bag >= PARAPHRASE_ALONE or (bag >= PARAPHRASE and bag > dice(a.raw, b.raw)):
        return Score("paraphrase", round(bag, 4), "paraphrase")
    return None
