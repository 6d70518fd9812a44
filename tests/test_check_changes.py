"""What a check reports as changed: every clause's change, substantive changes, borrowed ones.

Expected values come from reading the texts: 80/78's operative paragraph 6 ("Decides to extend
the mandate of the Agency until 30 June 2029, ...") and the four seed texts of texts/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, TEXTS
from lineage.check.cache import Cache
from lineage.check.policy import Limits, Policy, Protect
from lineage.check.run import run_check
from lineage.clean.normalize import normalize
from lineage.cli import main
from lineage.substantive import VERB_SCALE, facts, substantive_changes, verb_level

PALESTINE = CORPUS / "2025-12-05_unga-res-80-78.txt"
MANDATE = "Decides to extend the mandate of the Agency until 30 June 2029"
pytestmark = pytest.mark.skipif(not PALESTINE.is_file(), reason="../shared/corpus is absent")


def substantive(a: str, b: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {s.kind: (s.before, s.after) for s in substantive_changes(normalize(a), normalize(b))}


def test_end_date_moved_is_a_date_and_year_change() -> None:
    """Moving a mandate's end from 30 June 2029 to 2027 changes a date and a year; moving it to
    30 June 2027 changes the date; rewording around it changes nothing of substance."""
    before = f"{MANDATE}, without prejudice to paragraph 11 of resolution 194 (III)."
    assert substantive(before, before.replace("30 June 2029", "2027")) == {
        "date": (("30 june 2029",), ()),
        "year": ((), ("2027",)),
    }
    assert substantive(before, before.replace("2029", "2027")) == {
        "date": (("30 june 2029",), ("30 june 2027",))
    }
    assert substantive(before, before.replace("Decides to extend", "Decides to prolong")) == {}


def test_symbols_amounts_and_numbers() -> None:
    """A cited resolution, an amount and a number are facts of their own kinds."""
    assert substantive("Recalling its resolution 78/123,", "Recalling its resolution 78/124,") == {
        "symbol": (("78/123",), ("78/124",))
    }
    assert substantive("See A/RES/78/123.", "See A/RES/79/5.") == {
        "symbol": (("a/res/78/123",), ("a/res/79/5",))
    }
    assert substantive("a budget of US$ 1.5 million", "a budget of US$ 1.2 million") == {
        "amount": (("us 1.5 million",), ("us 1.2 million",))
    }
    assert substantive("within 3 months", "within 6 months") == {"number": (("3",), ("6",))}
    assert substantive("within three months", "within six months") == {
        "number": (("three",), ("six",))
    }


@pytest.mark.parametrize(
    ("before", "after", "weakened"),
    [
        ("Calls upon all States to respect", "Invites all States to respect", True),
        ("Urges Member States to contribute", "Encourages Member States to contribute", True),
        ("Demands that all parties cease", "Calls upon all parties to cease", True),
        ("Also requests the Secretary-General", "Also notes the Secretary-General", True),
        ("Invites States to consider", "Takes note of States considering", True),
        ("Invites States to consider", "Urges States to consider", False),  # stronger
        ("Strongly urges States", "Urges States", False),  # the same level
        ("Welcomes the report", "Notes the report", False),  # welcomes is not on the scale
    ],
)
def test_weakened_operative_verb(before: str, after: str, weakened: bool) -> None:
    """A verb lower on the drafting scale is flagged; a stronger or unlisted one is not."""
    assert ("verb" in substantive(before, after)) is weakened


def test_verb_scale_is_ordered_and_has_no_duplicates() -> None:
    """Every listed form has one level, and its clause opening reads at that level."""
    forms = [f for _, level in VERB_SCALE for f in level]
    assert len(forms) == len(set(forms))
    for number, (_, level) in enumerate(VERB_SCALE):
        for form in level:
            assert verb_level(normalize(f"Also {form} the parties")) == (number, form)


@given(st.text(alphabet="abcdefghij 0123456789/.,", max_size=80))
def test_a_text_has_no_change_with_itself(text: str) -> None:
    """Whatever the text, comparing it with itself finds no substantive change, and its facts
    are found again in it (extraction is deterministic)."""
    norm = normalize(text)
    assert substantive_changes(norm, norm) == ()
    assert facts(norm) == facts(norm)


@pytest.fixture
def palestine(tmp_path: Path) -> Path:
    """The three Palestine refugees resolutions (78/74, 79/88, 80/78) as a corpus folder."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("2023-12-07_unga-res-78-74.txt", "2024-12-04_unga-res-79-88.txt", PALESTINE.name):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def end_date_draft(tmp_path: Path, new_end: str) -> Path:
    """80/78 as a draft that moves the mandate's end (read from the real text)."""
    text = PALESTINE.read_text(encoding="utf-8")
    assert text.count("until 30 June 2029") == 1
    path = tmp_path / "2025-12-05_unga-res-80-78-draft.txt"
    # it prints A/RES/80/78 like its base, so it would take the base's id: it gets its own
    front = '+++\nid = "unga-res-80-78-draft"\n+++\n'
    path.write_text(
        front + text.replace("until 30 June 2029", f"until {new_end}"), encoding="utf-8"
    )
    return path


