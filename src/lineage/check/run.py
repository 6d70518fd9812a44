"""`lineage check`: judge one new text against the corpus it follows.

Steps: analyse the corpus (`--against`, default texts/) or take it from the cache; read the new
text; pick its base; align the new text with the base only; evaluate the policy over base, new
text, their links and the corpus's families. The corpus is analysed once per content: a check
of another draft against the same corpus re-uses it and only aligns base and draft.

What is kept of an analysed corpus (`Analysed`) is what a check reads: per document its id,
date, path and word 4-grams; the documents themselves, each JSON data of its own so that a
cache load decodes only the base; the families (without their events) and the reviewer
overrides. Links between corpus documents are not kept: a check only reads base-new links.
Cached data is checked on the way in (`from_data`): data of the wrong shape, or naming
documents or clauses it does not hold, is a miss (CacheDoubt), never an error.

Which document is the base: the new text's previous version, by the document graph's rule
(`history.series.previous_version`: shared clauses, then title, symbol, citation, agenda item;
docs/series.md). The new text is aligned with a shortlist of corpus documents dated on or
before it (the CANDIDATES sharing most wording, word 4-grams of normalised clauses, and every
one with its title), and the one it continues is the base. A new text that continues none (it
starts a series) has no base: the check says so and exits 2, naming its closest document;
`--base ID` names a base outright. A corpus document with the new text's id, or the new file
itself when it lies in the corpus folder, is replaced by the new text (a new draft of
unga-res-79-274 is compared with the documents before it, not with itself).
"""

from __future__ import annotations

import base64
import binascii
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..history.series import previous_version, shared_counts, title_words
from ..model import Analysis, Corpus, Document, Family, Link, Override
from ..progress import StageMeter
from .cache import Cache, CacheDoubt, decode, encode, fingerprint
from .policy import Policy, Verdict, evaluate

#: Bumped whenever what is cached (Analysed, Checked) changes shape: old entries then miss.
CACHE_FORMAT = 6
SHINGLE = 4
#: Corpus documents aligned with NEW to find its previous version, beside those with its
#: title: the previous version shares the most wording with NEW, or near it (a draft and last
#: year's text both do); a handful keeps a check against 1,000 documents in seconds.
CANDIDATES = 5


@dataclass(frozen=True)
class Entry:
    """What choosing a base needs to know of a corpus document."""

    id: str
    date: str
    path: str
    shingles: bytes  # array("I") of shingle hashes: loads from the cache at memcpy speed
    title: tuple[str, ...] = ()  # the title's content words (`history.series.title_words`)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.id)


class Documents:
    """Documents by id; from the cache, each stays JSON data until it is first asked for."""

    def __init__(
        self, documents: Iterable[Document] = (), data: dict[str, Any] | None = None
    ) -> None:
        self._docs = {d.id: d for d in documents}
        self._data = dict(data or {})

    def __getitem__(self, doc_id: str) -> Document:
        if doc_id not in self._docs:
            if doc_id not in self._data:
                raise CacheDoubt(f"no document {doc_id!r}")
            doc = decode(Document, self._data.pop(doc_id))
            if doc.id != doc_id:
                raise CacheDoubt(f"document {doc.id!r} filed as {doc_id!r}")
            self._docs[doc_id] = doc
        return self._docs[doc_id]

    def ids(self) -> set[str]:
        return {*self._docs, *self._data}

    def to_data(self) -> dict[str, Any]:
        return {**self._data, **{k: encode(d) for k, d in self._docs.items()}}


