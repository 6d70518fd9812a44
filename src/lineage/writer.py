"""Writes that are whole or not at all, and never through anything lineage does not own.

Single files (`-o FILE`, `write_file`):
- a standard stream (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`, or a link to one) is
  written to that file descriptor, exactly like `-`;
- a character device or a FIFO (`/dev/null`, a named pipe), or a link to one, is opened and
  written to: it is never replaced (as root, replacing /dev/null would break the machine);
- any other link (to a file, a folder, nothing), a folder, a block device or a socket is
  refused (OutputError, exit 2): a planted link cannot redirect a write;
- a regular file is replaced whole: a temporary file beside it (`.NAME.XXXXXXXX.lineage-tmp`,
  fsynced), then one rename, then an fsync of the folder. It keeps its mode (0600 stays 0600;
  as root also its owner); a new file gets the mode the umask gives. Leftover temporary files
  of NAME from killed runs are removed first, under a lock on the folder.

Report folders (`write_tree`): built whole in a sibling staging folder, then swapped in (see
`_swap`), under a lock file beside the target, with a manifest of what lineage wrote (see
`write_tree`). Every OSError becomes an OutputError naming the target path, never a
temporary one.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

#: What lineage wrote into a report folder (path -> sha256): only these files are ever
#: replaced or deleted by the next report; anything else in the folder is carried over.
MANIFEST = ".lineage-manifest.json"
MANIFEST_SCHEMA = "lineage-manifest/1"
#: Name parts of lineage's own entries beside a target (`.NAME.<part>`): distinctive, so that
#: cleaning up leftovers of killed runs never touches a file of the user's.
TMP_SUFFIX = ".lineage-tmp"
STAGING_PART = "lineage-staging-"
OLD_PART = "lineage-old-"
LOCK_PART = "lineage-lock"
#: Links followed when deciding whether a path is a standard stream: the kernel's own limit.
MAX_LINKS = 40
#: Test hook: with LINEAGE_TEST_PAUSE=<point> a report write stops at that point (printing
#: `lineage: paused at <point>` on stderr) for PAUSE_SECONDS, so that a test can kill -9 the
#: process exactly there. Points: "staging" (first page staged), "swap" (all staged, before
#: the swap), "swapped" (after the swap, before the old report is removed).
PAUSE_ENV = "LINEAGE_TEST_PAUSE"
PAUSE_SECONDS = 120
_RENAME_EXCHANGE = 2  # linux/fs.h: swap two paths atomically (Linux 3.15+, glibc 2.28+)
_AT_FDCWD = -100
_STD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_FD_ALIAS = re.compile(r"/(?:dev|proc/self|proc/(\d+))/fd/(\d+)")
_MKSTEMP_PART = r"[a-z0-9_]{8}"  # tempfile's random name part
_LIBC = ctypes.CDLL(None, use_errno=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _umask_mode() -> int:
    """The mode a plain open() would give a new file (mkstemp makes files 0600)."""
    return 0o666 & ~_umask()


def _encode(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _error(path: Path | str, exc: OSError) -> OutputError:
    """An OSError as one line about the target the user named."""
    hint = None
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "free some space and run again; nothing was replaced"
    return OutputError(f"cannot write: {exc.strerror or exc}", path=str(path), hint=hint)


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        view = view[os.write(fd, view) :]


def stream_fd(path: Path | str) -> int | None:
    """The file descriptor that path names when it is a standard stream, else None.

    Follows links lexically (/dev/stdout -> /proc/self/fd/1) without resolving the last hop,
    whose target (a pipe, a terminal, a file the shell opened) is the stream itself."""
    current = os.path.abspath(path)
    for _ in range(MAX_LINKS):
        if current in _STD_STREAMS:
            return _STD_STREAMS[current]
        found = _FD_ALIAS.fullmatch(current)
        if found and found.group(1) in (None, str(os.getpid())):
            return int(found.group(2))
        if not os.path.islink(current):
            return None
        current = os.path.abspath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return None


def _is_stream(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _existing(path: Path) -> os.stat_result | None:
    """The target as it is: None if absent; OutputError for what must not be replaced."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _error(path, exc) from None
    if stat.S_ISLNK(st.st_mode):
        try:
            if _is_stream(os.stat(path).st_mode):
                return st
        except OSError:
            pass
        raise OutputError(
            "is a symbolic link: lineage neither replaces a link nor writes through it",
            path=str(path),
            hint="name the file it points to, or remove the link",
        )
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(
            "is a folder, not a file",
            path=str(path),
            hint="name a file, e.g. a file inside this folder",
        )
    if not (stat.S_ISREG(st.st_mode) or _is_stream(st.st_mode)):
        raise OutputError(
            "is neither a regular file, a character device nor a pipe",
            path=str(path),
            hint="name a regular file",
        )
    return st


