"""Reporters for a check's Verdict: `--format NAME` picks one from FORMATS.

Like coverage.py's reporters, every format iterates the same view model (`items`): one Item
per violation, with the clause, the relation found, a word diff, and the file and line to point
at. Each reporter only lays Items out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..model import Analysis, Document
from ..report.terminal import BOLD, GREEN, RED, paint, render_ops
from ..safe_text import for_markup, for_terminal, github_data, github_property, neutral_lines
from .policy import Outcome, Verdict, Violation, counterparts

SCHEMA = "lineage-check/1"


@dataclass(frozen=True)
class Item:
    """One violation, ready to show: the words concerned, their diff, where to point."""

    rule: str
    message: str
    clause: str | None
    counterpart: str | None
    relation: str | None
    ops: tuple[tuple[Any, str], ...]
    path: str
    line: int

    @property
    def diff(self) -> str:
        return render_ops(self.ops)


def items(verdict: Verdict, analysis: Analysis, outcome: Outcome) -> Iterator[Item]:
    """The Items of one rule's outcome, in the order the policy evaluation gave them."""
    new = analysis.corpus.document(verdict.new_doc)
    base = analysis.corpus.document(verdict.base_doc)
    pairs = counterparts(analysis, base.id, new.id) if outcome.violations else {}
    for violation in outcome.violations:
        yield Item(
            violation.rule,
            violation.message,
            violation.clause,
            violation.counterpart,
            violation.relation,
            _ops(violation, analysis, new),
            new.path,
            _line(violation, analysis, base, new, pairs),
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
    base: Document,
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
        uids = [c.uid for c in base.clauses]
        if violation.clause in uids:
            for earlier in reversed(uids[: uids.index(violation.clause)]):
                if earlier in pairs:
                    return max(analysis.clause(u).line for u, _ in pairs[earlier])
        return new.clauses[0].line
    return 1


def summary(verdict: Verdict) -> str:
    """One line: holds or broken, and the counts relative to the base."""
    status = (
        "policy holds"
        if verdict.holds
        else (
            f"policy broken: {len(verdict.violations)} violation"
            f"{'' if len(verdict.violations) == 1 else 's'}"
        )
    )
    return (
        f"{status} ({verdict.new_doc} against {verdict.base_doc}: "
        f"{len(verdict.dropped)} dropped, {len(verdict.added)} new, "
        f"{len(verdict.rewritten)} rewritten)"
    )


def render_text(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """For people: every rule with ok/FAIL, each violation with its diff, a summary line."""
    lines = [paint(f"lineage check: {verdict.new_doc} against {verdict.base_doc}", BOLD, color)]
    for outcome in verdict.outcomes:
        mark = paint("ok  ", GREEN, color) if outcome.holds else paint("FAIL", RED, color)
        lines.append(f"{mark} {for_terminal(outcome.name)}")
        if outcome.summary and not outcome.holds:
            lines.append(f"     {for_terminal(outcome.summary)}")
        for item in items(verdict, analysis, outcome):
            lines.append(f"     {for_terminal(f'{item.path}:{item.line}: {item.message}')}")
            if item.ops:
                lines.append(f"       {render_ops(item.ops, color)}")
    lines.append(summary(verdict))
    return neutral_lines("\n".join(lines) + "\n")


def render_json(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """For programs: stable keys, a schema name, sorted and deterministic."""
    rules = []
    for outcome in verdict.outcomes:
        rules.append(
            {
                "name": outcome.name,
                "holds": outcome.holds,
                "summary": outcome.summary,
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
        "dropped": list(verdict.dropped),
        "new_clauses": list(verdict.added),
        "rewritten": list(verdict.rewritten),
        "rules": rules,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_junit(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """For CI test tabs: each rule a <testcase>, violations as its <failure>."""
    failures = sum(1 for o in verdict.outcomes if not o.holds)
    suites = etree.Element(
        "testsuites",
        name="lineage check",
        tests=str(len(verdict.outcomes)),
        failures=str(failures),
        errors="0",
    )
    suite = etree.SubElement(
        suites,
        "testsuite",
        name=f"lineage check {verdict.new_doc}",
        tests=str(len(verdict.outcomes)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time="0",
    )
    props = etree.SubElement(suite, "properties")
    for name, value in (("new", verdict.new_doc), ("base", verdict.base_doc)):
        etree.SubElement(props, "property", name=name, value=value)
    for outcome in verdict.outcomes:
        case = etree.SubElement(
            suite,
            "testcase",
            name=for_markup(outcome.name),
            classname=f"lineage.check.{verdict.new_doc}",
            time="0",
        )
        found = list(items(verdict, analysis, outcome))
        if found:
            message = outcome.summary or found[0].message
            failure = etree.SubElement(
                case, "failure", message=for_markup(message), type="PolicyViolation"
            )
            failure.text = for_markup(
                "\n".join(f"{i.path}:{i.line}: {i.message}\n  {i.diff}" for i in found) + "\n"
            )
    etree.SubElement(suite, "system-out").text = summary(verdict) + "\n"
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode(
        "utf-8"
    )


def render_github(verdict: Verdict, analysis: Analysis, color: bool = False) -> str:
    """GitHub Actions annotations: `::error file=...,line=...::message`, then a summary."""
    lines = []
    for outcome in verdict.outcomes:
        for item in items(verdict, analysis, outcome):
            lead = f"{outcome.summary}: " if outcome.summary else ""
            body = lead + item.message + (f"\n{item.diff}" if item.ops else "")
            lines.append(
                f"::error file={github_property(item.path)},line={item.line},"
                f"title={github_property('lineage: ' + item.rule)}::{github_data(body)}"
            )
    lines.append(summary(verdict))
    return "\n".join(lines) + "\n"


Reporter = Callable[[Verdict, Analysis, bool], str]
FORMATS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "github": render_github,
}
