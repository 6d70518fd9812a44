"""Synthetic resolution series with known lineage, for benchmarks and engine tests.

A corpus is made of series (one resolution re-adopted every year, 5 to 15 versions). Between
two successive versions each clause is kept verbatim, lightly edited (a few words), heavily
edited (about a third of its words), moved, dropped, split in two or merged with its
neighbour; new clauses are added and dropped ones sometimes come back. All series share a
vocabulary and boilerplate openings ("Requests the Secretary-General to", "Decides to include
in the provisional agenda of its ... session the item entitled"), so the aligner meets the
shared wording real corpora have.

The ground truth (truth.json) is computed from the texts written, for every pair of documents
of a series, not only successive ones. Two clauses are *related* when they descend from a
common clause (edits keep the descent, splits pass it to both halves, merges unite it).
On normalised words (case and punctuation folded):

- a related pair is a *required* link when its word similarity (rapidfuzz Indel, over word
  sequences) is at least 0.6 or the two share a run of at least 10 consecutive words; its
  relation is `verbatim` (same words), `minor` (word edit distance at most
  max(3, 12% of the longer clause)), `partial` (a run of 10+ words with one clause much
  shorter than the other, or similarity under 0.6: how splits and merges show), else `major`;
- a related pair below both thresholds (a clause rewritten beyond recognition over several
  versions) is *tolerated*: neither required nor wrong if found; so is the clause by which
  each version recalls the previous one ("Recalling its resolution 55/105 of 5 December 2000
  on sustainable tourism,"): its only content is a citation (numbers and a date), which is
  the citation graph's business, and the same clause of another series on the same subject
  reads the same;
- any link between clauses that are not related is a false positive.

Output: DIR/texts/*.txt (TOML front matter between `+++` lines: id, title, date, symbol) and
DIR/truth.json. Deterministic for a seed: same arguments, same bytes.

    python benchmarks/generate.py --docs 1000 --out /tmp/lineage-bench/1000 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz.distance import Indel, Levenshtein

SCHEMA = "lineage-synthetic/1"
REQUIRED_SIMILARITY = 0.6
REQUIRED_RUN = 10

NOUNS = """
access accountability action adaptation administration agenda agreement agriculture aid
aquifer arbitration arrangement assessment assistance authority awareness balance biodiversity
budget capacity census charter children cities climate coastline commerce commission commitment
communication community compliance confidence conflict connectivity consensus conservation
consultation cooperation coordination corridor corruption council court credit crisis culture
data debt decade declaration delegation democracy desertification detention development
dialogue diplomacy disability disarmament disaster discrimination displacement diversity
drought economy education elections electricity emergency employment energy enforcement
engagement environment equality equity evaluation expertise exports famine farmers finance
fisheries flooding food forests framework freedom funding gender governance growth guidance
harvest health heritage housing humanitarian hunger identity implementation inclusion income
industry inequality infrastructure initiative innovation institutions integration integrity
interconnectivity investment irrigation jurisdiction justice knowledge labour land landlocked
languages law leadership legislation literacy livelihoods maritime markets mediation medicine
migration minerals mobility monitoring mountains negotiation networks neutrality nutrition
obligations oceans oversight ownership partnership peace peacebuilding pensions pipelines
planning pollution population poverty prevention procurement production prosperity protection
railways reconciliation reconstruction recovery refugees regulation rehabilitation reform
remittances research resilience resources restitution rights roads safety sanctions sanitation
scholarship science security settlement shelter sovereignty stability standards statistics
stewardship sustainability technology telecommunications tolerance tourism trade training
transit transparency transport treaty trust tuition unemployment urbanization vaccination
verification violence volunteers vulnerability wages water welfare wetlands women workers youth
""".split()

ADJECTIVES = """
adequate affordable agricultural applicable appropriate bilateral civilian coastal collective
comprehensive concrete constructive continued coordinated cross-border cultural democratic
durable early economic effective efficient electoral equitable essential fair financial fiscal
full global gradual humanitarian immediate inclusive independent indigenous innovative
institutional integrated intergovernmental international judicial lasting legal local maritime
meaningful multilateral mutual national neutral nutritional open operational participatory
peaceful practical predictable preventive productive public regional relevant reliable renewable
responsible rural safe scientific secure small-scale social specialized stable strategic
structural subregional substantive sustainable systematic technical timely transparent
universal urban voluntary
""".split()

GERUNDS = """
addressing advancing assessing building combating consolidating coordinating developing
enhancing ensuring establishing expanding facilitating financing fostering improving
increasing integrating maintaining mobilizing monitoring preserving preventing promoting
protecting reducing reinforcing restoring safeguarding securing strengthening supporting
upgrading
""".split()

CONNECTORS = [
    "of",
    "for",
    "in",
    "through",
    "with",
    "towards",
    "among",
    "within",
    "across",
    "on",
    "including through",
    "in accordance with",
    "with a view to",
    "in the context of",
    "in particular",
    "as well as",
    "taking into account",
]

PHRASE_STARTS = frozenset(c.split()[0] for c in CONNECTORS)

PREAMBLE_OPENERS = [
    "Recalling",
    "Recalling also",
    "Reaffirming",
    "Reaffirming also",
    "Recognizing",
    "Recognizing also",
    "Noting",
    "Noting with concern",
    "Emphasizing",
    "Stressing",
    "Welcoming",
    "Acknowledging",
    "Bearing in mind",
    "Underlining",
    "Convinced",
    "Expressing concern",
    "Taking note of",
    "Guided by",
    "Mindful",
    "Deeply concerned",
]

OPERATIVE_OPENERS = [
    "Requests the Secretary-General to",
    "Invites Member States to",
    "Calls upon all States to",
    "Encourages",
    "Welcomes",
    "Decides",
    "Urges",
    "Recommends",
    "Notes with appreciation",
    "Stresses",
    "Reaffirms",
    "Emphasizes",
    "Calls upon the international community to",
    "Invites the relevant organizations of the United Nations system to",
    "Requests the Secretary-General to submit to the General Assembly at its next session",
]

TOPICS = [
    "energy connectivity",
    "neutrality",
    "refugees",
    "desertification",
    "disarmament",
    "oceans and the law of the sea",
    "migration",
    "food security",
    "disaster risk reduction",
    "sustainable tourism",
    "literacy",
    "rights of the child",
    "peace and trust",
    "landlocked developing countries",
    "road safety",
    "water and sanitation",
    "preventive diplomacy",
    "cultural heritage",
    "mountain development",
    "youth employment",
]

ORDINAL_TENS = {5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
ORDINAL_UNITS = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
ORDINAL_ROUND = {5: "fiftieth", 6: "sixtieth", 7: "seventieth", 8: "eightieth", 9: "ninetieth"}


def ordinal(session: int) -> str:
    """The session number as the General Assembly writes it: 58 -> "fifty-eighth"."""
    tens, units = divmod(session, 10)
    if units == 0:
        return ORDINAL_ROUND[tens]
    return f"{ORDINAL_TENS[tens]}-{ORDINAL_UNITS[units]}"


def words(text: str) -> list[str]:
    """Normalised words: case and punctuation folded, the way truth compares clauses."""
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())


@dataclass
class Clause:
    """One clause of one version: its wording and the clauses it descends from."""

    kind: str  # "P" or "O"
    opener: str
    body: list[str]
    tags: frozenset[int]

    @property
    def text(self) -> str:
        return " ".join([self.opener, *self.body])


@dataclass
class Series:
    """One resolution re-adopted over the years."""

    number: int
    topic: str
    first_year: int
    versions: int
    title: str
    agenda_item: bool
    clauses: list[Clause] = field(default_factory=list)
    dropped: list[Clause] = field(default_factory=list)


class Generator:
    """Builds series of documents from one random generator, so a seed fixes everything."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.next_tag = 0

    def tag(self) -> frozenset[int]:
        self.next_tag += 1
        return frozenset((self.next_tag,))

    def phrase(self) -> list[str]:
        rng = self.rng
        shape = rng.random()
        if shape < 0.35:
            out = ["the", rng.choice(ADJECTIVES), rng.choice(NOUNS)]
        elif shape < 0.6:
            out = [rng.choice(GERUNDS), rng.choice(ADJECTIVES), rng.choice(NOUNS)]
        elif shape < 0.8:
            out = [rng.choice(NOUNS), "and", rng.choice(NOUNS)]
        else:
            out = [rng.choice(ADJECTIVES), rng.choice(NOUNS)]
        return [*rng.choice(CONNECTORS).split(), *out]

    def body(self, low: int = 12, high: int = 45) -> list[str]:
        target = self.rng.randint(low, high)
        out = [self.rng.choice(GERUNDS), "the", self.rng.choice(NOUNS)]
        while len(out) < target:
            out.extend(self.phrase())
        return out

    def new_clause(self, kind: str, topic: str) -> Clause:
        opener = self.rng.choice(PREAMBLE_OPENERS if kind == "P" else OPERATIVE_OPENERS)
        body = self.body()
        if self.rng.random() < 0.3:  # the series' topic, as real clauses name their subject
            body += ["on", *topic.split()]
        return Clause(kind, opener, body, self.tag())

    # Edits between two versions -----------------------------------------------------------

    def light_edit(self, clause: Clause) -> Clause:
        body = list(clause.body)
        for _ in range(self.rng.randint(1, 3)):
            at = self.rng.randrange(len(body))
            op = self.rng.random()
            if op < 0.5:
                body[at] = self.rng.choice(ADJECTIVES + NOUNS)
            elif op < 0.8:
                body.insert(at, self.rng.choice(ADJECTIVES))
            elif len(body) > 12:
                del body[at]
        return Clause(clause.kind, clause.opener, body, clause.tags)

    def heavy_edit(self, clause: Clause) -> Clause:
        body = list(clause.body)
        for at in self.rng.sample(range(len(body)), k=max(2, len(body) // 4)):
            body[at] = self.rng.choice(NOUNS + ADJECTIVES + GERUNDS)
        at = self.rng.randrange(len(body) + 1)
        body[at:at] = self.phrase()
        opener = clause.opener
        if self.rng.random() < 0.3:
            pool = PREAMBLE_OPENERS if clause.kind == "P" else OPERATIVE_OPENERS
            opener = self.rng.choice(pool)
        return Clause(clause.kind, opener, body, clause.tags)

    def split(self, clause: Clause) -> list[Clause]:
        low, high = len(clause.body) * 2 // 5, len(clause.body) * 3 // 5
        # Cut where a phrase starts, as a drafter splitting a paragraph would.
        starts = [i for i in range(low, high + 1) if clause.body[i] in PHRASE_STARTS]
        cut = self.rng.choice(starts) if starts else self.rng.randint(low, high)
        pool = PREAMBLE_OPENERS if clause.kind == "P" else OPERATIVE_OPENERS
        first = Clause(clause.kind, clause.opener, clause.body[:cut], clause.tags)
        second = Clause(clause.kind, self.rng.choice(pool), clause.body[cut:], clause.tags)
        return [first, second]

    def step(self, series: Series) -> None:
        """Turn the current version's clauses into the next version's."""
        rng = self.rng
        out: list[Clause] = []
        clauses = series.clauses
        i = 0
        while i < len(clauses):
            clause = clauses[i]
            roll = rng.random()
            if roll < 0.04:
                series.dropped.append(clause)
            elif roll < 0.16:
                out.append(self.light_edit(clause))
            elif roll < 0.21:
                out.append(self.heavy_edit(clause))
            elif roll < 0.22 and len(clause.body) >= 24:
                out.extend(self.split(clause))
            elif (
                roll < 0.23
                and i + 1 < len(clauses)
                and clauses[i + 1].kind == clause.kind
                and len(clause.body) + len(clauses[i + 1].body) <= 70
            ):
                nxt = clauses[i + 1]
                body = [*clause.body, "and", *nxt.opener.lower().split(), *nxt.body]
                out.append(Clause(clause.kind, clause.opener, body, clause.tags | nxt.tags))
                i += 1
            else:
                out.append(clause)
            i += 1
        for _ in range(sum(1 for c in out if rng.random() < 0.05)):  # moves, within the part
            at = rng.randrange(len(out))
            moved = out.pop(at)
            same = [j for j, c in enumerate(out) if c.kind == moved.kind]
            out.insert(rng.choice([*same, same[-1] + 1]) if same else at, moved)
        for _ in range(rng.randint(0, 3)):
            kind = "P" if rng.random() < 0.4 else "O"
            self.insert(out, self.new_clause(kind, series.topic))
        if series.dropped and rng.random() < 0.15:
            self.insert(out, series.dropped.pop(rng.randrange(len(series.dropped))))
        series.clauses = out

    def insert(self, clauses: list[Clause], clause: Clause) -> None:
        same = [j for j, c in enumerate(clauses) if c.kind == clause.kind]
        if same:
            clauses.insert(self.rng.randint(same[0], same[-1] + 1), clause)
        elif clause.kind == "P":
            clauses.insert(0, clause)
        else:
            clauses.append(clause)

    # Series and documents -----------------------------------------------------------------

    def series(self, number: int, versions: int) -> Series:
        rng = self.rng
        topic = rng.choice(TOPICS)
        title = (
            f"{topic[0].upper()}{topic[1:]}: {rng.choice(GERUNDS)} "
            f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} and {rng.choice(NOUNS)}"
        )
        series = Series(
            number,
            topic,
            rng.randint(1995, 2025 - versions),
            versions,
            title,
            agenda_item=rng.random() < 0.6,
        )
        preamble = rng.randint(8, 14)
        operative = rng.randint(10, 22)
        series.clauses = [self.new_clause("P", topic) for _ in range(preamble)]
        series.clauses += [self.new_clause("O", topic) for _ in range(operative)]
        return series


@dataclass(frozen=True)
class SynthDoc:
    """One generated document: its file name and text, and its clauses in uid order."""

    id: str
    date: str
    filename: str
    text: str
    clauses: tuple[tuple[str, str, frozenset[int]], ...]  # (uid, text, tags)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def render(
    series: Series,
    version: int,
    clauses: list[Clause],
    day: int,
    previous: tuple[str, str] | None,
    tags: dict[str, frozenset[int]],
) -> SynthDoc:
    """Write one version as a resolution, and number its clauses as the segmenter will."""
    year = series.first_year + version
    session = year - 1945
    doc_id = f"syn-{series.number:05d}-{year}"
    date = f"{year}-12-{day:02d}"
    said = f"{day} December {year}"
    symbol = f"A/RES/{session}/{100 + series.number % 200}"
    own = list(clauses)
    if previous is not None:  # every later version recalls the one before it
        prev_symbol, prev_said = previous
        body = [
            *f"its resolution {prev_symbol[6:]} of {prev_said} on".split(),
            *series.topic.split(),
        ]
        own.insert(0, Clause("P", "Recalling", body, tags["recall"]))
    if series.agenda_item:
        body = [
            *f"provisional agenda of its {ordinal(session + 1)} session the item".split(),
            "entitled",
            f"\u201c{series.title}\u201d",
        ]
        own.append(Clause("O", "Decides to include in the", body, tags["agenda"]))
    paragraphs: list[str] = []
    uids: list[tuple[str, str, frozenset[int]]] = []
    pre = [c for c in own if c.kind == "P"]
    ops = [c for c in own if c.kind == "O"]
    for n, clause in enumerate(pre, 1):
        paragraphs.append(f"{clause.text},")
        uids.append((f"{doc_id}/P{n}", clause.text, clause.tags))
    for n, clause in enumerate(ops, 1):
        end = "." if n == len(ops) else ";"
        paragraphs.append(f"{n}. {clause.text}{end}")
        uids.append((f"{doc_id}/O{n}", clause.text, clause.tags))
    title = series.title
    head = f'+++\nid = "{doc_id}"\ntitle = "{title}"\ndate = "{date}"\nsymbol = "{symbol}"\n+++\n\n'
    text = (
        head + f"Resolution adopted by the General Assembly on {said}\n\n{title}\n\n"
        "The General Assembly,\n\n"
        + "\n\n".join(paragraphs)
        + f"\n\n{40 + series.number % 50}th plenary meeting\n{said}\n"
    )
    return SynthDoc(doc_id, date, f"{date}_{doc_id}.txt", text, tuple(uids))


