"""Substantive changes: what a word diff of two versions of a clause changes in substance.

Most amendments reword; some change what a clause commits to. Those are flagged as a kind of
their own, whatever the relation of the two versions (a minor edit that moves a mandate's end
from 2029 to 2027 is small in words and large in substance):

- facts: numbers, dates, years, symbols (A/RES/78/123, 78/123, S/2016/20) and amounts
  (US$ 1.5 million, 25 per cent), read from each version's normalised text (footnote markers
  and extraction noise already set aside) and compared as multisets: a fact of the base that
  the new version lacks, or the reverse, is a change;
- a weakened verb: the operative verb leading the clause stands lower on `VERB_SCALE` in the
  new version ("calls upon" -> "invites" -> "takes note").

Session ordinals in words ("at its eightieth session") are not numbers here: re-adopted
resolutions change them every year, routinely.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

#: The operative verbs of United Nations drafting, strongest first: each level asks less of
#: those it addresses than the one above. A clause whose leading verb moves down the scale is
#: weakened. Verbs not listed (reaffirms, welcomes, stresses ...) declare rather than ask and
#: are not placed on the scale. Participles ("Urging", "Noting") share their verb's level, so
#: preambular paragraphs are judged alike. A general table of drafting practice (see, e.g., the
#: UN Editorial Manual's lists of preambular and operative verbs), not the words of one text.
VERB_SCALE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("decides", ("decides", "demands", "deciding", "demanding")),
    (
        "urges",
        (
            "urges",
            "calls upon",
            "calls on",
            "calls for",
            "requests",
            "urging",
            "calling upon",
            "calling on",
            "calling for",
            "requesting",
        ),
    ),
    (
        "encourages",
        (
            "encourages",
            "invites",
            "recommends",
            "appeals to",
            "encouraging",
            "inviting",
            "recommending",
            "appealing to",
        ),
    ),
    (
        "notes",
        (
            "notes",
            "takes note",
            "acknowledges",
            "recognizes",
            "recognises",
            "noting",
            "taking note",
            "acknowledging",
            "recognizing",
            "recognising",
        ),
    ),
)
#: Words of a clause's opening read past to find its verb ("Also strongly urges", "Calls once
#: again upon", "In this regard, requests").
VERB_LEAD_INS: frozenset[str] = frozenset(
    {
        "also",
        "further",
        "furthermore",
        "again",
        "once",
        "more",
        "strongly",
        "moreover",
        "therefore",
        "thus",
        "hereby",
        "in",
        "this",
        "that",
        "regard",
        "context",
        "respect",
        "and",
        "most",
        "emphatically",
        "earnestly",
        "firmly",
        "repeatedly",
        "renewed",
        "its",
    }
)

#: Words of a clause's opening in which its verb is looked for: a verb and its adverbs.
HEAD_WORDS = 8

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NUMBER = r"\d+(?:[.,]\d+)*"
#: The last word of an ordinal in words: "seventy ninth" (normalised "seventy-ninth") is a
#: session's ordinal, not the number seventy.
_ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _two_slashes(text: str) -> bool:
    return text.count("/") >= 2


def _slash_and_digit(text: str) -> bool:
    return "/" in text and _has_digit(text)


@dataclass(frozen=True)
class FactPattern:
    """One kind of fact and how it is read. `gate`: what every match holds, as a test a
    text must pass to be scanned at all (None: scanned always): most clauses hold no symbol
    and more than half no digit, and the patterns' scans were a third of rendering a
    side-by-side page."""

    kind: str
    pattern: re.Pattern[str]
    gate: Callable[[str], bool] | None


#: Patterns over normalised text, tried in this order; a span taken by one is not read again.
FACT_PATTERNS: tuple[FactPattern, ...] = (
    FactPattern(
        "symbol", re.compile(r"\b[a-z]{1,6}(?:\.\d+)?(?:/[a-z0-9.()-]+){2,}"), _two_slashes
    ),
    FactPattern("symbol", re.compile(r"\b\d{1,3}/\d{1,4}(?: [a-z]\b)?"), _slash_and_digit),
    FactPattern(
        "date",
        re.compile(
            rf"\b(?:\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|(?:{_MONTHS}) \d{{1,2}}"
            rf"(?: \d{{4}})?|(?:{_MONTHS}) \d{{4}})\b"
        ),
        _has_digit,
    ),
    FactPattern(
        "amount",
        re.compile(
            rf"\b(?:(?:us|usd|eur|chf|gbp) ?)?{_NUMBER} ?(?:million|billion|"
            rf"thousand|per cent|percent|dollars|euros|francs)\b|\b(?:us|usd|"
            rf"eur|chf|gbp) ?{_NUMBER}\b"
        ),
        _has_digit,
    ),
    FactPattern("year", re.compile(r"\b(?:1[89]|2\d)\d\d\b"), _has_digit),
    FactPattern(
        "number",  # perhaps in words: no gate
        re.compile(
            rf"\b{_NUMBER}\b|\b(?:one|two|three|four|five|six|seven|eight|nine"
            r"|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty"
            r"|seventy|eighty|ninety|hundred|thousand|half|double|twice)\b"
            rf"(?! (?:{_ORDINAL_UNITS})\b)"
        ),
        None,
    ),
)
#: Kinds in the order reports list them.
KINDS: tuple[str, ...] = ("number", "date", "year", "symbol", "amount", "verb")


@dataclass(frozen=True)
class Substantive:
    """One substantive change of a clause: its kind, what the base said and the new says."""

    kind: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    def describe(self) -> str:
        """For a line of a report: date 30 june 2029 -> (none)."""
        was = ", ".join(self.before) or "(none)"
        now = ", ".join(self.after) or "(none)"
        return f"{self.kind} {was} -> {now}"


#: Distinct clause texts whose facts and leading verb are remembered: a report's side-by-side
#: pages read each clause twice (a document is the newer side of one pair and the older side
#: of the next), and its pages are rendered in path order, so the two reads come close
#: together; 16,384 texts of a few hundred bytes each.
TEXT_CACHE = 1 << 14


def facts(norm: str) -> Counter[tuple[str, str]]:
    """(kind, text) of every number, date, year, symbol and amount of a normalised text."""
    return Counter(dict(_facts(norm)))


@lru_cache(maxsize=TEXT_CACHE)
def _facts(norm: str) -> tuple[tuple[tuple[str, str], int], ...]:
    """facts, remembered per text (as a tuple: each caller gets its own Counter)."""
    found: Counter[tuple[str, str]] = Counter()
    text = norm
    for fact in FACT_PATTERNS:
        if fact.gate is not None and not fact.gate(text):
            continue
        spans = []
        for match in fact.pattern.finditer(text):
            found[(fact.kind, match.group())] += 1
            spans.append(match.span())
        if spans:  # most patterns find nothing in a clause: no second pass to blank it
            text = _blanked(text, spans)
    return tuple(found.items())


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span (in order, apart) written as spaces, so no later pattern
    reads it again and the offsets stay."""
    out: list[str] = []
    end = 0
    for start, stop in spans:
        out += (text[end:start], " " * (stop - start))
        end = stop
    out.append(text[end:])
    return "".join(out)


