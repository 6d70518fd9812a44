"""Writes that are whole or not at all: a temporary path first, then one rename into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


def _umask_mode() -> int:
    """The mode a plain open() would give a new file (mkstemp makes files 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(path: Path, data: str | bytes) -> None:
    """Write data to path atomically; a failure leaves any previous file untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tree(
    outdir: Path, files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]
) -> None:
    """Write a set of files into outdir as one step.

    Everything is written into a sibling temporary folder first; only when all files are there
    does it replace the files of outdir (files of outdir that are not in `files` stay). A failure
    while writing (or while a generator of files produces them) leaves outdir exactly as it
    was. `files` may be a generator of (path, data): then only one file is in memory at a time.
    """
    outdir = Path(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    mode = _umask_mode()
    try:
        items = files.items() if isinstance(files, Mapping) else files
        written: list[str] = []
        for rel, data in items:
            written.append(rel)
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            target.write_bytes(raw)
            os.chmod(target, mode)
        outdir.mkdir(parents=True, exist_ok=True)
        for rel in sorted(written):
            dest = outdir / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
