"""The word diffs of the reports come from Google's C++ diff-match-patch (fast-diff-match-patch):
the same algorithm as the pure-Python package it replaced, so the same diffs, checked on every
linked clause pair of texts/ plus ../shared/corpus, and read right on a real pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis
from lineage.report import diff

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    if not CORPUS.is_dir():
        pytest.fail("../shared/corpus is missing: the real corpus these tests read")
    return analyse(load_corpus([ROOT / "texts", CORPUS]))


def _runs(a: str, b: str, python: bool) -> list[tuple[int, int]]:
    """The token runs of folded_diff's comparison, by the C++ port or by pure Python."""
    ta, tb = diff.tokenize(a), diff.tokenize(b)
    fast = diff._FAST
    try:
        if python:
            diff._FAST = None
        return diff._diff_tokens(ta, tb, diff.fold)
    finally:
        diff._FAST = fast


def test_cpp_and_python_diffs_agree_on_real_clause_pairs(analysis: Analysis) -> None:
    """Every pair of linked clauses (over a hundred, verbatim to much rewritten) is diffed the
    same by the C++ port as by the pure-Python diff-match-patch it replaced."""
    import diff_match_patch  # noqa: F401  (the old package: a test extra, the fallback)

    assert diff._FAST is not None, "fast-diff-match-patch is a dependency: pip install -e ."
    index = analysis.corpus.index
    pairs = sorted(
        {(index.clause(k.source).text, index.clause(k.target).text) for k in analysis.links}
    )
    assert len(pairs) > 100
    differing = [p for p in pairs if _runs(*p, python=False) != _runs(*p, python=True)]
    assert differing == []


def test_one_changed_word_is_one_change() -> None:
    """The OIC's "Underlying the contribution of neutral Turkmenistan" became 79/274's
    "Underlining the contribution ...": the diff deletes one word, inserts one, keeps the rest."""
    old = "Underlying the contribution of neutral Turkmenistan in the United Nations-led"
    new = "Underlining the contribution of neutral Turkmenistan in the United Nations-led"
    assert diff.folded_diff(old, new) == [
        (-1, "Underlying", ""),
        (1, "", "Underlining"),
        (0, old[len("Underlying") :], new[len("Underlining") :]),
    ]
