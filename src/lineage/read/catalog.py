"""The catalog: metadata for files that cannot carry front matter, kept beside them.

`catalog.toml` in a folder of texts holds one table per file name of that folder:

    ["A_RES_79_274.pdf"]
    id = "unga-res-79-274-official"
    title = "Permanent neutrality of Turkmenistan"
    date = 2025-03-21

Its fields (FIELDS: id, title, date, body, symbol, language, source, series) are read like
front matter and win over everything the file itself says. Errors name the catalog and the
line: TOML that does not parse, a key that is not a field, a value of the wrong type, a table
for a file that is not in the folder.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from .source import FIELDS, Source, decode, valid_id

CATALOG_FILE = "catalog.toml"
_TOML_LINE_RE = re.compile(r"line (\d+)")
_FIELDS_HINT = "use " + ", ".join(FIELDS)


def read_catalog(path: Path) -> dict[str, dict[str, str]]:
    """{file name: {field: value}} from a catalog file, or an InputError at its line."""
    raw = decode(path)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE_RE.search(str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(
            f"catalog is not valid TOML: {message}",
            path=str(path),
            line=int(m.group(1)) if m else 1,
            hint='write one table per file: ["name.pdf"] then key = "value" lines',
        ) from None
    entries = {}
    for name, table in data.items():
        head = _table_line(raw, name)
        if not isinstance(table, dict):
            raise InputError(
                f"`{name}` must be a table of fields for the file of that name",
                path=str(path),
                line=head,
                hint=f'write ["{name}"] on a line, then its fields below it',
            )
        if not (path.parent / name).is_file():
            raise InputError(
                f"catalog names {name!r}, which is not a file in {path.parent}",
                path=str(path),
                line=head,
                hint="fix the file name, or remove its table",
            )
        entries[name] = {key: _value(table, key, path, raw, head) for key in table}
    return entries


def _value(table: dict[str, object], key: str, path: Path, raw: str, head: int) -> str:
    line = _key_line(raw, key, head)
    if key not in FIELDS:
        raise InputError(
            f"unknown key `{key}` in the catalog", path=str(path), line=line, hint=_FIELDS_HINT
        )
    value = table[key]
    if key == "date" and isinstance(value, dt.date | dt.datetime):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, str) and key == "id" and not valid_id(value.strip()):
        raise InputError(
            f"id {value!r} has characters that cannot be used in file names",
            path=str(path),
            line=line,
            hint="use letters, digits, '-', '_' and '.' only",
        )
    if isinstance(value, str) and key != "date":
        return value.strip()
    expected = "a date (date = 2025-03-21)" if key == "date" else "a string in quotes"
    raise InputError(
        f"catalog field `{key}` must be {expected}, not {value!r}", path=str(path), line=line
    )


def _table_line(raw: str, name: str) -> int:
    m = re.search(rf"^[ \t]*\[\s*[\"']?{re.escape(name)}[\"']?\s*\]", raw, re.M)
    return raw.count("\n", 0, m.start()) + 1 if m else 1


def _key_line(raw: str, key: str, head: int) -> int:
    """The line of `key = ...` in the table starting at line `head`."""
    lines = raw.split("\n")
    for number in range(head, len(lines)):
        text = lines[number].strip()
        if text.startswith("["):
            break
        if re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", text):
            return number + 1
    return head


def apply_entry(sources: list[Source], entry: dict[str, str]) -> list[Source]:
    """The Sources of one file with its catalog fields; an id names every version of it.

    The last Source is the file's document as it stands; others (a Word draft's `-original`)
    keep their suffix after the new id, and `previous` follows.
    """
    if not entry or not sources:
        return sources
    base = sources[-1].id
    new_id = entry.get("id", base)

    def renamed(doc_id: str) -> str:
        return new_id + doc_id[len(base) :] if doc_id.startswith(base) else doc_id

    fields: dict[str, Any] = {k: v for k, v in entry.items() if k != "id"}
    return [
        replace(s, id=renamed(s.id), previous=renamed(s.previous) if s.previous else "", **fields)
        for s in sources
    ]
