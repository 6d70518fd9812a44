"""`lineage check`: judge one new text against the corpus it follows.

Steps: read the corpus (`--against`, default texts/, NEW itself left out) through the
per-document cache (`store.py`: each file read and segmented once, whatever corpus it is in);
read the new text; find its base (`--base ID`, the file at a git revision, or its previous
version among the corpus documents sharing its rarest wording, `base.py`); align it with its
base and with the documents its other clauses may be borrowed from, each as a pair; evaluate




What a check keeps of the corpus (`Analysed`): per document its `Entry` (id, date, path,
title words, symbol stem, series, word 4-grams), the documents themselves, decoded only when
aligned with, the families when a rule needs them and the reviewer overrides. Links between
corpus documents are not kept: a check reads links of the new text only. Cached data is
checked on the way in: data of the wrong shape, or naming documents or clauses it does not
hold, is a miss (CacheDoubt) for the whole check, never an error.

A corpus document with the new text's id is never its base, and the new file itself, when it
lies in the corpus folder, is not read as part of the corpus (a draft edited in place in
texts/ is compared with its committed version or its previous version, not with itself).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpus import load_corpus
from ..errors import InputError, UsageError
from ..history.overrides import read_overrides
from ..model import Analysis, Corpus, Document, Family, Link, Override
from ..progress import StageMeter
from ..read.language import model_store
from .cache import Cache, CacheDoubt, decode, encode, fingerprint
from .entry import Entry
from .git import GitBase, git_base
from .langmodel import CachedModel
from .policy import Policy, Verdict, evaluate
from .store import Documents, read_corpus

if TYPE_CHECKING:
    from .base import ShingleTable

#: Bumped whenever what is cached (Analysed, Checked) changes shape: old entries then miss.
CACHE_FORMAT = 8


@dataclass(frozen=True)
class Analysed:
    """The corpus as much as a check reads of it (see the module docstring)."""

    entries: tuple[Entry, ...]
    documents: Documents
    families: tuple[Family, ...]
    overrides: tuple[Override, ...]


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise CacheDoubt("not a list")
    return data


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

    def to_data(self) -> dict[str, Any]:
        return {
            "new": encode(self.new),
            "base_id": self.base_id,
            "links": encode(self.links),
            "base": encode(self.base) if self.base is not None else None,
            "sources": list(self.sources),
            "note": self.note,
        }

    @classmethod
    def from_data(cls, data: Any) -> Checked:
        if not isinstance(data, dict) or set(data) != {
            "new",
            "base_id",
            "links",
            "base",
            "sources",
            "note",
        }:
            raise CacheDoubt("not an aligned new text")
        if data["base_id"] is not None and not isinstance(data["base_id"], str):
            raise CacheDoubt("base_id is not a string")
        sources = _list(data["sources"])
        if not all(isinstance(s, str) for s in sources) or not isinstance(data["note"], str):
            raise CacheDoubt("sources or note are not strings")
        base = decode(Document, data["base"]) if data["base"] is not None else None
        return cls(
            decode(Document, data["new"]),
            data["base_id"],
            decode(tuple[Link, ...], data["links"]),
            base,
            tuple(sources),
            data["note"],
        )


@dataclass(frozen=True)
class CheckResult:
    """The verdict, and the analysis it was drawn from (base, new text, their links)."""

    verdict: Verdict
    analysis: Analysis


@dataclass(frozen=True)
class Options:
    """How the work is done: where alignment runs, and whether corpus links may leave it."""

    engine: str = "local"
    scheduler: str | None = None
    follow_symlinks: bool = False


def _cached(cache: Cache, key: str, kind: type[Checked]) -> Checked | None:
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


def corpus_families(
    paths: Sequence[Path],
    cache: Cache,
    key: str,
    meter: StageMeter,
    options: Options = Options(),
    joined: tuple[str, bytes] | None = None,
) -> tuple[Family, ...]:
    """The families of the corpus under paths (an analysis of the whole corpus, from the cache
    under key when there). `joined` (file name, bytes): a file read with them in NEW's place,
    its version from git (see `_run`)."""
    if not paths and joined is None:
        return ()
    with meter.stage("cache"):
        data = cache.get(key) if key else None
    if isinstance(data, dict) and set(data) == {"families"}:
        return tuple(decode(tuple[Family, ...], data["families"]))
    if data is not None:
        raise CacheDoubt("not the families of a corpus")
    from ..analysis import analyse  # numpy and the aligner: only when there is work

    with tempfile.TemporaryDirectory(prefix="lineage-base-") as folder:
        files = list(paths)
        if joined is not None:
            files.append(Path(folder) / joined[0])
            files[-1].write_bytes(joined[1])
        corpus = load_corpus(files, follow_symlinks=options.follow_symlinks, progress=meter)
    analysis = analyse(corpus, engine=options.engine, scheduler=options.scheduler, progress=meter)
    meter.close()
    families = tuple(Family(f.id, f.clauses, f.first) for f in analysis.families)
    if key:
        with meter.stage("cache"):
            cache.put(key, {"families": encode(families)})
    return families


def read_new(path: Path, follow_symlinks: bool = False) -> Document:
    """The new text: exactly one document."""
    corpus = load_corpus([path], follow_symlinks=follow_symlinks)
    if len(corpus.documents) != 1:
        raise InputError("NEW holds no document", path=str(path))
    return corpus.documents[0]


def candidates(corpus: Analysed, new: Document) -> list[Entry]:
    """The corpus documents the new text does not replace: those of another id (the new file
    itself is not in the corpus, `corpus_files` left it out)."""
    return [e for e in corpus.entries if e.id != new.id]


def _corpus(corpus: Analysed, docs: Sequence[Document]) -> Corpus:
    """Documents as a corpus (date, id order), with the reviewer overrides that concern them."""
    uids = {c.uid for doc in docs for c in doc.clauses}
    overrides = tuple(o for o in corpus.overrides if o.source in uids and o.target in uids)
    return Corpus(tuple(sorted(docs, key=lambda d: d.sort_key)), overrides)


def _doc(uid: str) -> str:
    return uid.rsplit("/", 1)[0]


def read_git_base(found: GitBase, new: Document, new_path: Path) -> Document:
    """The new file as it was at a git revision, as a document `<id>@<rev>` (its id then:
    the corpus document it stands for, see `_run`)."""
    from .base import renamed  # numpy: only when there is alignment to do

    with tempfile.TemporaryDirectory(prefix="lineage-base-") as folder:
        copy = Path(folder) / new_path.name
        copy.write_bytes(found.text)
        doc = read_new(copy)
    return renamed(doc, f"{doc.id}@{found.rev}", str(new_path))


def align_new(
    corpus: Analysed,
    new_path: Path,
    base_id: str | None,
    meter: StageMeter,
    found: GitBase | None = None,
    options: Options = Options(),
) -> Checked:
    """Read the new text, find its base (unless --base or git named it: its previous version
    among the documents sharing its rarest wording), and align its clauses new to the base
    with the documents they may be borrowed from."""
    from . import base as choose  # numpy: only when there is alignment to do

    with meter.stage("load new"):
        new = read_new(new_path, options.follow_symlinks)
    entries = candidates(corpus, new)
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
    table = choose.ShingleTable.of(entries)
    if git_doc is not None or base_id is not None:
        bases = [git_doc if git_doc is not None else corpus.documents[base_id or ""]]
    else:
        with meter.stage("choose base"):
            ids = choose.source_ids(choose.shingles(new), table, new.date, choose.BASE_CANDIDATES)
            ids += [i for i in choose.same_title(new, entries) if i not in ids]
        bases = [corpus.documents[i] for i in ids]
    links = [k for doc in bases for k in _aligned(corpus, doc, new, meter, options)]
    chosen: str | None
    if git_doc is not None and found is not None:
        chosen, note = git_doc.id, f"base: {found.why}"
    elif base_id is not None:
        chosen, note = base_id, f"base: {base_id} (--base)"
    else:
        analysed = Analysis(_corpus(corpus, [new, *bases]), tuple(links), ())
        chosen, note = choose.base_for(
            new, analysed, lambda a, b: _shared(corpus, a, b, meter, options)
        )
    aligned = {d.id for d in bases}
    links += _borrowed(corpus, new, links, chosen, table, aligned, meter, options)
    meter.close()
    aligned.discard(git_doc.id if git_doc is not None else "")
    return Checked(new, chosen, tuple(links), git_doc, tuple(sorted(aligned)), note)


def _borrowed(
    corpus: Analysed,
    new: Document,
    links: Sequence[Link],
    chosen: str | None,
    table: ShingleTable,
    aligned: set[str],
    meter: StageMeter,
    options: Options,
) -> list[Link]:
    """The links of the clauses new to the base (chosen), aligned with the documents sharing
    their rarest wording (added to aligned)."""
    from . import base as choose

    linked = {u for k in links for u in (k.source, k.target) if _doc(u) == chosen}
    rest = tuple(c for c in new.clauses if not _linked_to(c.uid, linked, links))
    if not rest:
        return []
    part = replace(new, clauses=rest)
    with meter.stage("choose sources"):
        ids = choose.source_ids(
            choose.shingles(part), table, new.date, choose.MAX_SOURCES, frozenset(aligned)
        )
    found = [
        k
        for doc_id in ids
        for k in _aligned(corpus, corpus.documents[doc_id], part, meter, options)
    ]
    aligned.update(ids)
    return found


def _linked_to(uid: str, base_uids: set[str], links: Sequence[Link]) -> bool:
    """Whether the new clause uid has a link to a clause of the base."""
    return any(
        (k.source == uid and k.target in base_uids) or (k.target == uid and k.source in base_uids)
        for k in links
    )


def _pair(
    corpus: Analysed, a: Document, b: Document, meter: StageMeter, options: Options
) -> tuple[Link, ...]:
    """The links of two documents aligned as a pair: what they share does not depend on which
    others are aligned with them."""
    from ..analysis import aligned_links  # numpy and the aligner: only when there is work

    docs = _corpus(corpus, [a, b])
    return aligned_links(docs, engine=options.engine, scheduler=options.scheduler, progress=meter)


def _aligned(
    corpus: Analysed, doc: Document, new: Document, meter: StageMeter, options: Options
) -> list[Link]:
    """The links between one document and the new text."""
    links = _pair(corpus, doc, new, meter, options)
    return [k for k in links if new.id in (_doc(k.source), _doc(k.target))]


def _shared(
    corpus: Analysed, earlier: Document, later: Document, meter: StageMeter, options: Options
) -> int:
    """One-to-one non-partial links between two corpus documents (as the graph counts them)."""
    from ..history.series import shared_counts

    links = _pair(corpus, earlier, later, meter, options)
    return shared_counts(links)[0].get((earlier.id, later.id), 0)


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
    follow_symlinks: bool = False,
    environ: Mapping[str, str] | None = None,
) -> CheckResult:
    """Analyse (or re-use) the corpus, align the new text with its base and sources, evaluate.

    The corpus is every file of `against` but NEW itself (a draft edited in place in the corpus
    folder is never compared with itself, and editing it keeps the corpus's cache entry). The
    base: --base ID, else the file at a git revision (`git.git_base`: --base-rev, a pull
    request's merge base, HEAD for a changed file), else the previous version by the links.
    Two cache entries: the analysed corpus (keyed by its files), and the new text aligned
    (keyed by the corpus, the new file, --base and the git base's bytes), so that checking the
    same text again (another --format, a re-run) aligns nothing. Cached data found in doubt
    only when used makes the whole check run again without reading the cache."""
    cache = cache or Cache(enabled=False)
    meter = meter or StageMeter()
    options = Options(engine, scheduler, follow_symlinks)
    if not new_path.is_file():
        raise InputError(
            "no such file" if not new_path.exists() else "not a file",
            path=str(new_path),
            hint="NEW is the path of one text file",
        )
    if base_id is not None and base_rev is not None:
        raise UsageError("--base and --base-rev name two bases", hint="give one of them")
    found = git_base(new_path, base_rev, environ) if base_id is None else None
    store = model_store(CachedModel(cache)) if cache.enabled else nullcontext()
    with store:  # the language model, when a text needs it, kept decompressed in the cache
        try:
            return _run(new_path, against, policy, base_id, found, cache, meter, options)
        except CacheDoubt:
            cache.reading = False
            return _run(new_path, against, policy, base_id, found, cache, meter, options)


def _run(
    new_path: Path,
    against: Sequence[Path],
    policy: Policy,
    base_id: str | None,
    found: GitBase | None,
    cache: Cache,
    meter: StageMeter,
    options: Options,
) -> CheckResult:
    files, reviews, left_out = corpus_files(against, new_path, options.follow_symlinks)
    # A draft edited in place is left out of the corpus; with a base from git, its committed
    # version takes its place in the corpus analysed for families, so that [[protect]] family
    # and clause rules (named after the committed corpus) find its clauses.
    joined = (new_path.name, found.text) if found is not None and left_out else None
    digests: dict[Path, bytes] = {}
    key = checked_key = ""
    if cache.enabled:
        with meter.stage("fingerprint"):
            follow = options.follow_symlinks
            git_key = hashlib.sha256(found.text).hexdigest() + found.rev if found else ""
            kind = f"check-corpus {CACHE_FORMAT}" + (f" joined {git_key}" if joined else "")
            paths = [*files, *reviews]
            key = fingerprint(paths, kind, follow, digests) if paths or joined else ""
            checked_key = fingerprint(
                [new_path], f"check-new {key} {base_id or ''} {git_key}", follow
            )
    entries, documents = read_corpus(files, cache, meter, digests, unique=True)
    overrides = tuple(o for review in reviews for o in read_overrides(review))
    corpus = Analysed(entries, documents, (), overrides)
    with meter.stage("cache"):
        checked = _cached(cache, checked_key, Checked)
    if checked is None:
        checked = align_new(corpus, new_path, base_id, meter, found, options)
        if checked_key:
            with meter.stage("cache"):
                cache.put(checked_key, checked.to_data())
    # The base from git is a version of the corpus document it is named after.
    stands_for = checked.base.id.removesuffix(f"@{found.rev}") if found and checked.base else ""
    # The families only when a rule needs them: the whole corpus analysed (or its entry).
    if policy.needs_families(_base(corpus, checked), stands_for):
        families = corpus_families([*files, *reviews], cache, key, meter, options, joined)
        corpus = replace(corpus, families=families)
    with meter.stage("evaluate"):
        analysis = _analysis(corpus, checked, stands_for)
        verdict = evaluate(
            policy, analysis, checked.new.id, checked.base_id, checked.note, stands_for
        )
    return CheckResult(verdict, analysis)


def _base(corpus: Analysed, checked: Checked) -> Document | None:
    """The new text's base: read from git, a corpus document, or None."""
    if checked.base is not None or checked.base_id is None:
        return checked.base
    return corpus.documents[checked.base_id]


def _analysis(corpus: Analysed, checked: Checked, stands_for: str) -> Analysis:
    """The new text, its base and sources, their links and the corpus's families; cached data
    naming clauses or documents none of them holds is in doubt."""
    docs = [checked.new, *(corpus.documents[i] for i in checked.sources)]
    if checked.base is not None:
        docs.append(checked.base)
    elif checked.base_id is not None and checked.base_id not in checked.sources:
        docs.append(corpus.documents[checked.base_id])
    _check_links(checked, docs)
    known = {e.id for e in corpus.entries} | {checked.new.id, stands_for}
    if any(_doc(uid) not in known for f in corpus.families for uid in f.clauses):
        raise CacheDoubt("a family names a document the corpus does not hold")
    return Analysis(_corpus(corpus, docs), checked.links, corpus.families)


def _check_links(checked: Checked, docs: Sequence[Document]) -> None:
    """Links of a cached aligned text join clauses of the documents it was aligned with, its
    base among them, or it is in doubt."""
    uids = {c.uid for doc in docs for c in doc.clauses}
    if any(k.source not in uids or k.target not in uids for k in checked.links):
        raise CacheDoubt("links name clauses of none of the documents aligned")
    if checked.base_id is not None and checked.base_id not in {d.id for d in docs}:
        raise CacheDoubt("the base is none of the documents aligned")


def corpus_files(
    against: Sequence[Path], new_path: Path, follow_symlinks: bool = False
) -> tuple[list[Path], list[Path], bool]:
    """The document files of the corpus, each real file once, NEW itself left out; its reviews
    files; and whether NEW was there to leave out. (Each file's real path is found here only:
    three times per file was 0.15 s of a warm check of un-ga.)"""
    from ..corpus import discover

    files, reviews = discover(against, follow_symlinks)
    mine = new_path.resolve()
    seen: set[Path] = set()
    kept = []
    left_out = False
    for file in files:
        real = file.resolve()
        left_out = left_out or real == mine
        if real != mine and real not in seen:
            seen.add(real)
            kept.append(file)
    return kept, reviews, left_out
