"""Engines run the aligner's independent chunks of work; results never depend on the engine.

The aligner splits candidate search and scoring into pure functions over chunks. An engine only
maps such a function over the chunks and returns results in chunk order, so the local and the
Dask engine give identical output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], items: Sequence[T], shared: Any = None) -> list[R]:
        """Apply fn to every item (fn(item) or fn(shared, item)), results in item order."""
        ...


class LocalEngine:
    """Runs in this process; the default."""

    name = "local"

    def map(self, fn: Callable[..., R], items: Sequence[Any], shared: Any = None) -> list[R]:
        if shared is None:
            return [fn(item) for item in items]
        return [fn(shared, item) for item in items]
