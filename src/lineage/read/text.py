"""`.txt` and `.md` files, with optional TOML front matter between two `+++` lines."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..errors import InputError, toml_error
from .source import FIELDS, Source, decode, key_line, make_source

_FRONT_START_RE = re.compile(r"\+\+\+[ \t]*(?:\r?\n|$)")
_FRONT_END_RE = re.compile(r"^\+\+\+[ \t]*\r?$", re.M)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, object], str, int]:
    """(fields, text after the front matter, lines the front matter takes)."""
    if not _FRONT_START_RE.match(text):  # `+++`, spaces or tabs after it allowed
        return {}, text, 0
    first_end = text.index("\n") + 1 if "\n" in text else len(text)
    m = _FRONT_END_RE.search(text, first_end)
    if m is None:
        raise InputError(
            "front matter is not closed",
            path=str(path),
            line=1,
            hint="end the front matter with a line holding only +++",
        )
    toml_text = text[first_end : m.start()]
    try:
        fields = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        message, toml_line = toml_error(exc)
        line = toml_line + 1 if toml_line else 1  # the front matter starts on line 2
        raise InputError(
            f"front matter is not valid TOML: {message}",
            path=str(path),
            line=line,
            hint='write it as key = "value" lines, e.g. date = 2020-12-07',
        ) from None
    body_start = m.end() + 1 if m.end() < len(text) and text[m.end()] == "\n" else m.end()
    return fields, text[body_start:], text.count("\n", 0, body_start)


def read(path: Path) -> list[Source]:
    """A .txt or .md file, with or without TOML front matter: one Source."""
    raw = decode(path)
    fields, text, offset = split_front_matter(raw, path)
    if not text.strip():
        raise InputError(
            "the file has front matter but no text",
            path=str(path),
            line=offset + 1,
            hint="add the document's text below the front matter",
        )
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise InputError(
            f"unknown front matter key {unknown[0]!r}",
            path=str(path),
            line=key_line(raw, unknown[0]),
            hint="known keys: " + ", ".join(FIELDS) + " (a typo? it would be ignored)",
        )
    return [make_source(path, fields, text, raw, offset)]
