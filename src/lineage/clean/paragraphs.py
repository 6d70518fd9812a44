"""Paragraphs: the lines of a text grouped as a reader groups them, and what opens a clause.

A paragraph is a run of lines up to a blank line or removed noise; a line also starts a new
paragraph without a blank line when it opens a clause after a line that ended one (texts with
single line breaks, like the press copy of 79/274), or after a full sentence. The predicates
here say whether a paragraph opens a preambular clause ("Recalling", "Guided by"), carries an
operative label ("1.", "- ") or ends a clause (",", ";", ".", footnote marker allowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .noise import Line

#: Words that open a preambular paragraph (first word, emphasis stripped).
PREAMBLE_OPENERS = frozenset(
    """
Acknowledging Acting Affirming Alarmed Appalled Appreciating Aware Bearing Believing Cognizant
Commemorating Commending Committed Concerned Condemning Conscious Considering Convinced
Deploring Desiring Determined Determining Dismayed Disturbed Emphasising Emphasizing Encouraged
Encouraging Endorsing Expressing Gratified Grieved Guided Having Heartened Highlighting Hoping
Inspired Keeping Looking Mindful Noting Observing Outraged Persuaded Pleased Pursuant
Reaffirming Realizing Recalling Recognising Recognizing Referring Regretting Reiterating
Resolved Reviewing Saddened Satisfied Seeking Sharing Shocked Stressing Taking Troubled
Underlining Underlying Underscoring Upholding Welcoming Wishing
""".split()
)
#: Adverbs that open a preambular paragraph only before a participle ("Deeply concerned").
PREAMBLE_ADVERBS = frozenset(
    "Deeply Gravely Seriously Strongly Fully Further Profoundly Extremely Greatly Also".split()
)
_PARTICIPLE_LIKE = frozenset("aware mindful conscious cognizant convinced".split())
#: Any other adverb ("Firmly convinced", "Particularly concerned") opens a preambular
#: paragraph before a word that opens one by itself; not before any "-ed" word, which would
#: take "Assembly decided" or "Jointly financed" at the start of a line for a clause.
ADVERB_ENDING = "ly"
#: Verbs that open an operative paragraph printed without a number.
OPERATIVE_VERBS = frozenset(
    """
