"""Reporters for a check's Verdict: `--format NAME` picks one from FORMATS.

Like coverage.py's reporters, every format iterates the same view models: `items`, one Item
per violation (the clause, the relation found, a word diff, the file and line to point at),
and `rows`, one Row per changed clause (what the analysis decided in `Verdict.changes`, with
its word diff and where it stands). Each reporter only lays Items and Rows out; GitHub's
annotations and job summary are in `github.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..model import Analysis, Document
from ..report.terminal import BOLD, GREEN, RED, paint, render_ops
from ..safe_text import for_markup, for_terminal, neutral_lines
from .changes import Change
from .policy import Outcome, Verdict, Violation, counterparts

SCHEMA = "lineage-check/1"


@dataclass(frozen=True)
class Shown:
    """Words to show with their diff, and the line of the new text to point at."""

    ops: tuple[tuple[Any, str], ...]
    path: str
    line: int

    @property
    def diff(self) -> str:
        return render_ops(self.ops)


@dataclass(frozen=True)
class Item(Shown):
    """One violation, ready to show: the words concerned, their diff, where to point."""

    rule: str = ""
    message: str = ""
    clause: str | None = None
    counterpart: str | None = None
    relation: str | None = None


def items(verdict: Verdict, analysis: Analysis, outcome: Outcome) -> Iterator[Item]:
    """The Items of one rule's outcome, in the order the policy evaluation gave them."""
    new = analysis.corpus.document(verdict.new_doc)
    base = analysis.corpus.document(verdict.base_doc) if verdict.base_doc else None
    pairs = counterparts(analysis, base.id, new.id) if outcome.violations and base else {}
    for violation in outcome.violations:
        yield Item(
            _ops(violation, analysis, new),
            new.path,
            _line(violation, analysis, base, new, pairs),
            rule=violation.rule,
            message=violation.message,
            clause=violation.clause,
            counterpart=violation.counterpart,
            relation=violation.relation,
        )


def _ops(violation: Violation, analysis: Analysis, new: Document) -> tuple[tuple[Any, str], ...]:
    """The word diff of the clause into its counterpart (all deleted, or all inserted)."""
    if violation.clause is None:
        return ()
    clause = analysis.clause(violation.clause)
    if violation.counterpart is not None:
        from ..report.diff import word_diff

        return tuple(
            (op, text)
            for op, text, *_ in word_diff(clause.text, analysis.clause(violation.counterpart).text)
        )
    return ((1 if clause.doc_id == new.id else -1, clause.text),)


def _line(
    violation: Violation,
    analysis: Analysis,
    base: Document | None,
    new: Document,
    pairs: dict[str, list[tuple[str, str]]],
) -> int:
    """The line of the new text to point at: the clause itself, its counterpart, or for a
    dropped clause the new clause that follows what preceded it."""
    if violation.counterpart is not None:
        return analysis.clause(violation.counterpart).line
    if violation.clause is not None and violation.clause.startswith(f"{new.id}/"):
        return analysis.clause(violation.clause).line
    if violation.clause is not None and new.clauses:
        uids = [c.uid for c in base.clauses] if base is not None else []
        if violation.clause in uids:
            for earlier in reversed(uids[: uids.index(violation.clause)]):
                if earlier in pairs:
                    return max(analysis.clause(u).line for u, _ in pairs[earlier])
        return new.clauses[0].line
    return 1


#: Characters of a new or dropped clause shown in a text report (its diff is all of it).
SHOWN_CHARS = 240


@dataclass(frozen=True)
class Row(Shown):
    """One clause's change, ready to show: what the analysis decided, the word diff (base
    into new; for a borrowed clause, its source into it), and the line of the new text."""

    change: Change = Change("")
    label: str = ""

    @property
    def substantive(self) -> tuple[str, ...]:
        return tuple(s.describe() for s in self.change.substantive)


