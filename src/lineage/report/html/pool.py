"""Pages rendered by a pool of forked processes, handed back in path order.

Every page of a report is a pure function of one Analysis (`_Pages`), so pages can be rendered
anywhere: forked workers inherit the built Lookup (copy-on-write, nothing pickled) and send
back pages in chunks, as UTF-8 (what the report's files hold: bytes cross the pipe in one copy,
where a text is encoded by pickle and decoded again); the executor's `map` returns the chunks
in the order they were asked for, so the report's files, and their bytes, are the same as one
process would write.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
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


def _render_chunk(paths: Sequence[str]) -> list[bytes]:
    assert _WORK is not None, "a worker runs only inside rendered()"
    return [_WORK[path].encode("utf-8") for path in paths]


@contextmanager
def frozen() -> Iterator[None]:
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
    (`frozen`)."""
    with frozen():
        for path, page in _rendered(pages, workers):
            yield path, page if isinstance(page, str) else page.decode("utf-8")


def rendered_utf8(pages: Mapping[str, str], workers: int = 1) -> Iterator[tuple[str, bytes]]:
    """`rendered`, each page as UTF-8: what a writer wants, as the workers send it."""
    with frozen():
        for path, page in _rendered(pages, workers):
            yield path, page.encode("utf-8") if isinstance(page, str) else page


def _rendered(pages: Mapping[str, str], workers: int) -> Iterator[tuple[str, str | bytes]]:
    paths = list(pages)
    forks = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(paths) < POOL_MIN_PAGES or not forks:
        for path in paths:
            yield path, pages[path]
        return
    global _WORK
    _WORK = pages
    chunks = [paths[i : i + CHUNK_PAGES] for i in range(0, len(paths), CHUNK_PAGES)]
    # An executor, not multiprocessing.Pool: the Pool's worker-minding thread also wakes for
    # every piece of a result waiting in the pipe, 30,000 times for un-ga's pages, 1.6 CPU s.
    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        for chunk, texts in zip(chunks, executor.map(_render_chunk, chunks), strict=True):
            yield from zip(chunk, texts, strict=True)
    finally:
        # the workers are joined (their CPU time then counts as the caller's children's);
        # when a page failed or the caller gave up, chunks not begun are dropped
        executor.shutdown(wait=True, cancel_futures=True)
        _WORK = None
