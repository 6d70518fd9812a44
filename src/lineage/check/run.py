"""`lineage check`: judge one new text against the corpus it follows.

Steps: analyse the corpus (`--against`, default texts/) or take it from the cache; read the new
text; pick its base; align the new text with the base only; evaluate the policy over base, new
text, their links and the corpus's families. The corpus is analysed once per content: a check
of another draft against the same corpus re-uses it and only aligns base and draft.

What is kept of an analysed corpus (`Analysed`) is what a check reads: per document its id,
date, path and word 4-grams; the documents themselves, each pickled on its own so that a
cache load unpickles only the base; the families (without their events) and the reviewer
overrides. Links between corpus documents are not kept: a check only reads base-new links.

Which document is the base: among the corpus documents dated on or before the new text, those
that share at least half as much wording (word 4-grams of normalised clauses) as the one that
shares most; of these, the latest (by date, then id). In a folder of one series this is the
latest earlier version, and an unrelated resolution adopted in between is never picked;
`--base ID` names it outright. A corpus document with the new text's id, or the new file
itself when it lies in the corpus folder, is replaced by the new text (a new draft of
unga-res-79-274 is compared with the documents before it, not with itself).
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError, UsageError
from ..model import Analysis, Corpus, Document, Family, Link, Override
from ..progress import StageMeter
from .cache import Cache, fingerprint
from .git import GitBase, git_base
from .policy import Policy, Verdict, evaluate

#: Bumped whenever what is cached (Analysed, Checked) changes shape: old entries then miss.
CACHE_FORMAT = 6
SHINGLE = 4
#: A candidate base shares at least this share of the best candidate's 4-grams with NEW.
CLOSE_ENOUGH = 0.5


@dataclass(frozen=True)
class Entry:
    """What choosing a base needs to know of a corpus document."""

    id: str
    date: str
    path: str
    shingles: bytes  # array("I") of shingle hashes: loads from the cache at memcpy speed

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
            Entry(d.id, d.date, d.path, array("I", sorted(shingles(d))).tobytes())
            for d in analysis.documents
        )
        families = tuple(Family(f.id, f.clauses, f.first) for f in analysis.families)
        return cls(entries, Documents(analysis.documents), families, analysis.corpus.overrides)


@dataclass(frozen=True)
class Checked:
    """The new text aligned with its base and sources: what a repeated check re-uses.

    `base_id` None: no previous version (`note` says why); `base` the base read from git
    (not a corpus document); `sources` the corpus documents aligned with the new text."""

    new: Document
    base_id: str | None
    links: tuple[Link, ...]
    base: Document | None = None
    sources: tuple[str, ...] = ()
    note: str = ""


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
    """The analysed corpus under paths, from the cache under key when there (no paths: an
    empty corpus, e.g. NEW alone in its folder)."""
    if not paths:
        return Analysed((), Documents(), (), ())
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


def _corpus(corpus: Analysed, docs: Sequence[Document]) -> Corpus:
    """Documents as a corpus (date, id order), with the reviewer overrides that concern them."""
    uids = {c.uid for doc in docs for c in doc.clauses}
    overrides = tuple(o for o in corpus.overrides if o.source in uids and o.target in uids)
    return Corpus(tuple(sorted(docs, key=lambda d: d.sort_key)), overrides)


def _doc(uid: str) -> str:
    return uid.rsplit("/", 1)[0]


def read_git_base(found: GitBase, new: Document, new_path: Path) -> Document:
    """The new file as it was at a git revision, as a document `<id>@<rev>`."""
    from .base import renamed  # numpy: only when there is alignment to do

    with tempfile.TemporaryDirectory(prefix="lineage-base-") as folder:
        copy = Path(folder) / new_path.name
        copy.write_bytes(found.text)
        doc = read_new(copy)
    return renamed(doc, f"{new.id}@{found.rev}", str(new_path))


def align_new(
    corpus: Analysed,
    new_path: Path,
    base_id: str | None,
    meter: StageMeter,
    found: GitBase | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Checked:
    """Read the new text, align it with its base and the documents it may borrow from, and
    (unless --base, --base-rev or git named it) pick its base by their links."""
    from .base import BASE_CANDIDATES, MAX_SOURCES, base_for, source_ids

    with meter.stage("load new"):
        new = read_new(new_path)
    entries = candidates(corpus, new, new_path)
    if base_id is not None and base_id not in {e.id for e in entries}:
        raise UsageError(
            f"--base {base_id}: no such document in the corpus",
            hint="known ids: " + ", ".join(sorted(e.id for e in entries)),
        )
    git_doc = read_git_base(found, new, new_path) if found is not None else None
    if git_doc is None and base_id is None and not any(e.date <= new.date for e in entries):
        raise UsageError(
            f"no document of the corpus is dated on or before {new.id} "
            f"({new.date}): nothing to compare it with",
            hint="check --against, or name the base with --base ID",
        )
    rows = [(e.id, e.date, e.shingles) for e in entries]
    if git_doc is not None or base_id is not None:
        bases = [git_doc if git_doc is not None else corpus.documents[base_id or ""]]
    else:
        with meter.stage("choose base"):
            ids = source_ids(shingles(new), rows, new.date, BASE_CANDIDATES)
        bases = [corpus.documents[i] for i in ids]
    links = [k for doc in bases for k in _aligned(corpus, doc, new, engine, scheduler, meter)]
    chosen: str | None
    if git_doc is not None and found is not None:
        chosen, note = git_doc.id, f"base: {found.why}"
    elif base_id is not None:
        chosen, note = base_id, f"base: {base_id} (--base)"
    else:
        chosen, note = base_for(new, Analysis(_corpus(corpus, [new, *bases]), tuple(links), ()))
    # Clauses new to the base: aligned with the documents sharing their rarest wording.
    linked = {u for k in links for u in (k.source, k.target) if _doc(u) == chosen}
    rest = tuple(c for c in new.clauses if not _linked_to(c.uid, linked, links))
    aligned = {d.id for d in bases}
    if rest:
        part = replace(new, clauses=rest)
        with meter.stage("choose sources"):
            others = [r for r in rows if r[0] not in aligned]
            ids = source_ids(shingles(part), others, new.date, MAX_SOURCES)
        for doc_id in ids:
            links += _aligned(corpus, corpus.documents[doc_id], part, engine, scheduler, meter)
        aligned.update(ids)
    meter.close()
    aligned.discard(git_doc.id if git_doc is not None else "")
    return Checked(new, chosen, tuple(links), git_doc, tuple(sorted(aligned)), note)


def _linked_to(uid: str, base_uids: set[str], links: Sequence[Link]) -> bool:
    """Whether the new clause uid has a link to a clause of the base."""
    return any(
        (k.source == uid and k.target in base_uids) or (k.target == uid and k.source in base_uids)
        for k in links
    )


def _aligned(
    corpus: Analysed,
    doc: Document,
    new: Document,
    engine: str,
    scheduler: str | None,
    meter: StageMeter,
) -> list[Link]:
    """The links between one document and the new text, aligned as a pair: what two
    documents share does not depend on which others are aligned with them."""
    from ..analysis import analyse

    pair = analyse(_corpus(corpus, [doc, new]), engine=engine, scheduler=scheduler, progress=meter)
    return [k for k in pair.links if new.id in (_doc(k.source), _doc(k.target))]


def run_check(
    new_path: Path,
    against: Sequence[Path],
    policy: Policy,
    *,
    base_id: str | None = None,
    base_rev: str | None = None,
    cache: Cache | None = None,
    meter: StageMeter | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> CheckResult:
    """Analyse (or re-use) the corpus, align the new text with its base and sources, evaluate.

    The corpus is every file of `against` but NEW itself (a draft edited in place in the corpus
    folder is never compared with itself, and editing it keeps the corpus's cache entry). The
    base: --base ID, else the file at a git revision (`git.git_base`: --base-rev, a pull
    request's merge base, HEAD for a changed file), else the previous version by the links.
    Two cache entries: the analysed corpus (keyed by its files), and the new text aligned
    (keyed by the corpus, the new file, --base and the git base's bytes), so that checking the
    same text again (another --format, a re-run) aligns nothing."""
    cache = cache or Cache(enabled=False)
    meter = meter or StageMeter()
    if not new_path.is_file():
        raise InputError(
            "no such file" if not new_path.exists() else "not a file",
            path=str(new_path),
            hint="NEW is the path of one text file",
        )
    if base_id is not None and base_rev is not None:
        raise UsageError("--base and --base-rev name two bases", hint="give one of them")
    found = git_base(new_path, base_rev, environ) if base_id is None else None
    paths = corpus_files(against, new_path)
    key = checked_key = ""
    if cache.enabled:
        with meter.stage("fingerprint"):
            key = fingerprint(paths, f"check-corpus {CACHE_FORMAT}") if paths else ""
            git_key = hashlib.sha256(found.text).hexdigest() + found.rev if found else ""
            checked_key = fingerprint([new_path], f"check-new {key} {base_id or ''} {git_key}")
    corpus = analyse_corpus(paths, cache, key, meter, engine, scheduler)
    with meter.stage("cache"):
        cached = cache.get(checked_key) if checked_key else None
    if isinstance(cached, Checked):
        checked = cached
    else:
        checked = align_new(corpus, new_path, base_id, meter, found, engine, scheduler)
        if checked_key:
            with meter.stage("cache"):
                cache.put(checked_key, checked)
    with meter.stage("evaluate"):
        docs = [checked.new, *(corpus.documents[i] for i in checked.sources)]
        if checked.base is not None:
            docs.append(checked.base)
        elif checked.base_id is not None and checked.base_id not in checked.sources:
            docs.append(corpus.documents[checked.base_id])
        analysis = Analysis(_corpus(corpus, docs), checked.links, corpus.families)
        verdict = evaluate(policy, analysis, checked.new.id, checked.base_id, checked.note)
    return CheckResult(verdict, analysis)


def corpus_files(against: Sequence[Path], new_path: Path) -> list[Path]:
    """The files of the corpus (documents and reviews), NEW itself left out."""
    from ..corpus import discover

    files, reviews = discover(against)
    mine = new_path.resolve()
    return [*(f for f in files if f.resolve() != mine), *reviews]
