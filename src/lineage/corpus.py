"""Loading a corpus: files or folders in, segmented documents ordered by (date, id) out.

Input order never changes a result: files are read in sorted order and documents sorted by
date then id. Duplicate ids, empty folders and unreadable files are InputErrors that name the
file(s) and say what to do.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import accumulate
from pathlib import Path

from .citations import cited_documents, extract_citations
from .clean.segment import segment
from .engines import Engine, LocalEngine
from .engines.local import POOL_MIN_CHUNKS
from .errors import InputError
from .history.overrides import REVIEWS, read_overrides
from .model import Clause, Corpus, Document, Override, Revision
from .progress import Progress, silent
from .read import SUFFIXES, Source, read_source
from .read.catalog import CATALOG_FILE, read_catalog
from .read.printed import printed_symbol
from .writer import MANIFEST

#: Files in a corpus folder that are about the corpus, not documents of it.
IGNORED_NAMES = frozenset({"readme", "license", "licence", "changelog", "contributing"})


def discover(paths: Sequence[Path], follow_symlinks: bool = False) -> tuple[list[Path], list[Path]]:
    """(document files, reviews files) named by paths: files as given, folders searched.

    In a folder, names starting with `.` or `_` and report folders (holding lineage's
    manifest) are skipped; a link to a file or folder outside the folder is an InputError
    unless follow_symlinks (a pull request must not publish /etc/passwd); an unreadable
    subfolder is an InputError naming it, never silently skipped."""
    files: list[Path] = []
    reviews: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = _folder_texts(path, follow_symlinks)
            if not found:
                raise InputError(
                    "no texts in this folder",
                    path=str(path),
                    hint="add .txt, .md, .html, .xml or .pdf files, one per document",
                )
            files.extend(found)
            if (path / REVIEWS).is_file():
                _inside(path / REVIEWS, path.resolve(), path, follow_symlinks)
                reviews.append(path / REVIEWS)
        elif path.is_file():
            if path.name == REVIEWS:
                reviews.append(path)
            else:
                files.append(path)
        else:
            raise InputError(
                "no such file or folder",
                path=str(path),
                hint="check the path; with no paths, lineage reads texts/",
            )
    if not files:
        raise InputError("no texts given", hint="name files or folders holding the documents")
    return files, reviews


def _folder_texts(root: Path, follow_symlinks: bool) -> list[Path]:
    """The document files under root, sorted, walking each real folder once."""
    real_root = root.resolve()
    seen = {real_root}
    found: list[Path] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        for entry in _entries(folder):
            if entry.name.startswith((".", "_")):
                continue
            path = Path(entry.path)
            if entry.is_dir():
                real = path.resolve()
                if real not in seen and not (path / MANIFEST).is_file():
                    _inside(path, real_root, root, follow_symlinks)
                    seen.add(real)
                    pending.append(path)
            elif (
                entry.is_file()
                and path.suffix.lower() in SUFFIXES
                and path.stem.lower() not in IGNORED_NAMES
            ):
                _inside(path, real_root, root, follow_symlinks)
                found.append(path)
    return sorted(found)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        raise InputError(
            f"cannot read this folder: {exc.strerror or exc}",
            path=str(folder),
            hint="make it readable (chmod u+rx), or move it out of the corpus folder",
        ) from None


def _inside(path: Path, real_root: Path, root: Path, follow_symlinks: bool) -> None:
    """A link in the corpus folder must point inside it (unless --follow-symlinks)."""
    if follow_symlinks or not path.is_symlink():
        return
    target = path.resolve()
    if target != real_root and real_root not in target.parents:
        raise InputError(
            f"is a symbolic link to {target}, outside the corpus folder {root}",
            path=str(path),
            hint="remove the link, or pass --follow-symlinks to read it",
        )


def build_document(source: Source) -> Document:
    """Segment one source into a Document with its clauses, notes, blocks and citations."""
    return with_citations(bare_document(source))


def with_citations(doc: Document) -> Document:
    """doc with the citations of its clauses and notes (a pure function of the rest of it)."""
    return Document(**{**doc.__dict__, "citations": extract_citations(doc)})


def bare_document(source: Source) -> Document:
    """One source segmented, its citations not yet extracted (`with_citations`): a check
    keeps every corpus document so and extracts them only for the few it aligns with."""
    seg = segment(
        source.text,
        source.id,
        title=source.title,
        symbol=source.symbol,
        line_offset=source.line_offset,
    )
    return Document(
        id=source.id,
        title=source.title or seg.title,
        date=source.date,
        body=source.body,
        symbol=source.symbol or seg.symbol or printed_symbol(source.text),
        language=source.language,
        source=source.source,
        series=source.series,
        path=source.path,
        text=source.text,
        clauses=tuple(seg.clauses),
        notes=tuple(seg.notes),
        blocks=tuple(seg.blocks),
        previous=source.previous,
        revisions=_placed(source.revisions, seg.clauses),
    )


def _placed(revisions: Sequence[Revision], clauses: Sequence[Clause]) -> tuple[Revision, ...]:
    """Each tracked change with the uid of the clause whose span holds its paragraph."""
    return tuple(
        replace(
            r, clause=next((c.uid for c in clauses if c.start < r.end and r.start < c.end), None)
        )
        for r in revisions
    )


#: Files per chunk when segmenting on the engine: small corpora stay in one chunk (no pool).
CHUNK_FILES = 500
#: Files per chunk when segmenting serially: the chunk is the step of the progress bar (un-ga's
#: 659 files: 27 steps of about half a second), and serial chunking costs nothing.
SERIAL_CHUNK_FILES = 25
#: Chunks per worker when the engine has several: the pool hands the next chunk to whichever
#: worker is free, so a few chunks each even out documents of unequal length.
CHUNKS_PER_WORKER = 4
#: Documents a corpus needs before the default engine segments it on every core (a
#: `cpu_bound` map). Forking and pickling the segmented documents back cost CPU (un-ga: +1.8
#: CPU s on 11, its 659 documents are 43 MB pickled); on a quiet machine the second core won
#: from 100 documents (un-ga's first 100: 1.09 -> 0.91 s wall, 200: 3.30 -> 2.23 s, all 659:
#: 11.0 -> 7.3 s). Twice that break-even, so that a small corpus forks only for a clear gain.
POOL_MIN_DOCUMENTS = 200


def _chunks(sources: list[Source], workers: int, pooled: bool = False) -> list[list[Source]]:
    """The sources in order, cut in chunks of at most CHUNK_FILES (SERIAL_CHUNK_FILES on one
    worker); with several workers, at least CHUNKS_PER_WORKER chunks each (once the corpus has
    CHUNK_FILES files). `pooled` (the default engine may pool): chunks of SERIAL_CHUNK_FILES,
    and at least POOL_MIN_CHUNKS of them, the count at which that engine pools."""
    if pooled:
        size = max(1, min(SERIAL_CHUNK_FILES, len(sources) // POOL_MIN_CHUNKS))
    else:
        size = CHUNK_FILES if workers > 1 else SERIAL_CHUNK_FILES
        if workers > 1 and len(sources) >= CHUNK_FILES:
            size = min(size, -(-len(sources) // (workers * CHUNKS_PER_WORKER)))
    return [sources[i : i + size] for i in range(0, len(sources), size)]


def _build_chunk(sources: Sequence[Source]) -> list[Document]:
    return [build_document(source) for source in sources]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (reference counting still frees memory).

    Loading and analysing allocate millions of small acyclic objects (clauses, candidates,
    links, events); each burst makes the collector walk every object alive, the whole corpus
    included: at 10,000 documents that cost more than the work (analyse 13 s -> 5 s in link
    selection alone, load 15 s -> 13 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Catalogs:
    """The catalog of each folder holding texts, read once, on first use."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, dict[str, dict[str, str]]] = {}

    def entry(self, path: Path) -> dict[str, str]:
        """The catalog fields for one file ({} when its folder has no catalog or no entry)."""
        folder = path.parent
        if folder not in self._by_folder:
            catalog = folder / CATALOG_FILE
            self._by_folder[folder] = read_catalog(catalog) if catalog.is_file() else {}
        return self._by_folder[folder].get(path.name, {})


