"""The act a clause opens with: whether it asks for something (a report, views, a meeting) or
acknowledges what was done (takes note of the report, welcomes the meeting held). A request
and the later note of what it asked for are two operative acts on one object, not one clause
said in other words (audit rounds 2, 4 and 5: the request for a committee's report and the
note of that report, judged false three times)."""

from __future__ import annotations

from collections.abc import Sequence

#: Opening verbs that ask for something to be done (operative and preambular forms).
ASKS = frozenset(
    """
    requests request requesting calls calling invites inviting urges urging encourages
    encouraging recommends recommending asks appeals appealing decides deciding
    """.split()
)
#: Opening verbs that acknowledge what has been done or delivered.
ACKNOWLEDGES = frozenset(
    """
    takes taking notes noting welcomes welcoming acknowledges acknowledging commends
    commending appreciates appreciating
    """.split()
)
#: Words that may stand before a clause's verb without being its act ("Also requests",
#: "Further welcomes", "Once again calls upon", "Strongly encourages").
LEAD_INS = frozenset(
    "also further furthermore moreover again once more strongly firmly deeply kindly".split()
)
#: Words of a clause's opening looked at for its verb: a verb after them is not the opening.
OPENING_WORDS = 4


def opening_act(words: Sequence[str]) -> str:
    """ "ask", "acknowledge" or "" for the verb a clause opens with, past its lead-ins."""
    for word in words[:OPENING_WORDS]:
        if word in LEAD_INS:
            continue
        if word in ASKS:
            return "ask"
        return "acknowledge" if word in ACKNOWLEDGES else ""
    return ""


def asked_then_noted(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether one clause asks for something and the other acknowledges something: different
    operative acts, whatever object they share."""
    return {opening_act(a), opening_act(b)} == {"ask", "acknowledge"}
