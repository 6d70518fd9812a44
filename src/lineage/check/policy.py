"""Check policies: which clauses a new text must keep, and how much it may change.

A policy is read from a TOML file (`lineage.toml` beside the texts by default). `evaluate` is a
pure function over an analysed corpus, like coverage.py's fail-under check: it reads what
changed from the base (the new text's previous version) to the new text (`changes.compare`)
and returns a Verdict; it prints nothing and knows nothing about the command line or output
formats.

Limits, relative to the base (see `changes` for the kinds): max_dropped counts dropped base
clauses; max_new the new text's clauses with no counterpart in the base (new and borrowed);
max_rewritten base clauses whose closest counterpart is major, partial or paraphrase;
max_borrowed borrowed clauses; max_substantive clauses with a substantive change. Without a
base (the new text starts a series) limits are not judged: the Outcome is `skipped`.
A protected clause "survives" when it has a link of any relation into the new text (a
partial link counts: a split or a merge keeps the words); "verbatim" requires a verbatim link;
"no-substantive" survival and no substantive change. `min_relation` on a rule asks for
something in between, e.g. "minor". A protected text names the base clauses whose normalised
text contains it (or nearly: a fuzzy match); under survive and verbatim it is kept while its
words, normalised, still stand in a clause of the new text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from ..clean.normalize import normalize
from ..errors import InputError, toml_error
from ..model import RELATIONS, Analysis, Clause, Document
from ..model import relation_rank as rank
from .changes import REWRITTEN, Change, Changes, best, compare
from .changes import counterparts as counterparts_of

__all__ = ["REWRITTEN", "best", "counterparts", "evaluate", "load_policy", "parse_policy"]

#: Each rule's loosest relation; no-substantive also wants no substantive change.
RULES: dict[str, str] = {
    "survive": RELATIONS[-1],
    "verbatim": RELATIONS[0],
    "no-substantive": RELATIONS[-1],
}
LIMITS: tuple[str, ...] = (
    "max_dropped",
    "max_new",
    "max_rewritten",
    "max_borrowed",
    "max_substantive",
)
#: How close (rapidfuzz partial_ratio, 0-100) a protected text must be to a clause to name it.
FUZZY_THRESHOLD = 90.0


@dataclass(frozen=True)
class Protect:
    """One protected clause, named by its text, its family id or its clause uid."""

    text: str | None = None
    family: str | None = None
    clause: str | None = None
    rule: str = "survive"
    min_relation: str | None = None
    line: int = 0

    @property
    def relation(self) -> str:
        """The loosest relation that still keeps this rule."""
        return self.min_relation or RULES[self.rule]

    @property
    def name(self) -> str:
        """A short, stable label for reports (JUnit test names, annotations)."""
        if self.text is not None:
            shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
            target = f'text "{shown}"'
        elif self.family is not None:
            target = f"family {self.family}"
        else:
            target = f"clause {self.clause}"
        wanted = self.rule if self.min_relation is None else f"{self.rule}/{self.min_relation}"
        return f"protect {target} ({wanted})"


@dataclass(frozen=True)
class Limits:
    """Upper bounds on change relative to the base; None means no limit."""

    max_dropped: int | None = None
    max_new: int | None = None
    max_rewritten: int | None = None
    max_borrowed: int | None = None
    max_substantive: int | None = None


@dataclass(frozen=True)
class Policy:
    """What a new text must keep and how much it may change."""

    limits: Limits = field(default_factory=Limits)
    protect: tuple[Protect, ...] = ()
    path: str = ""

    def needs_families(self, base: Document | None, stands_for: str = "") -> bool:
        """Whether judging the rules against base needs the corpus's families (an analysis of
        the whole corpus): a family rule does; a clause rule only when its clause is not one
        of the base's own (its family then names the base clauses it stands for); without a
        base neither is judged. (`stands_for`: the corpus id a base from git is a version of.)"""
        if base is None:
            return False
        own = {c.uid for c in base.clauses}
        return any(
            r.family is not None
            or (r.clause is not None and _renamed(r.clause, stands_for, base.id) not in own)
            for r in self.protect
        )

    def with_protected(self, texts: Iterable[str], rule: str = "survive") -> Policy:
        """This policy plus rules given on the command line (`--protect TEXT`)."""
        extra = tuple(Protect(text=t, rule=rule) for t in texts)
        return Policy(self.limits, self.protect + extra, self.path)


@dataclass(frozen=True)
class Violation:
    """One way the new text breaks the policy.

    `clause` is the base clause concerned (or, for `max_new`, the new clause); `counterpart`
    the clause of the new text it was linked to, with the `relation` found (None: no link).
    """

    rule: str
    message: str
    clause: str | None = None
    counterpart: str | None = None
    relation: str | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of one rule of the policy: every rule is reported, kept or broken."""

    name: str
    violations: tuple[Violation, ...] = ()
    summary: str = ""
    #: Not judged (no previous version to judge it against); `summary` says why.
    skipped: bool = False

    @property
    def holds(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class Verdict:
    """The result of a check: one Outcome per rule, and the counts the limits are about."""

    new_doc: str
    base_doc: str | None
    outcomes: tuple[Outcome, ...]
    dropped: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    rewritten: tuple[str, ...] = ()
    changes: Changes = field(default_factory=lambda: Changes(()))
    #: How the base was chosen, or why there is none (for people).
    note: str = ""

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(v for o in self.outcomes for v in o.violations)

    @property
    def holds(self) -> bool:
        return all(o.holds for o in self.outcomes)


# -- reading -------------------------------------------------------------------------------


def load_policy(path: Path) -> Policy:
    """Read a policy file; every mistake is an InputError naming the file and the line."""
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")  # a BOM (Windows editors) is no error
    except FileNotFoundError:
        raise InputError(
            "policy file not found",
            path=str(path),
            hint="write one (see docs/cli.md) or pass --policy FILE",
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"policy file is not UTF-8 text (byte {exc.start})", path=str(path)
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read policy file: {exc.strerror}", path=str(path)) from None
    return parse_policy(raw, str(path))


def parse_policy(raw: str, path: str = "<policy>") -> Policy:
    """Parse policy TOML text (see the module docstring for its meaning)."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_error(exc)
        raise InputError(f"not valid TOML: {message}", path=path, line=line) from None
    unknown = sorted(set(data) - {"limits", "protect"})
    if unknown:
        raise InputError(
            f"unknown section or key {unknown[0]!r}",
            path=path,
            line=_line_of(raw, unknown[0]),
            hint="expected [limits] and [[protect]] tables",
        )
    return Policy(
        _limits(data.get("limits", {}), raw, path),
        _protects(data.get("protect", []), raw, path),
        path,
    )


def _limits(table: object, raw: str, path: str) -> Limits:
    if not isinstance(table, dict):
        raise InputError("[limits] must be a table", path=path, line=_line_of(raw, "limits"))
    values: dict[str, int] = {}
    for key, value in table.items():
        line = _line_of(raw, key)
        if key not in LIMITS:
            raise InputError(
                f"unknown limit {key!r}",
                path=path,
                line=line,
                hint="known limits: " + ", ".join(LIMITS),
            )
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(
                f"{key} must be a whole number >= 0, not {value!r}", path=path, line=line
            )
        values[key] = value
    return Limits(**values)


def _protects(items: object, raw: str, path: str) -> tuple[Protect, ...]:
    if not isinstance(items, list):
        raise InputError(
            "protect must be an array of tables: [[protect]]",
            path=path,
            line=_line_of(raw, "protect"),
        )
    headers = [
        n
        for n, text in enumerate(raw.splitlines(), 1)
        if re.match(r"\s*\[\[\s*protect\s*\]\]", text)
    ]
    rules = []
    for number, item in enumerate(items):
        line = headers[number] if number < len(headers) else 0
        rules.append(_protect(item, line, path))
    return tuple(rules)


def _protect(item: object, line: int, path: str) -> Protect:
    if not isinstance(item, dict):
        raise InputError("each [[protect]] entry must be a table", path=path, line=line)
    unknown = sorted(set(item) - {"text", "family", "clause", "rule", "min_relation"})
    if unknown:
        raise InputError(
            f"unknown key {unknown[0]!r} in [[protect]]",
            path=path,
            line=line,
            hint="keys: text, family, clause, rule, min_relation",
        )
    named = [k for k in ("text", "family", "clause") if k in item]
    if len(named) != 1:
        raise InputError(
            "each [[protect]] names exactly one of text, family or clause", path=path, line=line
        )
    for key in (*named, "rule", "min_relation"):
        if key in item and (not isinstance(item[key], str) or not item[key].strip()):
            raise InputError(f"{key} must be a non-empty string", path=path, line=line)
    rule = item.get("rule", "survive")
    if rule not in RULES:
        raise InputError(
            f"unknown rule {rule!r}",
            path=path,
            line=line,
            hint='use "survive", "verbatim" or "no-substantive"',
        )
    min_relation = item.get("min_relation")
    if min_relation is not None and min_relation not in RELATIONS:
        raise InputError(
            f"unknown relation {min_relation!r}",
            path=path,
            line=line,
            hint="one of " + ", ".join(RELATIONS),
        )
    return Protect(
        text=item.get("text"),
        family=item.get("family"),
        clause=item.get("clause"),
        rule=rule,
        min_relation=min_relation,
        line=line,
    )


def _line_of(raw: str, key: str) -> int | None:
    """The first line that defines `key` (a key = or a [table] header), for error messages."""
    pattern = re.compile(rf"^\s*(\[+\s*{re.escape(key)}\s*\]+|{re.escape(key)}\s*=)")
    for number, text in enumerate(raw.splitlines(), 1):
        if pattern.match(text):
            return number
    return None


# -- evaluating ----------------------------------------------------------------------------


def evaluate(
    policy: Policy,
    analysis: Analysis,
    new_doc_id: str,
    base_doc_id: str | None,
    note: str = "",
    stands_for: str = "",
) -> Verdict:
    """Judge the new document against its base under the policy. Pure: no I/O.

    base_doc_id None: the new text has no previous version; the limits are then not judged
    (there is nothing to count change against) and protected texts must stand in it.
    stands_for: the corpus document the base is a version of (a base read from git,
    `<id>@<rev>`, stands for `<id>`): family and clause rules name its clauses by that id."""
    new = analysis.corpus.document(new_doc_id)
    base = analysis.corpus.document(base_doc_id) if base_doc_id is not None else None
    changes = compare(analysis, new, base)
    dropped = tuple(c.base or "" for c in changes.of_kind("dropped"))
    added = tuple(c.clause or "" for c in changes.items if c.kind in ("new", "borrowed"))
    rewritten = tuple(c.base or "" for c in changes.of_kind("rewritten"))
    pairs = counterparts_of(analysis.links, base, new) if base is not None else {}
    if base is not None and stands_for:
        analysis = _as_base(analysis, stands_for, base.id)
    outcomes = [
        _protect_outcome(rule, analysis, base, new, pairs, changes, stands_for)
        for rule in policy.protect
    ]
    outcomes += _limit_outcomes(policy.limits, base, changes, pairs)
    return Verdict(
        new.id,
        base.id if base is not None else None,
        tuple(outcomes),
        dropped,
        added,
        rewritten,
        changes,
        note,
    )


def _counted(changes: Changes) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(limit, what, clause uids) for every limit: what each one counts."""
    substantive = tuple(c.clause or c.base or "" for c in changes.substantive)
    return (
        ("max_dropped", "dropped", tuple(c.base or "" for c in changes.of_kind("dropped"))),
        (
            "max_new",
            "new",
            tuple(c.clause or "" for c in changes.items if c.kind in ("new", "borrowed")),
        ),
        ("max_rewritten", "rewritten", tuple(c.base or "" for c in changes.of_kind("rewritten"))),
        ("max_borrowed", "borrowed", tuple(c.clause or "" for c in changes.of_kind("borrowed"))),
        ("max_substantive", "changed in substance", substantive),
    )


def _limit_outcomes(
    limits: Limits, base: Document | None, changes: Changes, pairs: dict[str, list[tuple[str, str]]]
) -> list[Outcome]:
    """One Outcome per limit set: its count, and a violation per clause when it is over."""
    outcomes = []
    by_uid = {u: c for c in changes.items for u in (c.base, c.clause) if u}
    for name, what, uids in _counted(changes):
        limit = getattr(limits, name)
        if limit is None:
            continue
        if base is None:
            outcomes.append(
                Outcome(
                    f"{name} = {limit}",
                    summary="not judged: no previous version to count change against",
                    skipped=True,
                )
            )
            continue
        violations = []
        if len(uids) > limit:
            violations = [_limit_violation(name, what, uid, by_uid[uid], pairs) for uid in uids]
        plural = "" if len(uids) == 1 else "s"
        summary = f"{len(uids)} clause{plural} {what} relative to {base.id}, limit {limit}"
        outcomes.append(Outcome(f"{name} = {limit}", tuple(violations), summary))
    return outcomes


def _limit_violation(
    name: str, what: str, uid: str, change: Change, pairs: dict[str, list[tuple[str, str]]]
) -> Violation:
    """One clause over a limit: the base clause and its counterpart where there is one."""
    if change.base is not None and change.base in pairs:
        counterpart, relation = change.clause, change.relation
        found = f" ({relation} in {counterpart})"
        if change.substantive:
            found += ": " + "; ".join(s.describe() for s in change.substantive)
        return Violation(
            name,
            f"{change.base} {what}{found}",
            clause=change.base,
            counterpart=counterpart,
            relation=relation,
        )
    found = f" (borrowed from {change.source})" if change.kind == "borrowed" else ""
    return Violation(name, f"{uid} {what}{found}", clause=uid)


def counterparts(analysis: Analysis, a_id: str, b_id: str) -> dict[str, list[tuple[str, str]]]:
    """Clause uid of a -> [(clause uid of b, relation)], whatever the direction of the links."""
    return counterparts_of(
        analysis.links, analysis.corpus.document(a_id), analysis.corpus.document(b_id)
    )


def _as_base(analysis: Analysis, stands_for: str, base_id: str) -> Analysis:
    """The analysis with the families' clauses of document stands_for named as the base's."""
    families = tuple(
        replace(f, clauses=tuple(_renamed(u, stands_for, base_id) for u in f.clauses))
        for f in analysis.families
    )
    return replace(analysis, families=families)


def _renamed(uid: str, doc_id: str, other: str) -> str:
    """A clause uid of document doc_id as the same clause of document other."""
    return other + uid[len(doc_id) :] if doc_id and uid.startswith(f"{doc_id}/") else uid


def _protect_outcome(
    rule: Protect,
    analysis: Analysis,
    base: Document | None,
    new: Document,
    pairs: dict[str, list[tuple[str, str]]],
    changes: Changes,
    stands_for: str = "",
) -> Outcome:
    """Check one protected clause: every base clause it names must keep a close enough link
    (and, under no-substantive, no substantive change)."""
    if base is None:
        return _protect_without_base(rule, new)
    protected = _protected(rule, analysis, base, new, stands_for)
    if isinstance(protected, Outcome):
        return protected
    violations = []
    for clause in protected:
        violation = _judge(rule, clause, pairs.get(clause.uid, []), changes)
        if violation is not None:
            violations.append(violation)
    return Outcome(rule.name, tuple(violations))


def _protect_without_base(rule: Protect, new: Document) -> Outcome:
    """Without a previous version a protected text must stand in the new text; a family or
    a clause names base clauses, so its rule cannot be judged."""
    if rule.text is None:
        return Outcome(rule.name, summary="not judged: no previous version", skipped=True)
    if _matching(rule.text, new.clauses, fuzzy=False):
        return Outcome(rule.name)
    return Outcome(
        rule.name,
        (
            Violation(
                rule.name, f"protected text is not in {new.id} (which has no previous version)"
            ),
        ),
    )


def _protected(
    rule: Protect, analysis: Analysis, base: Document, new: Document, stands_for: str = ""
) -> list[Clause] | Outcome:
    """The base clauses a rule names, or its Outcome when that alone decides it."""
    if rule.text is not None:
        protected = _matching(rule.text, base.clauses)
        # The protected words, normalised, in a clause of the new text: enough for every rule
        # but no-substantive (what happens around them is the limits' business).
        if rule.rule != "no-substantive" and _matching(rule.text, new.clauses, fuzzy=False):
            return Outcome(rule.name)
        if not protected:
            if _matching(rule.text, new.clauses, fuzzy=False):
                return Outcome(rule.name)
            return Outcome(
                rule.name,
                (Violation(rule.name, f"protected text is in neither {base.id} nor {new.id}"),),
            )
        return protected
    if rule.family is not None:
        family = next((f for f in analysis.families if f.id == rule.family), None)
        if family is None:
            return Outcome(rule.name, (Violation(rule.name, f"no family {rule.family}"),))
        members = set(family.clauses)
        protected = [c for c in base.clauses if c.uid in members]
        if not protected:
            return Outcome(
                rule.name,
                (Violation(rule.name, f"family {rule.family} has no clause in {base.id}"),),
            )
        return protected
    protected = _named_clause(_renamed(rule.clause or "", stands_for, base.id), analysis, base)
    if not protected:
        return Outcome(
            rule.name,
            (Violation(rule.name, f"{rule.clause} names no clause of {base.id} or its family"),),
        )
    return protected


def _judge(
    rule: Protect, clause: Clause, links: Sequence[tuple[str, str]], changes: Changes
) -> Violation | None:
    """The violation of one protected base clause, if any."""
    if not links:
        return Violation(
            rule.name, f"protected clause {_named(clause)} was dropped", clause=clause.uid
        )
    counterpart, relation = best(links)
    if rank(relation) > rank(rule.relation):
        return Violation(
            rule.name,
            f"protected clause {_named(clause)} is only {relation} in "
            f"{counterpart}; the rule wants {rule.relation}",
            clause=clause.uid,
            counterpart=counterpart,
            relation=relation,
        )
    change = changes.by_base(clause.uid)
    if rule.rule == "no-substantive" and change is not None and change.substantive:
        return Violation(
            rule.name,
            f"protected clause {_named(clause)} changed in substance in {counterpart}: "
            + "; ".join(s.describe() for s in change.substantive),
            clause=clause.uid,
            counterpart=counterpart,
            relation=relation,
        )
    return None


def _named(clause: Clause) -> str:
    """uid and printed label ("O3 (3.)"), the label left out when it is only a bullet."""
    label = clause.label.strip()
    return f"{clause.uid} ({label})" if label.strip("-•*–— ") else clause.uid


def _named_clause(uid: str, analysis: Analysis, base: Document) -> list[Clause]:
    """A base clause by uid, or, for a clause of another document, its family's base clauses."""
    if any(c.uid == uid for c in base.clauses):
        return [c for c in base.clauses if c.uid == uid]
    families = [f for f in analysis.families if uid in f.clauses]
    members = {u for f in families for u in f.clauses}
    return [c for c in base.clauses if c.uid in members]


def _matching(text: str, clauses: Sequence[Clause], fuzzy: bool = True) -> list[Clause]:
    """Clauses whose normalised text contains the normalised text (or nearly, if fuzzy)."""
    wanted = normalize(text)
    if not wanted:
        return []
    found = [c for c in clauses if f" {wanted} " in f" {c.norm} "]
    if found or not fuzzy:
        return found
    return [
        c
        for c in clauses
        if len(c.norm) >= len(wanted) * 0.8
        and fuzz.partial_ratio(wanted, c.norm) >= FUZZY_THRESHOLD
    ]
