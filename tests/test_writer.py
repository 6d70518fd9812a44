"""Writes are whole or not at all: a file, or a whole report folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lineage.writer import write_file, write_tree


def test_write_tree_from_a_generator_writes_every_file(tmp_path: Path) -> None:
    """A generator of (path, text) pairs is written like a mapping, subfolders included."""
    out = tmp_path / "report"
    write_tree(out, ((f"pages/{i}.html", f"page {i}") for i in range(3)))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "pages/0.html",
        "pages/1.html",
        "pages/2.html",
    ]
    assert (out / "pages" / "2.html").read_text(encoding="utf-8") == "page 2"


def test_failing_generator_leaves_the_previous_report_untouched(tmp_path: Path) -> None:
    """A renderer that fails half-way (after writing some pages) changes nothing in outdir."""
    out = tmp_path / "report"
    write_tree(out, {"index.html": "old", "a.html": "old a"})

    def pages() -> Iterator[tuple[str, str]]:
        yield "index.html", "new"
        raise RuntimeError("template failed")

    with pytest.raises(RuntimeError):
        write_tree(out, pages())
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging folder left


def test_write_file_replaces_whole_and_uses_the_umask(tmp_path: Path) -> None:
    """An export file is replaced in one step and gets the mode a plain open() would give."""
    target = tmp_path / "out.json"
    write_file(target, "first")
    write_file(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