Accepts Acknowledges Adopts Affirms Appeals Approves Authorizes Calls Commends Condemns
Confirms Considers Declares Decides Demands Deplores Designates Emphasizes Encourages Endorses
Expresses Invites Notes Proclaims Reaffirms Recognizes Recommends Regrets Reiterates Requests
Stresses Supports Takes Underlines Underscores Urges Welcomes
""".split()
)
_SECOND_WORD_RE = re.compile(r"[*_\s]*[^\W\d_][\w’'-]*[*_\s]+([^\W\d_][\w’'-]*)")
_WORD_RE = re.compile(r"[*_\s]*([^\W\d_][\w’'-]*)")
OPERATIVE_LABEL_RE = re.compile(r"^\s*(?:(\d{1,4})\.(?=[\s*_]|$)|([-–•])(?=\s))\s*")
#: Paragraph numbers of this many digits (1000. and up) start a clause only right after the
#: number before them: a line starting "2015." is far more often a year than paragraph 2015.
SEQUENCE_DIGITS = 4
ENACTING_RE = re.compile(r"^\s*[*_]*The\s+[A-Z][\w’'-]*(?:\s+[\w’'()-]+){0,12}[*_]*\s*,[*_]*\s*$")
TERMINATED_RE = re.compile(
    r"(?:[.;:,][”\"’*_\])]*|[”\"’*_\])][.;:,])[ \t\u00a0]*(?:\d{1,2}|[¹²³⁰⁴⁵⁶⁷⁸⁹]+)?[*”\"’_]*\s*$"
)
_ABBREVIATION_RE = re.compile(
    r"\b(?:No|para|paras|Rev|Add|Corr|vol|Mr|Mrs|Ms|Dr|St|e\.g|i\.e|cf)\.\s*$"
)


@dataclass
class Paragraph:
    """Consecutive text lines; `start`/`end` span its characters without outer spaces."""

    lines: list[Line]
    start: int
    end: int
    text: str  # the original characters, start to end
    gap: bool  # a blank line or removed noise separates it from the previous paragraph

    @property
    def first_line(self) -> int:
        return self.lines[0].number


def first_word(text: str) -> str:
    m = _WORD_RE.match(text)
    return m.group(1) if m else ""


def opens_preamble(text: str, generic: bool = True) -> bool:
    """Does this paragraph open a preambular clause? `generic` also accepts any "-ing" word."""
    word = first_word(text)
    if word in PREAMBLE_OPENERS:
        return True
    if word in PREAMBLE_ADVERBS:
        second = _second_word(text).lower()
        return second.endswith(("ing", "ed")) or second in _PARTICIPLE_LIKE
    if word[:1].isupper() and word.endswith(ADVERB_ENDING):
        return _opens_by_itself(_second_word(text))
    return generic and len(word) >= 6 and word[0].isupper() and word.endswith("ing")


def _second_word(text: str) -> str:
    m = _SECOND_WORD_RE.match(text)
    return m.group(1) if m else ""


def _opens_by_itself(word: str) -> bool:
    """Is `word` (lower case, after an adverb) a preambular opener on its own ("convinced")?"""
    return word[:1].upper() + word[1:] in PREAMBLE_OPENERS or word in _PARTICIPLE_LIKE


def opens_operative(text: str) -> bool:
    """Does this unnumbered paragraph open an operative clause ("Decides", "Also requests")?"""
    word = first_word(text)
    if word in OPERATIVE_VERBS:
        return True
    if word in PREAMBLE_ADVERBS or word in ("Once", "Again"):
        second = _second_word(text)
        return second[:1].upper() + second[1:] in OPERATIVE_VERBS or second in ("again",)
    return False


def operative_label(text: str, previous: int | None = None) -> re.Match[str] | None:
    """The paragraph number or bullet text starts with; a number of SEQUENCE_DIGITS digits
    only when it follows `previous` (the last paragraph number seen)."""
    m = OPERATIVE_LABEL_RE.match(text)
    if m and m.group(1) and len(m.group(1)) >= SEQUENCE_DIGITS:
        if previous is None or int(m.group(1)) != previous + 1:
            return None
    return m


def label_number(text: str, previous: int | None) -> int | None:
    """The paragraph number text starts with, else previous (numbers run on)."""
    m = operative_label(text, previous)
    return int(m.group(1)) if m and m.group(1) else previous


def starts_clause(text: str, previous: int | None = None) -> bool:
    return bool(operative_label(text, previous)) or opens_preamble(text, generic=False)


def is_terminated(text: str) -> bool:
    """Does text end a paragraph (",", ";", "." or ":"), footnote marker allowed after it?"""
    return bool(TERMINATED_RE.search(text[-40:].rstrip()[-16:]))


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(".") and not _ABBREVIATION_RE.search(stripped[-12:])


def _label_only(text: str) -> bool:
    m = operative_label(text)
    return m is not None and not text[m.end() :].strip()


def _breaks_between(prev: str, nxt: str, number: int | None = None) -> bool:
    """Does line `nxt` start a new paragraph although no blank line separates it from `prev`?
    (`number`: the last paragraph number seen.)"""
    if _label_only(prev):
        return False
    stripped = nxt.lstrip()
    if ENACTING_RE.match(nxt) or ENACTING_RE.match(prev) or "///" in prev:
        return True
    if stripped.startswith("///") or stripped.startswith("* * *") or prev.strip() == "* * *":
        return True
    if is_terminated(prev) and (
        starts_clause(nxt, number) or opens_preamble(nxt) or opens_operative(nxt)
    ):
        return True
    return _ends_sentence(prev) and (stripped[:1].isupper() or stripped[:1] in '“"')


def paragraphs(lines: list[Line], text: str, skip: set[int]) -> list[Paragraph]:
    """Group the lines not in `skip` into paragraphs."""
    out: list[Paragraph] = []
    current: list[Line] = []
    gap = True
    pending_gap = True
    number: int | None = None  # the last paragraph number seen

    def flush() -> None:
        nonlocal current, pending_gap
        if current:
            first, last = current[0], current[-1]
            start = first.start + len(first.text) - len(first.text.lstrip())
            end = last.start + len(last.text.rstrip())
            out.append(Paragraph(current, start, end, text[start:end], pending_gap))
            pending_gap = False
        current = []

    for i, line in enumerate(lines):
        if i in skip or line.blank:
            flush()
            gap = True
            continue
        if current and _breaks_between(current[-1].text, line.text, number):
            flush()
        if not current:
            pending_gap = pending_gap or gap
            number = label_number(line.text, number)
        current.append(line)
        gap = False
    flush()
    return out
