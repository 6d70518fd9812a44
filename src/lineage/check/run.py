"""`lineage check`: judge one new text against the corpus it follows.

Steps: analyse the corpus (`--against`, default texts/) or take it from the cache; read the new
text; pick its base; align the new text with the base only; evaluate the policy over base, new
text, their links and the corpus's families. The corpus is analysed once per content: a check
of another draft against the same corpus re-uses it and only aligns base and draft.

What is kept of an analysed corpus (`Analysed`) is what a check reads: per document its id,
date, path and word 4-grams; the documents themselves, each pickled on its own so that a
cache load unpickles only the base; the families (without their events) and the reviewer
overrides. Links between corpus documents are not kept: a check only reads base-new links.

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

import pickle
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError
from ..history.series import previous_version, shared_counts, title_words
from ..model import Analysis, Corpus, Document, Family, Link, Override
from ..progress import StageMeter
from .cache import Cache, fingerprint
from .policy import Policy, Verdict, evaluate

#: Bumped whenever what is cached (Analysed, Checked) changes shape: old entries then miss.
CACHE_FORMAT = 5
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
    """Documents by id; pickled, each document is a blob of its own, unpickled on first use."""

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        self._docs = {d.id: d for d in documents}
        self._raw: dict[str, bytes] = {}

    def __getitem__(self, doc_id: str) -> Document:
        if doc_id not in self._docs:
            self._docs[doc_id] = pickle.loads(self._raw.pop(doc_id))
        return self._docs[doc_id]

    def __getstate__(self) -> dict[str, bytes]:
        raw = dict(self._raw)
        raw.update((k, pickle.dumps(d, pickle.HIGHEST_PROTOCOL)) for k, d in self._docs.items())
        return raw

    def __setstate__(self, raw: dict[str, bytes]) -> None:
        self._docs, self._raw = {}, raw


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
            Entry(
                d.id,
                d.date,
                d.path,
                array("I", sorted(shingles(d))).tobytes(),
                title_words(d.title),
            )
            for d in analysis.documents
        )
        families = tuple(Family(f.id, f.clauses, f.first) for f in analysis.families)
        return cls(entries, Documents(analysis.documents), families, analysis.corpus.overrides)


@dataclass(frozen=True)
class Checked:
    """The new text aligned with its base: what a repeated check of the same text re-uses."""

    new: Document
    base_id: str
    links: tuple[Link, ...]


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


def analyse_corpus(
    paths: Sequence[Path],
    cache: Cache,
    key: str,
    meter: StageMeter,
    engine: str = "local",
    scheduler: str | None = None,
) -> Analysed:
    """The analysed corpus under paths, from the cache under key when there."""
    with meter.stage("cache"):
        found = cache.get(key) if key else None
    if isinstance(found, Analysed):
        return found
    from ..analysis import analyse  # numpy and the aligner: only when there is work
    from ..corpus import load_corpus

    with meter.stage("load"):
        corpus = load_corpus(list(paths))
    analysis = analyse(corpus, engine=engine, scheduler=scheduler, progress=meter)
    meter.close()
    result = Analysed.of(analysis)
    if key:
        with meter.stage("cache"):
            cache.put(key, result)
    return result


def read_new(path: Path) -> Document:
    """The new text: exactly one document."""
    from ..corpus import load_corpus

    corpus = load_corpus([path])
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
    share = {e.id: sum(1 for h in array("I", e.shingles) if h in mine) for e in earlier}
    ranked = sorted(
        (e for e in earlier if share[e.id]), key=lambda e: (share[e.id], e.sort_key), reverse=True
    )
    picked = ranked[:CANDIDATES]
    title = title_words(new.title)
    picked += [e for e in earlier if title and e.title == title and e not in picked]
    return sorted(picked, key=lambda e: e.sort_key)


def choose_base(
    corpus: Analysed, new: Document, entries: Sequence[Entry], engine: str, scheduler: str | None
) -> str:
    """NEW's previous version among the shortlist, by the document graph's rule."""
    from ..analysis import analyse

    picked = [corpus.documents[e.id] for e in shortlist(new, entries)]
    found = analyse(_together(corpus, [*picked, new]), engine=engine, scheduler=scheduler)
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
    engine: str = "local",
    scheduler: str | None = None,
) -> Checked:
    """Read the new text, pick its base and align the two."""
    from ..analysis import analyse

    with meter.stage("load new"):
        new = read_new(new_path)
    entries = candidates(corpus, new, new_path)
    if base_id is not None:
        if base_id not in {e.id for e in entries}:
            raise UsageError(
                f"--base {base_id}: no such document in the corpus",
                hint="known ids: " + ", ".join(sorted(e.id for e in entries)),
            )
    else:
        with meter.stage("choose base"):
            base_id = choose_base(corpus, new, entries, engine, scheduler)
    pair = analyse(
        _pair(corpus, corpus.documents[base_id], new),
        engine=engine,
        scheduler=scheduler,
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
) -> CheckResult:
    """Analyse (or re-use) the corpus, align the new text with its base, evaluate.

    Two cache entries: the analysed corpus (keyed by its files), and the new text aligned with
    its base (keyed by the corpus files, the new file and --base), so that checking the same
    text again (another --format, a re-run) aligns nothing."""
    cache = cache or Cache(enabled=False)
    meter = meter or StageMeter()
    if not new_path.is_file():
        raise InputError(
            "no such file" if not new_path.exists() else "not a file",
            path=str(new_path),
            hint="NEW is the path of one text file",
        )
    key = checked_key = ""
    if cache.enabled:
        with meter.stage("fingerprint"):
            key = fingerprint(against, f"check-corpus {CACHE_FORMAT}")
            checked_key = fingerprint([new_path], f"check-new {key} {base_id or ''}")
    corpus = analyse_corpus(against, cache, key, meter, engine, scheduler)
    with meter.stage("cache"):
        found = cache.get(checked_key) if checked_key else None
    if isinstance(found, Checked):
        checked = found
    else:
        checked = align_new(corpus, new_path, base_id, meter, engine, scheduler)
        if checked_key:
            with meter.stage("cache"):
                cache.put(checked_key, checked)
    with meter.stage("evaluate"):
        base = corpus.documents[checked.base_id]
        analysis = Analysis(_pair(corpus, base, checked.new), checked.links, corpus.families)
        verdict = evaluate(policy, analysis, checked.new.id, checked.base_id)
    return CheckResult(verdict, analysis)
