"""Counts as people read them: 12,476 links, not 12476 (issue 12).

One function serves the templates (the `count` filter), the Python-built fragments and, in
the same form, lineage.js and search.js (`people`), so a count reads alike wherever a page
prints it and whether the server wrote it or a filter updated it."""

from __future__ import annotations


def count(n: int) -> str:
    """`n` with a comma between each group of three digits, whatever the locale (the same
    bytes on every machine)."""
    return f"{n:,}"