def write_file(path: Path, data: str | bytes) -> None:
    """Write data to path whole (see the module docstring for what path may be)."""
    path = Path(path)
    raw = _encode(data)
    fd = stream_fd(path)
    if fd is not None:
        if fd == 1:
            sys.stdout.flush()
        try:
            _write_all(fd, raw)
        except OSError as exc:
            raise _error(path, exc) from None
        return
    existing = _existing(path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_device(path, raw)
    else:
        _replace(path, raw, existing)


def _write_device(path: Path, raw: bytes) -> None:
    """Write into a character device or FIFO (or a link to one), never replacing it."""
    try:
        fd = os.open(os.path.realpath(path), os.O_WRONLY | os.O_NOFOLLOW | os.O_NOCTTY)
    except OSError as exc:
        raise _error(path, exc) from None
    try:
        if not _is_stream(os.fstat(fd).st_mode):  # swapped for something else meanwhile
            raise OutputError("changed while being opened", path=str(path))
        _write_all(fd, raw)
    except OSError as exc:
        raise _error(path, exc) from None
    finally:
        os.close(fd)


def _replace(path: Path, raw: bytes, existing: os.stat_result | None) -> None:
    """A regular file replaced by one rename, keeping its mode (and owner, as root)."""
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(path, exc) from None
    with _folder_lock(parent):
        _remove_leftovers(
            parent, re.escape(f".{path.name}.") + _MKSTEMP_PART + re.escape(TMP_SUFFIX)
        )
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=parent)
        except OSError as exc:
            raise _error(path, exc) from None
        try:
            try:
                _write_all(fd, raw)
                os.fchmod(fd, stat.S_IMODE(existing.st_mode) if existing else _umask_mode())
                if existing is not None and os.geteuid() == 0:
                    os.fchown(fd, existing.st_uid, existing.st_gid)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _error(path, exc) from None
            raise
        _fsync_folder(parent)


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive flock on the folder itself while a file of it is replaced: leftovers
    found under it belong to dead runs. Folders that cannot be locked are written unlocked."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)


