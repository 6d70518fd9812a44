"""The corpus as a check reads it: cache entries per corpus file, shared by every corpus.

A check looks at every corpus document only through its `Entry` (id, date, title words,
symbol stem, word 4-gram hashes) and decodes whole only the few it aligns the new text with
(their citations extracted then: they are not stored).
So each corpus file is read and segmented once and kept on its own, in two entries under one
key (the file's path, its bytes' sha256, its catalog entry and lineage's version): its rows
(`<key>.row.json`: `[id, date, path, shingles as base64 of little-endian uint32, title,
symbol, series]` per document, read by every check) and its documents (`<key>.doc.json`: one
JSON line per document, read only when one of them is aligned with). A corpus with one new or
changed file reads only that file again, and two corpora sharing files (a branch and its
target) share their entries.

Both behind the cache's header (format, length, sha256; `cache.py`), decoded only into the
model's types. Anything in doubt is CacheDoubt: a miss for the whole check (`run.py`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..corpus import Catalogs, bare_document, duplicate_id, paused_gc, with_citations
from ..model import Document
from ..progress import StageMeter
from ..read import read_source
from .cache import (
    DOCUMENT_FORMAT,
    DOCUMENT_SUFFIX,
    ROW_FORMAT,
    ROW_SUFFIX,
    Cache,
    CacheDoubt,
    decode,
    encode,
    file_digest,
)
from .entry import Entry

#: Bumped whenever a row or a Document changes shape or content: old per-document entries then
#: miss. 2: an outcome document cited by description is keyed "outcome:DATE" (issue 10). 3:
#: shingles hashed by `base.shingles` (numpy), not crc32. 4: documents kept without their
#: citations (extracted when one is aligned with).
STORE_FORMAT = 4
#: Fields of a row, in order (`Entry`'s).
ROW_FIELDS = 7


class Documents:
    """Documents by id: those read now, and those of the cache, each decoded from its file's
    entry when it is first asked for. Both are kept without their citations (`bare_document`)
    and given them when first asked for: a check aligns with a few of its corpus's documents,
    and extracting every document's citations was an eighth of a cold check of un-ga."""

    def __init__(
        self,
        documents: Iterable[Document] = (),
        cache: Cache | None = None,
        keys: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self._bare = {d.id: d for d in documents}
        self._docs: dict[str, Document] = {}
        self._cache = cache
        self._keys = dict(keys or {})  # id -> (its file's key, its line there)

    def __getitem__(self, doc_id: str) -> Document:
        if doc_id not in self._docs:
            bare = self._bare.pop(doc_id, None) or self._decoded(doc_id)
            self._docs[doc_id] = with_citations(bare)
        return self._docs[doc_id]

    def _decoded(self, doc_id: str) -> Document:
        """The document from its file's entry (CacheDoubt when it is not there as it should)."""
        if doc_id not in self._keys or self._cache is None:
            raise CacheDoubt(f"no document {doc_id!r}")
        key, line = self._keys.pop(doc_id)
        payload = self._cache.get_raw(key, DOCUMENT_SUFFIX, DOCUMENT_FORMAT)
        lines = payload.split(b"\n") if payload is not None else []
        if len(lines) <= line:
            raise CacheDoubt(f"no document {doc_id!r} in its file's entry")
        try:
            data = json.loads(lines[line])
        except ValueError:
            raise CacheDoubt(f"document {doc_id!r} is not JSON") from None
        doc = decode(Document, data)
        if doc.id != doc_id:
            raise CacheDoubt(f"document {doc.id!r} filed as {doc_id!r}")
        return doc

    def ids(self) -> set[str]:
        return {*self._docs, *self._bare, *self._keys}


def document_key(path: Path, digest: bytes, catalog: dict[str, str]) -> str:
    """The key of one file's entry: what its documents are made from."""
    fields = json.dumps(catalog, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(
        f"lineage {__version__}\0check-document {STORE_FORMAT}\0{fields}\0".encode()
    )
    key.update(os.fsencode(path) + b"\0" + digest)
    return key.hexdigest()


@dataclass
class _File:
    """One corpus file: its key, catalog entry and rows (None until read)."""

    path: Path
    key: str
    catalog: dict[str, str]
    rows: list[Entry] | None


def read_corpus(
    files: Sequence[Path],
    cache: Cache,
    meter: StageMeter,
    digests: dict[Path, bytes] | None = None,
    unique: bool = False,
) -> tuple[tuple[Entry, ...], Documents]:
    """Every document of the files (a file named twice read once; unique: the caller made
    sure it is not), as entries in date and id order and lazily decoded documents; files
    without an entry are read and stored."""
    catalogs = Catalogs()
    found: list[_File] = []
    seen: set[Path] = set()
    with paused_gc(), meter.stage("cache"):
        for path in files:
            if not unique:
                if (real := path.resolve()) in seen:
                    continue
                seen.add(real)
            catalog = catalogs.entry(path)
            key = document_key(path, file_digest(path, digests), catalog)
            found.append(_File(path, key, catalog, _cached_rows(cache, key)))
    built = _read_missed([f for f in found if f.rows is None], cache, meter)
    _refuse_duplicates([f.rows or [] for f in found])
    keys = {e.id: (f.key, n) for f in found for n, e in enumerate(f.rows or [])}
    entries = sorted((e for f in found for e in f.rows or []), key=lambda e: e.sort_key)
    return tuple(entries), Documents(built, cache, keys)


def _read_missed(missed: Sequence[_File], cache: Cache, meter: StageMeter) -> list[Document]:
    """Read and segment the files without an entry (their rows filled in here) and store
    their entries: the documents first, then the rows that point at them."""
    built: list[Document] = []
    if not missed:
        return built
    with paused_gc(), meter.stage("load"):
        for done, file in enumerate(missed, start=1):
            docs = [bare_document(s) for s in read_source(file.path, file.catalog)]
            file.rows = [_entry_of(d) for d in docs]
            built += docs
            lines = b"\n".join(_compact(encode(d)) for d in docs)
            cache.put_raw(file.key, lines, DOCUMENT_SUFFIX, DOCUMENT_FORMAT)
            rows = _compact([_row(e) for e in file.rows])
            cache.put_raw(file.key, rows, ROW_SUFFIX, ROW_FORMAT)
            meter("load", done, len(missed))
    cache.prune_files()
    return built


def _entry_of(doc: Document) -> Entry:
    from .base import entry_of  # the normaliser and numpy: only when a file is read

    return entry_of(doc)


def _compact(value: Any) -> bytes:
    """JSON on one line (a newline in a string is written as an escape)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _row(e: Entry) -> list[str]:
    shingles = base64.b64encode(e.shingles).decode()
    return [e.id, e.date, e.path, shingles, e.title, e.symbol, e.series]


def _cached_rows(cache: Cache, key: str) -> list[Entry] | None:
    """The entries stored for one file, or None (a miss)."""
    payload = cache.get_raw(key, ROW_SUFFIX, ROW_FORMAT)
    if payload is None:
        return None
    try:
        rows = json.loads(payload)
    except ValueError:
        raise CacheDoubt("rows are not JSON") from None
    if not isinstance(rows, list):
        raise CacheDoubt("not the rows of a file")
    return [_entry(row) for row in rows]


def _entry(row: Any) -> Entry:
    if not (isinstance(row, list) and len(row) == ROW_FIELDS and all(type(v) is str for v in row)):
        raise CacheDoubt("not an entry")
    try:
        raw = base64.b64decode(row[3], validate=True)
    except (binascii.Error, ValueError):
        raise CacheDoubt("shingles are not base64") from None
    if len(raw) % array("I").itemsize:
        raise CacheDoubt("shingles of the wrong length")
    return Entry(row[0], row[1], row[2], raw, row[4], row[5], row[6])


def _refuse_duplicates(found: Sequence[list[Entry]]) -> None:
    """Two documents with one id: the error `load_corpus` gives."""
    seen: dict[str, str] = {}
    for entries in found:
        for entry in entries:
            if entry.id in seen:
                raise duplicate_id(entry.id, entry.path, seen[entry.id])
            seen[entry.id] = entry.path
