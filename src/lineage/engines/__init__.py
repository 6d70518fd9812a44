"""Engines run the aligner's independent chunks of work; results never depend on the engine.

A registry by name, as `--engine` offers them: `local` (this machine, `engines/local.py`) and
`dask` (a dask.distributed cluster, `engines/dask.py`). The Dask engine is imported only when
it is chosen: importing dask costs start-up time and dask is an optional dependency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from ..errors import UsageError
from .local import Done, LocalEngine

R = TypeVar("R")

#: Engine names accepted by `get_engine` and by the CLI's `--engine`.
ENGINES: tuple[str, ...] = ("local", "dask")


class Engine(Protocol):
    name: str

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[Any],
        shared: Any = None,
        *,
        cpu_bound: bool = False,
        progress: Done | None = None,
    ) -> list[R]:
        """Apply fn to every item (fn(item) or fn(shared, item)), results in item order.

        `cpu_bound`: each item is much work with a small result (scoring), so running items
        in parallel pays even where an engine would otherwise stay serial. `progress` is told
        how many items have finished as they do, and `len(items)` at the end (bars)."""
        ...

    def close(self) -> None:
        """Release workers or clusters the engine started; calling it twice is harmless."""
        ...


def get_engine(name: str = "local", scheduler: str | None = None) -> Engine:
    """The engine called `name` ("local" or "dask"); `scheduler` is a Dask scheduler address.

    Dask is imported only when the dask engine is chosen, so the local engine works without it.
    """
    if name == "local":
        if scheduler:
            raise UsageError(
                "--scheduler is only used with --engine dask",
                hint="add --engine dask, or drop --scheduler",
            )
        return LocalEngine()
    if name == "dask":
        from .dask import DaskEngine  # lazy: dask is optional and slow to import

        return DaskEngine(scheduler)
    raise UsageError(f"unknown engine {name!r}", hint=f"choose one of: {', '.join(ENGINES)}")
