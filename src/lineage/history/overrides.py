"""Reviewer overrides: `reviews.toml` beside the texts confirms or rejects links.

Format (one table per decision; `relation` and `note` optional)::

    [[link]]
    source = "unga-res-75-28/P5"
    target = "unga-res-79-274/P6"
    decision = "reject"            # or "confirm"
    relation = "major"             # for "confirm": the relation to record
    note = "same formula, different subject"

Rejected links are removed before families are built; confirmed links are kept (marked
`reviewed="confirmed"`) or, when the machine missed them, added with method "reviewer".
Every run and every export honours the file. Unknown uids are reported by `check_overrides`
with the file and line of the entry.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import cast

from ..errors import InputError, toml_error
from ..model import RELATIONS, Link, Override, Relation

#: The reviewers' file in a corpus folder (the one place its name is written).
REVIEWS = "reviews.toml"
_HEADER = re.compile(r"^\s*\[\[\s*link\s*\]\]\s*(#.*)?$")
_FIELDS = {"source", "target", "decision", "relation", "note"}


def read_overrides(path: Path) -> tuple[Override, ...]:
    """Read a reviews file; InputError with file and line for anything malformed."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is no error
    except UnicodeDecodeError as exc:
        raise InputError("reviews file is not UTF-8", path=name, hint="save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"cannot read reviews file: {exc.strerror}", path=name) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_error(exc)
        raise InputError(
            f"not valid TOML: {message}",
            path=name,
            line=line,
            hint="see docs/alignment.md for the format",
        ) from exc
    lines = [n for n, row in enumerate(text.splitlines(), start=1) if _HEADER.match(row)]
    unknown = sorted(set(data) - {"link"})
    if unknown:
        raise InputError(
            f"unknown table {unknown[0]!r}",
            path=name,
            hint="write each decision as a [[link]] table",
        )
    entries = data.get("link", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        found = re.search(r"^\s*link\s*=", text, re.M)  # `link = [5]`: not [[link]] tables
        raise InputError(
            "'link' must be an array of tables",
            path=name,
            line=text.count("\n", 0, found.start()) + 1 if found else None,
            hint="write each decision as a [[link]] table with source, target and decision",
        )
    out: list[Override] = []
    for k, entry in enumerate(entries):
        line = lines[k] if k < len(lines) else 0
        out.append(_override(entry, name, line))
    return tuple(out)


def _override(entry: dict, name: str, line: int) -> Override:
    extra = sorted(set(entry) - _FIELDS)
    if extra:
        raise InputError(
            f"unknown key {extra[0]!r}",
            path=name,
            line=line,
            hint="keys are source, target, decision, relation, note",
        )
    for key in ("source", "target", "decision"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise InputError(
                f"missing or empty {key!r}", path=name, line=line, hint='e.g. source = "doc-id/P3"'
            )
    decision = entry["decision"].strip().lower()
    if decision not in ("confirm", "reject"):
        raise InputError(
            f"decision must be 'confirm' or 'reject', not {entry['decision']!r}",
            path=name,
            line=line,
        )
    relation = entry.get("relation")
    if relation is not None and relation not in RELATIONS:
        raise InputError(
            f"unknown relation {relation!r}",
            path=name,
            line=line,
            hint="one of " + ", ".join(RELATIONS),
        )
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise InputError("'note' must be a string", path=name, line=line)
    return Override(
        source=entry["source"].strip(),
        target=entry["target"].strip(),
        decision=decision,  # type: ignore[arg-type]
        relation=cast(Relation | None, relation),  # checked against RELATIONS above
        note=note,
        path=name,
        line=line,
    )


def check_overrides(overrides: Iterable[Override], uids: Collection[str]) -> None:
    """Every uid an override names must be a clause of the corpus."""
    for o in overrides:
        for uid in (o.source, o.target):
            if uid not in uids:
                raise InputError(
                    f"no clause {uid!r} in the corpus",
                    path=o.path or None,
                    line=o.line or None,
                    hint="uids are <document id>/<clause id>, e.g. doc/P3",
                )
        if o.source == o.target:
            raise InputError(
                f"source and target are the same clause {o.source!r}",
                path=o.path or None,
                line=o.line or None,
                hint="a link joins two different clauses",
            )


def apply_overrides(
    links: Sequence[Link],
    overrides: Sequence[Override],
    place: Callable[[str], tuple[int, int]],
    rescore: Callable[[str, str], tuple[Relation, float]] | None = None,
) -> list[Link]:
    """Links with reviewer decisions applied (the last decision on a pair wins).

    `place` gives each uid's (document number, corpus position), so a decision written target
    first is still understood; `rescore(source, target)` gives (relation, similarity) for
    confirmed links the machine missed.
    """
    decided: dict[tuple[str, str], Override] = {}
    for o in overrides:
        a, b = sorted((o.source, o.target), key=place)
        decided[(a, b)] = o
    out: list[Link] = []
    for link in links:
        said: Override | None = decided.pop((link.source, link.target), None)
        if said is None:
            out.append(link)
        elif said.decision == "confirm":
            out.append(
                Link(
                    link.source,
                    link.target,
                    said.relation or link.relation,
                    link.similarity,
                    link.method,
                    reviewed="confirmed",
                )
            )
    for (a, b), o in sorted(
        decided.items(), key=lambda item: (place(item[0][0]), place(item[0][1]))
    ):
        if o.decision != "confirm":
            continue
        if place(a)[0] == place(b)[0]:
            raise InputError(
                f"{a!r} and {b!r} are clauses of one document",
                path=o.path or None,
                line=o.line or None,
                hint="a link joins a clause to a clause of another document",
            )
        relation, similarity = rescore(a, b) if rescore else ("major", 0.0)
        out.append(
            Link(
                a, b, o.relation or relation, round(similarity, 4), "reviewer", reviewed="confirmed"
            )
        )
    return sorted(out, key=lambda k: (place(k.source), place(k.target)))
