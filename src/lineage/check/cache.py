"""A cache of analysed corpora keyed by file content, so repeated checks skip repeated work.

The key is a sha256 over the lineage version, what is cached, and every input file's path and
sha256 of its bytes: touch nothing and the key stays, change one byte and it moves. Entries
are pickles written atomically under `.lineage-cache/` in the working folder (or
$LINEAGE_CACHE_DIR, or --cache-dir); a damaged or unreadable entry is a miss, never an error,
and a cache folder that cannot be written is skipped. Pickles are trusted: the cache is a
private folder of the user running lineage, like .pytest_cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..writer import write_file

DEFAULT_DIR = ".lineage-cache"
#: Entries kept; the least recently used beyond this are removed when a new one is stored.
KEEP = 16


def default_dir() -> Path:
    """$LINEAGE_CACHE_DIR, or .lineage-cache in the current folder."""
    return Path(os.environ.get("LINEAGE_CACHE_DIR") or DEFAULT_DIR)


def fingerprint(paths: Sequence[Path], kind: str) -> str:
    """The cache key of what `kind` computes from the files under paths.

    The files are those `load_corpus` reads (documents and reviews.toml), so a missing path is
    the same InputError either way, and unrelated files in the folder do not matter."""
    from ..corpus import discover

    files, reviews = discover(paths)
    digest = hashlib.sha256(f"lineage {__version__}\0{kind}\0".encode())
    for file in sorted({*files, *reviews}):
        digest.update(os.fsencode(file) + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


class Cache:
    """Pickled values by key in one folder; disabled, it stores and finds nothing."""

    def __init__(self, root: Path | None = None, enabled: bool = True) -> None:
        self.root = Path(root) if root is not None else default_dir()
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        """The value stored under key, or None (a miss) if absent or unreadable."""
        if not self.enabled:
            return None
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except OSError:  # absent, or the folder is not readable
            self.misses += 1
            return None
        except Exception:  # a damaged or foreign entry: drop it and recompute
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        try:
            os.utime(path)  # pruning keeps the most recently used
        except OSError:
            pass
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store value under key; a folder that cannot be written is skipped silently."""
        if not self.enabled:
            return
        try:
            if not self.root.exists():
                self.root.mkdir(parents=True)
                (self.root / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This folder is a cache made by lineage; it can be deleted.\n"
                )
                (self.root / ".gitignore").write_text("*\n")
            write_file(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        entries = sorted(self.root.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
