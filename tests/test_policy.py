"""Policy files and the pure evaluation of a policy over an analysed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineage.check.policy import Limits, Policy, Protect, evaluate, load_policy, parse_policy
from lineage.errors import InputError
from lineage.model import Analysis, Clause, Corpus, Document, Family, Link

# -- reading ---------------------------------------------------------------------------------

SAMPLE = """\
[limits]
max_dropped = 2
max_new = 5
max_rewritten = 3

[[protect]]
text = "Reiterates its strong support for the status of permanent neutrality"
rule = "survive"

[[protect]]
family = "F3"
rule = "verbatim"

[[protect]]
clause = "unga-res-79-274/O1"
min_relation = "minor"
"""


def test_sample_policy_reads_every_field() -> None:
    """A full policy file gives its limits and its rules, each with the line it starts on."""
    policy = parse_policy(SAMPLE, "lineage.toml")
    assert policy.limits == Limits(max_dropped=2, max_new=5, max_rewritten=3)
    assert [p.line for p in policy.protect] == [6, 10, 14]
    assert policy.protect[0].text.startswith("Reiterates")
    assert policy.protect[0].relation == "paraphrase"  # survive: any relation
    assert policy.protect[1] == Protect(family="F3", rule="verbatim", line=10)
    assert policy.protect[1].relation == "verbatim"
    assert policy.protect[2].relation == "minor"


def test_example_policy_in_repository_reads() -> None:
    """examples/lineage.toml, the sample shipped for texts/, is a valid policy."""
    policy = load_policy(Path(__file__).parent.parent / "examples" / "lineage.toml")
    assert policy.protect


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[limits]\nmax_dropped = \n", 2, "not valid TOML"),
        ("[limits]\nmax_droped = 2\n", 2, "unknown limit 'max_droped'"),
        ("[limits]\nmax_new = -1\n", 2, "whole number"),
        ("[limits]\nmax_new = 1.5\n", 2, "whole number"),
        ("[limits]\nmax_new = true\n", 2, "whole number"),
        ('\n\n[[protect]]\ntext = "a"\nrule = "keep"\n', 3, "unknown rule 'keep'"),
        ('[[protect]]\nrule = "survive"\n', 1, "exactly one of text, family or clause"),
        ('[[protect]]\ntext = "a"\nfamily = "F1"\n', 1, "exactly one"),
        ('[[protect]]\ntext = ""\n', 1, "non-empty string"),
        ('[[protect]]\ntext = "a"\n[[protect]]\ntext = "b"\ncolour = 1\n', 3, "unknown key"),
        ('[[protect]]\ntext = "a"\nmin_relation = "close"\n', 1, "unknown relation"),
        ('[protect]\ntext = "a"\n', 1, "array of tables"),
        ("limits = 3\n", 1, "[limits] must be a table"),
        ("[limit]\nmax_new = 1\n", 1, "unknown section or key 'limit'"),
    ],
)
def test_malformed_policy_names_file_and_line(text: str, line: int, words: str) -> None:
    """Every mistake in a policy file is an InputError that names the file and the line."""
    with pytest.raises(InputError) as caught:
        parse_policy(text, "ci/lineage.toml")
    assert caught.value.path == "ci/lineage.toml"
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"ci/lineage.toml:{line}: ")


def test_policy_file_not_utf8_or_missing(tmp_path: Path) -> None:
    """A policy that is not UTF-8, or not there, is an InputError naming the file."""
    bad = tmp_path / "lineage.toml"
    bad.write_bytes(b"[limits]\nmax_new = 1 # \xff\xfe\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_policy(bad)
    with pytest.raises(InputError, match="not found"):
        load_policy(tmp_path / "missing.toml")


@given(st.text(max_size=200))
def test_any_text_parses_or_raises_input_error(text: str) -> None:
    """Whatever the file holds, reading it gives a Policy or an InputError, nothing else."""
    try:
        policy = parse_policy(text)
    except InputError as exc:
        assert exc.path == "<policy>"
    else:
        assert isinstance(policy, Policy)


def test_command_line_rules_are_added() -> None:
    """--protect and --protect-verbatim add rules after the file's, keeping its limits."""
    policy = Policy(Limits(max_new=1)).with_protected(["a"]).with_protected(["b"], "verbatim")
    assert policy.limits.max_new == 1
    assert [(p.text, p.rule) for p in policy.protect] == [("a", "survive"), ("b", "verbatim")]


# -- evaluating ------------------------------------------------------------------------------


def _doc(doc_id: str, date: str, norms: list[str]) -> Document:
    clauses = tuple(
        Clause(
            doc_id=doc_id,
            id=f"O{n}",
            kind="operative",
            index=n - 1,
            label=f"{n}.",
            text=norm.capitalize() + ";",
            start=0,
            end=0,
            line=n,
            norm=norm,
        )
        for n, norm in enumerate(norms, 1)
    )
    return Document(
        id=doc_id,
        title=doc_id,
        date=date,
        body="",
        symbol="",
        language="en",
        source="",
        path=f"{doc_id}.txt",
        text="",
        clauses=clauses,
    )


def _analysis(links: list[tuple[str, str, str]], families: tuple[Family, ...] = ()) -> Analysis:
    """base: six clauses O1..O6; new: four clauses O1..O4; links as given."""
    base = _doc("base", "2020-01-01", [f"base clause {n} words" for n in range(1, 7)])
    new = _doc("new", "2021-01-01", [f"new clause {n} words" for n in range(1, 5)])
    return Analysis(
        Corpus((base, new)), tuple(Link(s, t, r, 1.0, "fuzzy") for s, t, r in links), families
    )


