"""GitHub Actions output of a check: annotations on stdout, a Markdown job summary.

GitHub's documented limits (docs.github.com, "Workflow commands for GitHub Actions" and
"Adding a job summary"), which this output keeps to:

- `::error file=F,line=L,title=T::message` and `::notice ...` are workflow commands read from
  stdout. Their message escapes `%`, CR and LF (%25, %0D, %0A); property values also escape
  `:` and `,` (%3A, %2C). Only 10 error and 10 notice annotations of a step are shown: a
  check prints at most MAX_ANNOTATIONS of each, the last one saying how many more there are
  and that the job summary lists them all.
- The job summary is Markdown appended to the file named by $GITHUB_STEP_SUMMARY; a step's
  summary holds at most 1 MiB (SUMMARY_LIMIT). Several checks may write to one step's
  summary (the README's workflow checks every changed text in one step): each one fits what
  it writes into what is left, cutting the list of changes, never a line in two.

Clause text is hostile input: in annotations control characters are shown as visible
stand-ins; in the summary `<`, `>`, `&` are HTML-escaped (GitHub renders a summary's HTML)
and table cells never hold a raw `|`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..model import Analysis
from ..safe_text import for_markup, github_data, github_property
from .policy import Verdict
from .report import Item, Row, counts_line, headline, items, rows, summary

#: GitHub shows 10 error and 10 notice annotations per step (and drops the rest).
MAX_ANNOTATIONS = 10
#: Bytes a step's job summary may hold: GitHub refuses a summary over 1 MiB.
SUMMARY_LIMIT = 1024 * 1024
#: The environment variable naming the step's summary file.
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def command(kind: str, path: str, line: int, title: str, message: str) -> str:
    """`::kind file=...,line=...,title=...::message`, escaped (`safe_text`'s GitHub escaping)."""
    return (
        f"::{kind} file={github_property(path)},line={line},title={github_property(title)}"
        f"::{github_data(message)}"
    )


def capped(lines: Sequence[str], more: str, path: str, kind: str) -> list[str]:
    """At most MAX_ANNOTATIONS commands: past the limit, the last one says how many more."""
    if len(lines) <= MAX_ANNOTATIONS:
        return list(lines)
    rest = len(lines) - (MAX_ANNOTATIONS - 1)
    return [
        *lines[: MAX_ANNOTATIONS - 1],
        command(
            kind,
            path,
            1,
            f"lineage: {rest} more {more}",
            f"{rest} more {more} not shown as annotations (GitHub shows "
            f"{MAX_ANNOTATIONS} per step): the job summary and "
            "`lineage check --format text` list them all",
        ),
    ]


def _error(item: Item, outcome_summary: str) -> str:
    lead = f"{outcome_summary}: " if outcome_summary else ""
    body = lead + item.message + (f"\n{item.diff}" if item.ops else "")
    return command("error", item.path, item.line, f"lineage: {item.rule}", body)


def _notice(row: Row) -> str:
    kinds = sorted({s.kind for s in row.change.substantive})
    title = f"lineage: {row.change.kind}" + (f", substantive ({', '.join(kinds)})" if kinds else "")
    body = "\n".join([row.label, *(f"substantive: {s}" for s in row.substantive), row.diff])
    return command("notice", row.path, row.line, title, body)


def render_github(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """Annotations for the log and the pull request, then the summary line. The Markdown
    job summary is `render_summary`'s; the command line appends it to $GITHUB_STEP_SUMMARY."""
    new = analysis.corpus.document(verdict.new_doc)
    errors = [
        _error(item, o.summary) for o in verdict.outcomes for item in items(verdict, analysis, o)
    ]
    changed = [
        r
        for r in rows(verdict, analysis)
        if r.change.kind in ("amended", "rewritten") or r.change.substantive
    ]
    # Substantive changes first: they are the ones a reviewer must not miss.
    changed.sort(key=lambda r: not r.change.substantive)
    notices = [_notice(r) for r in changed]
    lines = [
        *capped(errors, "violations", new.path, "error"),
        *capped(notices, "changed clauses", new.path, "notice"),
        summary(verdict),
    ]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Text for a Markdown table cell or line: HTML-escaped, no raw `|`, one line."""
    escaped = html.escape(for_markup(text), quote=False)
    return escaped.replace("|", "&#124;").replace("\r", " ").replace("\n", " ")


def markdown_diff(ops: Iterable[Sequence[Any]]) -> str:
    """A word diff as HTML that GitHub renders: <del> struck through, <ins> underlined."""
    out = []
    for op, text, *_ in ops:
        shown = markdown_text(text)
        out.append(
            shown if op == 0 else f"<del>{shown}</del>" if op == -1 else f"<ins>{shown}</ins>"
        )
    return "".join(out)


def summary_sections(
    verdict: Verdict, analysis: Analysis
) -> tuple[list[str], list[tuple[str, list[str], list[str]]]]:
    """(the head: verdict, counts and rules; sections (what, header lines, one line per
    violation or changed clause))."""
    mark = "✅ policy holds" if verdict.holds else "❌ policy broken"
    head = [
        f"### lineage check: {markdown_text(verdict.new_doc)}",
        "",
        f"**{mark}** · {markdown_text(headline(verdict).split(': ', 1)[1])}",
        "",
        f"Changes: {markdown_text(counts_line(verdict))}",
        "",
        "| rule | result | |",
        "|---|---|---|",
    ]
    for o in verdict.outcomes:
        result = "skipped" if o.skipped else "ok" if o.holds else "**FAIL**"
        head.append(f"| {markdown_text(o.name)} | {result} | {markdown_text(o.summary)} |")
    violations = [
        f"- `{markdown_text(f'{i.path}:{i.line}')}` {markdown_text(i.message)}"
        + (f"<br>{markdown_diff(i.ops)}" if i.ops else "")
        for o in verdict.outcomes
        for i in items(verdict, analysis, o)
    ]
    changed = []
    for r in rows(verdict, analysis):
        found = "".join(f"<br>⚠️ substantive: {markdown_text(s)}" for s in r.substantive)
        changed.append(
            f"| {r.change.kind} | {markdown_text(r.label)} | line {r.line} | "
            f"{markdown_diff(r.ops)}{found} |"
        )
    return head, [
        ("violations", ["", "#### Violations", ""], violations),
        (
            "changed clauses",
            [
                "",
                "#### Changed clauses",
                "",
                "| change | clause | where | diff |",
                "|---|---|---|---|",
            ],
            changed,
        ),
    ]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _tail(left: dict[str, int]) -> str:
    """The last line of a summary cut short: what was left out."""
    what = " and ".join(f"{n} more {name}" for name, n in left.items() if n)
    return (
        f"\n_{what} not shown (GitHub's job summary holds 1 MiB per step): see "
        "`lineage check --format json`._\n"
    )


def render_summary(verdict: Verdict, analysis: Analysis, budget: int = SUMMARY_LIMIT) -> str:
    """The Markdown job summary, at most `budget` bytes (UTF-8). When it would not fit, the
    lists of violations and changed clauses are cut short, whole lines only, and a last line
    says how many were left out."""
    head, sections = summary_sections(verdict, analysis)
    text = "\n".join(head) + "\n"
    left = {what: len(lines) for what, _, lines in sections}
    reserve = _size(_tail(left))  # the longest tail there can be
    whole = text + "".join(
        line + "\n" for _, header, lines in sections if lines for line in (*header, *lines)
    )
    if _size(whole) <= budget:
        return whole
    if _size(text) + reserve > budget:  # the step's summary is (nearly) full already
        short = (
            f"lineage check: {markdown_text(summary(verdict))} (the rest left out: the "
            "step's job summary is full)\n"
        )
        return short if _size(short) <= budget else ""
    out, used = [text], _size(text)
    for what, header, lines in sections:
        if not lines:
            continue
        block = "".join(line + "\n" for line in header)
        if used + _size(block) + reserve > budget:
            break
        out.append(block)
        used += _size(block)
        for line in lines:
            if used + _size(line) + 1 + reserve > budget:
                return "".join(out) + _tail(left)
            out.append(line + "\n")
            used += _size(line) + 1
            left[what] -= 1
    return "".join(out) + _tail(left)


def write_summary(
    verdict: Verdict, analysis: Analysis, environ: dict[str, str] | None = None
) -> bool:
    """Append the job summary to $GITHUB_STEP_SUMMARY when it is set; whether it was."""
    name = (environ if environ is not None else os.environ).get(SUMMARY_ENV)
    if not name:
        return False
    path = Path(name)
    used = path.stat().st_size if path.is_file() else 0
    text = render_summary(verdict, analysis, max(0, SUMMARY_LIMIT - used - 1))
    if text:
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(text + "\n")
    return True
