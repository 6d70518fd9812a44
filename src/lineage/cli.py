"""The command line: parses arguments, calls the analysis core and one reporter. No logic here.

Exit codes: 0 success (for `check`: the policy holds), 1 `check` found the policy broken,
2 bad input or usage, 3 an internal error (a bug in lineage), 130 interrupted.

Each command imports the stages it runs inside its own function, because start-up is
measured to matter (benchmarks/bench_startup.py; CPU time of a fresh interpreter, median of 11,
2-core machine): importing this module costs 101 ms, and importing every command's stages with
it (numpy, rapidfuzz, lxml, jinja2, diff-match-patch through the analysis, reports and check)
515 ms, which `lineage --help`, `--version` and every usage error would pay. The other lazy
imports in lineage say why where they are (numpy in clean.normalize, the aligner in check.run,
dask, package metadata).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import LineageError, UsageError
from .progress import StageMeter, wanted

if TYPE_CHECKING:
    from .check.policy import Policy
    from .model import Analysis, Corpus

DEFAULT_TEXTS = "texts"
DEFAULT_POLICY = "lineage.toml"
EXIT_CODES = """\b
Exit codes:
  0  success; for check: the policy holds
  1  check: the policy is broken
  2  bad input or usage (the message names the file and line)
  3  internal error: a bug in lineage, please report it (-v shows the traceback)
  130  interrupted (Ctrl-C)"""


def _paths(paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths] if paths else [Path(DEFAULT_TEXTS)]


def _named(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An -o that names nothing is a usage error, not "the current folder"."""
    if not value.strip():
        raise click.BadParameter("needs a name (a file, a folder, or - for stdout)")
    return value


