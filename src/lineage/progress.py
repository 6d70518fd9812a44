"""Progress bars on a terminal only, and stage timings under -v.

`analyse()` calls `progress(stage, done, total)` as it works. A person at a terminal sees a
bar per stage on stderr; pipes, CI (the CI variable set) and -q see nothing, so logs stay clean.
With -v each stage's time is printed when it ends.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import IO, Any, TextIO

import click

Progress = Callable[[str, int, int], None]


def silent(*_: object) -> None:
    """A progress callable that tells no one (for callers that passed none)."""


def wanted(stream: IO[str] | Any = None, quiet: bool = False) -> bool:
    """Bars only for a person: stream is a terminal, not quiet, not CI."""
    stream = sys.stderr if stream is None else stream
    if quiet or os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class StageMeter:
    """A progress callable: draws bars when asked to, records stage timings always."""

    def __init__(
        self, bars: bool = False, verbose: bool = False, stream: TextIO | None = None
    ) -> None:
        self.bars = bars
        self.verbose = verbose
        self.stream = stream
        self.timings: dict[str, float] = {}
        self._stage: str | None = None
        self._started = 0.0
        self._bar: Any = None
        self._shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self._finish()
            self._stage, self._started, self._shown = stage, time.perf_counter(), 0
        if self.bars and self._bar is None and total > 0:
            # Here, not at the stage's start: a stage opened by `stage()` learns its total
            # from its first step.
            self._bar = click.progressbar(length=total, label=stage, file=self.stream or sys.stderr)
            self._bar.__enter__()
        if self._bar is not None and done > self._shown:
            self._bar.update(done - self._shown)
            self._shown = done

    def stage(self, name: str) -> _Stage:
        """Time a step of our own (loading, caching, reporting) as a stage."""
        return _Stage(self, name)

    def close(self) -> None:
        """End the current stage (call once the work is over)."""
        self._finish()

    def _finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
        if self._stage is not None:
            elapsed = time.perf_counter() - self._started
            self.timings[self._stage] = self.timings.get(self._stage, 0.0) + elapsed
            if self.verbose:
                click.echo(f"lineage: {self._stage}: {elapsed:.3f} s", err=True)
            self._stage = None


class _Stage:
    def __init__(self, meter: StageMeter, name: str) -> None:
        self.meter, self.name = meter, name

    def __enter__(self) -> _Stage:
        self.meter._finish()
        self.meter(self.name, 0, 0)
        return self

    def __exit__(self, *exc: object) -> None:
        self.meter._finish()