def _packed(values: list[int]) -> bytes:
    """uint32 values as little-endian bytes (what _u32 reads)."""
    packed = array("I", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _u32(raw: bytes) -> array[int]:
    """array("I") bytes stored little-endian (the cache may travel between machines)."""
    values = array("I", raw)
    if sys.byteorder == "big":
        values.byteswap()
    return values


@dataclass(frozen=True)
class Analysed:
    """An analysed corpus, as much of it as a check reads (see the module docstring)."""

    entries: tuple[Entry, ...]
    documents: Documents
    families: tuple[Family, ...]
    overrides: tuple[Override, ...]

    @classmethod
    def of(cls, analysis: Analysis) -> Analysed:
        entries = tuple(
            Entry(d.id, d.date, d.path, _packed(sorted(shingles(d))), title_words(d.title))
            for d in analysis.documents
        )
        families = tuple(Family(f.id, f.clauses, f.first) for f in analysis.families)
        return cls(entries, Documents(analysis.documents), families, analysis.corpus.overrides)

    def to_data(self) -> dict[str, Any]:
        """JSON data for the cache (shingles as base64 of little-endian uint32)."""
        return {
            "entries": [
                [e.id, e.date, e.path, base64.b64encode(e.shingles).decode(), " ".join(e.title)]
                for e in self.entries
            ],
            "documents": self.documents.to_data(),
            "families": encode(self.families),
            "overrides": encode(self.overrides),
        }

    @classmethod
    def from_data(cls, data: Any) -> Analysed:
        """The Analysed that to_data made; CacheDoubt for anything else."""
        if not isinstance(data, dict) or set(data) != {
            "entries",
            "documents",
            "families",
            "overrides",
        }:
            raise CacheDoubt("not an analysed corpus")
        entries = tuple(_entry(row) for row in _list(data["entries"]))
        if not isinstance(data["documents"], dict):
            raise CacheDoubt("documents are not a table")
        documents = Documents(data=data["documents"])
        ids = {e.id for e in entries}
        if documents.ids() != ids or len(ids) != len(entries):
            raise CacheDoubt("entries and documents disagree")
        families = decode(tuple[Family, ...], data["families"])
        if any(_doc(uid) not in ids for f in families for uid in f.clauses):
            raise CacheDoubt("a family names a document the corpus does not hold")
        return cls(entries, documents, families, decode(tuple[Override, ...], data["overrides"]))


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise CacheDoubt("not a list")
    return data


def _entry(row: Any) -> Entry:
    if not (isinstance(row, list) and len(row) == 5 and all(type(v) is str for v in row)):
        raise CacheDoubt("not an entry")
    try:
        raw = base64.b64decode(row[3], validate=True)
    except (binascii.Error, ValueError):
        raise CacheDoubt("shingles are not base64") from None
    if len(raw) % array("I").itemsize:
        raise CacheDoubt("shingles of the wrong length")
    return Entry(row[0], row[1], row[2], raw, tuple(row[4].split()))


@dataclass(frozen=True)
class Checked:
    """The new text aligned with its base: what a repeated check of the same text re-uses."""

    new: Document
    base_id: str
    links: tuple[Link, ...]

    def to_data(self) -> dict[str, Any]:
        return {"new": encode(self.new), "base_id": self.base_id, "links": encode(self.links)}

    @classmethod
    def from_data(cls, data: Any) -> Checked:
        if not isinstance(data, dict) or set(data) != {"new", "base_id", "links"}:
            raise CacheDoubt("not an aligned new text")
        if not isinstance(data["base_id"], str):
            raise CacheDoubt("base_id is not a string")
        return cls(
            decode(Document, data["new"]), data["base_id"], decode(tuple[Link, ...], data["links"])
        )


@dataclass(frozen=True)
class CheckResult:
    """The verdict, and the analysis it was drawn from (base, new text, their links)."""

    verdict: Verdict
    analysis: Analysis


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


@dataclass(frozen=True)
class Options:
    """How the work is done: where alignment runs, and whether corpus links may leave it."""

    engine: str = "local"
    scheduler: str | None = None
    follow_symlinks: bool = False


def _cached(cache: Cache, key: str, kind: type[Analysed] | type[Checked]) -> Any | None:
    """The value of kind cached under key, or None: data in doubt is a miss (and dropped)."""
    data = cache.get(key) if key else None
    if data is None:
        return None
    try:
        return kind.from_data(data)
    except CacheDoubt:
        cache.forget(key)
        cache.hits, cache.misses = cache.hits - 1, cache.misses + 1
        return None


def analyse_corpus(
    paths: Sequence[Path], cache: Cache, key: str, meter: StageMeter, options: Options = Options()
) -> Analysed:
    """The analysed corpus under paths, from the cache under key when there."""
    with meter.stage("cache"):
        found = _cached(cache, key, Analysed)
    if found is not None:
        return found
    from ..analysis import analyse  # numpy and the aligner: only when there is work
    from ..corpus import load_corpus

    with meter.stage("load"):
        corpus = load_corpus(list(paths), follow_symlinks=options.follow_symlinks)
    analysis = analyse(corpus, engine=options.engine, scheduler=options.scheduler, progress=meter)
    meter.close()
    result = Analysed.of(analysis)
    if key:
        with meter.stage("cache"):
            cache.put(key, result.to_data())
    return result


def read_new(path: Path, follow_symlinks: bool = False) -> Document:
    """The new text: exactly one document."""
    from ..corpus import load_corpus

    corpus = load_corpus([path], follow_symlinks=follow_symlinks)
    if len(corpus.documents) != 1:
        raise InputError("NEW holds no document", path=str(path))
    return corpus.documents[0]


def candidates(corpus: Analysed, new: Document, new_path: Path) -> list[Entry]:
    """The corpus documents the new text does not replace (same id, or the same file)."""
    mine = new_path.resolve()
    return [e for e in corpus.entries if e.id != new.id and Path(e.path).resolve() != mine]


def shortlist(new: Document, entries: Sequence[Entry]) -> list[Entry]:
    """The corpus documents dated on or before NEW that may be its previous version: the
    CANDIDATES sharing most wording with it (latest first on ties) and those with its title."""
    earlier = [e for e in entries if e.date <= new.date]
    if not earlier:
        raise UsageError(
            f"no document of the corpus is dated on or before {new.id} "
            f"({new.date}): nothing to compare it with",
            hint="check --against, or name the base with --base ID",
        )
    mine = shingles(new)
    share = {e.id: sum(1 for h in _u32(e.shingles) if h in mine) for e in earlier}
    ranked = sorted(
        (e for e in earlier if share[e.id]), key=lambda e: (share[e.id], e.sort_key), reverse=True
    )
    picked = ranked[:CANDIDATES]
    title = title_words(new.title)
    picked += [e for e in earlier if title and e.title == title and e not in picked]
    return sorted(picked, key=lambda e: e.sort_key)


def choose_base(corpus: Analysed, new: Document, entries: Sequence[Entry], options: Options) -> str:
    """NEW's previous version among the shortlist, by the document graph's rule."""
    from ..analysis import analyse

    picked = [corpus.documents[e.id] for e in shortlist(new, entries)]
    found = analyse(
        _together(corpus, [*picked, new]), engine=options.engine, scheduler=options.scheduler
    )
    shared, taken = shared_counts(found.links)
    chosen = previous_version(new, [(d, shared.get((d.id, new.id), 0)) for d in picked])
    if chosen is not None:
        return chosen.earlier
    message = f"{new.id} starts a series: no document of the corpus is an earlier version of it"
    if not picked:
        raise UsageError(
            message + " (none shares any wording with it)",
            hint="check --against, or name the base with --base ID",
        )
    closest = max(picked, key=lambda d: (len(taken.get((d.id, new.id), ())), d.sort_key))
    n = len(taken.get((closest.id, new.id), ()))
    raise UsageError(
        f"{message} (none with its title or most of its clauses; closest: {closest.id}, "
        f"{n} clauses in common)",
        hint=f"name the document to compare it with: --base {closest.id}",
    )


def _together(corpus: Analysed, docs: Sequence[Document]) -> Corpus:
    """Documents as a corpus, with the reviewer overrides that concern them."""
    uids = {c.uid for doc in docs for c in doc.clauses}
    overrides = tuple(o for o in corpus.overrides if o.source in uids and o.target in uids)
    return Corpus(tuple(sorted(docs, key=lambda d: d.sort_key)), overrides)


def _pair(corpus: Analysed, base: Document, new: Document) -> Corpus:
    """Base and new text as a corpus, with the reviewer overrides that concern them."""
    return _together(corpus, [base, new])


def _doc(uid: str) -> str:
    return uid.rsplit("/", 1)[0]


def align_new(
    corpus: Analysed,
    new_path: Path,
    base_id: str | None,
    meter: StageMeter,
    options: Options = Options(),
) -> Checked:
    """Read the new text, pick its base and align the two."""
    from ..analysis import analyse

    with meter.stage("load new"):
        new = read_new(new_path, options.follow_symlinks)
    entries = candidates(corpus, new, new_path)
    if base_id is not None:
        if base_id not in {e.id for e in entries}:
            raise UsageError(
                f"--base {base_id}: no such document in the corpus",
                hint="known ids: " + ", ".join(sorted(e.id for e in entries)),
            )
    else:
        with meter.stage("choose base"):
            base_id = choose_base(corpus, new, entries, options)
    pair = analyse(
        _pair(corpus, corpus.documents[base_id], new),
        engine=options.engine,
        scheduler=options.scheduler,
        progress=meter,
    )
    meter.close()
    links = tuple(k for k in pair.links if new.id in (_doc(k.source), _doc(k.target)))
    return Checked(new, base_id, links)


def run_check(
    new_path: Path,
    against: Sequence[Path],
    policy: Policy,
    *,
    base_id: str | None = None,
    cache: Cache | None = None,
    meter: StageMeter | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    follow_symlinks: bool = False,
) -> CheckResult:
    """Analyse (or re-use) the corpus, align the new text with its base, evaluate.

    Two cache entries: the analysed corpus (keyed by its files), and the new text aligned with
    its base (keyed by the corpus files, the new file and --base), so that checking the same
    text again (another --format, a re-run) aligns nothing. Cached data found in doubt only
    when used (a document that does not decode, links naming clauses it lacks) makes the
    whole check run again without reading the cache (and store fresh entries)."""
    cache = cache or Cache(enabled=False)
    meter = meter or StageMeter()
    options = Options(engine, scheduler, follow_symlinks)
    if not new_path.is_file():
        raise InputError(
            "no such file" if not new_path.exists() else "not a file",
            path=str(new_path),
            hint="NEW is the path of one text file",
        )
    try:
        return _run(new_path, against, policy, base_id, cache, meter, options)
    except CacheDoubt:
        cache.reading = False
        return _run(new_path, against, policy, base_id, cache, meter, options)


def _run(
    new_path: Path,
    against: Sequence[Path],
    policy: Policy,
    base_id: str | None,
    cache: Cache,
    meter: StageMeter,
    options: Options,
) -> CheckResult:
    key = checked_key = ""
    if cache.enabled:
        with meter.stage("fingerprint"):
            key = fingerprint(against, f"check-corpus {CACHE_FORMAT}", options.follow_symlinks)
            checked_key = fingerprint(
                [new_path], f"check-new {key} {base_id or ''}", options.follow_symlinks
            )
    corpus = analyse_corpus(against, cache, key, meter, options)
    with meter.stage("cache"):
        checked = _cached(cache, checked_key, Checked)
    if checked is None:
        checked = align_new(corpus, new_path, base_id, meter, options)
        if checked_key:
            with meter.stage("cache"):
                cache.put(checked_key, checked.to_data())
    with meter.stage("evaluate"):
        base = corpus.documents[checked.base_id]
        _check_links(checked, base)
        analysis = Analysis(_pair(corpus, base, checked.new), checked.links, corpus.families)
        verdict = evaluate(policy, analysis, checked.new.id, checked.base_id)
    return CheckResult(verdict, analysis)


def _check_links(checked: Checked, base: Document) -> None:
    """Links of a cached aligned text join clauses of its base and itself, or it is in doubt."""
    uids = {c.uid for doc in (base, checked.new) for c in doc.clauses}
    if any(k.source not in uids or k.target not in uids for k in checked.links):
        raise CacheDoubt("links name clauses of neither the base nor the new text")
