"""Citations as content: clauses that cite the same documents share content.

A recall paragraph ("Recalling its resolutions 50/80 A of 12 December 1995, 69/285 of 3 June
2015 and 71/275 of 2 February 2017") has almost no words of its own: what it says is *which*
documents it recalls. Two clauses citing the same documents (keys with the same dates) are one
clause, or parts of one when one was split in two; two clauses citing different documents in
one formula are not, whatever their words (`conflict`).

Only *specific* citations count: a document cited by clauses of CITE_SERIES or more series, in
this corpus or in the shipped background (`background.cited_widely`: the 2030 Agenda,
resolution 1514 (XV) for every territory), is formula, like a frequent n-gram.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from ..citations import part_letter
from ..model import Citation, Corpus
from .background import FORMULA_SERIES, cited_widely, series_key
from .scoring import Score, Wording, fillers

#: Series whose clauses cite a document before the citation is formula: as for n-grams.
CITE_SERIES = FORMULA_SERIES
#: Share of the union of two clauses' specific citations they must share to be one clause
#: (`major`): 75/28 pp1 (three resolutions) and OIC pp7 (the same three and 75/28): 0.75.
SAME_CITES = 0.75
#: Share of the union they must share for `partial` (one half of a split: 79/274 pp1 keeps two
#: of 75/28 pp1's three resolutions, 0.67); two recalls sharing two of eight resolutions
#: (0.25) or three of eight (0.375) are not one clause.
PART_CITES = 0.4
#: For two bare recalls, the share of the smaller one's citations that makes `partial`
#: (79/274 pp2 keeps one of 75/28 pp1's three resolutions and adds 75/28 itself: 1 of 2).
PART_BARE = 0.5
#: Content words outside formula under which a clause is a bare recall: a pair sharing only
#: one cited document links only when both are bare ("Recalling its resolution 194 (III)" is no
#: link to "Decides to extend the mandate ... resolution 194 (III)").
BARE = 5
#: Drafting verbs that open a clause whose content is what it cites.
RECALLS = frozenset(
    "recalling recalls recall reaffirming reaffirms noting notes taking bearing".split()
)
#: Documents two clauses that are not both bare recalls must cite with the same dates written
#: in both for their citations to link them: the conference's recall of 50/80 A, 69/285 and
#: 71/275 "dated 3rd of June of 2015" and 75/28's (3); a clause naming the World Programme
#: of Action for Youth in a footnote (no dates) is not a recall of its two resolutions.
DATED = 2
#: A clause citing more specific documents than this is a list, not one recall: its pairs are
#: left to the words (a list of thirty resolutions shares one with everything).
MAX_CITES = 12
#: The evidence of a link made or confirmed by citations.
SAME_CITATIONS = ("same-citations",)

#: A clause's specific citations: (key, date or "").
Cites = frozenset[tuple[str, str]]


def part_key(cit: Citation) -> str:
    """A citation's key with the part letter it prints: resolutions 42/39 D and 42/39 K (two
    regional centres, one number) are two documents to compare clauses by, though a corpus
    document resolves by its number alone (`citations.targets`). Round 2 of the audit: two
    recalls of two centres linked as one through "42/39 K" and "42/39 D"."""
    part = part_letter(cit)
    return f"{cit.key} {part}" if part else cit.key


def clause_citations(corpus: Corpus) -> tuple[Cites, ...]:
    """Each clause's specific citations (`part_key`), in corpus order (`corpus.index`). A part
    is formula where its resolution's number is (the background counts numbers only)."""
    by_uid: dict[str, dict[str, str]] = defaultdict(dict)
    key_series: dict[str, set[str]] = defaultdict(set)
    base: dict[str, str] = {}
    for doc in corpus.documents:
        series = series_key(doc.title) or doc.id
        for cit in doc.citations:
            if cit.clause is not None:
                key = part_key(cit)
                base[key] = cit.key
                dates = by_uid[cit.clause]
                if not dates.get(key):
                    dates[key] = cit.date or ""
                key_series[key].add(series)
    widely = cited_widely(CITE_SERIES)
    formula = {k for k, s in key_series.items() if len(s) >= CITE_SERIES or base[k] in widely}
    out = []
    for clause in corpus.index.clauses:
        found = by_uid.get(clause.uid, {})
        out.append(frozenset((k, d) for k, d in found.items() if k not in formula))
    return tuple(out)


def common(a: Cites, b: Cites) -> int:
    """Documents both cite (a date given on both sides must agree)."""
    return len(shared(a, b))


def shared(a: Cites, b: Cites) -> frozenset[str]:
    """The keys of the documents both cite (a date given on both sides must agree)."""
    da, db = dict(a), dict(b)
    return frozenset(k for k in da.keys() & db.keys() if not (da[k] and db[k] and da[k] != db[k]))


def dated(a: Cites, b: Cites) -> int:
    """Documents both cite with the same date written on both sides."""
    da = dict(a)
    return sum(1 for k, d in b if d and da.get(k) == d)


def conflict(a: Cites, b: Cites) -> bool:
    """Both clauses cite specific documents and none is the same: two clauses, one formula."""
    return bool(a) and bool(b) and not common(a, b)


