"""What a check knows of every corpus document without reading it whole: an `Entry`.

Choosing a base and the documents borrowed from looks at every document of the corpus, so
each one is summarised once, when the corpus is read: its id, date, path, the words of its
title (numbers and ordinals set aside, as the document graph compares them), its symbol stem,
the series its metadata names, and the hashes of its clauses' word 4-grams. Only the few
documents chosen from these are ever decoded whole. (`base.entry_of` makes one: it needs
the normaliser, and this module stays light for a check answered from the cache.)
"""

from __future__ import annotations

import sys
import zlib
from array import array
from dataclasses import dataclass

from ..model import Document

#: Words per shingle: long enough that a shared one is shared wording, not a common phrase
#: ("the general assembly"), short enough that a reworded clause still shares some.
SHINGLE = 4


@dataclass(frozen=True)
class Entry:
    """What choosing a base needs to know of a corpus document."""

    id: str
    date: str
    path: str
    shingles: bytes  # array("I") of shingle hashes: loads from the cache at memcpy speed
    title: str = ""  # title_words, space-separated
    symbol: str = ""  # symbol_stem
    series: str = ""

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.id)


def shingles(doc: Document) -> frozenset[int]:
    """Hashes of the runs of SHINGLE normalised words of each clause.

    crc32, not hash(): the same in every process, so cached values stay comparable."""
    found: set[int] = set()
    for clause in doc.clauses:
        words = clause.norm.split()
        found.update(
            zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
            for i in range(max(1, len(words) - SHINGLE + 1))
        )
    return frozenset(found)


def packed(values: list[int]) -> bytes:
    """uint32 values as little-endian bytes (the cache may travel between machines)."""
    out = array("I", values)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()
