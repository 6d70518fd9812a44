"""Akoma Ntoso `.xml`: preface, preamble recitals and numbered paragraphs as plain text.

Footnotes (`authorialNote`) go after a separator rule, the way PDF extractions have them, with
a superscript marker in the text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from .markup import SPACES, SUPER, Paragraphs, local
from .source import Source, decode, make_source


def _xpath_first(root: Any, expr: str) -> Any:
    found = root.xpath(expr)
    return found[0] if found else None


def _inline(el: Any, notes: list[str]) -> str:
    """Text of an element; authorial notes become superscript markers, their text collected."""
    parts = [el.text or ""]
    for child in el:
        if local(child.tag) == "authorialnote":
            notes.append(SPACES.sub(" ", "".join(child.itertext())).strip())
            parts.append(str(child.get("marker") or len(notes)).translate(SUPER))
        elif isinstance(child.tag, str):
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return SPACES.sub(" ", "".join(parts)).strip()


def akn_source(path: Path, raw: str) -> Source:
    """An Akoma Ntoso document: preface, preamble recitals and numbered paragraphs as text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(raw.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"not well-formed XML: {exc.msg}",
            path=str(path),
            line=exc.lineno or None,
            hint="fix the XML or save the text as .txt",
        ) from None
    fields: dict[str, object] = {}
    date = _xpath_first(root, "//*[local-name()='FRBRWork']/*[local-name()='FRBRdate']/@date")
    if date and re.match(r"\d{4}-\d{2}-\d{2}", str(date)):
        fields["date"] = str(date)[:10]
    title = _xpath_first(root, "//*[local-name()='docTitle']")
    if title is not None:
        fields["title"] = SPACES.sub(" ", "".join(title.itertext())).strip()
    number = _xpath_first(root, "//*[local-name()='docNumber']")
    if number is not None:
        fields["symbol"] = SPACES.sub(" ", "".join(number.itertext())).strip()
    lang = _xpath_first(root, "//*[local-name()='FRBRlanguage']/@language")
    if lang:
        fields["language"] = str(lang)
    out = Paragraphs()
    notes: list[str] = []
    for el in root.xpath(
        "//*[local-name()='preface' or local-name()='preamble' or "
        "local-name()='mainBody' or local-name()='body' or "
        "local-name()='conclusions']//*[local-name()='p']"
    ):
        if el.xpath("ancestor::*[local-name()='authorialNote']"):
            continue
        text = _inline(el, notes)
        container = _xpath_first(
            el,
            "ancestor::*[local-name()='paragraph' or "
            "local-name()='point' or local-name()='subparagraph'][1]",
        )
        if container is not None and el is _xpath_first(container, ".//*[local-name()='p']"):
            num = _xpath_first(container, "./*[local-name()='num']")
            if num is not None:
                text = f"{''.join(num.itertext()).strip()} {text}"
        out.text(text)
        out.flush()
    if notes:
        out.text("__________")
        out.flush()
        for i, note in enumerate(notes, start=1):
            out.text(f"{i} {note}")
            out.flush()
    text = out.result()
    if not text.strip():
        raise InputError(
            "the XML has no preface, preamble or body text",
            path=str(path),
            hint="Akoma Ntoso documents need <preamble> and <mainBody> (or <body>)",
        )
    return make_source(path, fields, text, raw)


def read(path: Path) -> list[Source]:
    """One Source: the document's text with its footnotes after a rule."""
    return [akn_source(path, decode(path))]