def generate(docs: int, seed: int = 1) -> Iterator[SynthDoc]:
    """Yield `docs` documents, series by series, in a deterministic order."""
    gen = Generator(seed)
    made = 0
    number = 0
    while made < docs:
        number += 1
        versions = min(gen.rng.randint(5, 15), docs - made)
        series = gen.series(number, versions)
        # A negative tag marks the clause recalling the previous version: see series_truth.
        tags = {"recall": frozenset(-t for t in gen.tag()), "agenda": gen.tag()}
        previous: tuple[str, str] | None = None
        for version in range(versions):
            if version:
                gen.step(series)
            day = gen.rng.randint(1, 20)
            doc = render(series, version, series.clauses, day, previous, tags)
            year = series.first_year + version
            previous = (
                doc.text.split('symbol = "', 1)[1].split('"', 1)[0],
                f"{day} December {year}",
            )
            yield doc
        made += versions


# Ground truth ---------------------------------------------------------------------------------


def longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words the two share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def relation(a: list[str], b: list[str]) -> str | None:
    """The relation a reviewer would give two related clauses, or None if not required."""
    if a == b:
        return "verbatim"
    longer, shorter = max(len(a), len(b)), min(len(a), len(b))
    if Levenshtein.distance(a, b) <= max(3, round(0.12 * longer)):
        return "minor"
    similarity = Indel.normalized_similarity(a, b)
    run = longest_run(a, b) if similarity < 0.9 else min(len(a), len(b))
    if run >= REQUIRED_RUN and shorter <= 0.7 * longer and run >= 0.8 * shorter:
        return "partial"
    if similarity >= REQUIRED_SIMILARITY:
        return "major"
    if run >= REQUIRED_RUN:
        return "partial"
    return None


