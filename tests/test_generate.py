"""The synthetic corpus generator: deterministic, and its truth matches what the tool reads."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def _load_generator() -> ModuleType:
    if "lineage_bench_generate" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "lineage_bench_generate", ROOT / "benchmarks" / "generate.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while defining
        spec.loader.exec_module(module)
    return sys.modules["lineage_bench_generate"]


gen = _load_generator()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path):
    """Two runs with one seed write identical files; another seed writes another corpus."""
    gen.write_corpus(30, tmp_path / "a", seed=7)
    gen.write_corpus(30, tmp_path / "b", seed=7)
    gen.write_corpus(30, tmp_path / "c", seed=8)
    a, b, c = (_tree(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c


def test_document_count_and_series_shape(tmp_path):
    """Exactly N documents, in series of yearly versions, 20-40 clauses each on average."""
    summary = gen.write_corpus(40, tmp_path, seed=3)
    files = sorted((tmp_path / "texts").glob("*.txt"))
    assert summary["docs"] == len(files) == 40
    series = {f.stem.split("_", 1)[1].rsplit("-", 1)[0] for f in files}
    assert 3 <= len(series) <= 8  # 5-15 versions each, the last one possibly cut short
    assert 20 <= summary["clauses"] / 40 <= 40


def test_segmenter_reads_every_clause_the_truth_names(tmp_path):
    """load_corpus finds exactly the clause uids the generator numbered, in the same order."""
    from lineage.corpus import load_corpus

    gen.write_corpus(25, tmp_path, seed=5)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    corpus = load_corpus([tmp_path / "texts"])
    read = {doc.id: [c.uid for c in doc.clauses] for doc in corpus.documents}
    expected = {doc["id"]: doc["clauses"] for doc in truth["documents"]}
    assert read == expected
    uids = {uid for clauses in read.values() for uid in clauses}
    for source, target, _relation in truth["links"]:
        assert source in uids and target in uids
    for source, target in truth["tolerated"]:
        assert source in uids and target in uids


def test_truth_links_point_forward_within_a_series(tmp_path):
    """Every link goes from an earlier to a later version of the same series."""
    gen.write_corpus(30, tmp_path, seed=11)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert truth["links"]
    for source, target, relation in truth["links"]:
        src_doc, tgt_doc = source.split("/")[0], target.split("/")[0]
        assert src_doc.rsplit("-", 1)[0] == tgt_doc.rsplit("-", 1)[0]
        assert int(src_doc.rsplit("-", 1)[1]) < int(tgt_doc.rsplit("-", 1)[1])
        assert relation in {"verbatim", "minor", "major", "partial"}


def test_truth_has_links_across_non_successive_versions(tmp_path):
    """Links join all pairs of versions in which a clause recurs, not only neighbours."""
    gen.write_corpus(20, tmp_path, seed=2)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    gaps = {
        int(t.split("/")[0].rsplit("-", 1)[1]) - int(s.split("/")[0].rsplit("-", 1)[1])
        for s, t, _ in truth["links"]
    }
    assert 1 in gaps and max(gaps) >= 4


def test_relation_rules_from_the_readme():
    """The relation of a related pair follows the documented thresholds."""
    base = "reaffirming the regional cooperation of energy and transit across landlocked states"
    a = base.split()
    assert gen.relation(a, list(a)) == "verbatim"
    assert gen.relation(a, a[:5] + ["durable"] + a[6:]) == "minor"
    rewritten = list(a)  # 3 of 11 words replaced, one added: 8 in common, 0.70 similar
    for at, word in ((2, "global"), (5, "water"), (8, "among")):
        rewritten[at] = word
    rewritten.append("markets")
    assert gen.relation(a, rewritten) == "major"
    assert gen.relation(a, rewritten[:6] + ["oceans"] * 8) is None  # 0.32 similar, no run
    long = (
        base + " in accordance with durable peace and mutual trust among all the peoples "
        "of the region and beyond"
    ).split()
    assert gen.relation(a, long) == "partial"  # the whole of a inside a much longer clause
    assert gen.relation(a, "welcoming the report on oceans and fisheries".split()) is None


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(gen.NOUNS[:30]), min_size=12, max_size=40), st.integers(0, 11))
def test_relation_is_minor_for_one_replaced_word(body, at):
    """Replacing one word of a clause of 12+ words is always minor, never more."""
    edited = list(body)
    edited[at] = "zebra"
    expected = "verbatim" if edited == body else "minor"
    assert gen.relation(body, edited) == expected


def test_ordinal_words():
    """Session numbers are written the way the Assembly writes them."""
    assert gen.ordinal(58) == "fifty-eighth"
    assert gen.ordinal(70) == "seventieth"
    assert gen.ordinal(81) == "eighty-first"
