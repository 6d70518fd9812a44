"""The report's search index: every clause, document and family, as one script of data.

A report opened from `file://` cannot fetch() its own files and its CSP allows scripts from the
report only, so the index is a `.js` file that assigns one JSON value to `self.LINEAGE_SEARCH`;
`static/lineage.js` adds it with a `<script src>` the first time someone uses the search box,
so pages that are only read never load it.

Compact by construction: each distinct clause wording is stored once, as a string of word ids
(one character per token: the most frequent tokens get the one-byte characters), beside one
vocabulary of the tokens. A phrase is found by matching the ids of its words in that string,
punctuation between them ignored; the snippet shown is rebuilt from the tokens. On the 659
un-ga resolutions this is about a third of the clauses' own text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ...clean.normalize import HOMOGLYPHS, SUPERSCRIPTS
from .model import Lookup, page_name

SEARCH_FILE = "search-index.js"
#: Bumped when the shape of the data changes, so lineage.js can refuse an index it cannot read.
INDEX_VERSION = 1
#: Separates two clause wordings in the id string; never an id itself.
TEXT_SEPARATOR = "\n"
#: Characters a JSON string holds as themselves (no escape), printable ASCII first (one byte in
#: UTF-8) for the most frequent tokens, then the rest of the Basic Multilingual Plane. The quote
#: and backslash would need escapes; surrogates cannot stand alone; U+2028/9 break old parsers.
_ASCII_IDS = [chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\']
_WIDE_IDS = (0xA0, 0xD800), (0xE000, 0x10000)
_EXCLUDED = {"\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"}


def _id_chars() -> Iterator[str]:
    yield from _ASCII_IDS
    for lo, hi in _WIDE_IDS:
        for code in range(lo, hi):
            if chr(code) not in _EXCLUDED:
                yield chr(code)


#: One character per token id; a corpus with more distinct tokens gives the rarest two
#: characters (an escape, then the id's low part), see `encoder`.
ID_CHARS: tuple[str, ...] = tuple(_id_chars())
_ESCAPE_COUNT = 256


def display_token(token: str) -> str:
    """A token as the index shows it: Cyrillic look-alike letters inside a Latin word made
    Latin (they look the same, and `neutrаlity` with a Cyrillic `а` must be found by
    "neutrality"); a wholly Cyrillic word (a Russian title) stays as it is."""
    if token.isascii() or not any(c.isascii() and c.isalnum() for c in token):
        return token
    return token.translate(HOMOGLYPHS)


#: Words and punctuation marks, as `diff.tokenize` cuts them, whitespace left out (the snippet
#: puts spaces back); a run of superscript digits is a token of its own, a footnote marker
#: (clean/shown.py prints "Peoples10" as "Peoples¹⁰"), which search.js lets a phrase step
#: over: "Indigenous Peoples in the context" finds it.
_TOKEN = re.compile(f"[^\\W{SUPERSCRIPTS}]+|[{SUPERSCRIPTS}]+|[^\\w\\s]")


@dataclass(frozen=True)
class Entry:
    """One distinct clause wording and where it stands: (document index, clause id, family
    index or -1) for every clause with exactly this wording."""

    tokens: tuple[str, ...]
    where: tuple[tuple[int, str, int], ...]


def entries(lookup: Lookup) -> list[Entry]:
    """Distinct wordings in the order they first appear in the corpus (date, id, position)."""
    family_pos = {f.id: i for i, f in enumerate(lookup.families)}
    by_text: dict[str, tuple[str, ...]] = {}
    found: dict[tuple[str, ...], list[tuple[int, str, int]]] = {}
    for d, doc in enumerate(lookup.documents):
        for clause in doc.clauses:
            key = by_text.get(clause.text)
            if key is None:
                key = by_text[clause.text] = tuple(_TOKEN.findall(clause.text))
            fam = lookup.family_of.get(clause.uid)
            found.setdefault(key, []).append((d, clause.id, family_pos[fam] if fam else -1))
    return [Entry(key, tuple(where)) for key, where in found.items()]


#: Ids that are one character; the rest of ID_CHARS are escapes starting a two-character id.
SINGLE_IDS = len(ID_CHARS) - _ESCAPE_COUNT


def encoder(vocabulary: list[str], single: int = SINGLE_IDS) -> dict[str, str]:
    """Each token's id string: one character while they last, then an escape and a character
    (256 escapes of 63,000 characters: sixteen million tokens, more than any corpus has)."""
    codes = {}
    for i, token in enumerate(vocabulary):
        if i < single:
            codes[token] = ID_CHARS[i]
        else:
            high, low = divmod(i - single, single)
            codes[token] = ID_CHARS[single + high] + ID_CHARS[low]
    return codes


def index_data(lookup: Lookup) -> dict[str, object]:
    """The index as plain data (what the script assigns)."""
    found = entries(lookup)
    tally: Counter[str] = Counter()
    for entry in found:
        tally.update(entry.tokens)
    vocabulary = sorted(tally, key=lambda t: (-tally[t], t))
    codes = encoder(vocabulary)
    views = lookup.views
    return {
        "version": INDEX_VERSION,
        "single": SINGLE_IDS,
        "words": " ".join(map(display_token, vocabulary)),
        "texts": TEXT_SEPARATOR.join("".join(map(codes.__getitem__, e.tokens)) for e in found),
        "where": [[x for d, c, f in e.where for x in (d, c, f)] for e in found],
        "docs": [
            [page_name(d.id), views[d.id].label, views[d.id].title, d.date]
            for d in lookup.documents
        ],
        "families": [[page_name(f.id), f.id] for f in lookup.families],
    }


def index_script(lookup: Lookup) -> str:
    """The index file: a comment saying what it is, one assignment, a newline."""
    data = json.dumps(index_data(lookup), ensure_ascii=False, separators=(",", ":"))
    return (
        "/* lineage search index: data only, read by static/search.js */\n"
        f"self.LINEAGE_SEARCH={data};\n"
    )