def _remove_leftovers(folder: Path, pattern: str) -> list[Path]:
    """Remove entries of folder whose whole name matches pattern (files, or folders)."""
    removed = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    for name in names:
        if re.fullmatch(pattern, name):
            entry = folder / name
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _fsync_folder(folder: Path) -> None:
    """Make a rename in folder durable (a crash after it cannot bring the old name back)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pause(point: str) -> None:
    if os.environ.get(PAUSE_ENV) == point:
        sys.stderr.write(f"lineage: paused at {point}\n")
        sys.stderr.flush()
        time.sleep(PAUSE_SECONDS)


def write_tree(
    outdir: Path,
    files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]],
    avoid: Sequence[Path] = (),
) -> None:
    """Write a report folder whole: every reader sees the whole old or the whole new folder.

    1. Under an exclusive flock on `.NAME.lineage-lock` beside outdir (a second run waits,
       saying so on stderr; the kernel drops the lock of a killed run), leftovers of killed
       runs (`.NAME.lineage-staging-*`, `.NAME.lineage-old-*`) are removed. The lock file
       is removed at the end.
    2. `files` (a mapping, or a generator of (path, data): one file in memory at a time) are
       written into a fresh sibling `.NAME.lineage-staging-*`; files of outdir that the
       previous manifest does not list (the user's own) are carried over as hard links; the
       new manifest is added; everything is flushed to disk (syncfs).
    3. One atomic swap puts the staging folder in outdir's place (`_swap`); the old report,
       now in the staging folder's place, is removed.
    A failure or a kill before the swap leaves outdir exactly as it was. outdir must not be a
    link, the current folder or one holding it, nor overlap a folder of `avoid` (the inputs).
    """
    outdir = Path(outdir)
    check_folder_target(outdir, avoid)
    parent = outdir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(outdir, exc) from None
    with _lock_file(parent / f".{outdir.name}.{LOCK_PART}", outdir):
        _recover(outdir)
        previous = read_manifest(outdir)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.{STAGING_PART}", dir=parent))
        except OSError as exc:
            raise _error(outdir, exc) from None
        try:
            digests = _stage(staging, outdir, files)
            _carry_over(outdir, staging, previous, digests)
            _stage_manifest(staging, outdir, digests)
            _pause("swap")
            _sync(staging)
            _swap(staging, outdir)
            _pause("swapped")
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def check_folder_target(outdir: Path, avoid: Sequence[Path] = ()) -> None:
    """Refuse a report folder that cannot be swapped whole or would mix with the inputs."""
    resolved = outdir.resolve()
    here = Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        raise OutputError(
            "is the current folder or holds it; a report folder is replaced "
            "whole, so it must be a folder of its own",
            path=str(outdir),
            hint="e.g. -o reports",
        )
    try:
        st = os.lstat(outdir)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise OutputError(
            "is a symbolic link: lineage does not replace or follow links",
            path=str(outdir),
            hint="name the folder it points to, or remove it",
        )
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise OutputError("is not a folder", path=str(outdir), hint="name a folder")
    for source in avoid:
        real = Path(source).resolve()
        inside = real.is_dir() and (resolved == real or real in resolved.parents)
        if inside or resolved in real.parents:
            raise OutputError(
                f"the report folder and the input {source} overlap: later "
                "runs would read the report as texts",
                path=str(outdir),
                hint="write the report outside the corpus folder",
            )


@contextmanager
def _lock_file(lock: Path, outdir: Path) -> Iterator[None]:
    """An exclusive flock on the file lock for the whole write of outdir; removed after.

    Removing a lock file is safe only this way: a run that got the lock checks that the path
    still names the file it locked (a run that finished may have removed it meanwhile) and
    otherwise tries again, so two runs never hold locks on two different files."""
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise _error(outdir, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write(f"lineage: waiting for another run writing {outdir}\n")
            sys.stderr.flush()
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _same_file(fd, lock):
            break
        os.close(fd)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, now = os.fstat(fd), os.lstat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _recover(outdir: Path) -> None:
    """Undo what a killed run left: put back an old report that a two-rename swap had moved
    aside (outdir missing), then remove staging and old folders."""
    parent = outdir.parent
    olds = sorted(
        p
        for p in parent.glob(f".{glob_escape(outdir.name)}.{OLD_PART}*")
        if p.is_dir() and not p.is_symlink()
    )
    if olds and not os.path.lexists(outdir):
        os.rename(olds[-1], outdir)
    prefix = re.escape(f".{outdir.name}.")
    _remove_leftovers(parent, prefix + f"(?:{STAGING_PART}|{OLD_PART}).+")


def glob_escape(name: str) -> str:
    """name with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def read_manifest(outdir: Path) -> dict[str, str]:
    """The files the last report wrote into outdir (path -> sha256); {} when there is no
    valid manifest, so that nothing unknown is ever deleted."""
    path = outdir / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if data.get("schema") != MANIFEST_SCHEMA or not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def _safe_rel(rel: str) -> str:
    """A report path that stays inside the report folder."""
    parts = Path(rel).parts
    if not parts or Path(rel).is_absolute() or ".." in parts or rel == MANIFEST:
        raise ValueError(f"not a path inside a report folder: {rel!r}")
    return Path(rel).as_posix()


def _stage(
    staging: Path,
    outdir: Path,
    files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]],
) -> dict[str, str]:
    """Write every file into staging; their sha256 by path (for the manifest)."""
    items = files.items() if isinstance(files, Mapping) else files
    digests: dict[str, str] = {}
    for rel, data in items:
        rel = _safe_rel(rel)
        raw = _encode(data)
        target = staging / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
            try:
                _write_all(fd, raw)
            finally:
                os.close(fd)
        except OSError as exc:
            raise _error(outdir / rel, exc) from None
        digests[rel] = hashlib.sha256(raw).hexdigest()
        if len(digests) == 1:
            _pause("staging")
    return digests


