"""Exports written as they are produced: a JSON encoder that yields text, and batching.

`json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)` builds the whole text at
once, and with `indent` set Python falls back to its pure-Python encoder (at 10,000 synthetic
documents: 31 s and a 5.3 GB peak). `json_chunks` yields the very same characters piece by
piece: strings through the C string encoder, every dict through one cached template for its
keys and depth (each value encoded once, a scalar by one look-up of its type), and iterators
(documents, links, families produced lazily) element by element, so the whole never exists
in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

#: Characters gathered before a batch is handed to the writer: large enough that a million
#: small links cost a few hundred writes, small enough to stay out of the memory figures.
BATCH_CHARS = 1 << 20
#: Spaces per level, as `json.dumps(..., indent=2)` writes them.
INDENT = 2

_string = json.encoder.encode_basestring  # the C encoder where available (ensure_ascii=False)
_INFINITY = float("inf")
#: Sorted keys and template of a dict, by (keys in the dict's order, depth): "%s" where each
#: value goes. An export's dicts have a handful of shapes, so this stays small.
_TEMPLATES: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], str]] = {}
#: Depths whose line start is computed once; deeper ones are built when met.
CACHED_DEPTHS = 16
_INDENTS = ["\n" + " " * (INDENT * depth) for depth in range(CACHED_DEPTHS)]


def _float(value: float) -> str:
    """As json writes a float (repr; NaN and the infinities as JavaScript spells them)."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _null(value: None) -> str:
    return "null"


#: Scalars by exact type (the common case, one dict look-up); subclasses go through `_scalar`.
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _string,
    int: int.__repr__,
    float: _float,
    bool: _bool,
    type(None): _null,
}


def _scalar(value: Any) -> str | None:
    """A scalar's JSON text, tested in json's order (str, None, True, False, int, float), or
    None for a container."""
    if isinstance(value, str):
        return _string(value)
    if value is None or value is True or value is False:
        return _SCALARS[type(value)](value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _indent(depth: int) -> str:
    """A new line and the spaces of `depth` levels."""
    try:
        return _INDENTS[depth]
    except IndexError:
        return "\n" + " " * (INDENT * depth)


def _template(order: tuple[str, ...], depth: int) -> tuple[tuple[str, ...], str]:
    """The keys of a dict (given in its own order) sorted, and the text of such a dict at that
    depth with "%s" where each value goes; cached, since an export's dicts have a few shapes."""
    found = _TEMPLATES.get((order, depth))
    if found is None:
        keys = tuple(sorted(order))
        inner = _indent(depth + 1)
        items = ",".join(f"{inner}{_string(k).replace('%', '%%')}: %s" for k in keys)
        found = _TEMPLATES[(order, depth)] = (keys, "{" + items + _indent(depth) + "}")
    return found


def _dict(value: Mapping[str, Any], depth: int) -> str:
    """Every value encoded once (a scalar by one look-up of its type), then put into the
    template of the dict's keys at its depth."""
    if not value:
        return "{}"
    keys, template = _template(tuple(value), depth)
    get = _SCALARS.get
    deeper = depth + 1
    return template % tuple(
        [
            dumps(item, deeper) if (text := get(type(item := value[key]))) is None else text(item)
            for key in keys
        ]
    )


def _list(value: list[Any] | tuple[Any, ...], depth: int) -> str:
    if not value:
        return "[]"
    get = _SCALARS.get
    deeper = depth + 1
    inner = _indent(deeper)
    parts = [
        dumps(item, deeper) if (text := get(type(item))) is None else text(item) for item in value
    ]
    return "[" + inner + ("," + inner).join(parts) + _indent(depth) + "]"


def dumps(value: Any, depth: int = 0) -> str:
    """`json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)` for a value at depth
    `depth` (its inner lines indented for that depth), built with str joins."""
    kind = type(value)
    if kind is dict:
        return _dict(value, depth)
    if kind is list or kind is tuple:
        return _list(value, depth)
    text = _scalar(value)
    if text is not None:
        return text
    if isinstance(value, Mapping):
        return _dict(value, depth)
    if isinstance(value, list | tuple):
        return _list(value, depth)
    raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


def json_chunks(value: Mapping[str, Any]) -> Iterator[str]:
    """The text of `dumps(value)` in pieces, for a dict whose values may be iterators (not
    lists or tuples): each such value is a JSON array whose elements are produced and encoded
    one at a time, one piece each."""
    if not value:
        yield "{}"
        return
    inner = "\n" + " " * INDENT
    item_inner = inner + " " * INDENT
    sep = "{"
    for key in sorted(value):
        item = value[key]
        yield f"{sep}{inner}{_string(key)}: "
        sep = ","
        if not isinstance(item, Iterator):
            yield dumps(item, 1)
            continue
        opening = "["
        for element in item:
            yield opening + item_inner + dumps(element, 2)
            opening = ","
        yield "[]" if opening == "[" else inner + "]"
    yield "\n}"


def batched(chunks: Iterable[str], size: int = BATCH_CHARS) -> Iterator[str]:
    """The chunks joined into pieces of at least `size` characters (the last may be shorter)."""
    pending: list[str] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held >= size:
            yield "".join(pending)
            pending.clear()
            held = 0
    if pending:
        yield "".join(pending)
