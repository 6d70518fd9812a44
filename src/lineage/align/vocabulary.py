"""The vocabulary of resolution drafting: what is content, what is a spelling variant.

Word lists the scorer reads: function words and drafting verbs (never content on their own),
numbers and months, and a light stemmer; `near_spellings` pairs words of the corpus that
nearly spell each other ("Carter" and "Charter", "Center" and "Centre").
Nothing here is written for one text: which phrases are drafting formula (templates, names of
bodies, titles of programmes) is learned from statistics (`background.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz.distance import Indel

#: Function words (English, and the particles of names in other languages: "Cartagena de
#: Indias") and the formulas of resolution drafting: never content on their own.
STOPWORDS = frozenset(
    """
    a about above after again against all also an and any are as at be been before being
    between both but by can could did do does during each either for from further had has have
    having he her here hers him his how i if in inter into is it its itself may might more most
    must no nor not now of off on once only or other our out over own same shall she should so
    some such than that the their theirs them then there these they this those through thus to
    too under until up upon very was we were what when where whether which while who whom why
    will with within would you your alia
    de del la le les des du da di van von der
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


def phrase_mask(
    words: tuple[str, ...] | list[str], table: PhraseTable, at: Iterable[int] | None = None
) -> list[bool]:
    """True for each word inside one of the table's phrases; `at`, when given, the only
    positions where one may start (found otherwise, all at once: see `prepared._cited_titles`)."""
    mask = [False] * len(words)
    n = len(words)
    for i in range(n) if at is None else at:
        word = words[i]
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


#: The ordinals among them ("third", "twentieth"), and the tens that make a compound one
#: ("seventy" of "seventy-ninth", which normalisation writes as two words).
ORDINALS = frozenset(w for w in NUMBER_WORDS if w.endswith(("th", "first", "second", "third")))
TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())


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
#: Two words that begin with the same PREFIX_LETTERS+ letters, and with at least PREFIX_SHARE of
#: the longer one, are forms of one word ("interconnectedness"/"interconnectivity": 12 of 18);
#: "international"/"internet" share 5, "consideration"/"considerable" 8 of 13 (0.62).
PREFIX_LETTERS = 8
PREFIX_SHARE = 0.65


#: Marks a prefix key apart from the deletion keys in `near_spellings`'s index.
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


def near_spellings(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """{word: the words of `words` it nearly spells}, both ways.

    Two content words of NEAR_LENGTH+ letters are spellings of one word when they are one
    deletion, insertion, substitution or transposition apart (symmetric deletions) with the
    same first letter and Indel similarity >= NEAR_WORD ("carter"/"charter", "center"/
    "centre"), or share their first PREFIX_SHARE letters ("interconnectedness"/
    "interconnectivity"). Whether two words are near depends on the two words only, so a
    pair of clauses scores the same in any corpus (`scoring` pairs them clause by clause).
    """
    found = sorted({w for w in words if len(w) >= NEAR_LENGTH and is_content(w)})
    by_key: dict[str, list[str]] = {}
    for word in found:
        for key in _keys(word):
            by_key.setdefault(key, []).append(word)
        if len(word) > PREFIX_LETTERS:
            by_key.setdefault(PREFIX_MARK + word[:PREFIX_LETTERS], []).append(word)
    out: dict[str, frozenset[str]] = {}
    for word in found:
        near = _near(word, by_key)
        if near:
            out[word] = frozenset(near)
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
