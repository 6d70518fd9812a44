"""The vocabulary of resolution drafting: what is formula, what is content, what is a variant.

Word lists the scorer reads: function words and drafting verbs (never content on their own),
boilerplate templates and names of bodies (shared by clauses on any subject), loose-translation
variants ("good services" for "good offices"), and a light stemmer. Kept apart from the
scoring rules so that adding a body's formulas or a language's variants touches only data.
"""

from __future__ import annotations

from functools import lru_cache

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

SYNONYM_STARTS: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _src, _dst in SYNONYMS:
    SYNONYM_STARTS.setdefault(_src[0], []).append((_src, _dst))


def fold_synonyms(words: tuple[str, ...] | list[str]) -> tuple[list[str], int]:
    """Replace loose-translation variants by one form; returns the words and how many changed."""
    if SYNONYM_STARTS.keys().isdisjoint(words):
        return list(words), 0
    out: list[str] = []
    changed = 0
    i = 0
    n = len(words)
    while i < n:
        for src, dst in SYNONYM_STARTS.get(words[i], ()):
            if tuple(words[i : i + len(src)]) == src:
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
MONTHS = frozenset(
    """january february march april may june july august september october
    november december""".split()
)

#: Procedural templates of resolution drafting, normalised: shared by clauses on any subject,
#: so never evidence of a common origin (a reviewer does not link two clauses for them).
BOILERPLATE: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
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
    )
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


BOILERPLATE_TABLE = phrase_table(BOILERPLATE)


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
