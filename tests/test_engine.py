"""Engines: chosen by name, results in chunk order whatever runs them, errors for people."""

from __future__ import annotations

import multiprocessing
import operator
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lineage.engines import get_engine
from lineage.engines.dask import DaskEngine
from lineage.engines.local import POOL_MIN_CHUNKS, WORKERS_ENV, LocalEngine
from lineage.errors import UsageError

#: How long a chunk waits for the other worker's chunk. Starting a forked worker takes
#: milliseconds; a wait this long means the second worker is not running at the same time.
BARRIER_SECONDS = 20
#: Set by the pool test before the pool forks, so that its workers inherit it.
_BARRIER: Any = None


def _pid_and_square(item: int) -> tuple[int, int]:
    return os.getpid(), item * item


def _pid_and_square_in_pairs(item: int) -> tuple[int, int]:
    """Waits at a two-party barrier: it passes only when another process holds a chunk too."""
    _BARRIER.wait()
    return os.getpid(), item * item


def _scaled(shared: dict[str, int], item: int) -> int:
    return shared["factor"] * item


def _fail_on_three(item: int) -> int:
    if item == 3:
        raise ValueError("chunk 3 is bad")
    return item


def test_get_engine_by_name():
    """ "local" is the in-process engine, "dask" the Dask engine, without starting a cluster."""
    assert isinstance(get_engine("local"), LocalEngine)
    engine = get_engine("dask")
    assert isinstance(engine, DaskEngine)
    assert engine.name == "dask" and engine._client is None
    assert get_engine("dask", "tcp://127.0.0.1:8786").scheduler == "tcp://127.0.0.1:8786"


def test_get_engine_rejects_unknown_names_and_stray_scheduler():
    """A typo in --engine, or --scheduler without dask, is a usage error naming the fix."""
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        get_engine("spark")
    with pytest.raises(UsageError, match="--engine dask"):
        get_engine("local", scheduler="tcp://127.0.0.1:8786")


def test_local_engine_serial_keeps_order_and_passes_shared():
    """With one worker, fn(shared, item) runs here, results in item order."""
    engine = LocalEngine(workers=1)
    assert engine.map(_scaled, [3, 1, 2], shared={"factor": 10}) == [30, 10, 20]
    assert engine.map(abs, [-2, 5, -7]) == [2, 5, 7]
    assert engine.map(abs, []) == []


def test_local_engine_pool_keeps_order_and_uses_other_processes(monkeypatch):
    """With two workers the chunks run in two processes at once, this one and a forked child
    (this process would only wait otherwise, and every forked child copies the data it
    touches), and come back in chunk order. No timing is assumed: every chunk waits at a
    two-party barrier, which only two processes holding a chunk each can pass, so each runs
    exactly half of the chunks (a process holds one chunk at a time) and no pool breaks the
    barrier."""
    barrier = multiprocessing.get_context("fork").Barrier(2, timeout=BARRIER_SECONDS)
    monkeypatch.setattr(sys.modules[__name__], "_BARRIER", barrier)
    results = LocalEngine(workers=2).map(_pid_and_square_in_pairs, list(range(12)))
    assert [square for _, square in results] == [i * i for i in range(12)]
    pids = [pid for pid, _ in results]
    assert os.getpid() in pids and len(set(pids)) == 2
    assert sorted(pids.count(pid) for pid in set(pids)) == [6, 6]


def test_local_engine_pool_passes_shared_state():
    """Forked workers see the shared state without it being sent with every chunk."""
    engine = LocalEngine(workers=2)
    shared = {"factor": 7}
    assert engine.map(_scaled, list(range(9)), shared=shared) == [7 * i for i in range(9)]
    assert LocalEngine(workers=1).map(_scaled, list(range(9)), shared=shared) == engine.map(
        _scaled, list(range(9)), shared=shared
    )


def test_local_engine_pool_raises_the_workers_error():
    """An error in one chunk reaches the caller as that error, not as a hang or a pool error."""
    with pytest.raises(ValueError, match="chunk 3 is bad"):
        LocalEngine(workers=2).map(_fail_on_three, [1, 2, 3, 4])


FAILING_MAPS = 400  # the old teardown hung after 17, 80 and 360 failing maps in three loops


def test_many_failing_maps_never_hang(tmp_path):
    """A chunk failing in the forking process while its worker still scores used to tear the
    pool down mid-task, and the pool's task handler could deadlock: the map never returned.
    Hundreds of failing maps in a fresh process now all raise; a hang is a timeout here."""
    script = tmp_path / "loop.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from lineage.engines.local import LocalEngine\n"
        "from test_engine import _fail_on_three\n"
        "raised = 0\n"
        f"for _ in range({FAILING_MAPS}):\n"
        "    try:\n"
        "        LocalEngine(workers=2).map(_fail_on_three, [1, 2, 3, 4])\n"
        "    except ValueError:\n"
        "        raised += 1\n"
        "print(raised)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(FAILING_MAPS)]


