"""Recall and precision of `lineage` against the independent reader's annotations.

The annotations are in `benchmarks/heldout/` (see its README): `heldout_links.toml` for
held-out series of `../shared/un-ga/` (never tuned on: run this on them only as a baseline and
once at the end, see docs/alignment.md), `seeds.toml` for the four seeds (free to use while
developing). Each annotation uid is `<file stem>/<P3|O2>` with the clause's first words
(`source_start`, `target_start`); the script maps it to the tool's clause of that document by
those first words (a clause id that starts otherwise is reported and remapped, a start found
in no clause or in several is reported and the entry left out).

The tool runs as a user runs it: `lineage export PATHS --format json` in a subprocess (or
`--export FILE` reads an export already made). Printed:

- recall: annotated links the tool links (any relation: the annotator counts a link found
  with another relation as found), overall, per annotated relation, per scope (within a
  series / cross-series) and for high-confidence links; the relation agreement of those found;
- precision: tool links between two documents whose pair the annotation covers (a pair with
  at least one annotated link: the reader annotated such a pair exhaustively), found links
  over all the tool's links in those pairs; the extra links are listed;
- look-alikes: rejected pairs (`[[reject]]`) the tool links, listed.

    python benchmarks/eval_heldout.py seeds
    python benchmarks/eval_heldout.py heldout          # twice in all: baseline and final
    python benchmarks/eval_heldout.py heldout2         # round 2 (benchmarks/heldout/round2/)
    python benchmarks/eval_heldout.py heldout3         # round 3: once, on the final matcher
    python benchmarks/eval_heldout.py heldout4         # round 4 (benchmarks/heldout/round4/)
    python benchmarks/eval_heldout.py heldout5         # round 5 (benchmarks/heldout/round5/)
    python benchmarks/eval_heldout.py heldout6         # round 6 (benchmarks/heldout/round6/)
    python benchmarks/eval_heldout.py heldout7         # round 7 (benchmarks/heldout/round7/)
    python benchmarks/eval_heldout.py heldout8         # round 8 (benchmarks/heldout/round8/)
    python benchmarks/eval_heldout.py seeds --export /tmp/seeds.json -v
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "benchmarks" / "heldout"
SETS = {
    "seeds": (HELDOUT / "seeds.toml", "seeds"),
    "heldout": (HELDOUT / "heldout_links.toml", "un-ga"),
    "heldout2": (HELDOUT / "round2" / "heldout_links.toml", "un-ga"),
    "heldout3": (HELDOUT / "round3" / "heldout_links.toml", "un-ga"),
    "heldout4": (HELDOUT / "round4" / "heldout_links.toml", "un-ga"),
    "heldout5": (HELDOUT / "round5" / "heldout_links.toml", "un-ga"),
    "heldout6": (HELDOUT / "round6" / "heldout_links.toml", "un-ga"),
    "heldout7": (HELDOUT / "round7" / "heldout_links.toml", "un-ga"),
    "heldout8": (HELDOUT / "round8" / "heldout_links.toml", "un-ga"),
}
DATED = re.compile(r"^\d{4}-\d{2}-\d{2}_")
#: Words of an annotation's first words compared with the clause (the annotator gave 8).
START_WORDS = 6
HOMOGLYPHS = str.maketrans("аеорсухАВЕКМНОРСТХ", "aeopcyxABEKMHOPCTX")


def shared_dir() -> Path:
    """../shared beside the checkout, or /work/shared."""
    for candidate in (ROOT.parent / "shared", Path("/work/shared")):
        if (candidate / "un-ga").is_dir():
            return candidate
    sys.exit("no shared/ folder with un-ga/ beside the checkout or at /work/shared")


def fold(text: str) -> list[str]:
    """Words compared case-, punctuation-, hyphenation- and look-alike-blind."""
    text = unicodedata.normalize("NFKC", text).translate(HOMOGLYPHS).lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)  # a PDF line-break hyphen
    return re.sub(r"[^\w]+|_", " ", text).split()


def starts(clause_text: str, start: str) -> bool:
    """Whether a clause opens with the annotation's first words (a printed label aside)."""
    want = [w for w in fold(start) if not w.isdigit()][:START_WORDS]
    have = [w for w in fold(clause_text) if not w.isdigit()][: len(want) + 2]
    return bool(want) and have[: len(want)] == want


@dataclass(frozen=True)
class Pair:
    """One annotated pair, mapped to the tool's uids."""

    source: str
    target: str
    relation: str
    scope: str
    confidence: str
    kind: str = ""


