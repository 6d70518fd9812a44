"""The Dask engine: the aligner's chunks on a dask.distributed cluster, results as locally.

Given a scheduler address it connects to that cluster; without one it starts a small local
cluster (two single-threaded worker processes on the loopback interface, no dashboard) on first
use and closes it with the engine. Shared state is scattered to every worker once per map,
chunks go out with `client.map` and come back with `gather` in chunk order, so the output is
the local engine's, byte for byte. Importing this module imports dask; `lineage.engines` imports
it only when `--engine dask` is chosen.
"""

from __future__ import annotations

import logging
import socket
import weakref
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, TypeVar

from ..errors import UsageError
from .local import Done

R = TypeVar("R")

#: Seconds to wait for a scheduler before telling the user it cannot be reached.
CONNECT_TIMEOUT = 10


def _apply(item: Any, fn: Callable[..., Any], shared: Any) -> Any:
    return fn(item) if shared is None else fn(shared, item)


_HINT = (
    "check the address (tcp://HOST:PORT) and that `dask scheduler` runs there, "
    "or drop --scheduler to start a local cluster"
)


def _probe(address: str, timeout: float) -> None:
    """Fail at once on a refused TCP connection; Dask itself would retry until its timeout."""
    if "://" in address and not address.startswith("tcp://"):
        return  # tls://, inproc:// ...: leave it to Dask
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not host or not port.isdigit():
        raise ValueError("expected an address such as tcp://127.0.0.1:8786")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
        pass


def _close(client: Any, cluster: Any) -> None:
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _tell_as_completed(client: Any, futures: list[Any], progress: Done) -> None:
    """Count futures as they finish (a failed one too: gather raises its error after). The
    client's loop is given: the engine's client is not the default one, and `as_completed`
    looks for a default client without it ("No clients found")."""
    from distributed import as_completed

    for finished, _ in enumerate(as_completed(futures, loop=client.loop), start=1):
        progress(finished)


class DaskEngine:
    """Maps the aligner's chunks over a dask.distributed cluster.

    `scheduler` is an address such as "tcp://10.0.0.5:8786"; None starts a LocalCluster.
    Use it as a context manager, or call `close()`; a cluster left open is closed when the
    engine is garbage-collected or the interpreter exits.
    """

    name = "dask"

    def __init__(
        self, scheduler: str | None = None, n_workers: int = 2, timeout: float = CONNECT_TIMEOUT
    ) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError(
                "the dask engine needs dask.distributed, which is not installed",
                hint="pip install 'lineage[dask]', or use --engine local",
            ) from None
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.timeout = timeout
        self._client: Any = None
        self._finalizer: weakref.finalize | None = None

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        from distributed import Client, LocalCluster

        cluster = None
        if self.scheduler:
            try:
                _probe(self.scheduler, self.timeout)
                client = Client(self.scheduler, timeout=self.timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise UsageError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {exc}", hint=_HINT
                ) from None
            except Exception as exc:  # something answered, but not a Dask scheduler
                raise UsageError(
                    f"no Dask scheduler answered at {self.scheduler} ({type(exc).__name__}: {exc})",
                    hint=_HINT,
                ) from None
        else:
            cluster = LocalCluster(
                n_workers=self.n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
                # The scheduler's HTTP endpoint too: loopback, any free port.
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            )
            client = Client(cluster, set_as_default=False)
        self._client = client
        self._finalizer = weakref.finalize(self, _close, client, cluster)
        return client

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[Any],
        shared: Any = None,
        *,
        cpu_bound: bool = False,
        progress: Done | None = None,
    ) -> list[R]:
        """Every item on the cluster (`cpu_bound` changes nothing: the cluster is parallel);
        `progress` told as futures finish, in whatever order they do."""
        items = list(items)
        if not items:
            return []
        client = self._connect()
        shared_ref = None
        if shared is not None:
            # Scatter inside a list so a dict or tuple travels as one object, not per element.
            [shared_ref] = client.scatter([shared], broadcast=True, hash=False)
        futures = client.map(_apply, items, fn=fn, shared=shared_ref, pure=False)
        try:
            if progress is not None:
                _tell_as_completed(client, futures, progress)
            results: list[R] = client.gather(futures)
        finally:
            del futures, shared_ref
        return results

    def close(self) -> None:
        """Disconnect, and shut down the local cluster if this engine started it."""
        if self._finalizer is not None:
            self._finalizer()
        self._client = None
        self._finalizer = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
