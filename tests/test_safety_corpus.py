"""Corpus discovery: links leaving the corpus folder are refused, nothing is skipped silently.

In CI a pull request can add `texts/x.txt -> /etc/passwd` (or any file the runner can read);
the report would publish it. Links inside the corpus folder are fine; `--follow-symlinks`
allows the others; an unreadable subfolder is an error naming it; a report folder inside the
corpus (it holds lineage's manifest) is not read as texts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lineage.corpus import discover
from lineage.errors import InputError
from lineage.writer import write_tree
from safety_support import copy_texts, lineage, one_error_line

OUTSIDE_TEXT = """+++
id = "outside-doc"
date = 2021-06-01
+++
Recalling its resolution 50/80 of 12 December 1995,

1. Welcomes the outside document;
"""


def _outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text(OUTSIDE_TEXT, encoding="utf-8")
    return folder


def _exported_ids(stdout: str) -> list[str]:
    return sorted(d["id"] for d in json.loads(stdout)["documents"])


def test_link_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    """texts/x.txt -> /etc/passwd: exit 2 naming the link and its target; nothing exported
    (before: the file was read and published)."""
    corpus = copy_texts(tmp_path)
    (corpus / "x.txt").symlink_to("/etc/passwd")
    for command in (["export", str(corpus)], ["report", str(corpus), "-o", "out"]):
        result = lineage(*command, cwd=tmp_path)
        one_error_line(result, str(corpus / "x.txt"), "/etc/passwd", "--follow-symlinks")
        assert result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_link_to_a_folder_outside_is_refused(tmp_path: Path) -> None:
    """texts/more -> a folder outside: refused, naming the link."""
    corpus = copy_texts(tmp_path)
    (corpus / "more").symlink_to(_outside(tmp_path))
    one_error_line(
        lineage("export", str(corpus), cwd=tmp_path),
        str(corpus / "more"),
        "outside the corpus folder",
    )


def test_check_refuses_a_corpus_link_outside(tmp_path: Path) -> None:
    """`check --against` reads the corpus through the same discovery (and its cache key)."""
    corpus = copy_texts(tmp_path)
    (corpus / "x.txt").symlink_to(_outside(tmp_path) / "secret.txt")
    new = corpus / "2025-03-21_unga-res-79-274.txt"
    result = lineage(
        "check", str(new), "--against", str(corpus), "--protect", "Reiterates", cwd=tmp_path
    )
    one_error_line(result, str(corpus / "x.txt"), "secret.txt")


def test_follow_symlinks_allows_them(tmp_path: Path) -> None:
    """--follow-symlinks reads links leaving the folder, files and folders alike."""
    corpus = copy_texts(tmp_path)
    outside = _outside(tmp_path)
    (corpus / "more").symlink_to(outside)
    result = lineage("export", str(corpus), "--follow-symlinks", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "outside-doc" in _exported_ids(result.stdout)


def test_links_inside_the_corpus_are_fine(tmp_path: Path) -> None:
    """A link to a file or folder inside the corpus folder is read (each document once)."""
    corpus = copy_texts(tmp_path)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "2021-06-01_inner.txt").write_text(
        OUTSIDE_TEXT.replace("outside-doc", "inner-doc"), encoding="utf-8"
    )
    (corpus / "alias").symlink_to(corpus / "sub")
    (corpus / "again.txt").symlink_to(corpus / "sub" / "2021-06-01_inner.txt")
    result = lineage("export", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = _exported_ids(result.stdout)
    assert ids.count("inner-doc") == 1 and len(ids) == 5


def test_unreadable_subfolder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A subfolder that cannot be listed stops discovery with its name (before: skipped
    without a word, so its documents silently dropped out of every result)."""
    corpus = copy_texts(tmp_path)
    locked = corpus / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr("lineage.corpus.os.scandir", scandir)
    with pytest.raises(InputError, match="cannot read this folder") as caught:
        discover([corpus])
    assert caught.value.path == str(locked)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_subfolder_through_the_cli(tmp_path: Path) -> None:
    """The same with a real chmod 000 folder, through the CLI: exit 2 naming it."""
    corpus = copy_texts(tmp_path)
    locked = corpus / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        one_error_line(lineage("export", str(corpus), cwd=tmp_path), str(locked))
    finally:
        locked.chmod(0o755)


def test_report_folder_inside_the_corpus_is_not_read(tmp_path: Path) -> None:
    """A report folder left inside the corpus by an earlier version (it holds lineage's
    manifest) is skipped by discovery, so its pages never become documents."""
    corpus = copy_texts(tmp_path)
    write_tree(
        corpus / "reports",
        {"2021-01-01_page.html": "<p>Reiterates</p>", "documents/2021-01-02_x.md": "text"},
    )
    files, _ = discover([corpus])
    assert not any("reports" in p.parts for p in files) and len(files) == 4
