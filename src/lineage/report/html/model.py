"""View models of the HTML report: plain data built from one Analysis before any template runs.

As in coverage.py's html.py, everything a page shows is decided here (what is a change, what
moved, which cell links where) and the templates only lay it out. Every collection is sorted so
that the same Analysis always gives the same pages.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from markupsafe import Markup

from ...analysis import Provenance, is_shared_passage
from ...model import RELATIONS, Analysis, Clause, Document, Event, Family, Link
from ..diff import folded_diff
from .escaping import escape
from .why import HIGHLIGHT_RELATIONS, Reviews, Why, why

#: Short codes for the matrix cells; the legend and each cell's title spell them out.
EVENT_CODES: dict[str, str] = {
    "new": "N",
    "carried": "=",
    "amended": "~",
    "rewritten": "R",
    "moved": "M",
    "split": "S",
    "merged": "J",
    "dropped": "×",
    "reintroduced": "↺",
    "borrowed": "B",
}


def kind_order(kinds: Iterable[str]) -> list[str]:
    """Event kinds in the model's order; kinds it does not know go last, alphabetically."""
    return list(_kind_order(frozenset(kinds)))


#: Distinct sets of event kinds whose order is remembered: a few dozen occur, asked for by
#: every matrix cell and family version (600,000 times at 10,000 documents).
KIND_ORDER_CACHE = 1024


@lru_cache(maxsize=KIND_ORDER_CACHE)
def _kind_order(kinds: frozenset[str]) -> tuple[str, ...]:
    known = list(EVENT_CODES)
    return tuple(sorted(kinds, key=lambda k: (known.index(k) if k in known else len(known), k)))


def kind_code(kind: str) -> str:
    return EVENT_CODES.get(kind, kind[:1].upper() or "?")


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]|^$")
#: Longest page name in bytes: a pair page holds two (`<a>--<b>.html`), and a file name may
#: have 255 bytes on Linux filesystems: 2 x 120 + 7 fits.
MAX_PAGE_NAME = 120
#: Of a longer name, this much is kept, then `~h<20 hex digits of its sha256>~`.
KEEP_PAGE_NAME = 96


#: Distinct ids whose page names are remembered (documents and families of a large corpus):
#: pages name the same documents thousands of times.
PAGE_NAME_CACHE = 1 << 16


@lru_cache(maxsize=PAGE_NAME_CACHE)
def page_name(ident: str) -> str:
    """A file name (and URL path part) for an id: the id itself unless it holds unsafe characters.

    Each unsafe character becomes `~<hex>~`, so distinct ids always get distinct names; a
    name past MAX_PAGE_NAME bytes is cut and ends with a hash of the id (`~h...~`, which no
    escape makes: `h` is no hex digit), so a long id still gets a page the disk can hold.
    """
    return _fitted(_escaped(ident), ident)


def _escaped(ident: str) -> str:
    return _UNSAFE.sub(lambda m: f"~{ord(m.group()):x}~" if m.group() else "~~", ident)


def _fitted(name: str, ident: str) -> str:
    if len(name) <= MAX_PAGE_NAME:
        return name
    digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:20]
    return f"{name[:KEEP_PAGE_NAME].rstrip('-')}~h{digest}~"


def doc_href(doc_id: str) -> str:
    return f"documents/{page_name(doc_id)}.html"


def family_href(family_id: str) -> str:
    return f"families/{page_name(family_id)}.html"


def pair_href(a_id: str, b_id: str) -> str:
    """The side-by-side page of a and b: `pairs/<a>--<b>.html`, one name per pair."""
    return f"pairs/{_pair_part(a_id)}--{_pair_part(b_id)}.html"


def _pair_part(ident: str) -> str:
    """page_name, with each '-' written ~2d~ when the name holds '--' or starts or ends with
    '-': the '--' between the two names is then the only one, so two pairs never share a page
    (`a--b` + `c` and `a` + `b--c` would both be `a--b--c`). Usual ids keep their names."""
    name = _escaped(ident)
    if "--" in name or name.startswith("-") or name.endswith("-"):
        name = name.replace("-", "~2d~")
    return _fitted(name, ident)


