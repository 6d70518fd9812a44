"""Word diffs for a terminal: ANSI colour when a person is watching, plain markers otherwise.

Plain mode marks changes the way wdiff does, `[-deleted-]{+inserted+}`, so a diff reads in a
log, a pipe or with NO_COLOR set. Colour mode shows deletions red and insertions green, and
never relies on colour alone where markers are asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..history.pairings import best, counterparts
from ..model import Analysis
from ..model import relation_rank as rank
from ..safe_text import for_terminal, neutral_lines
from .diff import word_diff

RED = "\x1b[31m"
GREEN = "\x1b[32m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RESET = "\x1b[0m"

_OPS = {
    -1: "-",
    0: "=",
    1: "+",
    "delete": "-",
    "equal": "=",
    "insert": "+",
    "-": "-",
    "=": "=",
    "+": "+",
    "del": "-",
    "ins": "+",
    "eq": "=",
}


def color_enabled(stream: IO[str] | Any, flag: bool | None = None) -> bool:
    """Whether to colour output on stream.

    An explicit --color/--no-color wins; otherwise NO_COLOR (any non-empty value, see
    no-color.org) turns colour off, and colour is used only on a terminal that is not "dumb".
    """
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, code: str, color: bool) -> str:
    """text in an ANSI style when color is on, unchanged otherwise."""
    return f"{code}{text}{RESET}" if color and text else text


def render_ops(ops: Iterable[Sequence[Any]], color: bool = False) -> str:
    """One line of word diff from (op, text) pairs.

    op is diff-match-patch's -1/0/1 or a name ("delete", "equal", "insert"); extra items in
    each pair (such as offsets) are ignored. Control characters of the texts are shown as
    visible stand-ins (`safe_text.for_terminal`), so a document cannot drive the terminal.
    """
    out = []
    for item in ops:
        op, text = _OPS[item[0]], for_terminal(item[1])
        if op == "=":
            out.append(text)
        elif color:
            out.append(paint(text, RED if op == "-" else GREEN, True))
        else:
            out.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(out)


def word_diff_line(a: str, b: str, color: bool = False) -> str:
    """The word diff of two original texts, rendered for a terminal."""
    return render_ops(word_diff(a, b), color)


def render_pair(analysis: Analysis, a_id: str, b_id: str, color: bool = False) -> str:
    """Two documents clause by clause, in the order of b.

    Each clause of b comes with every clause of a linked to it, closest first, and their word
    diff (a merge shows all its sources, a split its source under each half); clauses only in
    a come after the clause they used to follow, clauses only in b are marked as such."""
    a = analysis.corpus.document(a_id)
    b = analysis.corpus.document(b_id)
    sources = counterparts(analysis.links, b, a)
    linked = {uid for found in sources.values() for uid, _ in found}
    position = analysis.corpus.index.position  # corpus order: a's clauses in their order
    only_a = [c for c in a.clauses if c.uid not in linked]

    lines = [
        paint(for_terminal(f"--- {a.id} ({a.date}) {a.title}"), BOLD, color),
        paint(for_terminal(f"+++ {b.id} ({b.date}) {b.title}"), BOLD, color),
        "",
    ]
    placed: set[str] = set()

    def drop_before(limit: int) -> None:
        for clause in only_a:
            if position[clause.uid] < limit and clause.uid not in placed:
                placed.add(clause.uid)
                lines.append(paint(f"{clause.id} only in {a.id}", BOLD, color))
                lines.append(render_ops([(-1, clause.text)], color))
                lines.append("")

    for clause in b.clauses:
        found = sorted(sources.get(clause.uid, []), key=lambda p: (rank(p[1]), p[0]))
        if not found:
            lines.append(paint(f"{clause.id} only in {b.id}", BOLD, color))
            lines.append(render_ops([(1, clause.text)], color))
            lines.append("")
            continue
        drop_before(position[best(found)[0]])
        for uid, relation in found:
            origin = analysis.clause(uid)
            lines.append(paint(f"{origin.id} -> {clause.id} ({relation})", BOLD, color))
            lines.append(word_diff_line(origin.text, clause.text, color))
            lines.append("")
    drop_before(len(analysis.corpus.index.clauses))
    return neutral_lines("\n".join(lines).rstrip("\n") + "\n")