def test_mandate_end_moved_in_80_78_is_substantive(tmp_path: Path, palestine: Path) -> None:
    """A draft of 80/78 whose only edit moves the Agency's mandate end from 30 June 2029 to
    2027 is compared with 80/78; every other clause is carried; operative paragraph 6 is
    amended and flagged as a substantive change (a date and a year). A policy without a rule
    on substance holds and still lists it; max_substantive = 0 fails on it."""
    draft = end_date_draft(tmp_path, "2027")
    loose = Policy(Limits(max_dropped=0))
    result = run_check(draft, [palestine], loose)
    verdict = result.verdict
    assert verdict.holds
    assert verdict.base_doc == "a-res-80-78"
    counts = verdict.changes.counts()
    assert counts["amended"] == 1 and counts["dropped"] == counts["new"] == 0
    assert counts["carried"] == len(result.analysis.corpus.document("a-res-80-78").clauses) - 1
    (changed,) = verdict.changes.substantive
    assert changed.base == "a-res-80-78/O6" and changed.kind == "amended"
    assert {s.kind for s in changed.substantive} == {"date", "year"}

    strict = run_check(draft, [palestine], Policy(Limits(max_substantive=0)))
    assert not strict.verdict.holds
    (violation,) = strict.verdict.violations
    assert violation.clause == "a-res-80-78/O6" and "30 june 2029" in violation.message


def test_no_substantive_rule_on_a_protected_clause(tmp_path: Path, palestine: Path) -> None:
    """`rule = "no-substantive"` on the mandate clause fails when its date moves, though its
    words (all but the date) still stand; the same rule on another clause holds."""
    draft = end_date_draft(tmp_path, "30 June 2027")
    mandate = Protect(text="Decides to extend the mandate of the Agency", rule="no-substantive")
    other = Protect(
        text="Commends the Agency for its provision of vital assistance", rule="no-substantive"
    )
    verdict = run_check(draft, [palestine], Policy(protect=(mandate, other))).verdict
    assert [o.holds for o in verdict.outcomes] == [False, True]
    assert "changed in substance" in verdict.violations[0].message


def test_text_and_json_reports_name_the_change(tmp_path: Path, palestine: Path) -> None:
    """The text report lists the amended clause with its word diff and its substantive change
    even when the policy holds; the JSON carries counts and changes (additive fields)."""
    draft = end_date_draft(tmp_path, "2027")
    policy = tmp_path / "lineage.toml"
    policy.write_text("[limits]\nmax_dropped = 0\n", encoding="utf-8")
    runner = CliRunner()
    args = ["check", str(draft), "--against", str(palestine), "--policy", str(policy), "--no-cache"]
    text = runner.invoke(main, args)
    assert text.exit_code == 0, text.output
    assert "[-30 June 2029-]{+2027+}" in text.output
    assert "substantive: date 30 june 2029 -> (none)" in text.output
    data = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert data["holds"] is True and data["base"] == "a-res-80-78"
    assert data["counts"]["amended"] == 1
    assert data["substantive"] == ["unga-res-80-78-draft/O6"]
    (row,) = [c for c in data["changes"] if c["substantive"]]
    # the line of its number "6.": 144 in 80/78, after the draft's 3 lines of front matter
    assert row["line"] == 147 and row["relation"] == "minor"


def test_borrowed_clauses_name_their_source(tmp_path: Path) -> None:
    """79/274 checked against texts/ has no previous version there (75/28 and the OIC text are
    other series): its clauses are new or borrowed; the fourth preambular paragraph
    ("Underlining that the national policies of neutrality of some States ...") is 75/28's
    fifth word for word; the limits are not judged and the check says why."""
    folder = tmp_path / "texts"
    shutil.copytree(TEXTS, folder)
    new = folder / "2025-03-21_unga-res-79-274.txt"
    policy = Policy(Limits(max_new=0), (Protect(text="Reiterates its strong support"),))
    verdict = run_check(new, [folder], policy, cache=Cache(tmp_path / "cache")).verdict
    assert verdict.base_doc is None and "no previous version" in verdict.note
    assert verdict.holds
    assert [o.skipped for o in verdict.outcomes] == [False, True]
    borrowed = {c.clause: c.source for c in verdict.changes.of_kind("borrowed")}
    assert borrowed["unga-res-79-274/P4"] == "unga-res-75-28/P5"
    assert all(c.kind in ("new", "borrowed") for c in verdict.changes.items)