def snippet(text: str, words: int = 14) -> str:
    """The first words of a clause, to name a family in a list."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


@dataclass(frozen=True)
class DocView:
    """A document as pages name it: label for headers, href relative to the report root."""

    id: str
    label: str
    title: str
    date: str
    body: str
    symbol: str
    n_clauses: int
    href: str
    #: The title's first words (SHORT_TITLE_CHARS at most): a column or a mark names a
    #: document by its symbol and this, so two texts of one symbol stay apart.
    short: str = ""
    #: The series of the document graph the document belongs to (its first document's id).
    series: str = ""


@dataclass(frozen=True)
class ClauseOrigin:
    """Where a clause comes from: the event in its document and the version it descends from."""

    kind: str
    family: str | None
    source_uid: str | None
    source_doc: DocView | None
    first_doc: DocView | None
    relation: str | None
    similarity: float | None
    method: str | None
    closest: str | None = None
    closest_doc: DocView | None = None
    closest_relation: str | None = None
    closest_similarity: float | None = None


class Lookup:
    """Indexes over one Analysis that every view builder shares (built once, read often)."""

    def __init__(self, analysis: Analysis, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.analysis = analysis
        #: Pairs asked for (`--pair`), beside each document and its previous version.
        self.asked: tuple[tuple[str, str], ...] = tuple(pairs)
        self.documents: tuple[Document, ...] = analysis.documents  # in corpus order
        self.doc: dict[str, Document] = {d.id: d for d in self.documents}
        #: The analysis's decisions on each clause's origin and each pair's share.
        self.origins = Provenance(analysis)
        self.order: dict[str, int] = self.origins.order
        self.clauses: dict[str, Clause] = self.origins.clauses
        self.families: tuple[Family, ...] = self.origins.families  # sorted once, there
        self.family: dict[str, Family] = {f.id: f for f in self.families}
        self.family_index: dict[str, int] = {f.id: i for i, f in enumerate(self.families)}
        self.family_of: dict[str, str] = self.origins.family_of
        self.events: dict[tuple[str, str], list[Event]] = defaultdict(list)
        for fam in self.families:
            for event in fam.events:
                self.events[(fam.id, event.doc_id)].append(event)
        self.link: dict[tuple[str, str], Link] = self.origins.link
        self._family_docs: dict[str, list[str]] = {}
        self._family_clauses: dict[str, dict[str, list[str]]] = {}
        self._provenance: dict[str, ClauseOrigin] = {}

    @cached_property
    def views(self) -> dict[str, DocView]:
        """Each document's view; a symbol that several documents print is followed by the
        document's id in their labels, so no two columns or marks are headed alike."""
        symbols: dict[str, int] = defaultdict(int)
        for doc in self.documents:
            symbols[doc.symbol or doc.id] += 1
        graph = self.analysis.graph
        return {
            d.id: _doc_view(
                d,
                symbols[d.symbol or d.id] > 1,
                graph.series_of(d.id) if graph is not None else d.id,
            )
            for d in self.documents
        }

    @cached_property
    def families_at(self) -> dict[str, list[str]]:
        """Ids of the families with a clause or an event in each document, in family order.

        Built once so that a page about a few documents never scans every family.
        """
        found: dict[str, list[str]] = defaultdict(list)
        for fam in self.families:
            for doc_id in {*self.family_docs(fam), *(e.doc_id for e in fam.events)}:
                found[doc_id].append(fam.id)
        return found

    @cached_property
    def reviews(self) -> Reviews:
        return Reviews(self.analysis)

    @cached_property
    def citations_of(self) -> dict[str, dict[str, str]]:
        """Each clause's citations: key -> the text as written (first occurrence)."""
        found: dict[str, dict[str, str]] = defaultdict(dict)
        for doc in self.documents:
            for cit in doc.citations:
                if cit.clause:
                    found[cit.clause].setdefault(cit.key, cit.text)
        return found

    def shared_citations(self, a_uid: str, b_uid: str) -> list[str]:
        """What both clauses cite, as the later one writes it."""
        a, b = self.citations_of.get(a_uid, {}), self.citations_of.get(b_uid, {})
        return [b[k] for k in sorted(set(a) & set(b))]

    def doc_of(self, uid: str) -> str:
        return self.clauses[uid].doc_id

    def family_docs(self, fam: Family) -> list[str]:
        """The documents holding a clause of the family, in corpus order."""
        found = self._family_docs.get(fam.id)
        if found is None:
            ids = {self.doc_of(uid) for uid in fam.clauses if uid in self.clauses}
            found = self._family_docs[fam.id] = sorted(ids, key=self.order.__getitem__)
        return found

    def family_clauses(self, fam: Family) -> dict[str, list[str]]:
        """The family's clauses by document, each document's in the family's order: a matrix
        cell reads one document's, where scanning the whole family for each cell of its row
        grew with the square of the family's size."""
        found = self._family_clauses.get(fam.id)
        if found is None:
            found = self._family_clauses[fam.id] = defaultdict(list)
            for uid in fam.clauses:
                found[self.doc_of(uid)].append(uid)
        return found

    def provenance(self, uid: str) -> ClauseOrigin:
        found = self._provenance.get(uid)
        if found is None:
            found = self._provenance[uid] = self._find_provenance(uid)
        return found

    def _find_provenance(self, uid: str) -> ClauseOrigin:
        """The analysis's origin of the clause, with its documents as pages name them."""
        found = self.origins.origin(uid)
        source, near = found.source, found.closest
        link = self.link.get((source, uid)) if source else None
        near_link = self.link[(near, uid)] if near else None
        src_doc = self.views[self.doc_of(source)] if source and source in self.clauses else None
        near_doc = self.views[self.doc_of(near)] if near else None
        return ClauseOrigin(
            kind=found.kind,
            family=found.family,
            source_uid=source,
            source_doc=src_doc,
            first_doc=self.views[found.first_doc] if found.first_doc else None,
            relation=found.relation,
            similarity=round(link.similarity, 4) if link else None,
            method=link.method if link else None,
            closest=near,
            closest_doc=near_doc,
            closest_relation=near_link.relation if near_link else None,
            closest_similarity=round(near_link.similarity, 4) if near_link else None,
        )