def score(a: Cites, b: Cites, bare: bool) -> Score | None:
    """The link two clauses' citations make, if any (`bare`: both are bare recalls)."""
    if not a or not b or max(len(a), len(b)) > MAX_CITES:
        return None
    shared = common(a, b)
    if not shared or (shared == 1 and not bare):
        return None
    union = len(a) + len(b) - shared
    if shared >= SAME_CITES * union:
        return Score("major", round(shared / union, 4), "citations", SAME_CITATIONS)
    if shared >= PART_CITES * union or (bare and shared >= PART_BARE * min(len(a), len(b))):
        return Score("partial", round(shared / union, 4), "citations", SAME_CITATIONS)
    return None


def is_bare(w: Wording) -> bool:
    """A recall paragraph with few words of its own: what it says is what it cites."""
    return len(w.free) < BARE and bool(w.words) and w.words[0] in RECALLS


def candidates(
    cites: Sequence[Cites],
    clause_doc: Sequence[int],
    reps: Sequence[Wording],
    rep_of: Sequence[int],
    scored: set[tuple[int, int]],
) -> list[tuple[int, int, Score]]:
    """Clause pairs (earlier, later) of different documents that citations link and whose
    wordings the words did not already score (`scored`: rep pairs, higher rep first): two
    bare recalls, two clauses citing DATED documents with their dates, or two clauses whose
    fillers also agree (`scoring.fillers`)."""
    holders = _holders(cites)
    seen: set[tuple[int, int]] = set()
    out = []
    for key in sorted(holders):
        for x, y in combinations(holders[key], 2):
            if clause_doc[x] == clause_doc[y] or (x, y) in seen:
                continue
            seen.add((x, y))
            rx, ry = rep_of[x], rep_of[y]
            if rx == ry or (max(rx, ry), min(rx, ry)) in scored:
                continue
            bare = is_bare(reps[rx]) and is_bare(reps[ry])
            found = score(cites[x], cites[y], bare)
            # two bare recalls are what they cite; other clauses must cite DATED documents
            # with their dates both, or also say the same things outside formula (a long
            # clause naming in its footnote what a recall cites is another clause)
            if found is not None and (
                bare or dated(cites[x], cites[y]) >= DATED or fillers(reps[rx], reps[ry])
            ):
                out.append((x, y, found))
    return out


def _holders(cites: Sequence[Cites]) -> dict[str, list[int]]:
    """The clauses citing each specific document (clauses citing up to MAX_CITES), in order."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cites):
        if 0 < len(c) <= MAX_CITES:
            for key, _ in c:
                holders[key].append(i)
    return holders


def split_parts(
    cites: Sequence[Cites],
    clause_doc: Sequence[int],
    reps: Sequence[Wording],
    rep_of: Sequence[int],
    scored: set[tuple[int, int]],
    linked: set[tuple[int, int]],
) -> list[tuple[int, int, Score]]:
    """The halves of a recall split into bare recalls of another document, as `partial` clause
    pairs (earlier, later) whose wordings the words did not score (`scored`, as `candidates`)
    and that are not already in `linked`: clause x's specific documents are cited,
    each with its date on both sides, by two or more bare recalls of one other document that
    share no document among them and together cite all of x's. The seeds: the conference's
    recall of 50/80 A, 69/285 and 71/275 "dated 3rd of June of 2015" is split in 79/274 into
    pp1 (50/80 A, 69/285) and pp2 (71/275, with 75/28): one document each shares with pp2 is
    too few for a clause that is no bare recall (`score`), but together the two are x."""
    holders = _holders(cites)
    out = []
    for x, cx in enumerate(cites):
        if not 2 <= len(cx) <= MAX_CITES:
            continue
        keys = {key for key, _ in cx}
        for halves in _halves(cites, clause_doc, reps, rep_of, x, holders):
            for y, shared in halves:
                pair = (x, y) if x < y else (y, x)
                rx, ry = rep_of[x], rep_of[y]
                if pair not in linked and (max(rx, ry), min(rx, ry)) not in scored:
                    part = Score(
                        "partial", round(shared / len(keys), 4), "citations", SAME_CITATIONS
                    )
                    out.append((*pair, part))
    return out


def _halves(
    cites: Sequence[Cites],
    clause_doc: Sequence[int],
    reps: Sequence[Wording],
    rep_of: Sequence[int],
    x: int,
    holders: dict[str, list[int]],
) -> list[list[tuple[int, int]]]:
    """Per other document whose bare recalls split clause x's citations (`split_parts`), its
    halves: (clause, documents it shares with x)."""
    cx = cites[x]
    keys = {key for key, _ in cx}
    by_doc: dict[int, set[int]] = defaultdict(set)
    for key in sorted(keys):
        for y in holders[key]:
            if clause_doc[y] != clause_doc[x] and is_bare(reps[rep_of[y]]):
                by_doc[clause_doc[y]].add(y)
    found = []
    for d in sorted(by_doc):
        ys = sorted(by_doc[d])
        shares = [{key for key, _ in cites[y]} & keys for y in ys]
        whole = set().union(*shares)
        if (
            len(ys) > 1
            and whole == keys
            and sum(map(len, shares)) == len(whole)  # no document in two halves
            and all(dated(cx, cites[y]) == len(k) for y, k in zip(ys, shares, strict=True))
        ):
            found.append([(y, len(k)) for y, k in zip(ys, shares, strict=True)])
    return found
