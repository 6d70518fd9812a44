"""A request and the later note of what it asked for are two acts on one object, not one clause
in other words (`align.acts`, `across_series._one_act`).

Real texts of ../shared/un-ga, read here: 78/230 op8 asks the ad hoc committee on tax
cooperation for a report containing draft terms of reference; 79/235 op1 takes note of the
report on the committee's second session. They share only the formula "terms of reference for
a United Nations framework convention" (blind audits rounds 2, 4, 5: judged false each time).
78/241 op2 asks for views on lethal autonomous weapons systems "on ways to address the related
challenges and concerns they raise from humanitarian, legal, security, technological and
ethical perspectives"; 79/62 op1 notes the report of those views and carries that description
(held-out set 1 links the two as a part).
"""

from __future__ import annotations

import pytest

from conftest import linked, needs_unga, unga_file
from lineage.align.acts import asked_then_noted, opening_act
from lineage.analysis import analyse
from lineage.corpus import load_corpus


@pytest.mark.parametrize(
    ("opening", "act"),
    [
        ("requests the ad hoc intergovernmental committee to submit", "ask"),
        ("also requests the secretary general to", "ask"),
        ("once again calls upon all states", "ask"),
        ("takes note of the report on the second session", "acknowledge"),
        ("notes with appreciation the report of the secretary general", "acknowledge"),
        ("further welcomes the convening of", "acknowledge"),
        ("recalling its resolution 77/244", ""),
        ("expresses grave concern about", ""),
        # a verb further in is not the clause's act
        ("the general assembly requests", ""),
    ],
)
def test_the_act_is_the_verb_a_clause_opens_with(opening: str, act: str) -> None:
    assert opening_act(opening.split()) == act


def test_a_request_against_a_note_is_two_acts() -> None:
    ask = "requests the secretary general to submit a report".split()
    note = "takes note of the report of the secretary general".split()
    assert asked_then_noted(ask, note)
    assert asked_then_noted(note, ask)
    assert not asked_then_noted(ask, "also requests the secretary general to report".split())


@needs_unga
def test_a_request_and_the_note_of_its_report_are_no_paraphrase() -> None:
    """Main linked 78/230 op8 and 79/235 op1 as `paraphrase`, and 78/241 op2 and 79/62 op1
    too; the note of a report that carries the request's description keeps it as a part."""
    files = [unga_file(d) for d in ("78-230", "79-235", "78-241", "79-62")]
    analysis = analyse(load_corpus(files))
    assert linked(analysis, "a-res-78-230/O8", "a-res-79-235/O1") is None
    assert linked(analysis, "a-res-78-241/O2", "a-res-79-62/O1") == "partial"