#: Longest short title in characters: about a third of a matrix column header's width at
#: small print, enough for "Permanent neutrality of Turkmenistan" to read as itself and for
#: a longer title to be told apart from its neighbours by its first words.
SHORT_TITLE_CHARS = 36


def short_title(title: str, limit: int = SHORT_TITLE_CHARS) -> str:
    """The title's first words, cut at a word boundary within limit characters ("…" if cut)."""
    words = title.split()
    out = ""
    for word in words:
        longer = f"{out} {word}" if out else word
        if len(longer) > limit:
            return (out or word[:limit]) + " …"
        out = longer
    return out


def _doc_view(doc: Document, shared_symbol: bool = False, series: str = "") -> DocView:
    label = doc.symbol or doc.id
    if shared_symbol and doc.symbol:
        label = f"{doc.symbol} [{doc.id}]"
    return DocView(
        id=doc.id,
        label=label,
        title=doc.title or doc.id,
        date=doc.date,
        body=doc.body,
        symbol=doc.symbol,
        n_clauses=len(doc.clauses),
        href=doc_href(doc.id),
        short=short_title(doc.title or doc.id),
        series=series or doc.id,
    )


def version_pairs(lookup: Lookup) -> list[tuple[str, str]]:
    """(previous version, document) for every document that has one (the document graph):
    the pairs compared side by side; none joins two series."""
    graph = lookup.analysis.graph
    return list(graph.versions()) if graph is not None else []


def previous_of(lookup: Lookup, doc_id: str) -> str | None:
    graph = lookup.analysis.graph
    return graph.previous(doc_id) if graph is not None else None


def next_of(lookup: Lookup, doc_id: str) -> str | None:
    graph = lookup.analysis.graph
    return graph.next(doc_id) if graph is not None else None


def series_order(lookup: Lookup) -> list[str]:
    """Document ids grouped by series (series by their first document, each in its order)."""
    graph = lookup.analysis.graph
    if graph is None:
        return [d.id for d in lookup.documents]
    return [doc for docs in graph.series().values() for doc in docs if doc in lookup.doc]