def _carry_over(
    outdir: Path, staging: Path, previous: Mapping[str, str], digests: Mapping[str, str]
) -> None:
    """Files of outdir that lineage did not write (not in the previous manifest) go into the
    new folder too, as hard links (links as links: never followed). A page of the new report
    replaces a file of the same path; a link or file where the report needs a folder is
    refused, so nothing is ever written through a link."""
    if not outdir.is_dir():
        return
    folders = {p.as_posix() for rel in digests for p in Path(rel).parents}
    for dirpath, dirnames, filenames in os.walk(outdir):
        here = Path(dirpath).relative_to(outdir)
        for name in sorted(dirnames + filenames):
            source = Path(dirpath) / name
            rel = (here / name).as_posix()
            if source.is_dir() and not source.is_symlink():
                if rel in digests:
                    raise OutputError(
                        "is a folder where the report writes a page",
                        path=str(source),
                        hint="move it away",
                    )
                (staging / rel).mkdir(parents=True, exist_ok=True)
            elif rel in previous or rel == MANIFEST:
                continue  # lineage's own: replaced, or stale and dropped
            elif rel in folders:
                what = "a symbolic link" if source.is_symlink() else "a file"
                raise OutputError(
                    f"is {what} where the report needs a folder; lineage does "
                    "not write through links in its report folder",
                    path=str(source),
                    hint="remove it or move it away",
                )
            elif rel not in digests:
                try:
                    _link_or_copy(source, staging / rel)
                except OSError as exc:
                    raise _error(outdir / rel, exc) from None


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # no hard links here (another filesystem, protected_hardlinks)
        shutil.copy2(source, target, follow_symlinks=False)


def _stage_manifest(staging: Path, outdir: Path, digests: Mapping[str, str]) -> None:
    data = {"schema": MANIFEST_SCHEMA, "files": dict(sorted(digests.items()))}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    try:
        (staging / MANIFEST).write_text(text, encoding="utf-8")
        mode = stat.S_IMODE(os.stat(outdir).st_mode) if outdir.is_dir() else 0o777 & ~_umask()
        os.chmod(staging, mode)  # mkdtemp makes 0700; keep the folder's mode
    except OSError as exc:
        raise _error(outdir / MANIFEST, exc) from None


def _sync(folder: Path) -> None:
    """Flush every staged file and folder to disk at once (syncfs on Linux; one call instead
    of an fsync per page: a 65,000-page report stays fast)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if _LIBC.syncfs(fd) != 0:
            os.sync()
    except AttributeError:
        os.sync()
    finally:
        os.close(fd)


def _swap(staging: Path, outdir: Path) -> None:
    """Put staging in outdir's place in one step.

    A new outdir: one rename(2), atomic. An existing one: renameat2(RENAME_EXCHANGE) swaps
    the two folders atomically (no moment without outdir; the old report lands where staging
    was, and is removed by the caller). Where the kernel or filesystem lacks it, two renames
    (outdir aside, staging in): a kill between them leaves no outdir, and the next run puts
    the old one back before anything else (`_recover`)."""
    parent = outdir.parent
    try:
        if not os.path.lexists(outdir):
            os.rename(staging, outdir)
        elif not _exchange(staging, outdir):
            aside = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.{OLD_PART}", dir=parent))
            os.rename(outdir, aside)  # replaces the empty folder just made
            os.rename(staging, outdir)
            os.rename(aside, staging)  # removed with staging by the caller
    except OSError as exc:
        raise _error(outdir, exc) from None
    _fsync_folder(parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where renameat2(RENAME_EXCHANGE) is unsupported."""
    function = getattr(_LIBC, "renameat2", None)
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
