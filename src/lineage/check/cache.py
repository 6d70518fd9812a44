"""A cache of analysed corpora keyed by file content, so repeated checks skip repeated work.

The cache stores data, never code: entries are JSON (records of the model's frozen
dataclasses, decoded by type, see `decode`), so an entry planted by someone else (a shared
$LINEAGE_CACHE_DIR, a CI cache restored from another branch, a `.lineage-cache/` committed in
a pull request) can at worst be wrong data, and cannot run anything.

Entry `<key>.json`: one header line `{"format": FORMAT, "sha256": ..., "length": ...}` about
the payload that follows it (JSON). Anything in doubt is a miss, never an error: no entry, a
link instead of a file, another format, a length or checksum that does not match (a flipped
bit), JSON that does not parse, data of the wrong shape (`decode` raises CacheDoubt, which
callers turn into a miss). A folder that is not the user's own (owned by someone else,
writable by group or others, a link) is not used at all, with one warning on stderr.

The key is a sha256 over the lineage version, what is cached, and every input file's path and
sha256 of its bytes: touch nothing and the key stays, change one byte and it moves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import os
import stat
import sys
import tempfile
import time
import types
from collections.abc import Callable, Sequence
from functools import cache as memoize
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .. import __version__
from ..corpus import discover
from ..writer import TMP_SUFFIX

DEFAULT_DIR = ".lineage-cache"
#: The entry format; entries of any other format are misses.
FORMAT = "lineage-cache/2"
SUFFIX = ".json"
#: Entries kept; the least recently used beyond this are removed when a new one is stored.
KEEP = 16
#: Per-file entries (see `check.store`), two per corpus file read: its rows (`<key>.row.json`,
#: read by every check) and its documents (`<key>.doc.json`, read when one is aligned with).
#: A file's entries serve every corpus it is in, so they are kept by the thousand: ten
#: versions of a 10,000-document corpus (about 90 KB a file on ../shared/un-ga; pruned once
#: per run, by the rows' last use).
KEEP_FILES = 100_000
ROW_SUFFIX = ".row.json"
DOCUMENT_SUFFIX = ".doc.json"
ROW_FORMAT = "lineage-cache-rows/1"
#: Documents as JSON lines, one per document of the file.
DOCUMENT_FORMAT = "lineage-cache-documents/1"
#: Age after which a temporary file of the cache folder is a leftover of a killed run (a
#: running one renames its own within the second it writes it).
LEFTOVER_SECONDS = 3600
#: Mode bits that make a cache folder shared: group or others may write into it.
SHARED_BITS = stat.S_IWGRP | stat.S_IWOTH
_warned: set[str] = set()


class CacheDoubt(Exception):
    """Cached data that is not what lineage wrote: the caller treats it as a miss."""


def default_dir() -> Path:
    """$LINEAGE_CACHE_DIR, or .lineage-cache in the current folder."""
    return Path(os.environ.get("LINEAGE_CACHE_DIR") or DEFAULT_DIR)


def fingerprint(
    paths: Sequence[Path],
    kind: str,
    follow_symlinks: bool = False,
    digests: dict[Path, bytes] | None = None,
) -> str:
    """The cache key of what `kind` computes from the files under paths.

    The files are those `load_corpus` reads (documents and reviews.toml), so a missing path is
    the same InputError either way, and unrelated files in the folder do not matter.
    digests: sha256 of files already hashed (`file_digest`), re-used."""
    files, reviews = discover(paths, follow_symlinks=follow_symlinks)
    digest = hashlib.sha256(f"lineage {__version__}\0{kind}\0".encode())
    for file in sorted({*files, *reviews}):
        digest.update(os.fsencode(file) + b"\0")
        digest.update(file_digest(file, digests))
    return digest.hexdigest()


def file_digest(file: Path, digests: dict[Path, bytes] | None = None) -> bytes:
    """sha256 of the file's bytes, remembered in digests (one run hashes each file once)."""
    if digests is None:
        return hashlib.sha256(file.read_bytes()).digest()
    if file not in digests:
        digests[file] = hashlib.sha256(file.read_bytes()).digest()
    return digests[file]


def _warn_once(root: Path, why: str, hint: str) -> None:
    if str(root) not in _warned:
        _warned.add(str(root))
        sys.stderr.write(f"lineage: warning: not using the cache folder {root}: {why} ({hint})\n")


