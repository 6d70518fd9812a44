"""The two clauses of one link as the rules across series read them (`across_series`): their
wordings, and what several rules ask of them, found once (the runs they share in order, their
content words outside stock phrases)."""

from __future__ import annotations

from functools import cached_property

from .. import bounded
from .prepared import Prepared
from .scoring import Own, Wording, exact_blocks, own_runs, own_words


class OwnWords:
    """Each wording's content words outside stock phrases (`scoring.own_words`), found once per
    wording: a clause printed in thirty documents is asked about in each of their links."""

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.known: dict[int, frozenset[str]] = {}

    def __call__(self, x: int) -> frozenset[str]:
        """The own words of clause x."""
        r = self.prepared.rep_of[x]
        found = self.known.get(r)
        if found is None:
            found = self.known[r] = own_words(self.prepared.reps[r])
        return found


class LinkPair:
    """Clauses x and y of one link: what each rule across series reads of them is computed at
    most once per link (a part's shared runs were measured twice, then aligned again to look
    for a slot)."""

    def __init__(self, prepared: Prepared, own: OwnWords, x: int, y: int) -> None:
        self.prepared = prepared
        self.x, self.y = x, y
        self.a: Wording
        self.b: Wording
        self.a, self.b = prepared.wordings(x, y)
        self._own = own

    @cached_property
    def blocks(self) -> list[tuple[int, int, int]]:
        """Indel's runs (i, j, size) of words the two clauses share in order, exact whatever
        their size (a slot is looked for in them: `subjects._named_apart`)."""
        return exact_blocks(self.a.ids, self.b.ids)

    @cached_property
    def runs(self) -> Own:
        """The shared runs measured against stock phrases (`scoring.own_runs`)."""
        exact = bounded.exact(self.a.ids, self.b.ids)
        return own_runs(self.a, self.b, self.blocks if exact else None)

    @cached_property
    def shared_own(self) -> frozenset[str]:
        """The content words outside stock phrases the two clauses share."""
        return self._own(self.x) & self._own(self.y)