LINKS = [
    ("base/O1", "new/O1", "verbatim"),
    ("base/O2", "new/O2", "minor"),
    ("base/O3", "new/O3", "major"),
    ("base/O4", "new/O3", "partial"),
    # base/O5 and base/O6 dropped; new/O4 new
]


def test_counts_of_dropped_new_and_rewritten() -> None:
    """Dropped = base clauses without a link; new = new clauses without one; rewritten = base
    clauses whose closest link is major/partial/paraphrase (minor is not a rewrite)."""
    verdict = evaluate(Policy(), _analysis(LINKS), "new", "base")
    assert verdict.dropped == ("base/O5", "base/O6")
    assert verdict.added == ("new/O4",)
    assert verdict.rewritten == ("base/O3", "base/O4")
    assert verdict.holds and verdict.outcomes == ()


@pytest.mark.parametrize(
    ("limits", "broken"),
    [
        (Limits(max_dropped=2, max_new=1, max_rewritten=2), []),
        (Limits(max_dropped=1), ["max_dropped = 1"]),
        (Limits(max_new=0), ["max_new = 0"]),
        (Limits(max_rewritten=1, max_dropped=5), ["max_rewritten = 1"]),
        (Limits(0, 0, 0), ["max_dropped = 0", "max_new = 0", "max_rewritten = 0"]),
    ],
)
def test_limits(limits: Limits, broken: list[str]) -> None:
    """A limit is broken exactly when its count exceeds it; every limit is reported."""
    verdict = evaluate(Policy(limits), _analysis(LINKS), "new", "base")
    assert [o.name for o in verdict.outcomes if not o.holds] == broken
    assert verdict.holds == (not broken)


def test_limit_violation_lists_each_clause() -> None:
    """A broken max_dropped names every dropped clause, so a reviewer sees which."""
    verdict = evaluate(Policy(Limits(max_dropped=0)), _analysis(LINKS), "new", "base")
    assert [v.clause for v in verdict.violations] == ["base/O5", "base/O6"]
    assert verdict.violations[0].message == "base/O5 dropped"
    assert verdict.outcomes[0].summary == "2 clauses dropped relative to base, limit 0"


def test_rewritten_violation_says_what_it_became() -> None:
    """A rewritten clause over the limit names its counterpart and the relation found."""
    verdict = evaluate(Policy(Limits(max_rewritten=0)), _analysis(LINKS), "new", "base")
    assert [v.message for v in verdict.violations] == [
        "base/O3 rewritten (major in new/O3)",
        "base/O4 rewritten (partial in new/O3)",
    ]


@pytest.mark.parametrize(
    ("rule", "holds"),
    [
        (Protect(clause="base/O1", rule="verbatim"), True),
        (Protect(clause="base/O2", rule="verbatim"), False),
        (Protect(clause="base/O2", rule="survive"), True),
        (Protect(clause="base/O2", min_relation="minor"), True),
        (Protect(clause="base/O3", min_relation="minor"), False),
        (Protect(clause="base/O4", rule="survive"), True),  # partial survives
        (Protect(clause="base/O5", rule="survive"), False),  # dropped
        (Protect(clause="base/O9", rule="survive"), False),  # no such clause
    ],
)
def test_protected_clause_rules(rule: Protect, holds: bool) -> None:
    """survive accepts any link, verbatim only a verbatim one, min_relation what lies between;
    a dropped or unknown clause breaks the rule."""
    verdict = evaluate(Policy(protect=(rule,)), _analysis(LINKS), "new", "base")
    assert verdict.holds is holds


def test_violation_carries_the_relation_found() -> None:
    """A protected clause kept only loosely says which clause it became and how."""
    rule = Protect(clause="base/O3", rule="verbatim")
    (violation,) = evaluate(Policy(protect=(rule,)), _analysis(LINKS), "new", "base").violations
    assert (violation.clause, violation.counterpart, violation.relation) == (
        "base/O3",
        "new/O3",
        "major",
    )
    assert "only major" in violation.message


def test_family_rule_and_clause_of_another_document() -> None:
    """A family rule, or a clause uid of an older document, protects the family's clauses in
    the base; links may point either way (a new text of the same date sorts first)."""
    older = Family("F1", ("old/O1", "base/O5"), "old/O1")
    kept = Family("F2", ("base/O1", "new/O1"), "base/O1")
    analysis = _analysis([("new/O1", "base/O1", "verbatim")], (older, kept))
    for rule, holds in [
        (Protect(family="F2", rule="verbatim"), True),
        (Protect(family="F1"), False),
        (Protect(clause="old/O1"), False),
        (Protect(family="F9"), False),
    ]:
        assert evaluate(Policy(protect=(rule,)), analysis, "new", "base").holds is holds, rule


def test_evaluate_is_pure_and_deterministic() -> None:
    """Link order does not change the verdict, and evaluation leaves the analysis as it was."""
    policy = Policy(Limits(0, 0, 0), (Protect(clause="base/O3", rule="verbatim"),))
    one = _analysis(LINKS)
    other = _analysis(list(reversed(LINKS)))
    assert evaluate(policy, one, "new", "base") == evaluate(policy, other, "new", "base")
    assert one == _analysis(LINKS)
