"""py3langid's model kept decompressed in a check's cache (check/langmodel.py).

The identifier built from the kept bytes must be py3langid's own (every table equal); the
entry is written by the first check that needs the model and read by the next; an entry that
is not the pinned model (planted, with a header that checks) is never used.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from conftest import UNGA
from lineage.check.cache import Cache
from lineage.check.langmodel import (
    KNOWN_MODELS,
    MODEL_FORMAT,
    MODEL_SUFFIX,
    CachedModel,
    installed_model_digest,
)
from lineage.check.policy import parse_policy
from lineage.check.run import run_check
from lineage.read import language

#: Two raw un-ga extractions (no metadata: their language is detected) and a later draft.
FILES = ("2024-12-17_a-res-79-185.txt", "2025-03-21_a-res-79-274.txt")
DRAFT_HEAD = '+++\nid = "draft"\ndate = 2026-01-01\n+++\n'


@pytest.fixture()
def fresh_model(monkeypatch: pytest.MonkeyPatch) -> object:
    """The identifier forgotten before and after the test (it is built once per process),
    and no text told English by the cheap test (`language.plainly_english`, which tells
    these English texts without the model): every text read needs the model, as a text in
    another language does."""
    language._identifier.cache_clear()
    monkeypatch.setattr(language, "plainly_english", lambda sample: False)
    yield
    language._identifier.cache_clear()


def test_the_installed_model_is_pinned() -> None:
    """The installed py3langid's model has a pinned digest, and it is its decompressed bytes'
    (fails after a py3langid upgrade: add the new model's pair to KNOWN_MODELS)."""
    pinned = KNOWN_MODELS.get(installed_model_digest())
    assert pinned is not None, "py3langid's model is not in KNOWN_MODELS: add its pair"
    assert hashlib.sha256(language.packaged_model()).hexdigest() == pinned


def test_built_from_the_bytes_it_is_py3langids_identifier() -> None:
    """Every table of the identifier built from the decompressed bytes equals py3langid's
    own loading of its file (types and stdlib array typecodes too)."""
    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    built = language._from_npz(LanguageIdentifier, language.packaged_model())
    assert (built.nb_ptc == own.nb_ptc).all() and built.nb_ptc.dtype == own.nb_ptc.dtype
    assert (built.nb_pc == own.nb_pc).all() and built.nb_pc.dtype == own.nb_pc.dtype
    assert built.nb_classes == own.nb_classes
    for name in ("tk_nextmove", "tk_row"):
        mine, theirs = getattr(built, name), getattr(own, name)
        assert (mine.typecode, mine.tobytes()) == (theirs.typecode, theirs.tobytes())
    assert built.tk_output == own.tk_output
    assert built._alias_pairs == own._alias_pairs


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two raw un-ga resolutions as a corpus, and a draft of the later one (its language
    undeclared, so reading it loads the model)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in FILES:
        shutil.copy(UNGA / name, folder / name)
    draft = tmp_path / "2026-01-01_draft.txt"
    text = (UNGA / FILES[-1]).read_text(encoding="utf-8")
    draft.write_text(DRAFT_HEAD + text.replace("the ", "this ", 2), encoding="utf-8")
    return folder, draft


def _check(draft: Path, folder: Path, cache: Cache) -> str:
    policy = parse_policy("[limits]\nmax_new = 100\n", "policy.toml")
    result = run_check(draft, [folder], policy, cache=cache)
    return result.analysis.corpus.document("draft").language


def test_the_first_check_keeps_the_model_the_next_reads_it(
    tmp_path: Path, fresh_model: object
) -> None:
    """A cold check writes one model entry (the pinned bytes); a check in a fresh state reads
    it (a hit on it) and the draft is English both times."""
    folder, draft = _corpus(tmp_path)
    cache = Cache(tmp_path / "cache")
    assert _check(draft, folder, cache) == "en"
    kept = list((tmp_path / "cache").glob(f"*{MODEL_SUFFIX}"))
    assert [p.name for p in kept] == [KNOWN_MODELS[installed_model_digest()] + MODEL_SUFFIX]
    language._identifier.cache_clear()
    store = CachedModel(Cache(tmp_path / "cache"))
    assert store.get() == language.packaged_model()
    assert store.cache.hits == 1
    draft.write_text(draft.read_text(encoding="utf-8").replace("this ", "that "), "utf-8")
    assert _check(draft, folder, Cache(tmp_path / "cache")) == "en"


def test_a_planted_model_is_never_used(tmp_path: Path, fresh_model: object) -> None:
    """An entry under the model's name whose header checks (its own sha256 and length) but
    whose bytes are another npz is a miss: it is removed and the real model is used."""
    folder, draft = _corpus(tmp_path)
    root = tmp_path / "cache"
    Cache(root).put_raw("probe", b"{}")  # makes the private folder
    expected = KNOWN_MODELS[installed_model_digest()]
    payload = b"PK\x03\x04 not the model"
    header = {"format": MODEL_FORMAT, "sha256": hashlib.sha256(payload).hexdigest()}
    header["length"] = len(payload)
    planted = root / f"{expected}{MODEL_SUFFIX}"
    planted.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert CachedModel(Cache(root)).get() is None
    assert not planted.exists()
    assert _check(draft, folder, Cache(root)) == "en"
    assert hashlib.sha256(planted.read_bytes().partition(b"\n")[2]).hexdigest() == expected
