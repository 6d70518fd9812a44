"""Terminal rendering of word diffs: readable markers without colour, ANSI only when wanted."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineage.report.terminal import GREEN, RED, color_enabled, render_ops

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_markers_read_without_colour() -> None:
    """Deletions and insertions are marked wdiff-style, equal text is left alone."""
    ops = [(0, "Reiterates its "), (-1, "strong"), (1, "firm"), (0, " support")]
    assert render_ops(ops) == "Reiterates its [-strong-]{+firm+} support"


def test_op_names_and_extra_fields_are_accepted() -> None:
    """Named ops and (op, text, offsets...) items render the same as diff-match-patch ops."""
    named = [("equal", "a ", 0, 2), ("delete", "b", 2, 3), ("insert", "c", 2, 3)]
    assert render_ops(named) == "a [-b-]{+c+}"


def test_colour_mode_uses_ansi_and_no_markers() -> None:
    """In colour, deletions are red and insertions green; stripping ANSI gives the words."""
    out = render_ops([(0, "a "), (-1, "b"), (1, "c")], color=True)
    assert f"{RED}b" in out and f"{GREEN}c" in out
    assert ANSI.sub("", out) == "a bc"


@given(
    st.lists(
        st.tuples(
            st.sampled_from([-1, 0, 1]), st.text(alphabet="ab -+[]{}", min_size=1, max_size=8)
        ),
        max_size=12,
    )
)
def test_plain_render_keeps_both_sides(ops: list[tuple[int, str]]) -> None:
    """Equal text appears once, and every deleted and inserted piece appears inside its
    markers, in order: the rendering loses no words of either side."""
    out = render_ops(ops)
    expected = "".join(t if op == 0 else (f"[-{t}-]" if op < 0 else f"{{+{t}+}}") for op, t in ops)
    assert out == expected
    assert "\x1b" not in out


@pytest.mark.parametrize(
    ("env", "tty", "flag", "expected"),
    [
        ({}, True, None, True),
        ({}, False, None, False),
        ({"NO_COLOR": "1"}, True, None, False),
        ({"NO_COLOR": ""}, True, None, True),  # empty NO_COLOR does not count (no-color.org)
        ({"TERM": "dumb"}, True, None, False),
        ({"NO_COLOR": "1"}, True, True, True),  # an explicit --color wins
        ({}, True, False, False),
    ],
)
def test_colour_decision(
    env: dict[str, str],
    tty: bool,
    flag: bool | None,
    expected: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Colour on a terminal only, never with NO_COLOR or TERM=dumb, unless asked for."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    stream = _Tty() if tty else io.StringIO()
    assert color_enabled(stream, flag) is expected


def test_render_pair_shows_every_clause_once() -> None:
    """75/28 against 79/274: each clause of 79/274 is shown (matched or only in B), each
    clause of 75/28 too (matched or only in A), and the clause 79/274 carries verbatim
    ("Underlining that the national policies of neutrality ...") has no change marker."""
    from pathlib import Path

    from lineage.analysis import analyse
    from lineage.corpus import load_corpus
    from lineage.report.terminal import render_pair

    texts = Path(__file__).resolve().parent.parent / "texts"
    analysis = analyse(load_corpus([texts]))
    a = analysis.corpus.document("unga-res-75-28")
    b = analysis.corpus.document("unga-res-79-274")
    out = render_pair(analysis, a.id, b.id)
    heads = [line for line in out.splitlines() if re.match(r"^[PO]\d+ ", line)]
    b_rows = [h for h in heads if h.endswith(f"only in {b.id}") or " -> " in h]
    assert {h.split()[-2] if " -> " in h else h.split()[0] for h in b_rows} == {
        c.id for c in b.clauses
    }
    assert len([h for h in heads if h.endswith(f"only in {b.id}")]) == len(
        [
            c
            for c in b.clauses
            if not any(
                c.uid in (k.source, k.target)
                and a.id in (k.source.split("/")[0], k.target.split("/")[0])
                for k in analysis.links
            )
        ]
    )
    a_shown = {h.split()[0] for h in heads if h.endswith(f"only in {a.id}") or " -> " in h}
    assert a_shown == {c.id for c in a.clauses}
    carried = next(
        line
        for line in out.splitlines()
        if line.startswith("Underlining that the national policies of neutrality")
    )
    assert "[-" not in carried and "{+" not in carried
