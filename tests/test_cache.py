"""The content-keyed cache: keys follow file bytes, entries survive processes, damage is a miss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lineage.check.cache import KEEP, LEFTOVER_SECONDS, Cache, fingerprint
from lineage.errors import InputError
from lineage.writer import TMP_SUFFIX


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("one", encoding="utf-8")
    (folder / "sub" / "b.md").write_text("two", encoding="utf-8")
    return folder


def test_key_follows_content_not_time(tmp_path: Path) -> None:
    """Rewriting the same bytes keeps the key; one changed byte or a new file moves it."""
    folder = _corpus(tmp_path)
    key = fingerprint([folder], "corpus")
    (folder / "a.txt").write_text("one", encoding="utf-8")
    os.utime(folder / "a.txt", (1, 1))
    assert fingerprint([folder], "corpus") == key
    (folder / "a.txt").write_text("onE", encoding="utf-8")
    changed = fingerprint([folder], "corpus")
    assert changed != key
    (folder / "c.txt").write_text("", encoding="utf-8")
    assert fingerprint([folder], "corpus") not in (key, changed)


def test_key_depends_on_kind_and_ignores_what_is_not_read(tmp_path: Path) -> None:
    """What is cached is part of the key; the cache folder, hidden files and files lineage
    does not read are not; a reviews.toml is."""
    folder = _corpus(tmp_path)
    key = fingerprint([folder], "corpus")
    assert fingerprint([folder], "other") != key
    (folder / ".lineage-cache").mkdir()
    (folder / ".lineage-cache" / "x.pickle").write_bytes(b"x")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (folder / "image.png").write_bytes(b"x")
    assert fingerprint([folder], "corpus") == key
    (folder / "reviews.toml").write_text("", encoding="utf-8")
    assert fingerprint([folder], "corpus") != key


def test_key_is_the_same_in_another_process(tmp_path: Path) -> None:
    """The key is stable across processes (no salted hash), so a warm cache is found again."""
    folder = _corpus(tmp_path)
    code = (
        "import sys; from pathlib import Path; from lineage.check.cache import fingerprint; "
        "print(fingerprint([Path(sys.argv[1])], 'corpus'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": "src"},
        cwd=Path(__file__).parent.parent,
    )
    assert out.stdout.strip() == fingerprint([folder], "corpus")


def test_missing_path_is_input_error(tmp_path: Path) -> None:
    """A path that does not exist is reported, not silently hashed as empty."""
    with pytest.raises(InputError, match="no such file or folder"):
        fingerprint([tmp_path / "nope"], "corpus")


def test_round_trip_and_counters(tmp_path: Path) -> None:
    """What is put is got back equal; hits and misses are counted; the folder is tagged."""
    cache = Cache(tmp_path / "c")
    assert cache.get("k") is None
    cache.put("k", {"value": [1, 2.5, "x"]})
    assert cache.get("k") == {"value": [1, 2.5, "x"]}
    assert (cache.hits, cache.misses) == (1, 1)
    assert (tmp_path / "c" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f59")
    assert not list((tmp_path / "c").glob("*.tmp"))


def test_damaged_entry_is_a_miss_and_is_removed(tmp_path: Path) -> None:
    """A truncated entry never breaks a run: it is a miss, and the bad file goes away."""
    cache = Cache(tmp_path)
    cache.put("k", list(range(1000)))
    path = tmp_path / "k.json"
    path.write_bytes(path.read_bytes()[:20])
    assert cache.get("k") is None
    assert not path.exists()


def test_disabled_cache_stores_nothing(tmp_path: Path) -> None:
    """--no-cache: nothing is read or written."""
    cache = Cache(tmp_path / "c", enabled=False)
    cache.put("k", 1)
    assert cache.get("k") is None
    assert not (tmp_path / "c").exists()


def test_unwritable_folder_path_is_skipped(tmp_path: Path) -> None:
    """A cache path that is a file, not a folder, is skipped without an error."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = Cache(blocker / "c")
    cache.put("k", 1)
    assert cache.get("k") is None


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    """Only the KEEP most recently used entries stay."""
    cache = Cache(tmp_path)
    for n in range(KEEP + 3):
        cache.put(f"k{n}", n)
        os.utime(tmp_path / f"k{n}.json", (n, n))
    cache.put("last", -1)
    kept = sorted(p.stem for p in tmp_path.glob("*.json"))
    assert len(kept) == KEEP
    assert "k0" not in kept and "last" in kept
    assert json.loads((tmp_path / "last.json").read_bytes().split(b"\n", 1)[1]) == -1


def test_environment_variable_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$LINEAGE_CACHE_DIR moves the default folder."""
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "env"))
    assert Cache().root == tmp_path / "env"
    monkeypatch.delenv("LINEAGE_CACHE_DIR")
    assert Cache().root == Path(".lineage-cache")


def test_an_entry_replaces_a_link_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """An entry is written under a temporary name and renamed over what is there: a link
    planted under its name is replaced (its target untouched) and no temporary file stays."""
    target = tmp_path / "target"
    target.write_text("keep", encoding="utf-8")
    cache = Cache(tmp_path / "c")
    cache.put("probe", 0)
    (tmp_path / "c" / "k.json").symlink_to(target)
    cache.put("k", 1)
    assert cache.get("k") == 1
    assert target.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "c" / "k.json").is_symlink()
    assert [p.name for p in (tmp_path / "c").iterdir() if p.name.startswith(".")] == [".gitignore"]


def test_leftovers_of_a_killed_run_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    """A temporary file older than LEFTOVER_SECONDS (a run killed while writing) is removed
    when an entry is stored; one just made (another run writing now) is left alone."""
    cache = Cache(tmp_path)
    old, fresh = tmp_path / f".k.json.old{TMP_SUFFIX}", tmp_path / f".k.json.new{TMP_SUFFIX}"
    for path in (old, fresh):
        path.write_bytes(b"half an entry")
    stale = time.time() - LEFTOVER_SECONDS - 60
    os.utime(old, (stale, stale))
    cache.put("k", 1)
    assert not old.exists() and fresh.exists()
