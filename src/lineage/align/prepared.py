"""The prepare stage of the aligner: word ids for every clause's `norm`, identical wordings
grouped into one "rep" (a clause carried verbatim through 30 documents is scored once), formula
words masked (see `formula_mask`), and the shingle index built: `Prepared`, plain data that
every later stage reads.
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from ..clean.normalize import normalize
from ..model import Clause, Corpus
from ..progress import silent
from .background import FORMULA, formula_positions, series_key, word_hashes
from .cited import Cites, clause_citations
from .index import ShingleIndex, build_index, distinct, shingle_hashes
from .runs import WordIds, texts
from .scoring import Wording, assembled
from .vocabulary import is_content, near_spellings, phrase_mask, phrase_table, stem

#: Letters of a word written elsewhere as two ("geoeconomic", "geo economic"): shorter joins
#: are chance ("in" + "to").
COMPOUND = 8

#: Words in a formula window: long enough that "policy of neutrality" is not one.
FORMULA_WORDS = 6


@dataclass(frozen=True)
class Prepared:
    """What every chunk of scoring needs; plain data, so it pickles to Dask workers.

    `clauses` in corpus order (document order, then clause index); `rep_of[i]` the wording of
    clause i; `rep_clauses[r]` its clauses; `reps[r]` the wording of rep r (word ids, words,
    formula flags, content words); `rep_doc[r]` the document index if all its clauses are in
    one document, else -1; `idf` the rarity of each content stem among the wordings; `cites[i]`
    the specific citations of clause i (`cited.clause_citations`); `near` the content stems
    that nearly spell one another (`vocabulary.near_spellings`); `doc_series[d]` the series of
    document d (`background.series_key` of its title, else its id).
    """

    clauses: tuple[Clause, ...]
    clause_doc: tuple[int, ...]
    rep_of: tuple[int, ...]
    rep_clauses: tuple[tuple[int, ...], ...]
    reps: tuple[Wording, ...]
    rep_doc: tuple[int, ...]
    index: ShingleIndex
    idf: dict[str, float]
    cites: tuple[Cites, ...] = ()
    near: dict[str, frozenset[str]] | None = None
    doc_series: tuple[str, ...] = ()

    def wordings(self, x: int, y: int) -> tuple[Wording, Wording]:
        """The wordings of clauses x and y: what every rule on a link between them reads."""
        return self.reps[self.rep_of[x]], self.reps[self.rep_of[y]]


def formula_mask(
    flat: np.ndarray, offsets: np.ndarray, rep_doc_sets: Sequence[Sequence[int]]
) -> np.ndarray:
    """True for each word position covered by a formula shingle.

    A formula is a run of FORMULA_WORDS words that occurs in two or more different clauses of
    one document: a title quoted in several paragraphs
    ("the role and importance of a policy of neutrality in maintaining ..."), a body's name
    ("Relief and Works Agency for Palestine Refugees"). Such phrases are shared by clauses that
    have nothing else in common, so they
    never make a `partial` passage on their own.
    """
    hashes, reps, starts = shingle_hashes(flat, offsets, FORMULA_WORDS)
    if not len(hashes):
        return np.zeros(len(flat), dtype=bool)
    # Each (rep, window) once, then once per clause of that rep, tagged with its document.
    # The key packs the window hash's top 44 bits with the document number (20 bits): one
    # sort finds the windows used in two clauses of one document.
    order = np.lexsort((reps, hashes))
    h, r = hashes[order], reps[order]
    fresh = np.ones(len(h), dtype=bool)
    fresh[1:] = (h[1:] != h[:-1]) | (r[1:] != r[:-1])
    h, r = h[fresh], r[fresh]
    n_occ = np.array([len(d) for d in rep_doc_sets], dtype=np.int64)
    occ_flat = np.array([d for ds in rep_doc_sets for d in ds], dtype=np.int64)
    occ_start = np.zeros(len(n_occ), dtype=np.int64)
    np.cumsum(n_occ[:-1], out=occ_start[1:])
    reps_n = n_occ[r]
    top = np.repeat(h >> np.uint64(20), reps_n)
    within = np.arange(len(top), dtype=np.int64) - np.repeat(np.cumsum(reps_n) - reps_n, reps_n)
    docs = occ_flat[np.repeat(occ_start[r], reps_n) + within].astype(np.uint64)
    keys = np.sort((top << np.uint64(20)) | (docs & np.uint64(0xFFFFF)))
    again = keys[1:][keys[1:] == keys[:-1]]
    formula_top = distinct(again >> np.uint64(20))
    per_pos = np.zeros(len(flat), dtype=bool)
    # formula_top is sorted and small (hundreds): a binary search per window, where np.isin
    # would sort all the corpus's windows again.
    tops = hashes >> np.uint64(20)
    at = np.minimum(np.searchsorted(formula_top, tops), len(formula_top) - 1)
    is_formula = (formula_top[at] == tops) if len(formula_top) else np.zeros(len(tops), bool)
    for k in range(FORMULA_WORDS):
        pos = starts[is_formula] + k
        pos = pos[pos < offsets[1:][reps[is_formula]]]
        per_pos[pos] = True
    return per_pos


#: Steps `prepare` tells its progress in (each a comparable share of un-ga's ~8 s).
PREPARE_STEPS = 5


def prepare(corpus: Corpus, progress: Callable[[int], None] | None = None) -> Prepared:
    """Word ids, reps, formula masks and the shingle index for a corpus.

    Serial: building the Wordings on a process pool was measured slower than here (pickling
    100,000 Wordings back costs more than building them). `progress` is told 1 to
    PREPARE_STEPS as the steps end.
    """
    told = progress or silent
    clauses, clause_doc = corpus.index.clauses, corpus.index.doc
    rep_words, rep_of, members = _wordings(clauses)
    vocab, rep_ids, flat, offsets = _word_ids(rep_words)
    rep_doc_sets = [sorted({clause_doc[i] for i in m}) for m in members]
    told(1)
    # A wording used twice in one document counts that document twice: it is a formula there.
    mask = formula_mask(flat, offsets, [[clause_doc[i] for i in m] for m in members])
    cited = _cited_titles(corpus, rep_words, vocab, flat, offsets)
    template = _templates(corpus, list(vocab), flat, offsets, rep_doc_sets)
    told(2)
    known = frozenset(w for w in vocab if len(w) >= COMPOUND)
    near = near_spellings({stem(w) for w in vocab})
    bounds = offsets.tolist()
    kinds, stems, stock = _word_marks(list(vocab), flat, mask, cited, template)
    joining = _may_join(list(vocab), known, flat, offsets, kinds).tolist()
    told(3)
    reps = tuple(
        assembled(
            rep_ids[r],
            rep_words[r],
            kinds[bounds[r] : bounds[r + 1]],
            stems[bounds[r] : bounds[r + 1]],
            stock[bounds[r] : bounds[r + 1]],
            known if joining[r] else frozenset(),
            capitals(clauses[members[r][0]].text),
            near,
        )
        for r in range(len(rep_ids))
    )
    told(4)
    prepared = Prepared(
        clauses=tuple(clauses),
        clause_doc=tuple(clause_doc),
        rep_of=tuple(rep_of),
        rep_clauses=tuple(tuple(m) for m in members),
        reps=reps,
        rep_doc=tuple(d[0] if len(d) == 1 else -1 for d in rep_doc_sets),
        index=build_index(flat, offsets),
        idf=inverse_frequency(reps),
        cites=clause_citations(corpus),
        near=near,
        doc_series=tuple(series_key(doc.title) or doc.id for doc in corpus.documents),
    )
    told(PREPARE_STEPS)
    return prepared


def _word_marks(
    vocabulary: Sequence[str],
    flat: np.ndarray,
    repeated: np.ndarray,
    cited: np.ndarray,
    template: np.ndarray,
) -> tuple[bytes, list[str], bytes]:
    """Every word position's kind (see `Wording.kinds`), stem ("" for no content) and stock
    mark, for the whole corpus at once: the content test and the stem once per distinct word
    (un-ga: 17,000 for 1.4 M positions), the kinds with numpy. `scoring.wording` finds the
    same word by word (un-ga's prepare: 1.5 s in that loop)."""
    content = np.array([is_content(w) for w in vocabulary], dtype=bool)
    stem_of = [stem(w) if c else "" for w, c in zip(vocabulary, content.tolist(), strict=True)]
    outside = np.where(repeated, 2, 3)
    kinds = np.where(content[flat], np.where((template >= FORMULA) | cited, 1, outside), 0)
    stock = (template != 0) | cited
    stems = list(map(stem_of.__getitem__, flat.tolist()))
    return kinds.astype(np.uint8).tobytes(), stems, stock.astype(np.uint8).tobytes()


def _may_join(
    vocabulary: Sequence[str],
    known: frozenset[str],
    flat: np.ndarray,
    offsets: np.ndarray,
    kinds: bytes,
) -> np.ndarray:
    """For each wording, whether two content words in a row in it spell a word of `known`
    written as one (`scoring.assembled` joins them): only those wordings are searched word by
    word (un-ga: 1.4 M positions), each distinct pair of words tested once here."""
    joined = np.zeros(max(len(offsets) - 1, 0), dtype=bool)
    if len(flat) < 2 or not known:
        return joined
    content = np.frombuffer(kinds, dtype=np.uint8) > 0
    both = np.flatnonzero(content[:-1] & content[1:])
    width = len(vocabulary)
    codes, where = np.unique(flat[both] * width + flat[both + 1], return_inverse=True)
    heads, tails = np.divmod(codes, width)
    spelled = np.array(
        [
            vocabulary[h] + vocabulary[t] in known
            for h, t in zip(heads.tolist(), tails.tolist(), strict=True)
        ],
        dtype=bool,
    )
    at = both[spelled[where]] if len(codes) else both[:0]
    joined[np.searchsorted(offsets, at, side="right") - 1] = True
    return joined


#: A word printed with a capital letter (its first letter upper case, the rest not all upper
#: case unless short: "Bermuda", "UNIFIL", not a heading's "DECIDES").
CAPITALISED = re.compile(r"(?<![\w.])([A-Z][\w'-]*)")


def capitals(text: str) -> frozenset[str]:
    """The words printed with a capital inside a clause (its first word aside), normalised as
    `Clause.norm` is: names of territories, missions, bodies, programmes."""
    found = CAPITALISED.findall(text)[1:]
    return frozenset(normalize(" ".join(found)).split()) if found else frozenset()


def _templates(
    corpus: Corpus,
    vocabulary: Sequence[str],
    flat: np.ndarray,
    offsets: np.ndarray,
    rep_doc_sets: Sequence[Sequence[int]],
) -> np.ndarray:
    """A mark on every word inside a formula n-gram: of the shipped background or frequent
    across this corpus's series (`background.formula_positions`)."""
    series: dict[str, int] = {}
    doc_series = [series.setdefault(series_key(d.title), len(series)) for d in corpus.documents]
    rep_series = [sorted({doc_series[d] for d in docs}) for docs in rep_doc_sets]
    hashed = word_hashes(vocabulary)[flat] if len(flat) else flat
    return formula_positions(hashed, offsets, rep_series)


def _wordings(
    clauses: Sequence[Clause],
) -> tuple[tuple[tuple[str, ...], ...], list[int], list[list[int]]]:
    """Identical normalised wordings grouped: (words of each rep, rep of each clause, clauses
    of each rep), reps numbered by first occurrence.

    Each distinct word is one str object shared by every wording holding it (`sys.intern`;
    un-ga: 1.4 M words, 17,000 distinct; 80 MB less than a str per word)."""
    rep_key: dict[str, int] = {}
    rep_of: list[int] = []
    members: list[list[int]] = []
    for i, clause in enumerate(clauses):
        key = " ".join(clause.norm.split())
        r = rep_key.setdefault(key, len(rep_key))
        if r == len(members):
            members.append([])
        members[r].append(i)
        rep_of.append(r)
    return tuple(tuple(map(sys.intern, key.split())) for key in rep_key), rep_of, members


def _word_ids(
    rep_words: Sequence[tuple[str, ...]],
) -> tuple[dict[str, int], tuple[tuple[int, ...], ...], np.ndarray, np.ndarray]:
    """(vocabulary, word ids of each rep, all ids end to end, each rep's offset there): words
    numbered by first occurrence; the ids carry their text form where they can (`WordIds`)."""
    numbering: defaultdict[str, int] = defaultdict()
    numbering.default_factory = numbering.__len__  # a new word: the next number (all in C)
    ids = list(map(numbering.__getitem__, chain.from_iterable(rep_words)))
    vocab = dict(numbering)
    offsets = np.zeros(len(rep_words) + 1, dtype=np.int64)
    np.cumsum([len(words) for words in rep_words], out=offsets[1:])
    flat = np.array(ids, dtype=np.int64)
    bounds = offsets.tolist()
    spans = [(bounds[r], bounds[r + 1]) for r in range(len(rep_words))]
    rep_texts = texts(flat, offsets)
    if rep_texts is None:
        return vocab, tuple(tuple(ids[lo:hi]) for lo, hi in spans), flat, offsets
    # ids that rapidfuzz and substring search compare in C
    rep_ids = tuple(WordIds(ids[lo:hi], t) for (lo, hi), t in zip(spans, rep_texts, strict=True))
    return vocab, rep_ids, flat, offsets


#: Words a title needs before a clause quoting it is a citation: shorter titles ("Oceans")
#: are words of the clause.
TITLE_WORDS = 3


def _cited_titles(
    corpus: Corpus,
    rep_words: Sequence[tuple[str, ...]],
    vocab: dict[str, int],
    flat: np.ndarray,
    offsets: np.ndarray,
) -> np.ndarray:
    """A mark on every word that belongs to a document's title quoted in a clause: such a title
    is a citation, not shared wording.

    Only wordings holding some title's first two words in a row can quote one; they are found
    with numpy over all words at once, and only they are searched (`phrase_mask`)."""
    titles = phrase_table(
        [
            tuple(normalize(doc.title).split())
            for doc in corpus.documents
            if len(normalize(doc.title).split()) >= TITLE_WORDS
        ]
    )
    cited = np.zeros(int(offsets[-1]), dtype=bool)
    width = len(vocab) + 1
    openings = np.array(
        sorted(
            vocab[first] * width + vocab[second]
            for first, by_second in titles.items()
            for second in by_second
            if first in vocab and second in vocab
        ),
        dtype=np.int64,
    )
    if not len(openings) or len(flat) < 2:
        return cited
    pairs = flat[:-1] * width + flat[1:]
    at = np.minimum(np.searchsorted(openings, pairs), len(openings) - 1)
    found = np.flatnonzero(openings[at] == pairs)
    rep = np.searchsorted(offsets, found, side="right") - 1
    bounds = offsets.tolist()
    for r, starts in zip(*_grouped(rep, found - offsets[rep]), strict=True):
        lo = bounds[r]
        cited[lo : bounds[r + 1]] = phrase_mask(rep_words[r], titles, starts)
    return cited


def _grouped(keys: np.ndarray, values: np.ndarray) -> tuple[list[int], list[list[int]]]:
    """The distinct keys of a sorted array, and the values beside each (as Python lists)."""
    if not len(keys):
        return [], []
    cut = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    heads = keys[np.append(0, cut)].tolist()
    return heads, [part.tolist() for part in np.split(values, cut)]


def inverse_frequency(reps: Sequence[Wording]) -> dict[str, float]:
    """log(N / df) of each content stem over the wordings (outside boilerplate)."""
    df: dict[str, int] = defaultdict(int)
    for rep in reps:
        for stem_ in rep.free:
            df[stem_] += 1
    n = len(reps) + 1
    return {w: round(math.log(n / c), 6) for w, c in sorted(df.items())}