def rows(verdict: Verdict, analysis: Analysis, carried: bool = False) -> Iterator[Row]:
    """A Row per change in the order of Verdict.changes (carried clauses only if asked)."""
    new = analysis.corpus.document(verdict.new_doc)
    base = analysis.corpus.document(verdict.base_doc) if verdict.base_doc else None
    pairs = counterparts(analysis, base.id, new.id) if base is not None else {}
    for change in verdict.changes.items:
        if change.kind == "carried" and not carried:
            continue
        point = Violation("", "", clause=change.base or change.clause, counterpart=change.clause)
        yield Row(
            _change_ops(change, analysis),
            new.path,
            _line(point, analysis, base, new, pairs),
            change=change,
            label=_label(change),
        )


def _label(change: Change) -> str:
    """Which clause, from where: "O6 <- unga-res-80-78/O6 (minor)"."""
    if change.kind == "dropped":
        return f"{change.base}"
    mine = (change.clause or "").rsplit("/", 1)[-1]
    if change.kind == "borrowed":
        return f"{mine} <- {change.source} ({change.source_relation}, another document)"
    if change.base is not None:
        return f"{mine} <- {change.base} ({change.relation})"
    return mine


def _change_ops(change: Change, analysis: Analysis) -> tuple[tuple[Any, str], ...]:
    """The word diff of a change: from its base (or source) clause into the new clause."""
    origin = change.base if change.kind != "borrowed" else change.source
    if origin is not None and change.clause is not None:
        return _diff(analysis.clause(origin).text, analysis.clause(change.clause).text)
    if change.clause is not None:
        return ((1, analysis.clause(change.clause).text),)
    return ((-1, analysis.clause(change.base or "").text),)


def _diff(a: str, b: str) -> tuple[tuple[Any, str], ...]:
    from ..report.diff import word_diff

    return tuple((op, text) for op, text, *_ in word_diff(a, b))


def counts_line(verdict: Verdict) -> str:
    """The counts of every kind of change, and of substantive changes, on one line."""
    counts = ", ".join(f"{n} {kind}" for kind, n in verdict.changes.counts().items())
    return f"{counts}; {len(verdict.changes.substantive)} changed in substance"


def summary(verdict: Verdict) -> str:
    """One line: holds or broken, against what, and the counts."""
    n = len(verdict.violations)
    status = (
        "policy holds"
        if verdict.holds
        else (f"policy broken: {n} violation{'' if n == 1 else 's'}")
    )
    against = (
        f"against {verdict.base_doc}" if verdict.base_doc else "no previous version in the corpus"
    )
    return f"{status} ({verdict.new_doc} {against}: {counts_line(verdict)})"


def headline(verdict: Verdict) -> str:
    """What was compared with what, and why."""
    against = verdict.base_doc or "nothing: no previous version in the corpus"
    line = f"lineage check: {verdict.new_doc} against {against}"
    return line + (f"\n  ({verdict.note})" if verdict.note else "")


