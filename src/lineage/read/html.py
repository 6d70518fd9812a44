"""`.html`/`.htm` pages (UN and ministry web pages), read through lxml into plain paragraphs.

The text is what a reader sees: one paragraph per block element, blank lines between, list
items numbered as printed ("1. ", "- "). Scripts, styles and page chrome are dropped and never
run; metadata comes from <meta>, <title> or <h1>.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree, html

from ..errors import InputError
from .markup import DECLARATION, SPACES, SUPER, Paragraphs, local
from .source import Source, decode, make_source

BLOCK_TAGS = frozenset(
    """
p div h1 h2 h3 h4 h5 h6 li ol ul dl dt dd blockquote section article header main aside pre
table tr td th caption figure figcaption address hr body
""".split()
)
DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "head",
)


def _walk_html(el: Any, out: Paragraphs, counter: list[int] | None = None) -> None:
    tag = local(el.tag)
    block = tag in BLOCK_TAGS
    if block:
        out.flush()
    if tag == "li" and counter is not None:
        counter[0] += 1
        out.text(f"{counter[0]}. " if counter[1] else "- ")
    if tag == "br":
        out.newline()
    if tag == "sup" and (el.text or "").strip().isdigit() and not len(el):
        out.text(el.text.strip().translate(SUPER))  # a footnote marker, as printed
        return
    out.text(el.text)
    child_counter = counter
    if tag in ("ol", "ul"):
        start = el.get("start", "1")
        child_counter = [int(start) - 1 if start.isdigit() else 0, 1 if tag == "ol" else 0]
    for child in el:
        if isinstance(child.tag, str):
            _walk_html(child, out, child_counter)
        out.text(child.tail)
    if block:
        out.flush()


def _meta(doc: Any, *names: str) -> str:
    for name in names:
        for el in doc.iter("meta"):
            if (el.get("name") or el.get("property") or "").lower() == name:
                value = (el.get("content") or "").strip()
                if value:
                    return value
    return ""


def html_source(path: Path, raw: str) -> Source:
    """A .html/.htm page: its visible text, metadata from <meta>, <title> or <h1>."""
    try:
        doc = html.document_fromstring(DECLARATION.sub("", raw))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(
            f"cannot parse the HTML: {exc}",
            path=str(path),
            hint="save the page as HTML or as plain text",
        ) from None
    fields: dict[str, object] = {}
    title = _meta(doc, "title", "dc.title", "og:title")
    if not title:
        found = doc.find(".//title")
        title = found.text_content().strip() if found is not None else ""
    if title:
        fields["title"] = SPACES.sub(" ", title)
    date = _meta(doc, "date", "dc.date", "article:published_time", "citation_date")
    if not date:
        time_el = doc.find(".//time[@datetime]")
        date = time_el.get("datetime", "") if time_el is not None else ""
    if re.match(r"\d{4}-\d{2}-\d{2}", date):
        fields["date"] = date[:10]
    for key, names in (
        ("symbol", ("symbol", "dc.identifier")),
        ("body", ("body", "dc.creator")),
        ("id", ("lineage:id",)),
        ("language", ("language", "dc.language")),
    ):
        value = _meta(doc, *names)
        if value:
            fields[key] = value
    if not fields.get("language") and doc.get("lang"):
        fields["language"] = doc.get("lang")
    for bad in doc.xpath("|".join(f"//{t}" for t in DROPPED_TAGS)):
        bad.drop_tree()
    body = doc.find("body")
    out = Paragraphs()
    _walk_html(body if body is not None else doc, out)
    text = out.result()
    if not text.strip():
        raise InputError(
            "the page has no text",
            path=str(path),
            hint="check that the file holds the document, not only page chrome",
        )
    return make_source(path, fields, text, raw)


def read(path: Path) -> list[Source]:
    """One Source: the page's visible text."""
    return [html_source(path, decode(path))]
