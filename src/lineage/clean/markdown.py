"""Markdown as it reads: `[50/80](#)` is the link text 50/80, `*Invites*` is Invites.

Texts pasted from web pages keep Markdown's syntax. What is shown (clause, part, note and
block texts, citation texts) is what the syntax means, so the brackets and asterisks never
reach a page, the terminal or the JSON, and never show up as a change in a diff; spans still
point into the file as written. Emphasis is only a pair of `*`/`**` (or `_`/`__` outside a
word) hugging text, so `* * *`, footnote asterisks and snake_case names stay as they are.
"""

from __future__ import annotations

import re

LINK_RE = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,300}\)")
EMPHASIS_RE = re.compile(
    r"(\*\*|\*)(?=[^\s*])(.+?)(?<=[^\s*])\1(?!\*)|(?<!\w)(__|_)(?=[^\s_])(.+?)(?<=[^\s_])\3(?!\w)",
    re.S,
)


def display(text: str) -> str:
    """The text with Markdown links as their text and emphasis marks dropped."""
    if "](" in text:
        text = LINK_RE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = EMPHASIS_RE.sub(lambda m: m.group(2) if m.group(1) else m.group(4), text)
    return text