def _texts(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """--protect '' would protect nothing (or everything): a usage error."""
    if any(not text.strip() for text in value):
        raise click.BadParameter("needs a text to protect (it is empty)")
    return value


def _meter(ctx: click.Context) -> StageMeter:
    """Progress bars for a person at a terminal, stage timings under -v."""
    quiet, verbose = ctx.meta.get("lineage.quiet", False), ctx.meta.get("lineage.verbose", False)
    return StageMeter(bars=wanted(sys.stderr, quiet), verbose=verbose)


def _said(ctx: click.Context, message: str) -> None:
    """What a command wrote, on stderr (stdout may be the data); nothing under -q."""
    if not ctx.meta.get("lineage.quiet", False):
        click.echo(f"lineage: {message}", err=True)


def _analyse(
    paths: Sequence[str],
    engine: str = "local",
    scheduler: str | None = None,
    meter: StageMeter | None = None,
    follow_symlinks: bool = False,
) -> Analysis:
    from .analysis import analyse
    from .corpus import load_corpus

    meter = meter or StageMeter()
    corpus = load_corpus(_paths(paths), follow_symlinks=follow_symlinks, progress=meter)
    analysis = analyse(corpus, engine=engine, scheduler=scheduler, progress=meter)
    meter.close()
    return analysis


def _emit(text: str | Iterable[str], output: str) -> None:
    """Text (or its pieces, written as they come) to stdout (`-`) or to a file written whole
    or not at all."""
    from .writer import write_file

    if output == "-":
        for piece in [text] if isinstance(text, str) else text:
            click.echo(piece, nl=False, color=True)  # colour was decided already: keep it
    else:
        write_file(Path(output), text)


class LineageGroup(click.Group):
    """Every LineageError becomes one readable line and exit 2; no traceback reaches a user."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except LineageError as exc:
            click.echo(f"lineage: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("lineage: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # `lineage export | head`: the reader left, nothing to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"lineage: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except Exception as exc:
            if ctx.meta.get("lineage.verbose"):
                traceback.print_exc()
            click.echo(
                f"lineage: internal error: {type(exc).__name__}: {exc} "
                "(a bug in lineage: please report it with the output of -v)",
                err=True,
            )
            ctx.exit(3)


def _verbosity(fn: Callable[..., Any]) -> Callable[..., Any]:
    """-q/--quiet and -v/--verbose on a command, kept in ctx.meta for the whole run."""

    def remember(key: str) -> Callable[[click.Context, click.Parameter, bool], bool]:
        def callback(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
            if value:
                ctx.meta[key] = True
            return value

        return callback

    fn = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=remember("lineage.quiet"),
        help="No progress bars and no messages but errors.",
    )(fn)
    return click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=remember("lineage.verbose"),
        help="Print the time of each stage, and tracebacks of internal errors, on stderr.",
    )(fn)


def _follow_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--follow-symlinks",
        is_flag=True,
        help="Read links in corpus folders that point outside them (refused by default).",
    )(fn)


def _engine_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler address (with --engine dask).",
    )(fn)
    return click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where candidate search and scoring run.",
    )(fn)


@click.group(
    cls=LineageGroup, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(None, "-V", "--version", package_name="lineage", prog_name="lineage")
@_verbosity
def main() -> None:
    """Match recurring clauses across negotiated texts and show how their wording evolved.

    Texts are read from texts/ unless paths are given. NO_COLOR in the environment turns off
    colour; progress bars show on a terminal only (never in pipes or when CI is set).
    """


@main.command(
    epilog="""\b
Examples:
  lineage report                      # texts/ -> reports/index.html
  lineage report texts/ ../corpus -o out/
  lineage report --pair unga-res-75-28 unga-res-79-274   # one more side-by-side page
  lineage report --engine dask --scheduler tcp://127.0.0.1:8786"""
)
@click.argument("paths", nargs=-1)
@click.option(
    "-o",
    "--output",
    default="reports",
    show_default=True,
    callback=_named,
    help="Report folder (replaced whole; files lineage did not write stay).",
)
@click.option(
    "--pair",
    "pairs",
    nargs=2,
    multiple=True,
    metavar="A B",
    help="Also write the side-by-side page of documents A and B (repeatable), linked from "
    "both documents' pages; each document and its previous version always get one.",
)
@_engine_options
@_follow_option
@_verbosity
@click.pass_context
def report(
    ctx: click.Context,
    paths: tuple[str, ...],
    output: str,
    pairs: tuple[tuple[str, str], ...],
    engine: str,
    scheduler: str | None,
    follow_symlinks: bool,
) -> None:
    """Write the HTML reports for PATHS (default: texts/) into OUTPUT."""
    from .report.html import write_report

    meter = _meter(ctx)
    analysis = _analyse(paths, engine, scheduler, meter, follow_symlinks)
    files, size = write_report(analysis, Path(output), pairs, avoid=_paths(paths), progress=meter)
    meter.close()
    _said(
        ctx, f"wrote {files:,} files ({size / 1e6:,.1f} MB) to {output}; open {output}/index.html"
    )


@main.command(
    epilog="""\b
Examples:
  lineage export > lineage.json       # texts/ as JSON (schema lineage/1)
  lineage export --format tei -o lineage.tei.xml
  lineage export texts/ --format csv -o -"""
)
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "tei", "csv"]), default="json", show_default=True
)
@click.option(
    "-o", "--output", default="-", show_default=True, callback=_named, help="File, or - for stdout."
)
@_engine_options
@_follow_option
@_verbosity
@click.pass_context
def export(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    output: str,
    engine: str,
    scheduler: str | None,
    follow_symlinks: bool,
) -> None:
    """Export documents, clauses, links and families of PATHS as JSON, TEI or CSV."""
    from .report import STREAMS

    meter = _meter(ctx)
    analysis = _analyse(paths, engine, scheduler, meter, follow_symlinks)
    with meter.stage("export"):
        _emit(STREAMS[fmt](analysis), output)
    meter.close()
    if output != "-":
        target = Path(output)
        size = f" ({target.stat().st_size:,} bytes)" if target.is_file() else ""
        _said(ctx, f"wrote the {fmt.upper()} export to {output}{size}")


