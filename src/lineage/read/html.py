"""HTML pages and Akoma Ntoso XML, read through lxml into plain paragraphs for segmentation.

The text of such a document is what a reader sees: one paragraph per block element, blank lines
between, list items numbered as printed ("1. ", "- "). Scripts, styles and page chrome are
dropped and never run; footnotes (Akoma Ntoso `authorialNote`) go after a separator rule, the
way PDF extractions have them, with a superscript marker in the text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree, html

from .errors import InputError
from .ingest import Source, make_source

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
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class _Writer:
    """Collects paragraphs from inline text pieces."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._buffer: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self._buffer.append(_SPACES.sub(" ", value))

    def newline(self) -> None:
        self._buffer.append("\n")

    def flush(self) -> None:
        joined = "".join(self._buffer)
        lines = [line.strip() for line in joined.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)
        self._buffer = []

    def result(self) -> str:
        self.flush()
        return "\n\n".join(self.paragraphs) + "\n"


def _local(tag: Any) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _walk_html(el: Any, out: _Writer, counter: list[int] | None = None) -> None:
    tag = _local(el.tag)
    block = tag in BLOCK_TAGS
    if block:
        out.flush()
    if tag == "li" and counter is not None:
        counter[0] += 1
        out.text(f"{counter[0]}. " if counter[1] else "- ")
    if tag == "br":
        out.newline()
    if tag == "sup" and (el.text or "").strip().isdigit() and not len(el):
        out.text(el.text.strip().translate(_SUPER))  # a footnote marker, as printed
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
        doc = html.document_fromstring(_DECLARATION.sub("", raw))
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
        fields["title"] = _SPACES.sub(" ", title)
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
    out = _Writer()
    _walk_html(body if body is not None else doc, out)
    text = out.result()
    if not text.strip():
        raise InputError(
            "the page has no text",
            path=str(path),
            hint="check that the file holds the document, not only page chrome",
        )
    return make_source(path, fields, text, raw)


def _xpath_first(root: Any, expr: str) -> Any:
    found = root.xpath(expr)
    return found[0] if found else None


def _inline(el: Any, notes: list[str]) -> str:
    """Text of an element; authorial notes become superscript markers, their text collected."""
    parts = [el.text or ""]
    for child in el:
        if _local(child.tag) == "authorialnote":
            notes.append(_SPACES.sub(" ", "".join(child.itertext())).strip())
            parts.append(str(child.get("marker") or len(notes)).translate(_SUPER))
        elif isinstance(child.tag, str):
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


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
        fields["title"] = _SPACES.sub(" ", "".join(title.itertext())).strip()
    number = _xpath_first(root, "//*[local-name()='docNumber']")
    if number is not None:
        fields["symbol"] = _SPACES.sub(" ", "".join(number.itertext())).strip()
    lang = _xpath_first(root, "//*[local-name()='FRBRlanguage']/@language")
    if lang:
        fields["language"] = str(lang)
    out = _Writer()
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
