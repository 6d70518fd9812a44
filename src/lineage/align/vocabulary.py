"""The vocabulary of resolution drafting: what is content, what is a spelling variant.

Word lists the scorer reads: function words and drafting verbs (never content on their own),
numbers and months, and a light stemmer; `spelling_variants` pairs a rare word with the
frequent word of the corpus it nearly spells ("Carter" for "Charter", "Center" for "Centre").
Nothing here is written for one text: which phrases are drafting formula (templates, names of
bodies, titles of programmes) is learned from statistics (`background.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz.distance import Indel

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
    theme entitled adopted item
    """.split()
)


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


#: Month names: dates in citations ("of 12 December 1995") are references, not content.
MONTHS = frozenset(
    """january february march april may june july august september october
    november december""".split()
)

#: Phrases by first word, then by second word ("" for one-word phrases): a corpus of 10,000
#: documents has thousands of titles, hundreds of them starting with the same word.
PhraseTable = dict[str, dict[str, list[tuple[str, ...]]]]


def phrase_table(phrases: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> PhraseTable:
    """Phrases indexed by first and second word, for `phrase_mask`."""
    table: PhraseTable = {}
    for phrase in dict.fromkeys(phrases):  # each phrase once, first-seen order
        if phrase:
            second = phrase[1] if len(phrase) > 1 else ""
            table.setdefault(phrase[0], {}).setdefault(second, []).append(phrase)
    return table


def phrase_mask(words: tuple[str, ...] | list[str], table: PhraseTable) -> list[bool]:
    """True for each word inside one of the table's phrases."""
    mask = [False] * len(words)
    n = len(words)
    for i, word in enumerate(words):
        by_second = table.get(word)
        if by_second is None:
            continue
        candidates = by_second.get(words[i + 1], ()) if i + 1 < n else ()
        for phrase in (*by_second.get("", ()), *candidates):
            if tuple(words[i : i + len(phrase)]) == phrase:
                mask[i : i + len(phrase)] = [True] * len(phrase)
    return mask


#: Numbers written out ("its sixty-fifth session", "the seventy-fifth anniversary"): like
#: digits, they count and date things, they do not say what a clause is about.
NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve
    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand first second third fourth fifth sixth seventh
    eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth
    eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth
    ninetieth hundredth""".split()
)


@lru_cache(maxsize=1 << 18)
def is_content(word: str) -> bool:
    """A word that carries meaning: no stopword, no number or symbol, no month, no letter."""
    return (
        len(word) > 1
        and word not in STOPWORDS
        and word not in MONTHS
        and word not in NUMBER_WORDS
        and not any(ch.isdigit() for ch in word)
    )


#: Letters a word needs before a near spelling of it counts as the same word: under five,
#: one letter changed is another word ("trade"/"grade" aside, "form"/"from").
NEAR_LENGTH = 5
#: Indel similarity of two spellings of one word ("carter"/"charter" 0.92, "center"/"centre"
#: 0.83; "nation"/"national" 0.86 is never compared: three letters apart).
NEAR_WORD = 0.8
#: Documents a word may occur in and still be a variant of a more frequent one: a typo or a
#: foreign spelling is rare; two words both in common use ("principal"/"principle") are two.
RARE_DOCS = 2
#: How many times more documents the standard spelling needs than its variant.
MORE_COMMON = 2
#: Two words that begin with the same PREFIX_LETTERS+ letters, and with at least PREFIX_SHARE of
#: the longer one, are forms of one word ("interconnectedness"/"interconnectivity": 12 of 18);
#: "international"/"internet" share 5, "consideration"/"considerable" 8 of 13 (0.62).
PREFIX_LETTERS = 8
PREFIX_SHARE = 0.65


#: Marks a prefix key apart from the deletion keys in `spelling_variants`'s index.
PREFIX_MARK = ">"


def _keys(word: str) -> list[str]:
    """The word and its one-letter deletions: two words sharing one are one edit apart."""
    return [word, *(word[:i] + word[i + 1 :] for i in range(len(word)))]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def spelling_variants(doc_counts: Mapping[str, int]) -> dict[str, str]:
    """{variant: standard} for each rare content word one edit from a more frequent one.

    `doc_counts` is each word's number of documents in the corpus. A word of RARE_DOCS or fewer
    documents is a variant of the word one deletion, insertion, substitution or transposition
    away (symmetric deletions) with the same first letter and Indel similarity >= NEAR_WORD,
    or sharing its first PREFIX_SHARE letters, and found in MORE_COMMON times its documents;
    the most common such word wins. No chains: a standard is never itself a variant.
    """
    words = sorted(w for w in doc_counts if len(w) >= NEAR_LENGTH and is_content(w))
    by_key: dict[str, list[str]] = {}
    for word in words:
        for key in _keys(word):
            by_key.setdefault(key, []).append(word)
        if len(word) > PREFIX_LETTERS:
            by_key.setdefault(PREFIX_MARK + word[:PREFIX_LETTERS], []).append(word)
    out: dict[str, str] = {}
    for word in words:
        count = doc_counts[word]
        if count > RARE_DOCS:
            continue
        best: tuple[int, str] | None = None
        for other in _near(word, by_key):
            n = doc_counts[other]
            if n >= MORE_COMMON * count and (best is None or (n, other) > best):
                best = (n, other)
        if best is not None and stem(best[1]) != stem(word):
            out[word] = best[1]
    return out


def _near(word: str, by_key: Mapping[str, Iterable[str]]) -> set[str]:
    """Words one edit from `word` with its first letter and a close spelling, or sharing a
    long beginning with it (PREFIX_LETTERS, PREFIX_SHARE)."""
    found = {o for key in _keys(word) for o in by_key.get(key, ()) if o != word}
    near = {
        o for o in found if o[0] == word[0] and Indel.normalized_similarity(o, word) >= NEAR_WORD
    }
    for other in by_key.get(PREFIX_MARK + word[:PREFIX_LETTERS], ()):
        longer = max(len(other), len(word))
        if other != word and _common_prefix(other, word) >= PREFIX_SHARE * longer:
            near.add(other)
    return near
