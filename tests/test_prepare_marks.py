"""`prepare` finds every word's kind, stem and stock mark for the whole corpus at once, and
searches for compounds only the wordings that may hold one (issue 15: un-ga's prepare spent
1.5 s in the word-by-word loop): the Wordings must be those `scoring.wording` builds word by
word from the same marks. Real resolutions, read as the aligner reads them.
"""

from __future__ import annotations

import pytest

from conftest import UNGA
from lineage.align import prepared as p
from lineage.align.scoring import wording
from lineage.align.vocabulary import near_spellings, stem
from lineage.corpus import load_corpus
from lineage.model import Corpus

#: Resolutions of session 78 read (enough for compounds and formulas, and quick).
FILES = 40


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    if not UNGA.is_dir():
        pytest.skip("../shared/un-ga is not here")
    return load_corpus(sorted(UNGA.glob("*a-res-78-*.txt"))[:FILES])


def word_by_word(corpus: Corpus) -> tuple:
    """The Wordings of `prepare`, each built by `scoring.wording` from prepare's own marks."""
    clauses, clause_doc = corpus.index.clauses, corpus.index.doc
    rep_words, _, members = p._wordings(clauses)
    vocab, rep_ids, flat, offsets = p._word_ids(rep_words)
    rep_doc_sets = [sorted({clause_doc[i] for i in m}) for m in members]
    mask = p.formula_mask(flat, offsets, [[clause_doc[i] for i in m] for m in members])
    cited = p._cited_titles(corpus, rep_words, vocab, flat, offsets)
    template = p._templates(corpus, list(vocab), flat, offsets, rep_doc_sets)
    known = frozenset(w for w in vocab if len(w) >= p.COMPOUND)
    near = near_spellings({stem(w) for w in vocab})
    bounds = offsets.tolist()
    return tuple(
        wording(
            rep_ids[r],
            rep_words[r],
            tuple(mask[bounds[r] : bounds[r + 1]].tolist()),
            tuple(cited[bounds[r] : bounds[r + 1]].tolist()),
            tuple(template[bounds[r] : bounds[r + 1]].tolist()),
            known,
            p.capitals(clauses[members[r][0]].text),
            near,
        )
        for r in range(len(rep_ids))
    )


def test_wordings_are_those_built_word_by_word(corpus: Corpus) -> None:
    reps = p.prepare(corpus).reps
    expected = word_by_word(corpus)
    assert len(reps) == len(expected) > 1000
    assert [r for r, e in zip(reps, expected, strict=True) if r != e] == []
    # every kind of word occurs, and compounds were joined in some wordings
    assert set(b"".join(r.kinds for r in reps)) == {0, 1, 2, 3}
    assert any(r.content != r.raw for r in reps)
    assert any(r.stock.count(1) for r in reps)
