"""Pages rendered by a pool of forked processes, handed back in path order.

Every page of a report is a pure function of one Analysis (`_Pages`), so pages can be rendered
anywhere: forked workers inherit the built Lookup (copy-on-write, nothing pickled) and send
back page text in chunks; `imap` returns the chunks in the order they were asked for, so the
report's files, and their bytes, are the same as one process would write.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from ...engines.local import available_cores

#: Worker processes: the machines lineage is measured on have 2 cores, and a third process
#: only waits (its pages cost CPU, not I/O). Never more than the cores this process may use.
RENDER_PROCESSES = 2
#: Below this many pages a report is rendered in the calling process: forking and sending
#: pages back cost more than the pool saves (the seeds' report has under a hundred pages).
POOL_MIN_PAGES = 400
#: Pages a worker renders per task: large enough that sending a task costs little beside its
#: pages, small enough that the two workers finish within a few pages of each other.
CHUNK_PAGES = 32

#: The pages the workers render: set just before the pool forks, so each worker has it.
_WORK: Mapping[str, str] | None = None


def processes(count: int | None = None) -> int:
    """Worker processes to use: `count` (or RENDER_PROCESSES), at most the cores this process
    may run on (`engines.local.available_cores`, the one count the scoring pool uses too)."""
    wanted = RENDER_PROCESSES if count is None else count
    return max(1, min(wanted, available_cores()))


def _render_chunk(paths: Sequence[str]) -> list[str]:
    assert _WORK is not None, "a worker runs only inside rendered()"
    return [_WORK[path] for path in paths]


@contextmanager
def _frozen() -> Iterator[None]:
    """The objects alive now (the Analysis, the Lookup: millions) kept out of the garbage
    collector's passes while pages are rendered, and let back in after. Rendering makes
    millions of short-lived objects, each burst of them starting a collection, and the full
    ones walked the whole analysis: 3.3 of 27 CPU s on ../shared/un-ga, 1.1 s frozen. Before
    a fork it also keeps the workers from writing to, so copying, the pages they inherit (the
    `gc.freeze` documentation's advice). A caller that froze objects itself keeps them so."""
    ours = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if ours:
            gc.unfreeze()


def rendered(pages: Mapping[str, str], workers: int = 1) -> Iterator[tuple[str, str]]:
    """(path, text) of every page in path order: rendered here with one worker, a report of
    fewer than POOL_MIN_PAGES pages or no `fork` on this system; else by a pool of `workers`
    forked processes. The garbage collector leaves the objects alive before it alone
    (`_frozen`)."""
    with _frozen():
        yield from _rendered(pages, workers)


def _rendered(pages: Mapping[str, str], workers: int) -> Iterator[tuple[str, str]]:
    paths = list(pages)
    forks = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(paths) < POOL_MIN_PAGES or not forks:
        for path in paths:
            yield path, pages[path]
        return
    global _WORK
    _WORK = pages
    chunks = [paths[i : i + CHUNK_PAGES] for i in range(0, len(paths), CHUNK_PAGES)]
    pool = multiprocessing.get_context("fork").Pool(workers)
    done = False
    try:
        for chunk, texts in zip(chunks, pool.imap(_render_chunk, chunks), strict=True):
            yield from zip(chunk, texts, strict=True)
        done = True
    finally:
        # close() lets the workers exit (their CPU time then counts as the caller's
        # children's); terminate() stops them when the caller gave up or a page failed.
        pool.close() if done else pool.terminate()
        pool.join()
        _WORK = None