def duplicate_id(doc_id: str, path: str, other: str) -> InputError:
    """The error for a second document (in the file at path) with another's id."""
    return InputError(
        f"duplicate document id {doc_id!r}: also used by {other}",
        path=path,
        hint=f"give one of them another id: `id = ...` in its front matter, or in "
        f'{CATALOG_FILE} beside it (["{Path(path).name}"] then id = "...")',
    )


def load_corpus(
    paths: Sequence[Path],
    engine: Engine | None = None,
    follow_symlinks: bool = False,
    progress: Progress | None = None,
) -> Corpus:
    """Read, segment and order every document named by paths (files or folders).

    Files are read here (so errors name the file at once); segmenting, the costly part, runs
    on `engine` (default: the local engine) in chunks of CHUNK_FILES files, results in order.
    `progress` sees the stages "read" (files) and "load" (documents segmented).
    """
    with paused_gc():
        return _load(paths, engine, follow_symlinks, progress or silent)


def _load(
    paths: Sequence[Path], engine: Engine | None, follow_symlinks: bool, tell: Progress
) -> Corpus:
    files, reviews = discover(paths, follow_symlinks)
    seen: dict[str, str] = {}
    resolved: set[Path] = set()
    sources: list[Source] = []
    catalogs = Catalogs()
    for read, path in enumerate(files):
        tell("read", read, len(files))
        real = path.resolve()
        if real in resolved:
            continue  # the same file named twice (a folder and a file in it)
        resolved.add(real)
        for source in read_source(path, catalogs.entry(path)):
            if source.id in seen:
                raise duplicate_id(source.id, source.path, seen[source.id])
            seen[source.id] = source.path
            sources.append(source)
    tell("read", len(files), len(files))
    runner = engine if engine is not None else LocalEngine()
    large = len(sources) >= POOL_MIN_DOCUMENTS
    pooled = large and not getattr(runner, "chosen", True)  # the default engine may pool
    parts = _chunks(sources, getattr(runner, "workers", 1), pooled)
    ends = list(accumulate(len(part) for part in parts))
    tell("load", 0, len(sources))
    built = runner.map(
        _build_chunk,
        parts,
        cpu_bound=large,
        progress=lambda done: tell("load", ends[done - 1], len(sources)),
    )
    documents = [doc for part in built for doc in part]
    documents.sort(key=lambda d: d.sort_key)
    overrides: list[Override] = []
    for review in reviews:
        overrides.extend(read_overrides(review))
    docs = tuple(documents)
    return Corpus(documents=docs, overrides=tuple(overrides), cited=cited_documents(docs))
