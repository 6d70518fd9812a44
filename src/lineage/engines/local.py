"""The local engine: serial, or a process pool on this machine.

The aligner splits candidate search and scoring into pure functions over chunks. An engine only
maps such a function over the chunks and returns results in chunk order, so the local engine
(serial or on a process pool) and the Dask engine give identical output.

Functions given to a parallel engine must be importable module-level functions, and chunks,
shared state and results must pickle: that is what lets the same aligner code run in this
process, in forked workers, or on a Dask cluster.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, TypeVar

from ..errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

#: Told how many items of a map have finished, after each one (progress bars).
Done = Callable[[int], None]

#: Environment variable setting the local engine's worker processes ("auto": all cores).
WORKERS_ENV = "LINEAGE_WORKERS"


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _workers_from_env() -> int | None:
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if not raw:
        return None
    if raw == "auto":
        return available_cores()
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(
            f"{WORKERS_ENV}={raw!r} is not a number of worker processes",
            hint="use a whole number such as 1 or 2, or auto",
        ) from None
    if value < 1:
        raise UsageError(f"{WORKERS_ENV}={raw!r} must be at least 1")
    return value


# The function, shared state, chunks and next unclaimed chunk of the map in progress. Forked
# workers inherit them, so the shared state (the aligner's index) and the chunks are never
# pickled, only the results.
_FN: Callable[..., Any] | None = None
_SHARED: Any = None
_ITEMS: Sequence[Any] = ()
_NEXT: Any = None
_FINISHED: Any = None


def _call_inherited(item: Any) -> Any:
    assert _FN is not None
    return _FN(item) if _SHARED is None else _FN(_SHARED, item)


def _claim() -> int:
    """The next chunk nobody has taken (the counter is shared by the forked processes)."""
    with _NEXT.get_lock():
        taken = int(_NEXT.value)
        _NEXT.value = taken + 1
    return taken


def _run_claimed(progress: Done | None = None) -> list[tuple[int, Any]]:
    """(chunk number, result) of each chunk this process claims until none is left: the
    parent and every worker run it, so chunks go to whoever is free. The parent passes
    `progress`, told every process's finished chunks after each of its own (a worker cannot
    draw on the parent's terminal)."""
    done = []
    while (k := _claim()) < len(_ITEMS):
        done.append((k, _call_inherited(_ITEMS[k])))
        with _FINISHED.get_lock():
            _FINISHED.value += 1
            finished = int(_FINISHED.value)
        if progress is not None:
            progress(finished)
    return done


def _worker_claims(_: int) -> list[tuple[int, Any]]:
    return _run_claimed()


def _serial_map(
    fn: Callable[..., R], items: list[Any], shared: Any, progress: Done | None
) -> list[R]:
    results = []
    for item in items:
        results.append(fn(item) if shared is None else fn(shared, item))
        if progress is not None:
            progress(len(results))
    return results


def _stop_when_they_finish(theirs: Any) -> None:
    """Before the pool is torn down, the workers finish their chunks and claim no more: when
    this process's chunk failed, terminating the pool while a worker was still at its task
    could deadlock the pool's task handler (three loops of failing maps hung after 17, 80 and
    360 maps; the test suite hung at a failing map on 2 December)."""
    with _NEXT.get_lock():
        _NEXT.value = max(int(_NEXT.value), len(_ITEMS))
    theirs.wait()


def return_free_heap() -> bool:
    """Give the C heap's free pages back to the system (glibc's `malloc_trim`) before forking:
    what `prepare` freed (numpy's working arrays) stays resident in this process otherwise,
    counted in its memory and in every forked worker's (un-ga after `prepare`: RSS 466 ->
    360 MB, in 3 ms). False where the C library has no `malloc_trim` (not glibc)."""
    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is None:  # pragma: no cover - not glibc
        return False
    trim(0)
    return True


def _init_worker(fn: Callable[..., Any], shared: Any) -> None:
    """Pool initialiser for start methods that do not fork: the state is pickled once."""
    global _FN, _SHARED
    _FN, _SHARED = fn, shared


#: Chunks a cpu-bound map needs before the default engine forks a pool for it: forking a
#: process holding the prepared corpus and pickling results back cost more than they saved
#: on 1,000 synthetic documents (11 chunks of scoring, 1.9 s serial: 2.2-2.4 s wall on 2
#: workers), and saved on ../shared/un-ga (23 chunks: 55-67 s serial, 39 s on 2 workers).
POOL_MIN_CHUNKS = 16


class LocalEngine:
    """Runs on this machine: serially, or on a process pool over its cores.

    `workers` (default $LINEAGE_WORKERS) fixes the pool for every map. Without either, a map
    marked `cpu_bound` (scoring: much work per chunk, small results; loading a corpus of
    `corpus.POOL_MIN_DOCUMENTS` documents or more) runs on every core when it has
    POOL_MIN_CHUNKS chunks or more, and every other map runs serially. Small corpora, one
    chunk, never pay for starting processes.
    """

    name = "local"

    def __init__(self, workers: int | None = None, min_chunks: int = 2) -> None:
        if workers is not None and workers < 1:
            raise UsageError(f"the local engine needs at least 1 worker, not {workers}")
        self.chosen = workers or _workers_from_env()
        self.workers = self.chosen or 1
        self.min_chunks = max(2, min_chunks)

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[Any],
        shared: Any = None,
        *,
        cpu_bound: bool = False,
        progress: Done | None = None,
    ) -> list[R]:
        """fn over items in their order; `progress(finished)` as items finish, and
        `progress(len(items))` once all have."""
        items = list(items)
        workers, least = self.workers, self.min_chunks
        if cpu_bound and not self.chosen:
            workers, least = available_cores(), max(least, POOL_MIN_CHUNKS)
        if workers <= 1 or len(items) < least:
            return _serial_map(fn, items, shared, progress)
        results = self._pool_map(fn, items, shared, workers, progress)
        if progress is not None:
            progress(len(items))
        return results

    def _pool_map(
        self,
        fn: Callable[..., R],
        items: list[Any],
        shared: Any,
        workers: int,
        progress: Done | None,
    ) -> list[R]:
        global _FN, _SHARED, _ITEMS, _NEXT, _FINISHED
        processes = min(workers, len(items))
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            ctx = multiprocessing.get_context("fork")
            _FN, _SHARED, _ITEMS = fn, shared, items
            _NEXT, _FINISHED = ctx.Value("q", 0), ctx.Value("q", 0)
            return_free_heap()
            try:
                # This process is one of the workers: it would only wait otherwise, and each
                # forked one copies the prepared data it touches (un-ga: ~100 MB each).
                with ctx.Pool(processes - 1) as pool:
                    theirs = pool.map_async(_worker_claims, range(processes - 1), chunksize=1)
                    try:
                        done = _run_claimed(progress)
                    finally:
                        _stop_when_they_finish(theirs)
                    done += [pair for part in theirs.get() for pair in part]
                return [result for _, result in sorted(done, key=lambda pair: pair[0])]
            finally:
                _FN, _SHARED, _ITEMS, _NEXT, _FINISHED = None, None, (), None, None
        spawn = multiprocessing.get_context("spawn")  # pragma: no cover - not on Linux
        with spawn.Pool(
            processes, initializer=_init_worker, initargs=(fn, shared)
        ) as pool:  # pragma: no cover
            return pool.map(_call_inherited, items, chunksize=1)  # pragma: no cover

    def close(self) -> None:
        """Nothing to release: each map's pool ends with the map."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
