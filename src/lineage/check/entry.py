"""What a check knows of every corpus document without reading it whole: an `Entry`.

Choosing a base and the documents borrowed from looks at every document of the corpus, so
each one is summarised once, when the corpus is read: its id, date, path, the words of its
title (numbers and ordinals set aside, as the document graph compares them), its symbol stem,
the series its metadata names, and the hashes of its clauses' word 4-grams. Only the few
documents chosen from these are ever decoded whole. (`base.entry_of` makes one: its hashes
are numpy's work, and this module stays light for a check answered from the cache.)
"""

from __future__ import annotations

from dataclasses import dataclass

#: Words per shingle: long enough that a shared one is shared wording, not a common phrase
#: ("the general assembly"), short enough that a reworded clause still shares some.
SHINGLE = 4


@dataclass(frozen=True)
class Entry:
    """What choosing a base needs to know of a corpus document."""

    id: str
    date: str
    path: str
    shingles: bytes  # sorted little-endian uint32 (`base.shingles`): loads at memcpy speed
    title: str = ""  # title_words, space-separated
    symbol: str = ""  # symbol_stem
    series: str = ""

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.id)
