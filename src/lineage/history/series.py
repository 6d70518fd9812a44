"""The document graph: each document's sources and its previous version; series are chains.

A real corpus is many interleaved series (a resolution re-adopted each year, the draft it was
adopted from, unrelated resolutions side by side). For every document the graph says:

- its *sources*: the earlier documents it takes clauses from, with how many (a clause counts
  once per source document, whatever the relation, partial links included);
- its *previous version*: the earlier document it continues (last year's resolution of the
  same series, the draft it was adopted from, the draft a revision replaces, an earlier edition
  of the same text), or None: then it starts a series. A series is a chain of previous
  versions, named after its first document.

Evidence, strongest first (`Evidence`): shared clauses (one-to-one links that are not
`partial`: the Dice coefficient of the two documents' clause counts), then the title (the same
title once numbers and ordinals are set aside: "... its seventy-eighth session" continues
"... its seventy-seventh session"), the symbol (the same symbol, or a revision of it:
"A/C.3/79/L.5/Rev.1" replaces "A/C.3/79/L.5"), a citation of the earlier document by the later
one, and the agenda item. A candidate is a previous version only when it is earlier (by date;
on the same date only a revision or another edition of the same symbol) and:

- it has the same title and shares at least MIN_SHARED clauses, or the same symbol stem; or
- it shares at least CONTINUES_DICE of the two documents' clauses and its title is close
  (CLOSE_TITLE), or unknown, or the later document cites it.

Two resolutions of one template ("Question of Anguilla", "Question of Bermuda"; "Financing of"
one mission or another) share most of their clauses and are not versions of each other: the
title tells them apart. Among the candidates of all documents, the strongest pairs are taken
first and each document continues at most one earlier document and is continued by at most
one (a chain: the draft continues last year's resolution, the adopted text continues the
draft, next year's resolution the adopted text).

Everything here is pairwise evidence between two documents that share clauses: no statistic
of the whole corpus, so a document's previous version, sources and series never change when
unrelated documents (sharing no clause with it) are added.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..align.vocabulary import is_content
from ..citations import document_keys
from ..clean.normalize import normalize
from ..model import Corpus, Document, Link

#: Same title: one shared clause is enough ("Report of the Ethics Office" of two years shares
#: one substantive clause and is the same annual report resolution).
MIN_SHARED = 1
#: Without the same title, a document continues another only when this share of the two
#: documents' clauses (Dice: 2 x shared / (clauses of one + clauses of the other)) is shared.
#: On ../shared/un-ga re-adopted resolutions share 0.8 to 1.0, a draft and its adoption 0.95+;
#: resolutions that merely draw on one another stay under 0.45.
CONTINUES_DICE = 0.5
#: Titles whose content words have this Dice coefficient are close ("Freedom of religion or
#: belief" and "... and belief"; "Preparations for and observance of the thirtieth anniversary
#: of the International Year of the Family" and "Observance of ..."); two resolutions of one
#: template differ in their subject and stay under it ("Question of Anguilla" / "of Bermuda"
#: 0.5; "Financing of" two missions 0.62).
CLOSE_TITLE = 0.75
#: Words that make a symbol a later state of the same document: "/Rev.1", "/Corr.2", "/Add.1".
REVISION_RE = re.compile(r"/(?:Rev|Corr|Add|Amend)\.\s*\d+\s*$", re.IGNORECASE)
#: "Agenda item 97 (d)" or "Agenda items 20 and 21" at the head of a UN document; the item's
#: title follows.
AGENDA_RE = re.compile(r"\bAgenda\s+items?\s+[\d\s(),a-z]*?(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Source:
    """An earlier document a document takes clauses from: how many, and their share."""

    doc_id: str
    clauses: int
    share: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why one earlier document may be another's previous version (see the module docstring).

    `shared` one-to-one non-partial links between them, `dice` 2 x shared / both clause
    counts; `title` "same", "close", "unknown" or "different"; `symbol` the same symbol stem;
    `cites` the later document cites the earlier; `agenda` the same agenda item title.
    """

    earlier: str
    later: str
    shared: int
    dice: float
    title: str
    symbol: bool
    cites: bool
    agenda: bool
    declared: bool = False  # the input says so: `later.previous` names `earlier`
    named: bool = False  # both name the same series in their metadata

    @property
    def continues(self) -> bool:
        """Whether this evidence makes `earlier` a previous version of `later`."""
        if self.declared or self.named or self.symbol:
            return True
        if self.title == "same" and self.shared >= MIN_SHARED:
            return True
        return self.dice >= CONTINUES_DICE and (
            self.title in ("same", "close", "unknown") or self.cites
        )

    @property
    def strength(self) -> tuple[bool, bool, float, int, bool, bool, bool]:
        """What the input declares first; then shared clauses, title, symbol, citation,
        agenda item."""
        return (
            self.declared,
            self.named,
            self.dice,
            _TITLE_RANK[self.title],
            self.symbol,
            self.cites,
            self.agenda,
        )

    def describe(self) -> str:
        """A reviewer's line: what made it the previous version."""
        parts = [f"{self.shared} shared clauses ({self.dice:.0%})", f"title {self.title}"]
        parts += [
            name
            for name, yes in (
                ("same symbol", self.symbol),
                ("cited", self.cites),
                ("same agenda item", self.agenda),
            )
            if yes
        ]
        return ", ".join(parts)