def test_local_engine_single_chunk_stays_in_process():
    """One chunk (a small corpus) never pays for starting a process."""
    [(pid, square)] = LocalEngine(workers=2).map(_pid_and_square, [4])
    assert pid == os.getpid() and square == 16


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_default_engine_pools_cpu_bound_maps_only(monkeypatch):
    """Without $LINEAGE_WORKERS or `workers`, a `cpu_bound` map of POOL_MIN_CHUNKS chunks runs
    in two processes, this one and a forked child (the barrier passes only with two at
    once), a plain map (loading) and
    a short cpu-bound one in this process, and an explicit single worker keeps even a
    cpu-bound map here."""
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    barrier = multiprocessing.get_context("fork").Barrier(2, timeout=BARRIER_SECONDS)
    monkeypatch.setattr(sys.modules[__name__], "_BARRIER", barrier)
    items = list(range(POOL_MIN_CHUNKS))
    pooled = LocalEngine().map(_pid_and_square_in_pairs, items, cpu_bound=True)
    assert [square for _, square in pooled] == [i * i for i in items]
    assert len({pid for pid, _ in pooled}) == 2 and os.getpid() in {pid for pid, _ in pooled}
    here = {os.getpid()}
    assert {pid for pid, _ in LocalEngine().map(_pid_and_square, items)} == here
    short = LocalEngine().map(_pid_and_square, items[:-1], cpu_bound=True)
    assert {pid for pid, _ in short} == here
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert {pid for pid, _ in LocalEngine().map(_pid_and_square, items, cpu_bound=True)} == here
    monkeypatch.delenv(WORKERS_ENV)
    one = LocalEngine(workers=1).map(_pid_and_square, items, cpu_bound=True)
    assert {pid for pid, _ in one} == here


def test_workers_from_environment(monkeypatch):
    """$LINEAGE_WORKERS sets the pool (default 1); nonsense in it is a usage error."""
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert LocalEngine().workers == 1  # serial unless asked: measured faster on 2 cores
    monkeypatch.setenv(WORKERS_ENV, "auto")
    assert LocalEngine().workers == len(os.sched_getaffinity(0))
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert LocalEngine().workers == 1
    monkeypatch.setenv(WORKERS_ENV, "3")
    assert LocalEngine().workers == 3
    assert LocalEngine(workers=2).workers == 2
    monkeypatch.setenv(WORKERS_ENV, "many")
    with pytest.raises(UsageError, match="LINEAGE_WORKERS"):
        LocalEngine()
    monkeypatch.setenv(WORKERS_ENV, "0")
    with pytest.raises(UsageError, match="at least 1"):
        LocalEngine()
    with pytest.raises(UsageError):
        LocalEngine(workers=0)


def test_dask_engine_on_a_local_cluster():
    """A LocalCluster is started on first use, keeps order, scatters shared state whole."""
    with DaskEngine() as engine:
        assert engine.map(abs, []) == []
        assert engine._client is None  # nothing to do, nothing started
        items = list(range(20))
        assert engine.map(operator.neg, items) == [-i for i in items]
        shared = {"a": 1, "b": 2, "c": 3}  # a dict must arrive as one object
        assert engine.map(operator.getitem, ["c", "a", "b", "a"], shared=shared) == [3, 1, 2, 1]
        client = engine._client
        assert len(client.scheduler_info()["workers"]) == 2
        assert client.scheduler.address.startswith("tcp://127.0.0.1:")
    assert engine._client is None
    engine.close()  # twice is harmless


def test_dask_engine_unreachable_scheduler_is_a_usage_error():
    """A scheduler that does not answer gives a one-line error naming the address."""
    engine = DaskEngine("tcp://127.0.0.1:9", timeout=1)
    with pytest.raises(
        UsageError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        engine.map(abs, [1])


def test_dask_engine_connects_to_a_running_scheduler():
    """Given a scheduler address, the engine uses that cluster and leaves it running."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        engine = DaskEngine(cluster.scheduler_address)
        assert engine.map(operator.mul, [1, 2, 3], shared=4) == [4, 8, 12]
        engine.close()
        assert cluster.scheduler_info["workers"]  # still up after the engine let go


def test_dask_engine_rejects_a_malformed_address():
    """An address without a port is named in the error, before any connection is tried."""
    with pytest.raises(UsageError, match="expected an address such as tcp://"):
        DaskEngine("localhost", timeout=1).map(abs, [1])


def test_the_free_heap_goes_back_before_the_pool_forks() -> None:
    """Freed C-heap memory is returned to the system (glibc's malloc_trim) before forking, so
    that neither this process nor its workers count it: after freeing 200 MB of small
    (heap, not mmap) blocks, trimming lowers this process's resident set."""
    import ctypes

    from lineage.engines.local import return_free_heap

    def rss_kb() -> int:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(64 * 1024) for _ in range(3200)]
    for b in blocks:
        ctypes.memset(b, 1, 64 * 1024)
    for b in blocks[:-1]:  # the last one keeps the heap's top from shrinking by itself
        libc.free(b)
    before = rss_kb()
    assert return_free_heap()
    assert rss_kb() < before - 100_000
    libc.free(blocks[-1])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_map_tells_progress_as_items_finish(workers: int) -> None:
    """Serial and pooled, progress hears counts that never go down, some before the end
    (the parent's own chunks), and the whole count last; the results are unchanged."""
    told: list[int] = []
    items = list(range(20))
    shared = {"factor": 3}
    results = LocalEngine(workers=workers).map(_scaled, items, shared, progress=told.append)
    assert results == [3 * i for i in items]
    assert told == sorted(told) and told[-1] == 20
    assert any(0 < n < 20 for n in told)
    if workers == 1:
        assert told == list(range(1, 21))


def test_a_stage_opened_without_a_total_gets_its_bar_at_its_first_step() -> None:
    """`stage()` opens a stage knowing no total (check's loading); the bar appears when the
    first step tells one, and the stream shows it reach 100%."""
    import io

    from lineage.progress import StageMeter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    meter = StageMeter(bars=True, stream=stream)
    with meter.stage("load"):
        for done in range(1, 5):
            meter("load", done, 4)
    assert "load" in stream.getvalue() and "100%" in stream.getvalue()
    assert set(meter.timings) == {"load"}
