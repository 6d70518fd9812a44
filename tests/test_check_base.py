"""The base `lineage check` picks is the new text's previous version by the document graph.

Expectations come from reading the texts (tests/test_series.py's PREVIOUS and STARTS, each
with its reason: the later resolution recalls the earlier one, or re-adopts it on the same
agenda item). A resolution of the 79th session is checked as a new text against its
predecessors of the 78th and their look-alikes: resolutions of one template (Anguilla and
Bermuda, the American Samoa, British Virgin Islands and Cayman Islands questions; the
financing of two missions; three regional disarmament centres; two observer-status texts)
share most of their clauses and are still other series, never a base.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, UNGA
from lineage.check.base import shingles
from lineage.check.cache import Cache
from lineage.check.entry import SHINGLE
from lineage.check.policy import Policy
from lineage.check.run import run_check
from lineage.corpus import load_corpus
from lineage.model import Clause, Document
from test_series import PREVIOUS

needs_unga = pytest.mark.skipif(not UNGA.is_dir(), reason="../shared/un-ga is not here")

#: Resolutions of the 78th session of one template with the predecessors in PREVIOUS: each
#: shares most of its clauses with one of them and is another series (by reading: another
#: territory, another mission, another organisation).
LOOK_ALIKES = ("a-res-78-86", "a-res-78-89", "a-res-78-90", "a-res-78-117")
#: "Question of" a territory, 78th session (by reading: one template, one agenda item).
TERRITORIES = ("a-res-78-86", "a-res-78-87", "a-res-78-88", "a-res-78-89", "a-res-78-90")


def unga_file(doc_id: str) -> Path:
    (found,) = UNGA.glob(f"*_{doc_id}.txt")
    return found


def folder_of(tmp: Path, doc_ids: list[str]) -> Path:
    """A corpus folder holding copies of these un-ga resolutions."""
    tmp.mkdir()
    for doc_id in doc_ids:
        shutil.copy(unga_file(doc_id), tmp)
    return tmp


def base_of(new: Path, corpus: Path, cache: Path) -> tuple[str | None, str]:
    verdict = run_check(new, [corpus], Policy(), cache=Cache(cache)).verdict
    return verdict.base_doc, verdict.note


@pytest.mark.slow
@needs_unga
def test_each_resolution_continues_its_own_predecessor(tmp_path: Path) -> None:
    """Each 79th-session resolution of PREVIOUS, checked against all the 78th-session
    predecessors and look-alikes, gets the predecessor established by reading as its base."""
    corpus = folder_of(tmp_path / "corpus", sorted({*PREVIOUS.values(), *LOOK_ALIKES}))
    found = {
        new: base_of(unga_file(new), corpus, tmp_path / "cache")[0] for new in sorted(PREVIOUS)
    }
    assert found == PREVIOUS


@pytest.mark.slow
@needs_unga
@pytest.mark.parametrize(
    ("new", "missing", "other"),
    [
        ("a-res-79-101", "a-res-78-88", TERRITORIES),  # Bermuda; Anguilla shares 80%
        ("a-res-79-100", "a-res-78-87", TERRITORIES),  # Anguilla; the other territories
        ("a-res-79-308", "a-res-78-305", ("a-res-78-306",)),  # UNIFIL; UNMISS's financing
        ("a-res-79-131", "", ("a-res-78-117",)),  # Coffee (none here); Ibero-American
    ],
)
def test_another_series_sharing_most_clauses_is_not_the_base(
    tmp_path: Path, new: str, missing: str, other: tuple[str, ...]
) -> None:
    """Without its own predecessor in the corpus, a resolution has no base: a same-template
    resolution of another series sharing most of its clauses is named as the closest, and
    the check says the new text starts a series (and how to name a base)."""
    ids = sorted({*PREVIOUS.values(), *LOOK_ALIKES} - {missing})
    corpus = folder_of(tmp_path / "corpus", ids)
    base, note = base_of(unga_file(new), corpus, tmp_path / "cache")
    assert base is None
    assert "starts a series" in note and "--base" in note
    assert re.search(r"closest: ([\w-]+)", note)[1] in other


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_next_draft_continues_the_latest_version_of_its_series(tmp_path: Path) -> None:
    """Assistance to Palestine refugees: 80/78 recalls 79/88, which recalls 78/74; 80/78 shares
    as many clauses with 78/74 as with 79/88, and 78/74 is already continued by 79/88, so the
    base of 80/78 checked against ../shared/corpus is 79/88, and 79/88's is 78/74."""
    cache = tmp_path / "cache"
    new = next(CORPUS.glob("*_unga-res-80-78.txt"))
    assert base_of(new, CORPUS, cache)[0] == "a-res-79-88"
    new = next(CORPUS.glob("*_unga-res-79-88.txt"))
    assert base_of(new, CORPUS, cache)[0] == "a-res-78-74"


def _run_hash(run: bytes) -> int:
    """The hash `base.shingles` gives one run's bytes, computed here byte by byte: sum of
    byte k times Q**k modulo 2**64, splitmix64's mixer, the high 32 bits."""
    mask = 2**64 - 1
    q = pow(0x9E3779B97F4A7C15, -1, 2**64)
    value = sum(byte * pow(q, k, 2**64) for k, byte in enumerate(run)) & mask
    value = ((value ^ (value >> 31)) * 0xBF58476D1CE4E5B9) & mask
    return value >> 32


def _reference_shingles(norms: list[str]) -> list[int]:
    """Each clause's runs of SHINGLE words (all its words when fewer), hashed one by one."""
    found = set()
    for norm in norms:
        words = norm.split()
        runs = [words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1)] or [words]
        found.update(_run_hash(" ".join(run).encode()) for run in runs)
    return sorted(found)


def _clauses(norms: list[str]) -> Document:
    clauses = tuple(
        Clause("d", f"op{n}", "operative", n, "", norm, 0, 0, 1, norm)
        for n, norm in enumerate(norms)
    )
    return Document("d", "", "2024-01-01", "", "", "en", "", "d.txt", "", clauses)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab é\n\u00a0\u4e00"), max_size=30), max_size=6))
def test_shingles_hash_each_run_of_words_of_each_clause(norms: list[str]) -> None:
    """The vectorised hashes (all runs of a document at once) are those of each clause's runs
    of SHINGLE words hashed one at a time: runs never cross clauses, a clause shorter than a
    run is one run, any spacing and script (an empty clause: the empty run)."""
    assert shingles(_clauses(norms)).tolist() == _reference_shingles(norms)


def test_shingles_of_a_real_resolution() -> None:
    """79/274 as read: the same hashes as the byte-by-byte reference, one per distinct run of
    words (no two of its runs share a hash)."""
    (doc,) = load_corpus([CORPUS / "2025-03-21_unga-res-79-274.txt"]).documents
    found = shingles(doc)
    assert found.tolist() == _reference_shingles([c.norm for c in doc.clauses])
    runs = set()
    for clause in doc.clauses:
        words = clause.norm.split()
        runs.update(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    assert len(found) == len(runs) and found.dtype == np.uint32