@main.command(
    epilog="""\b
Examples:
  lineage diff unga-res-75-28 unga-res-79-274          # two documents of texts/, by id
  lineage diff old.txt new.txt                         # two files
  lineage diff unga-res-75-28 drafts/2026.txt texts/   # an id of texts/ and a file
  lineage diff unga-res-75-28 unga-res-79-274 --html -o pair.html
  NO_COLOR=1 lineage diff A B | less                   # [-deleted-]{+inserted+} markers"""
)
@click.argument("a")
@click.argument("b")
@click.argument("paths", nargs=-1)
@click.option("--html", "as_html", is_flag=True, help="A side-by-side HTML page instead.")
@click.option(
    "-o", "--output", default="-", show_default=True, callback=_named, help="File, or - for stdout."
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the diff (default: on a terminal, unless NO_COLOR is set).",
)
@_follow_option
@_verbosity
@click.pass_context
def diff(
    ctx: click.Context,
    a: str,
    b: str,
    paths: tuple[str, ...],
    as_html: bool,
    output: str,
    color: bool | None,
    follow_symlinks: bool,
) -> None:
    """Show how document B differs from document A, clause by clause.

    A and B are document ids of PATHS (default: texts/) or paths of text files. Matched clauses
    are shown with a word diff, clauses found in only one document on their own.
    """
    from .analysis import analyse
    from .corpus import load_corpus

    meter = _meter(ctx)
    corpus = load_corpus(
        _pair_paths((a, b), paths), follow_symlinks=follow_symlinks, progress=meter
    )
    a_id, b_id = _find(corpus, a), _find(corpus, b)
    if a_id == b_id:
        raise UsageError(f"A and B are the same document ({a_id})")
    analysis = analyse(corpus, progress=meter)
    meter.close()
    if as_html:
        from .report.html import render_pair_page

        text = render_pair_page(analysis, a_id, b_id)
    else:
        from .report.terminal import color_enabled, render_pair

        on = color_enabled(sys.stdout, color) if output == "-" else bool(color)
        text = render_pair(analysis, a_id, b_id, on)
    _emit(text, output)