_TITLE_RANK = {"different": 0, "unknown": 1, "close": 2, "same": 3}


@dataclass(frozen=True)
class Node:
    """A document in the graph: its previous version, its series and its sources."""

    doc_id: str
    previous: str | None
    series: str
    sources: tuple[Source, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True)
class DocumentGraph:
    """Documents (corpus order) with their previous versions, series and sources."""

    nodes: tuple[Node, ...]
    _by_id: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)
    _next: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _members: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for node in self.nodes:
            self._by_id[node.doc_id] = node
            self._members.setdefault(node.series, []).append(node.doc_id)
            if node.previous is not None:
                self._next[node.previous] = node.doc_id

    def node(self, doc_id: str) -> Node:
        return self._by_id[doc_id]

    def previous(self, doc_id: str) -> str | None:
        """The document's previous version, or None when it starts a series."""
        return self._by_id[doc_id].previous

    def next(self, doc_id: str) -> str | None:
        """The document that continues this one, if any."""
        return self._next.get(doc_id)

    def series_of(self, doc_id: str) -> str:
        """The series' id: the id of its first document."""
        return self._by_id[doc_id].series

    def same_series(self, a: str, b: str) -> bool:
        return self.series_of(a) == self.series_of(b)

    def series(self) -> dict[str, tuple[str, ...]]:
        """Each series' documents, in order, by series id (sorted by the first's position)."""
        return {k: tuple(v) for k, v in self._members.items()}

    def members(self, series_id: str) -> tuple[str, ...]:
        """The documents of one series, in order."""
        return tuple(self._members[series_id])

    def versions(self) -> list[tuple[str, str]]:
        """(previous version, document) for every document that has one, in corpus order:
        the pairs a reader compares side by side."""
        return [(n.previous, n.doc_id) for n in self.nodes if n.previous is not None]

    def sources(self, doc_id: str) -> tuple[Source, ...]:
        return self._by_id[doc_id].sources


def title_words(title: str) -> tuple[str, ...]:
    """The content words of a title: numbers, ordinals ("seventy-eighth session") and the
    resolution's own number ("78/20.") set aside, as they change from one version to the next."""
    return tuple(w for w in normalize(title).split() if is_content(w))


def compare_titles(a: Sequence[str], b: Sequence[str]) -> str:
    """ "same", "close", "different", or "unknown" when either title has no content word."""
    if not a or not b:
        return "unknown"
    if tuple(a) == tuple(b):
        return "same"
    sa, sb = set(a), set(b)
    dice = 2 * len(sa & sb) / (len(sa) + len(sb))
    return "close" if dice >= CLOSE_TITLE else "different"