def render_text(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """For people: every rule with ok/FAIL, each violation with its diff, then every changed
    clause with its word diff and substantive changes, and a summary line. Document text is
    made safe for a terminal (`safe_text`)."""
    lines = [paint(for_terminal(headline(verdict).split("\n")[0]), BOLD, color)]
    if verdict.note:
        lines.append(f"  ({for_terminal(verdict.note)})")
    for outcome in verdict.outcomes:
        if outcome.skipped:
            lines.append(f"skip {for_terminal(outcome.name)}: {for_terminal(outcome.summary)}")
            continue
        mark = paint("ok  ", GREEN, color) if outcome.holds else paint("FAIL", RED, color)
        lines.append(f"{mark} {for_terminal(outcome.name)}")
        if outcome.summary and not outcome.holds:
            lines.append(f"     {for_terminal(outcome.summary)}")
        for item in items(verdict, analysis, outcome):
            lines.append(f"     {for_terminal(f'{item.path}:{item.line}: {item.message}')}")
            if item.ops:
                lines.append(f"       {render_ops(item.ops, color)}")
    lines.append(f"changes: {counts_line(verdict)}")
    for row in rows(verdict, analysis):
        where = for_terminal(f"{row.path}:{row.line}: {row.label}")
        lines.append(f"  {row.change.kind:<9} {where}")
        for found in row.substantive:
            lines.append(f"            substantive: {for_terminal(found)}")
        shown = row.ops
        if row.change.kind in ("new", "dropped"):
            op, text = row.ops[0]
            shown = ((op, text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."),)
        lines.append(f"            {render_ops(shown, color)}")
    lines.append(for_terminal(summary(verdict)))
    return neutral_lines("\n".join(lines) + "\n")


def change_data(row: Row) -> dict[str, Any]:
    """One change as JSON data."""
    c = row.change
    return {
        "kind": c.kind,
        "base": c.base,
        "clause": c.clause,
        "relation": c.relation,
        "source": c.source,
        "source_relation": c.source_relation,
        "part": c.part,
        "substantive": [
            {"kind": s.kind, "before": list(s.before), "after": list(s.after)}
            for s in c.substantive
        ],
        "diff": row.diff,
        "path": row.path,
        "line": row.line,
    }


def render_json(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """For programs: stable keys, a schema name, deterministic. Fields are only added:
    `counts`, `changes`, `substantive`, `note`, a rule's `skipped`; `base` is null when the
    new text has no previous version."""
    rules = []
    for outcome in verdict.outcomes:
        rules.append(
            {
                "name": outcome.name,
                "holds": outcome.holds,
                "summary": outcome.summary,
                "skipped": outcome.skipped,
                "violations": [
                    {
                        "message": i.message,
                        "clause": i.clause,
                        "counterpart": i.counterpart,
                        "relation": i.relation,
                        "diff": i.diff,
                        "path": i.path,
                        "line": i.line,
                    }
                    for i in items(verdict, analysis, outcome)
                ],
            }
        )
    data = {
        "schema": SCHEMA,
        "holds": verdict.holds,
        "new": verdict.new_doc,
        "base": verdict.base_doc,
        "note": verdict.note,
        "dropped": list(verdict.dropped),
        "new_clauses": list(verdict.added),
        "rewritten": list(verdict.rewritten),
        "counts": verdict.changes.counts(),
        "substantive": [c.clause or c.base for c in verdict.changes.substantive],
        "changes": [change_data(r) for r in rows(verdict, analysis, carried=True)],
        "rules": rules,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_junit(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """For CI test tabs: each rule a <testcase>, violations as its <failure>, rules not
    judged as <skipped>; the changes in <system-out>."""
    failures = sum(1 for o in verdict.outcomes if not o.holds)
    skipped = sum(1 for o in verdict.outcomes if o.skipped)
    tests = str(len(verdict.outcomes))
    suites = etree.Element(
        "testsuites", name="lineage check", tests=tests, failures=str(failures), errors="0"
    )
    suite = etree.SubElement(
        suites,
        "testsuite",
        name=f"lineage check {verdict.new_doc}",
        tests=tests,
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
        time="0",
    )
    props = etree.SubElement(suite, "properties")
    for name, value in (("new", verdict.new_doc), ("base", verdict.base_doc or "")):
        etree.SubElement(props, "property", name=name, value=value)
    for outcome in verdict.outcomes:
        case = etree.SubElement(
            suite,
            "testcase",
            name=for_markup(outcome.name),
            classname=f"lineage.check.{verdict.new_doc}",
            time="0",
        )
        if outcome.skipped:
            etree.SubElement(case, "skipped", message=for_markup(outcome.summary))
        found = list(items(verdict, analysis, outcome))
        if found:
            message = outcome.summary or found[0].message
            failure = etree.SubElement(
                case, "failure", message=for_markup(message), type="PolicyViolation"
            )
            failure.text = for_markup(
                "\n".join(f"{i.path}:{i.line}: {i.message}\n  {i.diff}" for i in found) + "\n"
            )
    changed = [f"{r.change.kind} {r.label}: {r.diff}" for r in rows(verdict, analysis)]
    out = "\n".join([*changed, summary(verdict)]) + "\n"
    etree.SubElement(suite, "system-out").text = for_markup(out)
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode(
        "utf-8"
    )