class Mapper:
    """Annotation uids -> the tool's uids, by document id and first words."""

    def __init__(self, export: dict[str, Any]) -> None:
        self.clauses: dict[str, list[dict[str, Any]]] = {
            d["id"]: d["clauses"] for d in export["documents"]
        }
        self.notes: list[str] = []

    def uid(self, uid: str, start: str) -> str | None:
        stem, _, cid = uid.partition("/")
        doc = DATED.sub("", stem)
        clauses = self.clauses.get(doc) or self.clauses.get(stem)
        if clauses is None:
            self.notes.append(f"{uid}: no document {doc!r} in the export")
            return None
        doc = clauses[0]["uid"].partition("/")[0] if clauses else doc
        same = [c for c in clauses if c["id"] == cid]
        if same and starts(same[0]["text"], start):
            return same[0]["uid"]
        found = [c for c in clauses if starts(c["text"], start)]
        if len(found) == 1:
            self.notes.append(f"{uid} ({start[:40]!r}) is the tool's {found[0]['id']}")
            return found[0]["uid"]
        self.notes.append(f"{uid} ({start[:40]!r}): starts {len(found)} clauses; left out")
        return None


def read_pairs(path: Path, table: str, mapper: Mapper) -> list[Pair]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data.get(table, []):
        a = mapper.uid(item["source"], item.get("source_start", ""))
        b = mapper.uid(item["target"], item.get("target_start", ""))
        if a and b:
            out.append(
                Pair(
                    a,
                    b,
                    item.get("relation", ""),
                    item.get("scope", "series"),
                    item.get("confidence", "high"),
                    item.get("kind", ""),
                )
            )
    return out


def doc_of(uid: str) -> str:
    return uid.partition("/")[0]


def key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def ratio(found: int, total: int) -> str:
    return f"{found}/{total} = {found / total:.3f}" if total else "0/0"


def report(export: dict[str, Any], links: list[Pair], rejects: list[Pair], verbose: bool) -> str:
    tool = {key(k["source"], k["target"]): k for k in export["links"]}
    lines = []
    groups: dict[str, list[Pair]] = defaultdict(list)
    for p in links:
        groups["all"].append(p)
        groups[f"relation {p.relation}"].append(p)
        groups[f"scope {p.scope}"].append(p)
        groups[f"confidence {p.confidence}"].append(p)
    for name in sorted(groups, key=lambda g: (g != "all", g)):
        found = sum(key(p.source, p.target) in tool for p in groups[name])
        lines.append(f"recall {name:<24} {ratio(found, len(groups[name]))}")
    hits = [(p, tool[key(p.source, p.target)]) for p in links if key(p.source, p.target) in tool]
    agree = sum(p.relation == k["relation"] for p, k in hits)
    lines.append(f"relation agreement of found   {ratio(agree, len(hits))}")
    confusion = Counter((p.relation, k["relation"]) for p, k in hits if p.relation != k["relation"])
    if confusion:
        lines.append(
            "  annotated -> tool: "
            + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(confusion.items()))
        )
    covered = {key(doc_of(p.source), doc_of(p.target)) for p in links}
    annotated = {key(p.source, p.target) for p in links}
    in_covered = [
        k for pair, k in sorted(tool.items()) if key(doc_of(pair[0]), doc_of(pair[1])) in covered
    ]
    right = [k for k in in_covered if key(k["source"], k["target"]) in annotated]
    lines.append(
        f"precision in covered pairs    {ratio(len(right), len(in_covered))}"
        f"  ({len(covered)} document pairs)"
    )
    rejected = [p for p in rejects if key(p.source, p.target) in tool]
    lines.append(f"rejected look-alikes linked   {len(rejected)}/{len(rejects)}")
    if verbose:
        missed = [p for p in links if key(p.source, p.target) not in tool]
        extra = [k for k in in_covered if key(k["source"], k["target"]) not in annotated]
        lines += [
            f"  missed {p.source} -> {p.target} ({p.relation}, {p.confidence})" for p in missed
        ]
        lines += [
            f"  extra {k['source']} -> {k['target']} ({k['relation']}, "
            f"{k.get('method', '')}, {k.get('evidence', '')})"
            for k in extra
        ]
        lines += [f"  look-alike linked {p.source} -> {p.target} ({p.kind})" for p in rejected]
    return "\n".join(lines)


def run_export(paths: list[Path]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.json"
        cmd = [
            sys.executable,
            "-m",
            "lineage.cli",
            "export",
            *map(str, paths),
            "--format",
            "json",
            "-q",
            "-o",
            str(out),
        ]
        subprocess.run(cmd, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", choices=sorted(SETS), help="which annotations")
    parser.add_argument("--export", type=Path, help="read this export instead of running")
    parser.add_argument("--corpus", type=Path, nargs="*", help="override the corpus folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    annotations, folder = SETS[args.set]
    if args.export:
        export = json.loads(args.export.read_text(encoding="utf-8"))
    else:
        export = run_export(args.corpus or [shared_dir() / folder])
    mapper = Mapper(export)
    links = read_pairs(annotations, "link", mapper)
    rejects = read_pairs(annotations, "reject", mapper)
    print(
        f"{annotations.relative_to(ROOT)}: {len(links)} links, {len(rejects)} rejects; "
        f"tool: {len(export['links'])} links"
    )
    for note in mapper.notes:
        print(f"  clause map: {note}")
    print(report(export, links, rejects, args.verbose))


if __name__ == "__main__":
    main()