def symbol_stem(symbol: str) -> str:
    """The symbol without revision suffixes and spaces: the same document in every state."""
    stem = re.sub(r"\s+", "", symbol)
    while True:
        shorter = REVISION_RE.sub("", stem)
        if shorter == stem:
            return stem.upper()
        stem = shorter


def agenda_title(doc: Document) -> tuple[str, ...]:
    """The content words of the agenda item's title in the document's front matter, if any."""
    for block in doc.blocks:
        if block.kind == "front":
            m = AGENDA_RE.search(block.text)
            if m:
                return title_words(block.text[m.end() :])
    return ()


@dataclass(frozen=True)
class _Facts:
    """What the evidence needs to know of one document, computed once."""

    date: str
    clauses: int
    title: tuple[str, ...]
    symbol: str
    keys: frozenset[str]
    cites: frozenset[str]
    agenda: tuple[str, ...]
    series: str = ""
    previous: str = ""

    @classmethod
    def of(cls, doc: Document) -> _Facts:
        keys = frozenset(document_keys(doc)) - {f"id:{doc.id}"}
        return cls(
            doc.date,
            len(doc.clauses),
            title_words(doc.title),
            symbol_stem(doc.symbol) if doc.symbol else "",
            keys,
            frozenset(c.key for c in doc.citations),
            agenda_title(doc),
            doc.series,
            doc.previous,
        )


def evidence(
    earlier: Document, later: Document, shared: int, facts: dict[str, _Facts] | None = None
) -> Evidence:
    """The evidence that `earlier` is the previous version of `later`, given the number of
    one-to-one non-partial links between them."""
    e = facts[earlier.id] if facts else _Facts.of(earlier)
    d = facts[later.id] if facts else _Facts.of(later)
    total = e.clauses + d.clauses
    return Evidence(
        earlier=earlier.id,
        later=later.id,
        shared=shared,
        dice=round(2 * shared / total, 4) if total else 0.0,
        title=compare_titles(e.title, d.title),
        symbol=bool(e.symbol) and e.symbol == d.symbol,
        cites=bool(e.keys & d.cites),
        agenda=bool(e.agenda) and e.agenda == d.agenda,
        declared=d.previous == earlier.id,
        named=bool(e.series) and e.series == d.series,
    )


def _eligible(earlier: Document, later: Document, ev: Evidence) -> bool:
    """Earlier by date; on the same date only another state of the same symbol, or the
    version the input names."""
    same_day = earlier.date == later.date and (ev.symbol or ev.declared)
    return earlier.date < later.date or same_day


def shared_counts(
    links: Iterable[Link],
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], set[str]]]:
    """Per (earlier, later) document pair: one-to-one non-partial links, and the later
    document's clauses that have any link from the earlier one."""
    one_to_one: dict[tuple[str, str], set[str]] = defaultdict(set)
    taken: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        pair = (_doc(link.source), _doc(link.target))
        taken[pair].add(link.target)
        if link.relation != "partial":
            one_to_one[pair].add(link.target)
    return {k: len(v) for k, v in one_to_one.items()}, taken


def _doc(uid: str) -> str:
    return uid.rsplit("/", 1)[0]