def series_truth(docs: list[SynthDoc]) -> tuple[list[list[str]], list[list[str]]]:
    """Required links [source, target, relation] and tolerated pairs of one series."""
    required: list[list[str]] = []
    tolerated: list[list[str]] = []
    normed = [[(uid, words(text), tags) for uid, text, tags in doc.clauses] for doc in docs]
    for i, earlier in enumerate(normed):
        for later in normed[i + 1 :]:
            for uid_a, words_a, tags_a in earlier:
                for uid_b, words_b, tags_b in later:
                    common = tags_a & tags_b
                    if not common:
                        continue
                    if min(common) < 0:  # only a citation of the previous version: tolerated
                        tolerated.append([uid_a, uid_b])
                        continue
                    rel = relation(words_a, words_b)
                    if rel is None:
                        tolerated.append([uid_a, uid_b])
                    else:
                        required.append([uid_a, uid_b, rel])
    return required, tolerated


def write_corpus(docs: int, out: Path, seed: int = 1) -> dict[str, object]:
    """Write DIR/texts/*.txt and DIR/truth.json; return the truth's summary."""
    texts = out / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    required: list[list[str]] = []
    tolerated: list[list[str]] = []
    documents: list[dict[str, object]] = []
    batch: list[SynthDoc] = []

    def flush() -> None:
        links, loose = series_truth(batch)
        required.extend(links)
        tolerated.extend(loose)
        batch.clear()

    for doc in generate(docs, seed):
        if batch and doc.id.rsplit("-", 1)[0] != batch[0].id.rsplit("-", 1)[0]:
            flush()
        batch.append(doc)
        (texts / doc.filename).write_text(doc.text, encoding="utf-8", newline="\n")
        documents.append(
            {
                "id": doc.id,
                "file": f"texts/{doc.filename}",
                "clauses": [uid for uid, _, _ in doc.clauses],
            }
        )
    flush()
    truth = {
        "schema": SCHEMA,
        "seed": seed,
        "docs": docs,
        "required_similarity": REQUIRED_SIMILARITY,
        "required_run": REQUIRED_RUN,
        "documents": documents,
        "links": sorted(required),
        "tolerated": sorted(tolerated),
    }
    (out / "truth.json").write_text(
        json.dumps(truth, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return {
        "docs": len(documents),
        "clauses": sum(len(d["clauses"]) for d in documents),
        "links": len(required),
        "tolerated": len(tolerated),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    summary = write_corpus(args.docs, args.out, args.seed)
    print(" ".join(f"{key}={value}" for key, value in summary.items()))


if __name__ == "__main__":
    main()
