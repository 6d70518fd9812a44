"""Accuracy of the real pipeline against the reference alignment in tests/gold/.

The gold files were written by reading the texts (see tests/gold/README.md), never from the
tool's output. Each gold clause is found by its first words, so a segmentation that loses, splits
or merges a clause shows up as a clause that resolves to zero or several clauses. Run with
`pytest -s tests/test_accuracy.py` to see the recall and precision figures.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lineage.model import RELATIONS
from lineage.read.printed import printed_symbol, symbol_id

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GOLD = TESTS / "gold"
TEXTS = ROOT / "texts"
SEED_79_274 = "unga-res-79-274"
PDF_79_274 = "unga-res-79-274-pdf"
PDF_79_274_FILE = "2025-03-21_unga-res-79-274.txt"
PDF_79_274_COPY = "2025-03-21_unga-res-79-274-pdf.txt"
KINDS = ("link", "tolerated", "nonlink")


def shared_dir() -> Path:
    """../shared beside the checkout (CI), or /work/shared (the team's machine)."""
    candidates = [Path(os.environ["LINEAGE_SHARED"])] if "LINEAGE_SHARED" in os.environ else []
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if (candidate / "corpus").is_dir():
            return candidate
    pytest.fail(f"no shared/corpus folder in {[str(c) for c in candidates]} (set LINEAGE_SHARED)")


# -- folding: how a reviewer compares first words, independent of lineage.clean.normalize ---------

HOMOGLYPHS = str.maketrans("аеорсухАВЕКМНОРСТХ", "aeopcyxABEKMHOPCTX")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
LEADING_LABEL = re.compile(r"^\d+ ")


def fold(text: str) -> str:
    """Case, punctuation, quotes, Markdown links/emphasis, look-alike letters, whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(HOMOGLYPHS)
    text = MARKDOWN_LINK.sub(r"\1", text).lower()
    return " ".join(re.sub(r"[^\w/]+|_", " ", text).split())


def starts_with(clause_text: str, prefix: str) -> bool:
    """Whether a clause begins with the gold words, its printed label ("1.", "- ") aside."""
    text, words = fold(clause_text), fold(prefix)
    return text.startswith(words) or LEADING_LABEL.sub("", text, count=1).startswith(words)


# -- the gold files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One judged pair of clauses (by gold name), in date order."""

    kind: str
    a: str
    b: str
    relation: str | None = None
    also: tuple[str, ...] = ()
    why: str = ""
    origin: str = ""

    @property
    def accepted(self) -> tuple[str, ...]:
        return ((self.relation,) if self.relation else ()) + self.also


@dataclass
class Gold:
    """Clauses by name, judged pairs and the documents whose every pair is judged."""

    documents: list[str] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    clauses: dict[str, tuple[str, str]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    mirror: dict[str, str] = field(default_factory=dict)


def read_gold(name: str) -> Gold:
    data: dict[str, Any] = tomllib.loads((GOLD / name).read_text(encoding="utf-8"))
    assert data.get("schema") == "lineage-gold/1", f"{name}: unknown schema"
    gold = Gold(
        documents=list(data["documents"]),
        counts={doc: (pre, op) for doc, (pre, op) in data.get("counts", {}).items()},
        clauses={key: (doc, words) for key, (doc, words) in data["clauses"].items()},
        mirror=dict(data.get("mirror", {})),
    )
    for kind in KINDS:
        for item in data.get(kind, []):
            a, b = item["pair"]
            gold.entries.append(
                Entry(
                    kind,
                    a,
                    b,
                    item.get("relation"),
                    tuple(item.get("also", ())),
                    item.get("why", ""),
                    name,
                )
            )
    return gold


def with_mirrors(gold: Gold, mirror: dict[str, str]) -> list[Entry]:
    """Copies of every entry naming a mirrored document's twin (see corpus.toml [mirror])."""
    copies = []
    for copy_prefix, twin_prefix in mirror.items():
        for entry in gold.entries:
            names = (entry.a, entry.b)
            if any(n.startswith(copy_prefix + " ") for n in names):
                continue
            if sum(n.startswith(twin_prefix + " ") for n in names) != 1:
                continue
            a, b = (
                copy_prefix + n[len(twin_prefix) :] if n.startswith(twin_prefix + " ") else n
                for n in names
            )
            copies.append(
                Entry(
                    entry.kind,
                    a,
                    b,
                    entry.relation,
                    entry.also,
                    entry.why,
                    entry.origin + " (mirrored)",
                )
            )
    return copies


SEEDS = read_gold("seeds.toml")
CORPUS_ONLY = read_gold("corpus.toml")


def corpus_gold() -> Gold:
    """corpus.toml with seeds.toml: the corpus run holds the seeds too."""
    both = Gold(
        documents=SEEDS.documents + CORPUS_ONLY.documents,
        counts={**SEEDS.counts, **CORPUS_ONLY.counts},
        clauses={**SEEDS.clauses, **CORPUS_ONLY.clauses},
        entries=SEEDS.entries + CORPUS_ONLY.entries,
        mirror=CORPUS_ONLY.mirror,
    )
    both.entries += with_mirrors(both, both.mirror)
    return both


CORPUS = corpus_gold()


# -- the gold files on their own (no pipeline needed) ---------------------------------------------


def document_files() -> dict[str, Path]:
    """Document id -> file, read the way the spec names documents (front matter id, else the
    printed symbol, else the name)."""
    files: dict[str, Path] = {}
    for path in sorted(TEXTS.glob("*.txt")) + sorted((shared_dir() / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = re.search(r'^id\s*=\s*"([^"]+)"', text[:2000], re.M)
        symbol = symbol_id(printed_symbol(text))
        files[found.group(1) if found else symbol or path.stem.split("_", 1)[1]] = path
    files[PDF_79_274] = shared_dir() / "corpus" / PDF_79_274_FILE
    files[SEED_79_274] = next(p for p in TEXTS.glob("*.txt") if p.stem.endswith(SEED_79_274))
    return files


def date_of(doc: str, files: dict[str, Path]) -> tuple[str, str]:
    return (files[doc].name[:10], doc)


def test_gold_entries_are_well_formed() -> None:
    """Every judged pair names known clauses of two documents, in date order, once, with valid
    relations; links carry a relation, non-links none."""
    files, problems, seen = document_files(), [], {}
    for entry in CORPUS.entries:
        label = f"{entry.origin}: {entry.a} / {entry.b}"
        if entry.a not in CORPUS.clauses or entry.b not in CORPUS.clauses:
            problems.append(f"{label}: unknown clause name")
            continue
        doc_a, doc_b = CORPUS.clauses[entry.a][0], CORPUS.clauses[entry.b][0]
        if doc_a == doc_b or date_of(doc_a, files) > date_of(doc_b, files):
            problems.append(f"{label}: not two documents in date order")
        if (entry.kind == "nonlink") != (entry.relation is None):
            problems.append(f"{label}: relation must be given for links only")
        if any(r not in RELATIONS for r in entry.accepted):
            problems.append(f"{label}: unknown relation in {entry.accepted}")
        key = frozenset((entry.a, entry.b))
        if key in seen:
            problems.append(f"{label}: judged twice ({seen[key]} and {entry.kind})")
        seen[key] = entry.kind
    assert not problems, "\n".join(problems)


def test_gold_clause_words_occur_once_in_their_text() -> None:
    """Each gold clause's first words occur exactly once in its document's file, so that they
    name one clause; every named clause is used by some judged pair."""
    files, problems = document_files(), []
    folded = {doc: fold(path.read_text(encoding="utf-8")) for doc, path in files.items()}
    for name, (doc, words) in CORPUS.clauses.items():
        if doc not in folded:
            problems.append(f"{name}: no file for document {doc}")
            continue
        count = len(re.findall(rf"(?<![\w/]){re.escape(fold(words))}(?![\w/])", folded[doc]))
        if count != 1:
            problems.append(f"{name}: {words!r} occurs {count} times in {files[doc].name}")
    used = {n for e in CORPUS.entries for n in (e.a, e.b)}
    problems += [f"{name}: named but never judged" for name in CORPUS.clauses if name not in used]
    assert not problems, "\n".join(problems)


# -- the pipeline ------------------------------------------------------------------------------


@dataclass
class Run:
    """One real run of load_corpus + analyse, and the gold clauses resolved in it."""

    name: str
    gold: Gold
    analysis: Any
    judged: set[frozenset[str]]  # document pairs whose every link is judged here
    uids: dict[str, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)

    def doc(self, uid: str) -> str:
        return str(self.analysis.clause(uid).doc_id)

    def show(self, uid: str) -> str:
        text = self.analysis.clause(uid).text
        return f"{uid} «{text[:70]}{'…' if len(text) > 70 else ''}»"

    def found(self) -> dict[frozenset[str], Any]:
        return {frozenset((link.source, link.target)): link for link in self.analysis.links}

    def judged_links(self) -> list[Any]:
        return [
            link
            for link in self.analysis.links
            if frozenset((self.doc(link.source), self.doc(link.target))) in self.judged
        ]

    def entries(self, *kinds: str) -> Iterable[tuple[Entry, frozenset[str] | None]]:
        for entry in self.gold.entries:
            if entry.kind in kinds and self.in_scope(entry):
                uid_a, uid_b = self.uids.get(entry.a), self.uids.get(entry.b)
                yield entry, (frozenset((uid_a, uid_b)) if uid_a and uid_b else None)

    def in_scope(self, entry: Entry) -> bool:
        docs = frozenset(self.gold.clauses[n][0] for n in (entry.a, entry.b))
        return docs in self.judged


def resolve(run: Run) -> None:
    by_doc = {doc.id: doc for doc in run.analysis.documents}
    for name, (doc_id, words) in run.gold.clauses.items():
        if doc_id not in by_doc:
            run.unresolved.append(f"{name}: document {doc_id!r} not in the corpus")
            continue
        hits = [c for c in by_doc[doc_id].clauses if starts_with(c.text, words)]
        if len(hits) == 1:
            run.uids[name] = hits[0].uid
        else:
            shown = ", ".join(run.show(c.uid) for c in hits)
            run.unresolved.append(
                f"{name}: {words!r} starts {len(hits)} clauses of {doc_id} {shown}"
            )


def make_run(name: str, gold: Gold, paths: list[Path], judged: set[frozenset[str]]) -> Run:
    from lineage.analysis import analyse
    from lineage.corpus import load_corpus

    run = Run(name, gold, analyse(load_corpus(paths)), judged)
    resolve(run)
    return run


def all_pairs(docs: Iterable[str]) -> set[frozenset[str]]:
    docs = list(docs)
    return {frozenset((a, b)) for i, a in enumerate(docs) for b in docs[i + 1 :]}


@pytest.fixture(scope="module")
def seeds_run() -> Run:
    paths = sorted(p for p in TEXTS.iterdir() if p.suffix in (".txt", ".md"))
    return make_run("seeds", SEEDS, paths, all_pairs(SEEDS.documents))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("corpus")
    for path in TEXTS.iterdir():
        if path.suffix in (".txt", ".md"):
            shutil.copy(path, folder / path.name)
    for path in (shared_dir() / "corpus").glob("*.txt"):
        target = PDF_79_274_COPY if path.name == PDF_79_274_FILE else path.name
        shutil.copy(path, folder / target)
    # its printed symbol would name it a-res-79-274; the gold names it after the seed
    (folder / "catalog.toml").write_text(
        f'["{PDF_79_274_COPY}"]\nid = "{PDF_79_274}"\n', encoding="utf-8"
    )
    return make_run("corpus+seeds", CORPUS, [folder], all_pairs(CORPUS.documents))


@pytest.fixture(params=["seeds", "corpus"])
def run(request: pytest.FixtureRequest) -> Run:
    return request.getfixturevalue(f"{request.param}_run")


def test_gold_clauses_resolve_to_one_clause_each(run: Run) -> None:
    """Every gold clause is exactly one clause of the tool: none lost, split or merged."""
    assert not run.unresolved, "\n".join(run.unresolved)


def test_clause_counts_match_a_readers_count(run: Run) -> None:
    """Each document has as many preambular and operative clauses as a reader counts."""
    wrong = []
    for doc in run.analysis.documents:
        if doc.id in run.gold.counts:
            got = (
                sum(c.kind == "preamble" for c in doc.clauses),
                sum(c.kind == "operative" for c in doc.clauses),
            )
            if got != run.gold.counts[doc.id]:
                wrong.append(
                    f"{doc.id}: (preamble, operative) = {got}, "
                    f"a reader counts {run.gold.counts[doc.id]}"
                )
    assert not wrong, "\n".join(wrong)


def test_links_point_from_earlier_to_later(run: Run) -> None:
    """A link's source is in an earlier document (date, then id) than its target."""
    docs = {doc.id: doc for doc in run.analysis.documents}
    backwards = [
        f"{link.source} -> {link.target}"
        for link in run.analysis.links
        if docs[run.doc(link.source)].sort_key >= docs[run.doc(link.target)].sort_key
    ]
    assert not backwards, "\n".join(backwards)


#: Gold links the matcher misses since issue 10 took out the variants listed for these texts
#: (`SYNONYMS`: "center" = "centre", "neighborly" ...): a loose translation that only a scorer
#: of meaning would find ("solving regional problems by stimulating closer cooperation" /
#: "addressing regional challenges by encouraging ... closer cooperation"). Listed so that the
#: figure stays honest and any other miss fails.
KNOWN_MISSES = frozenset([("conf op5", "79/274 pp12")])


def test_recall_every_gold_link_is_found(run: Run) -> None:
    """Every link a reviewer draws between the texts is found (all missing ones are listed),
    but for KNOWN_MISSES (counted in the printed recall)."""
    found, missing, known, total = run.found(), [], [], 0
    for entry, key in run.entries("link"):
        total += 1
        if key is None or key not in found:
            where = "unresolved clause" if key is None else "not linked"
            line = f"{entry.a} -> {entry.b} [{entry.relation}] ({where}): {entry.why}"
            base = (entry.a, entry.b.removesuffix("-pdf").replace("-pdf ", " "))
            (known if key is not None and base in KNOWN_MISSES else missing).append(line)
    print(
        f"\n{run.name}: recall {total - len(missing) - len(known)}/{total} = "
        f"{(total - len(missing) - len(known)) / max(total, 1):.3f}"
    )
    assert not missing, f"{len(missing)} gold links missing:\n" + "\n".join(missing)


def test_precision_no_rejected_pair_is_linked(run: Run) -> None:
    """No pair a reviewer rejects (shared boilerplate, names, references only) is linked."""
    found, wrong = run.found(), []
    for entry, key in run.entries("nonlink"):
        if key is not None and key in found:
            link = found[key]
            wrong.append(
                f"{entry.a} / {entry.b}: linked as {link.relation} "
                f"({link.similarity}, {link.method}); rejected because {entry.why}"
            )
    assert not wrong, f"{len(wrong)} rejected pairs linked:\n" + "\n".join(wrong)


def test_precision_every_found_link_is_in_gold(run: Run) -> None:
    """Every link found between judged documents is a gold or tolerated link (extras listed)."""
    known = {key for _, key in run.entries(*KINDS) if key is not None}
    good = {key for _, key in run.entries("link", "tolerated") if key is not None}
    links = run.judged_links()
    extras = [
        f"{run.show(link.source)} -> {run.show(link.target)}: {link.relation} "
        f"({link.similarity}, {link.method})"
        for link in links
        if frozenset((link.source, link.target)) not in known
    ]
    correct = sum(frozenset((link.source, link.target)) in good for link in links)
    print(
        f"\n{run.name}: precision {correct}/{len(links)} = {correct / max(len(links), 1):.3f}"
        f" ({len(extras)} extra, {len(links) - correct - len(extras)} rejected)"
    )
    assert not extras, f"{len(extras)} links not in gold:\n" + "\n".join(sorted(extras))


def test_relations_agree_with_gold(run: Run) -> None:
    """A found gold link has the relation the reviewer judged, or an accepted alternative."""
    found, wrong, compared = run.found(), [], 0
    for entry, key in run.entries("link", "tolerated"):
        if key is not None and key in found:
            compared += 1
            link = found[key]
            if link.relation not in entry.accepted:
                wrong.append(
                    f"{entry.a} -> {entry.b}: {link.relation} ({link.similarity}, "
                    f"{link.method}), gold {entry.relation} (also {list(entry.also)})"
                )
    print(f"\n{run.name}: relations agree {compared - len(wrong)}/{compared}")
    assert not wrong, f"{len(wrong)} relations disagree:\n" + "\n".join(wrong)
