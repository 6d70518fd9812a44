"""The command line: parses arguments, calls the analysis core and one reporter. No logic here.

Exit codes: 0 success (for `check`: the policy holds), 1 `check` found the policy broken,
2 bad input or usage. Every LineageError becomes one line on stderr and exit 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .errors import LineageError

DEFAULT_TEXTS = "texts"


def _paths(paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths] if paths else [Path(DEFAULT_TEXTS)]


def _analyse(paths: Sequence[str], engine: str = "local", scheduler: str | None = None):
    from .analysis import analyse
    from .corpus import load_corpus

    corpus = load_corpus(_paths(paths))
    return analyse(corpus, engine=engine, scheduler=scheduler)


class LineageGroup(click.Group):
    """Turns every LineageError into one readable line and exit status 2."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except LineageError as exc:
            click.echo(f"lineage: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=LineageGroup)
@click.version_option(__version__, prog_name="lineage")
def main() -> None:
    """Match recurring clauses across negotiated texts and show how their wording evolved."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", default="reports", show_default=True, help="Report folder.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
def report(paths: tuple[str, ...], output: str, engine: str, scheduler: str | None) -> None:
    """Write the HTML reports for PATHS (default: texts/) into OUTPUT."""
    from .html import write_report

    analysis = _analyse(paths, engine, scheduler)
    write_report(analysis, Path(output))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", "tei", "csv"]), default="json")
@click.option("-o", "--output", default="-", show_default=True, help="File, or - for stdout.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
def export(paths: tuple[str, ...], fmt: str, output: str, engine: str,
           scheduler: str | None) -> None:
    """Export documents, clauses, links and families of PATHS as JSON, TEI or CSV."""
    from .exports import FORMATS
    from .writer import write_file

    text = FORMATS[fmt](_analyse(paths, engine, scheduler))
    if output == "-":
        sys.stdout.write(text)
    else:
        write_file(Path(output), text)


if __name__ == "__main__":  # pragma: no cover
    main()
