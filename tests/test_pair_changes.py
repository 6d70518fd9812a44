"""The change list of a side-by-side page (report/html/sidebyside.py), read as data: every
changed row in it once, unchanged rows never, kinds and substantive flags as a reader of the
two texts expects. The browser side (links, redline) is in test_report_browser.py."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineage.analysis import analyse
from lineage.clean.normalize import normalize
from lineage.corpus import load_corpus
from lineage.model import Analysis
from lineage.report.html.model import Lookup
from lineage.report.html.sidebyside import CHANGE_KINDS, PairPage, _describe, pair_page
from lineage.substantive import FACT_PATTERNS, Substantive, facts, substantive_changes

TEXTS = Path(__file__).resolve().parent.parent / "texts"
OIC22, UN25 = "oic-cfm-res-64-48-pol", "unga-res-79-274"


@pytest.fixture(scope="module")
def page() -> PairPage:
    return pair_page(Lookup(analyse(load_corpus([TEXTS]))), OIC22, UN25)


def test_every_changed_row_is_listed_once(page: PairPage) -> None:
    """The list has one entry per changed row and none for an unchanged one."""
    rows = [r for g in page.groups for r in g.rows]
    assert len(page.change_list) == sum(r.changed for r in rows) == page.changes
    anchors = [c.anchor for c in page.change_list]
    assert len(set(anchors)) == len(anchors)
    assert sum(n for _, n in page.change_counts) == len(page.change_list)
    assert {c.kind for c in page.change_list} <= set(CHANGE_KINDS)


def test_kinds_read_from_the_texts(page: PairPage) -> None:
    """The OIC text opens "Guided by the principles of Charters of the OIC", absent from
    79/274: dropped; 79/274's O1 "Reiterates its strong support for the status of permanent
    neutrality" has no OIC counterpart: added."""
    by_anchor = {c.anchor: c for c in page.change_list}
    assert by_anchor["a-P1"].kind == "dropped"
    assert by_anchor["a-P1"].gist.startswith("“Guided by the principles of Charters of the OIC")
    assert by_anchor["b-O1"].kind == "added"
    assert "Reiterates its strong support" in by_anchor["b-O1"].gist


def test_changed_dates_and_symbols_are_flagged_substantive(page: PairPage) -> None:
    """79/274 P12 recalls "its resolutions 72/7 of 17 November 2017, ..." where its OIC
    counterpart cites none of them: the new symbols and dates are flagged substantive, and a
    row of the same facts on both sides is not."""
    p12 = next(c for c in page.change_list if c.anchor == "b-P12")
    kinds = {s.split(" ", 1)[0] for s in p12.substantive}
    assert {"symbol", "date"} <= kinds
    assert any("72/7" in s for s in p12.substantive)
    assert all(not c.substantive for c in page.change_list if c.kind in ("added", "dropped"))


def test_substantive_facts_are_printed_as_the_texts_print_them(page: PairPage) -> None:
    """Facts are compared on normalised (lower-case) text, but a reviewer reads "17 November
    2017", as 79/274 P12 writes it, not "17 november 2017"."""
    p12 = next(c for c in page.change_list if c.anchor == "b-P12")
    dates = next(s for s in p12.substantive if s.startswith("date "))
    assert "17 November 2017" in dates and "november" not in dates
    symbol = Substantive("symbol", ("a/res/78/123",), ("s/2016/20", "50/80 a"))
    assert _describe(symbol) == "symbol A/RES/78/123 → S/2016/20, 50/80 A"


def test_facts_are_remembered_per_text_but_each_caller_gets_its_own() -> None:
    """A clause's facts are read for two side-by-side pages, so they are remembered; a
    caller that changes the Counter it got must not change what the next caller reads."""
    text = "decides to convene the conference in 2027 and requests 3 reports by 30 june 2029"
    first = facts(text)
    assert first[("year", "2027")] == 1
    first[("year", "2027")] = 99
    del first[("number", "3")]
    again = facts(text)
    assert again[("year", "2027")] == 1 and again[("number", "3")] == 1
    assert again is not first


def _facts_by_substitution(norm: str) -> Counter[tuple[str, str]]:
    """The facts as the rule states it: each pattern in turn, what it took blanked by
    `re.sub` before the next (the way `substantive._facts` read them before it blanked only
    the spans it found)."""
    found: Counter[tuple[str, str]] = Counter()
    text = norm
    for fact in FACT_PATTERNS:
        found.update((fact.kind, m.group()) for m in fact.pattern.finditer(text))
        text = fact.pattern.sub(lambda m: " " * len(m.group()), text)
    return found


FACT_WORDS = st.sampled_from(
    [
        "78/123",
        "a/res/78/123",
        "s/2016/20",
        "30 june 2029",
        "june 2029",
        "2027",
        "us$",
        "usd",
        "1.5",
        "million",
        "per cent",
        "25",
        "three",
        "twice",
        "19",
        "a",
        "/",
        "(",
        "-",
        "en",
        ".",
    ]
)


@given(st.lists(FACT_WORDS, max_size=25).map(" ".join) | st.text(alphabet="0123456789/. a"))
def test_facts_are_what_each_pattern_in_turn_finds(norm: str) -> None:
    """Overlapping facts (a year inside a date, a number inside a symbol) are read once, by
    the first pattern that takes them, as with substitution."""
    assert facts(norm) == _facts_by_substitution(norm)


@pytest.mark.slow
def test_facts_of_every_unga_clause_as_by_substitution(unga_analysis: Analysis) -> None:
    texts = {c.norm for d in unga_analysis.documents for c in d.clauses}
    assert len(texts) > 20_000
    differ = [t for t in texts if facts(t) != _facts_by_substitution(t)]
    assert differ == []
    assert sum(bool(facts(t)) for t in texts) > 5_000


def test_a_session_ordinal_in_words_is_no_number() -> None:
    """Re-adopted resolutions move "its seventy-ninth session" to "its eightieth session"
    every year (A/RES/78/7 O4 and A/RES/79/7 O4): routine, not substantive, as the module's
    rule says; normalised, "seventy-ninth" reads "seventy ninth", which was the number
    seventy. A number in words stays one ("twenty-five members")."""
    old = normalize("Decides to include in the provisional agenda of its seventy-ninth session")
    new = normalize("Decides to include in the provisional agenda of its eightieth session")
    assert substantive_changes(old, new) == ()
    assert facts(normalize("twenty-five members"))[("number", "five")] == 1
    changed = substantive_changes(normalize("twenty-five members"), normalize("thirty members"))
    assert [s.kind for s in changed] == ["number"]
