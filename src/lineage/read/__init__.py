"""Readers by format: a file becomes one or more Sources (metadata and text), or an InputError.

One module per format, each with a `read(path) -> Sequence[Source]` function, registered below
by suffix. A reader returns several Sources when one file holds several versions (a Word file
with tracked changes: every change rejected, every change accepted).

To add a format: write `read/<format>.py` with `def read(path: Path) -> list[Source]` (use
`source.decode` for text files and `source.make_source` to combine the file's metadata with
its name), then add one line to READERS. Reader modules are imported on first use: lxml (and
the PDF and Word libraries to come) cost start-up time that a corpus of `.txt` files never needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path

from ..errors import InputError
from .catalog import apply_entry
from .source import Source, dated

__all__ = ["READERS", "SUFFIXES", "Reader", "Source", "read_source"]

#: A reader: one file in, its Sources out (more than one when the file holds several versions).
Reader = Callable[[Path], Sequence[Source]]

#: Suffix (lower case) -> the module of `lineage.read` whose `read` reads it.
READERS: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "akn",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
}
SUFFIXES = tuple(READERS)


def reader(suffix: str) -> Reader | None:
    """The reader registered for a suffix (any case), or None."""
    module = READERS.get(suffix.lower())
    if module is None:
        return None
    read: Reader = import_module(f"{__name__}.{module}").read
    return read


def read_source(path: Path, entry: dict[str, str] | None = None) -> list[Source]:
    """Read one file of any supported format: its Sources, in the order the reader gives.

    `entry` holds the file's fields from the catalog beside it, which win over what the file
    says; a Source that still has no date is an InputError.
    """
    read = reader(path.suffix)
    if read is None:
        raise InputError(
            f"cannot read files of type {path.suffix.lower() or '(none)'}",
            path=str(path),
            hint=f"use {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}",
        )
    return [dated(source) for source in apply_entry(list(read(path)), entry or {})]
