"""Rules across series on documents' subjects: a template filled in each clause with its own
document's subject (`own_subjects`), and sibling documents whose titles are one template
filled with other names (`Siblings`).
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz.distance import Indel

from ..clean.normalize import normalize
from ..model import Link
from .linkpair import LinkPair
from .prepared import capitals
from .vocabulary import is_content, stem

#: Rarity (`Prepared.idf`, log of wordings per wording using it) a title word needs to name a
#: document's subject: e^3, one wording in 20. Words commoner than that ("development" 2.1,
#: "sustainable" 2.6, "policy" 2.8, "cooperation" 2.5) name the field two series share, not
#: the subject that tells them apart ("potato" 7.9, "Sudan" 7.0, "antimicrobial" 5.1,
#: "women" 3.3); round 2 of the audit: the four right links in which each clause holds words
#: of its own title all rest on such common words or on one word spelt two ways.
SUBJECT_RARITY = 3.0
#: Letters two words must share from their first to be one word here ("Palestine",
#: "Palestinian"): the stems of `vocabulary.stem` keep such derivations apart.
SUBJECT_PREFIX = 6


#: Word similarity of two documents' titles (Indel, normalised words) from which, each title
#: holding words the other lacks, they are one title template filled twice: "Financing of
#: the United Nations Interim Force in Lebanon" / "... Interim Security Force for Abyei"
#: (0.74), "Question of Anguilla" / "Question of American Samoa" (0.57), "World Fair Play Day"
#: / "World Lake Day" (0.57), two regional centres (0.71). Titles of neighbouring subjects
#: sit under it (arms race in outer space / no first placement of weapons there, 0.50).
SIBLING_TITLES = 0.55
#: Relations that a document built on the same template as another (a sibling) cannot carry
#: across to it: a rewrite or a part there is the template with its slot filled otherwise
#: (rounds 1 and 2 of the audit: 9 false majors and 2 false parts between siblings, 1 major
#: judged right, two missions' apportionments the reader could not tell apart). A clause
#: kept nearly word for word (`minor`) can still be shared (a financing paragraph two
#: missions print alike), and a paraphrase needs related documents anyway.
REFILLABLE = frozenset(["major", "partial"])


class Siblings:
    """Whether two documents' titles are one template filled twice with names: similar
    (SIBLING_TITLES), and each holds a name the other lacks (a word printed with a capital
    after the first: "Lebanon" / "Abyei"; not "universal health coverage" / "pandemic
    prevention", two declarations of one kind on two subjects, which may share clauses).
    Each pair of documents is decided once."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.words = {doc: tuple(normalize(title).split()) for doc, title in titles.items()}
        self.names = {doc: capitals(title) for doc, title in titles.items()}
        self.known: dict[tuple[str, str], bool] = {}

    def __call__(self, a: str, b: str) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in self.known:
            ta, tb = self.words.get(a, ()), self.words.get(b, ())
            na, nb = self.names.get(a, frozenset()), self.names.get(b, frozenset())
            self.known[key] = (
                bool(na - set(tb))
                and bool(nb - set(ta))
                and Indel.normalized_similarity(ta, tb) >= SIBLING_TITLES
            )
        return self.known[key]


def title_stems(titles: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """The content stems of each document's title (normalised as the clauses are)."""
    return {
        doc: frozenset(stem(w) for w in normalize(title).split() if is_content(w))
        for doc, title in titles.items()
    }


def _subject(
    words: frozenset[str], other: frozenset[str], idf: Mapping[str, float]
) -> frozenset[str]:
    """The rare words (SUBJECT_RARITY) of `words` that nothing in `other` spells or begins as
    (SUBJECT_PREFIX letters)."""
    heads = {w[:SUBJECT_PREFIX] for w in other}
    return frozenset(
        w
        for w in words
        if idf.get(w, 0.0) >= SUBJECT_RARITY and w not in other and w[:SUBJECT_PREFIX] not in heads
    )


#: What `own_subjects` finds: each clause names its own subject in one slot (no link), or
#: elsewhere in the clauses (a link only between related documents, RELATED).
APART = 2
ASIDE = 1


def own_subjects(subjects: Mapping[str, frozenset[str]], link: Link, pair: LinkPair) -> int:
    """Whether each of two clauses of different series names its own document's subject in
    one slot: a rare word of its title that the other document's title and the other clause
    lack, where the word alignment replaces one run by another (an International Day of one
    crop and World Rural Development Day; the expulsion of aliens and the protection of
    persons in disasters; two missions, two regional centres). One template filled twice,
    each time with the subject of the resolution it is in: two clauses, whatever words they
    share. Round 2 of the audit: 19 of its false links across series, 0 of its right ones
    once rare words are asked for (SUBJECT_RARITY): APART. Title words named outside one
    slot are ASIDE, no proof of two subjects between documents that borrow from each other:
    75/28's conference "on peace, security and development" became 79/274's forum on the
    Year of Peace and Trust, which adds Turkmenistan's "permanent neutrality" at its end; a
    corpus of unrelated documents made "security" rare enough to part them
    (tests/test_events.py). A paraphrase (the same content in other
    words) in which one clause names its own subject and the other does not is two clauses
    too (round 2: migrant workers, reoffending; 0 of its right ones): APART. 0: neither."""
    clauses = pair.prepared.clauses
    da, db = clauses[pair.x].doc_id, clauses[pair.y].doc_id
    ta, tb = subjects.get(da), subjects.get(db)
    if not ta or not tb:
        return False
    a, b = pair.a, pair.b
    idf = pair.prepared.idf
    in_a = _subject((ta - tb) & a.content, tb | b.content, idf)
    in_b = _subject((tb - ta) & b.content, ta | a.content, idf)
    if link.relation == "paraphrase":
        return APART if in_a or in_b else 0
    if not (in_a and in_b):
        return 0
    return APART if _named_apart(pair, in_a, in_b) else ASIDE


def _named_apart(pair: LinkPair, own_a: frozenset[str], own_b: frozenset[str]) -> bool:
    """Whether a run of the first clause that the word alignment (`LinkPair.blocks`, shared
    with the rules that measure the pair's runs) replaces by a run of the second holds one of
    `own_a` on its side and one of `own_b` on the other: one slot, two fillings."""
    words_a, words_b = pair.a.words, pair.b.words
    pa = pb = 0
    for i, j, size in pair.blocks:
        if i > pa and j > pb:
            side_a = {stem(w) for w in words_a[pa:i]}
            side_b = {stem(w) for w in words_b[pb:j]}
            if not own_a.isdisjoint(side_a) and not own_b.isdisjoint(side_b):
                return True
        pa, pb = i + size, j + size
    return False
