"""What every reader shares: the Source record, decoding, and metadata from the file name.

A reader turns one file into Sources (metadata and text). The text is kept exactly as written:
cleaning is segmentation's and normalisation's job. Without metadata in the file the date
comes from a leading `YYYY-MM-DD` in the file name and the id from the rest of the name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Revision
from .language import detect_language
from .printed import printed_date, printed_symbol, symbol_id

FIELDS = ("id", "title", "date", "body", "symbol", "language", "source", "series")

_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[_ .-]*(.*)$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE_HINT = (
    "give it `date = YYYY-MM-DD` in the front matter or in catalog.toml, "
    "or start the file name with YYYY-MM-DD_"
)


@dataclass(frozen=True)
class Source:
    """One file as read: metadata, the text to segment, and how many file lines precede it."""

    path: str
    id: str
    title: str
    date: str
    body: str
    symbol: str
    language: str
    source: str
    text: str
    line_offset: int = 0
    series: str = ""
    previous: str = ""
    revisions: tuple[Revision, ...] = ()


def decode(path: Path) -> str:
    """The file's text, or an InputError saying what is wrong (empty, binary, not UTF-8)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    if not raw.strip():
        raise InputError(
            "the file is empty", path=str(path), hint="add the document's text, or remove the file"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            "the file is UTF-16, not UTF-8",
            path=str(path),
            line=1,
            hint="save the file as UTF-8 (e.g. `iconv -f utf-16 -t utf-8`)",
        )
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise InputError(
            "this is a binary file (it contains NUL bytes), not a text",
            path=str(path),
            line=line,
            hint="export the document as plain UTF-8 text",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise InputError(
            f"byte 0x{byte:02x} at column {column} is not valid UTF-8",
            path=str(path),
            line=line,
            hint="save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`)",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def name_metadata(path: Path) -> tuple[str, str]:
    """(date, id) from a file name like `2020-12-07_unga-res-75-28.txt`; date may be ""."""
    stem = path.stem
    m = _NAME_RE.match(stem)
    if m and _valid_date(m.group(1)) and m.group(2):
        return m.group(1), _slug(m.group(2))
    return "", _slug(stem)


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return slug or "document"


def _valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _field(fields: dict[str, object], key: str, path: Path, text: str) -> str:
    value = fields.get(key)
    if value is None:
        return ""
    if key == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and _valid_date(value.strip()):
            return value.strip()
    elif isinstance(value, str):
        return value.strip()
    line = key_line(text, key)
    expected = "a date YYYY-MM-DD" if key == "date" else "a string"
    raise InputError(
        f"front matter field `{key}` must be {expected}, not {value!r}", path=str(path), line=line
    )


def key_line(text: str, key: str) -> int:
    m = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def dated(source: Source) -> Source:
    """The source, or an InputError when nothing (metadata, name, text) gave it a date."""
    if not source.date:
        raise InputError("the document has no date", path=source.path, line=1, hint=_DATE_HINT)
    return source


def valid_id(doc_id: str) -> bool:
    """Can this id name files and URLs of the report (letters, digits, '-', '_', '.')?"""
    return bool(_ID_RE.match(doc_id))


def make_source(
    path: Path,
    fields: dict[str, object],
    text: str,
    raw: str,
    line_offset: int = 0,
    weak: dict[str, object] | None = None,
) -> Source:
    """Combine the file's metadata (front matter, HTML/XML metadata) with what else says it.

    Each field, first found first: the metadata in `fields`; for the id, the symbol printed at
    the head of the text (`A/RES/79/274` gives `a-res-79-274`), then the file name; for the
    date, the file name's `YYYY-MM-DD_`, then the adoption date printed in the text; for the
    language, detection on the text. `weak` fields (a Word file's own properties) fill what is
    still empty. A source left without a date is refused by `dated` once the catalog has
    had its say.
    """
    name_date, name_id = name_metadata(path)
    values = {key: _field(fields, key, path, raw) for key in FIELDS}
    extra = {key: _field(weak or {}, key, path, raw) for key in FIELDS}
    doc_id = values["id"] or symbol_id(printed_symbol(text)) or name_id
    if not valid_id(doc_id):
        raise InputError(
            f"id {doc_id!r} has characters that cannot be used in file names",
            path=str(path),
            line=key_line(raw, "id"),
            hint="use letters, digits, '-', '_' and '.' only",
        )
    date = values["date"] or name_date or printed_date(text) or extra["date"]
    return Source(
        path=str(path),
        id=doc_id,
        title=values["title"] or extra["title"],
        date=date,
        body=values["body"],
        symbol=values["symbol"],
        language=values["language"] or detect_language(text),
        source=values["source"],
        series=values["series"],
        text=text,
        line_offset=line_offset,
    )