def private_folder(root: Path) -> bool:
    """Whether root is a folder only this user can write (made so if it does not exist)."""
    try:
        if not os.path.lexists(root):
            root.mkdir(parents=True, mode=0o700)
            (root / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This folder is a cache made by lineage; it can be deleted.\n"
            )
            (root / ".gitignore").write_text("*\n")
        st = os.lstat(root)
    except OSError:
        return False  # cannot be made or read: nothing to warn about, the run goes on
    hint = "use --cache-dir with a folder of your own, or --no-cache"
    if not stat.S_ISDIR(st.st_mode):
        _warn_once(root, "it is a link or not a folder", hint)
    elif st.st_uid != os.geteuid():
        _warn_once(root, f"it belongs to user id {st.st_uid}, not to you", hint)
    elif st.st_mode & SHARED_BITS:
        _warn_once(root, "others may write into it", f"chmod go-w {root}, or {hint}")
    else:
        return True
    return False


class Cache:
    """JSON values by key in one private folder; disabled, it stores and finds nothing."""

    def __init__(self, root: Path | None = None, enabled: bool = True) -> None:
        self.root = Path(root) if root is not None else default_dir()
        self.enabled = enabled
        self.reading = True
        self.hits = 0
        self.misses = 0
        self._usable: bool | None = None

    def usable(self) -> bool:
        """Enabled, and the folder is private to this user (checked once)."""
        if not self.enabled:
            return False
        if self._usable is None:
            self._usable = private_folder(self.root)
        return self._usable

    def _path(self, key: str, suffix: str = SUFFIX) -> Path:
        return self.root / f"{key}{suffix}"

    def get(self, key: str) -> Any | None:
        """The JSON value stored under key, or None (a miss) on any doubt."""
        payload = self.get_raw(key)
        if payload is None:
            return None
        try:
            return json.loads(payload)
        except ValueError:  # a checksum of bad JSON: written by someone else
            self.forget(key)
            self.hits, self.misses = self.hits - 1, self.misses + 1
            return None

    def get_raw(
        self, key: str, suffix: str = SUFFIX, form: str = FORMAT, sha256: str = ""
    ) -> bytes | None:
        """The payload stored under key after its header's checks, or None (a miss).
        sha256: the payload's known digest (when given, a payload of any other is a miss)."""
        if not self.reading or not self.usable():
            return None
        path = self._path(key, suffix)
        try:
            value = _read_entry(path, form, sha256)
        except OSError:  # absent, unreadable, a link
            value = None
        except (CacheDoubt, ValueError):  # damaged or foreign: drop it, recompute
            path.unlink(missing_ok=True)
            value = None
        if value is None:
            self.misses += 1
            return None
        try:
            os.utime(path)  # pruning keeps the most recently used
        except OSError:
            pass
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store a JSON-able value under key; a folder that cannot be written is skipped."""
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        self.put_raw(key, payload)

    def put_raw(self, key: str, payload: bytes, suffix: str = SUFFIX, form: str = FORMAT) -> None:
        """Store a payload behind its header; entries of the main kind are pruned at once,
        per-document ones by `prune_documents`."""
        if not self.usable():
            return
        header = {
            "format": form,
            "sha256": hashlib.sha256(payload).hexdigest(),
            "length": len(payload),
        }
        try:
            _write_entry(self._path(key, suffix), json.dumps(header).encode() + b"\n" + payload)
            if suffix == SUFFIX:
                self._prune()
        except OSError:
            return

    def forget(self, key: str, suffix: str = SUFFIX) -> None:
        """Remove an entry found to be in doubt after it was read."""
        if self.usable():
            self._path(key, suffix).unlink(missing_ok=True)

    def _prune(self) -> None:
        """Keep the KEEP most recently used entries of the main kind; remove pickles (lineage
        <= 0.1) and temporary files of a killed run. One pass over the folder (three globs
        and a stat per entry were 0.1 s of a warm check, the folder holding two entries per
        corpus file)."""
        side = (ROW_SUFFIX, DOCUMENT_SUFFIX)
        stale = time.time() - LEFTOVER_SECONDS
        entries: list[tuple[float, str]] = []
        with os.scandir(self.root) as found:
            for item in found:
                name, hidden = item.name, item.name.startswith(".")
                if not hidden and name.endswith(SUFFIX) and not name.endswith(side):
                    entries.append((item.stat(follow_symlinks=False).st_mtime, name))
                elif (not hidden and name.endswith(".pickle")) or (
                    hidden
                    and name.endswith(TMP_SUFFIX)
                    and item.stat(follow_symlinks=False).st_mtime < stale
                ):
                    (self.root / name).unlink(missing_ok=True)
        entries.sort(reverse=True)
        for _, name in entries[KEEP:]:
            (self.root / name).unlink(missing_ok=True)

    def prune_files(self, keep: int = KEEP_FILES) -> None:
        """Remove the per-file entries (rows and documents) least recently used beyond keep."""
        if not self.usable():
            return
        try:
            rows = list(self.root.glob(f"*{ROW_SUFFIX}"))
            if len(rows) <= keep:
                return
            rows.sort(key=lambda p: p.stat().st_mtime, reverse=True)
            for old in rows[keep:]:
                old.unlink(missing_ok=True)
                key = old.name.removesuffix(ROW_SUFFIX)
                self._path(key, DOCUMENT_SUFFIX).unlink(missing_ok=True)
        except OSError:
            return


def _write_entry(path: Path, data: bytes) -> None:
    """An entry written whole under a temporary name, then renamed over path (a link or
    anything else there is replaced, never followed). Not fsynced: a torn entry fails its
    length or checksum and is a miss. With `write_file` (fsync of file and folder, a scan of
    the folder for leftovers per file) a cold check of un-ga's 659 files (1,318 entries) took
    20.9 CPU s and 45.6 s wall, with this 18.0 and 29.4 (load 4)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_entry(path: Path, form: str = FORMAT, sha256: str = "") -> bytes:
    """The payload of one entry after checking format, length and checksum (and that the
    checksum is sha256, when given)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CacheDoubt("not a regular file")
        raw = handle.read()
    head, sep, payload = raw.partition(b"\n")
    header = json.loads(head)
    if not sep or not isinstance(header, dict) or header.get("format") != form:
        raise CacheDoubt("another format")
    if header.get("length") != len(payload):
        raise CacheDoubt("truncated or extended")
    if sha256 and header.get("sha256") != sha256:
        raise CacheDoubt("not the payload expected")
    if header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise CacheDoubt("checksum does not match")
    return payload


#: Values stored as they are (`encode`); bool is an int and JSON has it.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def encode(value: Any) -> Any:
    """A model value (frozen dataclasses, tuples, str, numbers, None) as JSON data.

    Plain values inside a dataclass or tuple are taken as they are, without a call each
    (three quarters of the calls: a cold check of un-ga encoded 758,000 values)."""
    kind: type = type(value)
    if kind in _PLAIN:
        return value
    if kind in (tuple, list):
        return [v if type(v) in _PLAIN else encode(v) for v in value]
    fields = _fields_of(kind)
    if fields is not None:
        names, get = fields
        values = get(value) if len(names) > 1 else (get(value),)
        return {
            name: v if type(v) in _PLAIN else encode(v)
            for name, v in zip(names, values, strict=True)
        }
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot cache a {kind.__name__}")


@memoize
def _fields_of(kind: type) -> tuple[tuple[str, ...], Callable[[Any], Any]] | None:
    """The stored fields of a dataclass and a getter of their values; None for other types."""
    if not dataclasses.is_dataclass(kind) or not _names(kind):
        return None
    return _names(kind), operator.attrgetter(*_names(kind))


@memoize
def _names(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass that are stored (those given to its constructor)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_"))


@memoize
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = get_type_hints(cls)
    return tuple(
        (f.name, hints[f.name])
        for f in dataclasses.fields(cls)
        if f.init and not f.name.startswith("_")
    )


def decode(tp: Any, data: Any) -> Any:
    """data (as `encode` made it) back into a value of type tp; CacheDoubt on any mismatch,
    so that only the model's own types are ever built, and only from data of their shape."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        fields = _hints(tp)
        if not isinstance(data, dict) or len(data) != len(fields):
            raise CacheDoubt(f"not a {tp.__name__}")
        try:
            return tp(**{name: decode(hint, data[name]) for name, hint in fields})
        except KeyError as exc:
            raise CacheDoubt(f"{tp.__name__} without {exc}") from None
    origin = get_origin(tp)
    if origin is tuple:
        return _decode_tuple(get_args(tp), data)
    if origin in (Union, types.UnionType):
        if data is None and type(None) in get_args(tp):
            return None
        inner = [a for a in get_args(tp) if a is not type(None)]
        return decode(inner[0] if len(inner) == 1 else tp, data)
    if origin is Literal:
        if data not in get_args(tp):
            raise CacheDoubt(f"{data!r} is not one of {get_args(tp)}")
        return data
    return _decode_scalar(tp, data)


def _decode_tuple(args: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    if not isinstance(data, list):
        raise CacheDoubt("not a list")
    if len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str and all(type(v) is str for v in data):
            return tuple(data)  # the common case, without a call per item
        return tuple(decode(args[0], v) for v in data)
    if len(args) != len(data):
        raise CacheDoubt("a tuple of the wrong length")
    return tuple(decode(a, v) for a, v in zip(args, data, strict=True))


def _decode_scalar(tp: Any, data: Any) -> Any:
    if tp is float and type(data) in (int, float):
        return float(data)
    if tp in (str, int, bool) and type(data) is tp:
        return data
    raise CacheDoubt(f"{data!r} is not a {getattr(tp, '__name__', tp)}")