def build_graph(corpus: Corpus, links: Iterable[Link]) -> DocumentGraph:
    """The document graph of a corpus from its final links (reviewer decisions applied)."""
    docs = {d.id: d for d in corpus.documents}
    order = corpus.order
    facts = {d.id: _Facts.of(d) for d in corpus.documents}
    shared, taken = shared_counts(links)
    candidates: list[Evidence] = []
    for (a, b), n in shared.items():
        ev = evidence(docs[a], docs[b], n, facts)
        if _eligible(docs[a], docs[b], ev) and ev.continues:
            candidates.append(ev)
    # What the input says (a previous version, a series name) and a symbol stem in common are
    # evidence even without shared clauses (an edition whose text could not be matched).
    candidates.extend(_metadata_only(corpus, shared, facts))
    previous = choose_previous(candidates, order)
    sources: dict[str, list[Source]] = defaultdict(list)
    for (a, b), clauses in taken.items():
        sources[b].append(Source(a, len(clauses), round(len(clauses) / facts[b].clauses, 4)))
    root: dict[str, str] = {}
    name: dict[str, str] = {}  # a series is named by the first name its documents give
    for doc in corpus.documents:
        chosen = previous.get(doc.id)
        root[doc.id] = root[chosen.earlier] if chosen else doc.id
        name.setdefault(root[doc.id], "")
        if not name[root[doc.id]] and facts[doc.id].series:
            name[root[doc.id]] = facts[doc.id].series
    nodes: list[Node] = []
    for doc in corpus.documents:
        chosen = previous.get(doc.id)
        mine = sorted(sources.get(doc.id, ()), key=lambda s: (-s.clauses, order[s.doc_id]))
        series_id = name[root[doc.id]] or root[doc.id]
        nodes.append(
            Node(doc.id, chosen.earlier if chosen else None, series_id, tuple(mine), chosen)
        )
    return DocumentGraph(tuple(nodes))


def _metadata_only(
    corpus: Corpus, shared: dict[tuple[str, str], int], facts: dict[str, _Facts]
) -> list[Evidence]:
    """Evidence for documents that share no clause but one symbol stem or series name, or
    where one names the other as its previous version."""
    groups: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in corpus.documents:
        for kind in ("symbol", "series"):
            if value := getattr(facts[doc.id], kind):
                groups[(kind, value)].append(doc)
    docs = {d.id: d for d in corpus.documents}
    pairs = {
        (e.id, d.id) for group in groups.values() for i, d in enumerate(group) for e in group[:i]
    }
    pairs |= {(f.previous, d) for d, f in facts.items() if f.previous in docs}
    out: list[Evidence] = []
    for a, b in sorted(pairs - set(shared)):
        ev = evidence(docs[a], docs[b], 0, facts)
        if _eligible(docs[a], docs[b], ev) and ev.continues:
            out.append(ev)
    return out


def choose_previous(candidates: Sequence[Evidence], order: dict[str, int]) -> dict[str, Evidence]:
    """Each document's previous version: strongest pairs first, one previous and one next per
    document (a chain). Ties go to the later earlier document, then corpus order."""
    ranked = sorted(
        candidates,
        key=lambda ev: (tuple(-x for x in ev.strength), -order[ev.earlier], order[ev.later]),
    )
    previous: dict[str, Evidence] = {}
    continued: set[str] = set()
    for ev in ranked:
        if ev.later in previous or ev.earlier in continued:
            continue
        previous[ev.later] = ev
        continued.add(ev.earlier)
    return previous


def previous_version(new: Document, candidates: Sequence[tuple[Document, int]]) -> Evidence | None:
    """The previous version of a document that is not (yet) in the corpus, among earlier
    documents given with the number of one-to-one non-partial links to it: what `check` asks.
    The same rule as `build_graph`, without the chain (a new draft may continue a document
    that already has a later version)."""
    found = continuing(new, candidates)
    return found[0] if found else None


def continuing(new: Document, candidates: Sequence[tuple[Document, int]]) -> list[Evidence]:
    """The evidence of every candidate that `new` continues, strongest first (then latest):
    `previous_version`'s choice is the first; `check` follows the chain from there."""
    found = [
        ev
        for doc, n in candidates
        if _eligible(doc, new, ev := evidence(doc, new, n)) and ev.continues
    ]
    order = {doc.id: (doc.date, doc.id) for doc, _ in candidates}
    return sorted(found, key=lambda ev: (ev.strength, order[ev.earlier]), reverse=True)


def continues(earlier: Document, later: Document, shared: int) -> Evidence | None:
    """The evidence that `later` continues `earlier` (given their one-to-one non-partial
    links), or None when by the graph's rule it does not."""
    ev = evidence(earlier, later, shared)
    return ev if _eligible(earlier, later, ev) and ev.continues else None
