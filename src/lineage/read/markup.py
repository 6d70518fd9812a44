"""What the lxml readers share: paragraphs collected from inline text, tag names, markers.

Footnote markers are written as superscript digits, the way they are printed, so that
segmentation treats them as it does in PDF extractions.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

SPACES = re.compile(r"[ \t\r\n\f\v]+")
DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Paragraphs:
    """Collects paragraphs from inline text pieces."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._buffer: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self._buffer.append(SPACES.sub(" ", value))

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


def local(tag: Any) -> str:
    """The lower-case local name of an element's tag ("" for comments and the like)."""
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""