@main.command(
    epilog="""\b
Examples:
  lineage check drafts/2026.txt          # against texts/, policy lineage.toml beside texts/
  lineage check new.txt --protect "Reiterates its strong support"
  lineage check new.txt --against texts/ --policy ci/lineage.toml --format junit -o junit.xml
  lineage check new.txt --format github               # annotations in a GitHub Actions log
"""
    + EXIT_CODES
)
@click.argument("new")
@click.option(
    "--against",
    "against",
    multiple=True,
    metavar="PATH",
    help="The corpus NEW follows (repeatable; default: texts/).",
)
@click.option(
    "--policy",
    "policy_path",
    default=None,
    metavar="FILE",
    help=f"Policy TOML (default: {DEFAULT_POLICY} beside the texts, if any).",
)
@click.option(
    "--protect",
    multiple=True,
    callback=_texts,
    metavar="TEXT",
    help="Protect this text: it must survive (repeatable).",
)
@click.option(
    "--protect-verbatim",
    multiple=True,
    callback=_texts,
    metavar="TEXT",
    help="Protect this text word for word (repeatable).",
)
@click.option(
    "--base",
    "base_id",
    default=None,
    metavar="ID",
    help="Compare with this document (default: the latest earlier version).",
)
@click.option(
    "--base-rev",
    default=None,
    metavar="REV",
    help="Compare with NEW's own file at this git revision (default: HEAD for a changed "
    "file; in a pull request the merge base with origin/$GITHUB_BASE_REF).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "github"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", default="-", show_default=True, callback=_named, help="File, or - for stdout."
)
@click.option("--color/--no-color", default=None, help="Colour text output (default: auto).")
@click.option(
    "--cache-dir",
    default=None,
    metavar="DIR",
    help="Where analysed corpora are kept ($LINEAGE_CACHE_DIR, else .lineage-cache).",
)
@click.option("--no-cache", is_flag=True, help="Analyse the corpus afresh; store nothing.")
@_engine_options
@_follow_option
@_verbosity
@click.pass_context
def check(
    ctx: click.Context,
    new: str,
    against: tuple[str, ...],
    policy_path: str | None,
    protect: tuple[str, ...],
    protect_verbatim: tuple[str, ...],
    base_id: str | None,
    base_rev: str | None,
    fmt: str,
    output: str,
    color: bool | None,
    cache_dir: str | None,
    no_cache: bool,
    engine: str,
    scheduler: str | None,
    follow_symlinks: bool,
) -> None:
    """Check the text NEW against the policy; exit 1 when it is broken.

    NEW is compared with its base, the latest earlier version in the corpus. The policy names
    protected clauses (they must survive, or survive verbatim) and limits on dropped, new and
    rewritten clauses; see docs/cli.md.
    """
    from .check.cache import Cache
    from .check.formats import FORMATS
    from .check.github import write_summary
    from .check.report import summary
    from .check.run import run_check
    from .report.terminal import color_enabled

    corpus = _paths(against)
    policy = _check_policy(policy_path, corpus, protect, protect_verbatim)
    meter = _meter(ctx)
    cache = Cache(Path(cache_dir) if cache_dir else None, enabled=not no_cache)
    result = run_check(
        Path(new),
        corpus,
        policy,
        base_id=base_id,
        base_rev=base_rev,
        cache=cache,
        meter=meter,
        engine=engine,
        scheduler=scheduler,
        follow_symlinks=follow_symlinks,
    )
    on = color_enabled(sys.stdout, color) if output == "-" and fmt == "text" else False
    _emit(FORMATS[fmt](result.verdict, result.analysis, on), output)
    if fmt == "github":  # the Markdown job summary, when GitHub names its file
        write_summary(result.verdict, result.analysis)
    if output != "-" and not ctx.meta.get("lineage.quiet"):
        click.echo(summary(result.verdict), err=True)
    ctx.exit(0 if result.verdict.holds else 1)


def _check_policy(
    path: str | None, corpus: Sequence[Path], protect: Sequence[str], verbatim: Sequence[str]
) -> Policy:
    """The policy file (or lineage.toml beside the texts) with the --protect texts added."""
    from .check.policy import Policy

    policy = _policy(path, corpus).with_protected(protect).with_protected(verbatim, "verbatim")
    if not policy.protect and policy.limits == Policy().limits:
        raise UsageError(
            "the policy is empty: nothing to check",
            hint=f"write {DEFAULT_POLICY}, pass --policy FILE or --protect TEXT",
        )
    return policy


def _pair_paths(names: Sequence[str], paths: Sequence[str]) -> list[Path]:
    """What to read for `diff`: PATHS (texts/ when a name is an id) and the named files (a
    file that is also under PATHS is read once)."""
    files = [Path(n) for n in names if Path(n).is_file()]
    if paths or len(files) < len(names):
        return [*_paths(paths), *files]
    return files


def _find(corpus: Corpus, name: str) -> str:
    """The id of the document a `diff` argument names: a file path or a document id."""
    path = Path(name)
    if path.is_file():
        for doc in corpus.documents:
            if Path(doc.path).resolve() == path.resolve():
                return doc.id
    for doc in corpus.documents:
        if doc.id == name:
            return doc.id
    raise UsageError(
        f"unknown document {name!r}",
        hint="known ids: " + ", ".join(sorted(d.id for d in corpus.documents)),
    )


def _policy(path: str | None, corpus: Sequence[Path]) -> Policy:
    """--policy FILE, else lineage.toml beside the texts (in the corpus folder or above it)."""
    from .check.policy import Policy, load_policy

    if path is not None:
        return load_policy(Path(path))
    for folder in corpus:
        for candidate in (folder / DEFAULT_POLICY, folder.parent / DEFAULT_POLICY):
            if folder.is_dir() and candidate.is_file():
                return load_policy(candidate)
    return Policy()


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="lineage")