def windows(items: Sequence[str], size: int) -> list[list[str]]:
    """Consecutive slices of at most size items (at least one, possibly empty, slice)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def counts(values: Iterable[str], order: Sequence[str]) -> list[tuple[str, int]]:
    """(name, count) for every name that occurs: those of order first, in that order."""
    tally: dict[str, int] = defaultdict(int)
    for value in values:
        tally[value] += 1
    extra = sorted(set(tally) - set(order))
    return [(name, tally[name]) for name in [*order, *extra] if tally.get(name)]


@dataclass(frozen=True)
class Summary:
    documents: int
    clauses: int
    links: int
    families: int
    cited: int
    relations: list[tuple[str, int]] = field(default_factory=list)
    events: list[tuple[str, int]] = field(default_factory=list)


def summary(lookup: Lookup) -> Summary:
    fams = lookup.families
    return Summary(
        documents=len(lookup.documents),
        clauses=len(lookup.clauses),
        links=len(lookup.link),
        families=len(fams),
        cited=len(lookup.analysis.cited),
        relations=counts((k.relation for k in lookup.link.values()), RELATIONS),
        events=counts((e.kind for f in fams for e in f.events), tuple(EVENT_CODES)),
    )


@dataclass(frozen=True)
class Segment:
    """A run of a word diff: op is "equal", "insert" or "delete".

    An equal run may differ in case or look-alike letters only: `text` is the newer wording,
    `old` the older one (`side` shows each column its own original characters).
    """

    op: str
    text: str
    old: str = ""
    #: An equal run long enough to be the passage the two wordings share (`why`).
    shared: bool = False


_OPS = {-1: "delete", 0: "equal", 1: "insert"}


def diff_markup(segments: Iterable[Segment]) -> Markup:
    """A word diff as HTML (`<ins>`, `<del>`, shared passages in `<span class="shared">`),
    escaped here once per diff: a template loop per segment was a fifth of rendering the
    family pages of ../shared/un-ga."""
    out = []
    for s in segments:
        text = escape(s.text)
        if s.op == "insert":
            out.append(f"<ins>{text}</ins>")
        elif s.op == "delete":
            out.append(f"<del>{text}</del>")
        elif s.shared:
            out.append(f'<span class="shared">{text}</span>')
        else:
            out.append(text)
    return Markup("".join(out))


def word_segments(a: str, b: str) -> list[Segment]:
    """The word diff of two original texts, as Segments for the templates.

    Compared ignoring case and look-alike letters (`folded_diff`): a reviewer looks for changed
    words, and "The Role" against "the role" is the same clause wording.
    """
    if a == b:  # a verbatim row, most of a side-by-side page: the diff is the text itself
        return [Segment("equal", b, a)] if b else []
    return list(_segments(a, b))


#: Distinct pairs of differing texts whose diff is remembered: a family page and a
#: side-by-side page show the same two versions, 2,859 of un-ga's 7,484 diffs, the family
#: page long before (pages are rendered in path order); un-ga's report has 4,625 distinct
#: diffs, and each entry is about the size of its two texts (a few hundred KB per thousand).
SEGMENTS_CACHE = 1 << 16


@lru_cache(maxsize=SEGMENTS_CACHE)
def _segments(a: str, b: str) -> tuple[Segment, ...]:
    """The diff of two differing texts, remembered (SEGMENTS_CACHE)."""
    out: list[Segment] = []
    for op, old, new in folded_diff(a, b):
        kind = _OPS[op]
        text = old if op == -1 else new
        if out and out[-1].op == kind:
            last = out[-1]
            out[-1] = Segment(kind, last.text + text, last.old + old)
        elif text:
            out.append(Segment(kind, text, old if op == 0 else ""))
    return tuple(out)


def side(segments: Sequence[Segment], keep: str) -> list[Segment]:
    """One column of a side-by-side diff: the equal runs and the runs of one kind."""
    if keep == "delete":
        return [
            Segment("equal", s.old) if s.op == "equal" else s
            for s in segments
            if s.op in ("equal", keep)
        ]
    return [s for s in segments if s.op in ("equal", keep)]


def shared_passages(segments: list[Segment], relation: str | None) -> list[Segment]:
    """The segments with their shared passages (the analysis's rule) marked, on rows much
    rewritten only: there the shared passage is what a reader looks for."""
    if relation not in HIGHLIGHT_RELATIONS:
        return segments
    return [
        Segment(s.op, s.text, s.old, True) if s.op == "equal" and is_shared_passage(s.text) else s
        for s in segments
    ]


def link_why(lookup: Lookup, source: str | None, target: str) -> Why | None:
    """What pages say beside the link from source to target, if there is one."""
    link = lookup.link.get((source, target)) if source else None
    if link is None:
        return None
    return why(link, lookup.reviews, lookup.shared_citations(source or "", target))