@lru_cache(maxsize=TEXT_CACHE)
def verb_level(norm: str) -> tuple[int, str] | None:
    """(level on VERB_SCALE, 0 strongest; the verb) of the clause's leading verb, if listed.

    Adverbs are read past, before the verb and inside it ("Calls once again upon")."""
    head = [w for w in norm.split()[:HEAD_WORDS] if w not in VERB_LEAD_INS]
    opening = " ".join(head[:2])
    for level, (_, forms) in enumerate(VERB_SCALE):
        for form in forms:
            if opening == form or opening.startswith(form + " "):
                return level, form
    return None


def substantive_changes(base_norm: str, new_norm: str) -> tuple[Substantive, ...]:
    """The substantive changes from one version of a clause to the next, by kind."""
    before, after = facts(base_norm), facts(new_norm)
    gone, added = before - after, after - before
    out = []
    for kind in KINDS[:-1]:
        was = tuple(sorted(t for (k, t), n in gone.items() for _ in range(n) if k == kind))
        now = tuple(sorted(t for (k, t), n in added.items() for _ in range(n) if k == kind))
        if was or now:
            out.append(Substantive(kind, was, now))
    old, new = verb_level(base_norm), verb_level(new_norm)
    if old is not None and new is not None and new[0] > old[0]:
        out.append(Substantive("verb", (old[1],), (new[1],)))
    return tuple(out)
