"""`-o FILE` never replaces what is not a regular file, and keeps a regular file's mode.

Devices, FIFOs and links to them (/dev/null, /dev/stdout) are written to like `-`; a link to
anything else, a folder or a block device is refused with exit 2; a regular file is replaced
whole, keeping its mode. CI runs as root, where replacing /dev/null is possible: these tests
run as root there (and here), on device nodes of their own except for the real /dev/null.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage.cli import main
from lineage.errors import LineageError
from lineage.writer import write_file
from safety_support import TEXTS, lineage, one_error_line

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="device nodes need root (as in CI)")


def _null_device(folder: Path) -> Path:
    """A private character device equal to /dev/null (major 1, minor 3)."""
    node = folder / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


@ROOT_ONLY
def test_export_onto_a_character_device_writes_to_it(tmp_path: Path) -> None:
    """`-o` onto a character device (a copy of /dev/null) writes into the device: the node
    stays a character device, exit 0 (before: replaced by a regular file holding the JSON)."""
    node = _null_device(tmp_path)
    result = lineage("export", str(TEXTS), "-o", str(node), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left


def test_real_dev_null_stays_a_character_device(tmp_path: Path) -> None:
    """`lineage export -o /dev/null` (as root in CI) leaves /dev/null a character device."""
    before = os.lstat("/dev/null")
    result = lineage("export", str(TEXTS), "-o", "/dev/null", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


def test_export_into_a_fifo_streams_through_it(tmp_path: Path) -> None:
    """A named pipe gets the JSON written into it, as `-` would; it stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = lineage("export", str(TEXTS), "-o", str(fifo), cwd=tmp_path, timeout=60)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert result.returncode == 0, result.stderr
    assert received and json.loads(received[0])["schema"] == "lineage/1"


def test_link_to_dev_stdout_writes_to_stdout(tmp_path: Path) -> None:
    """A link to /proc/self/fd/1 (what /dev/stdout is) is stdout: the output comes out
    there, and the link is left as it was."""
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    result = lineage("export", str(TEXTS), "-o", str(link), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "lineage/1"
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_dev_stdout_itself_is_stdout(tmp_path: Path) -> None:
    """`-o /dev/stdout` and `-o /dev/fd/1` print to stdout like `-o -`."""
    expected = lineage("export", str(TEXTS), cwd=tmp_path).stdout
    for name in ("/dev/stdout", "/dev/fd/1"):
        result = lineage("export", str(TEXTS), "-o", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected
    assert os.path.islink("/dev/stdout")


def test_link_to_a_regular_file_is_refused(tmp_path: Path) -> None:
    """`-o link` where link points to a file: exit 2 naming the link; neither the link nor
    the file it points to changes (a planted link cannot redirect a write)."""
    real = tmp_path / "real.json"
    real.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    result = lineage("export", str(TEXTS), "-o", str(link), cwd=tmp_path)
    one_error_line(result, str(link), "symbolic link")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "real.json"]


def test_dangling_link_is_refused(tmp_path: Path) -> None:
    """A link to nothing is refused too: writing would create a file wherever it points."""
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "elsewhere" / "x.json")
    one_error_line(lineage("export", str(TEXTS), "-o", str(link), cwd=tmp_path), str(link))
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_regular_target_keeps_its_mode(tmp_path: Path) -> None:
    """A 0600 export stays 0600 when replaced (before: it became 0644)."""
    out = tmp_path / "private.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    result = lineage("export", str(TEXTS), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "lineage/1"


def test_folder_target_names_the_folder_not_a_temporary_file(tmp_path: Path) -> None:
    """`-o FOLDER` for a file output: exit 2 naming the folder, no staging path in sight."""
    folder = tmp_path / "out"
    folder.mkdir()
    line = one_error_line(
        lineage("export", str(TEXTS), "-o", str(folder), cwd=tmp_path), str(folder), "folder"
    )
    assert ".tmp" not in line and "lineage-tmp" not in line
    assert list(folder.iterdir()) == []


def test_empty_output_is_a_usage_error(tmp_path: Path) -> None:
    """`-o ''` names no file: a usage error, nothing written in the current folder."""
    for command in (
        ["export", str(TEXTS)],
        ["diff", "unga-res-75-28", "unga-res-79-274", str(TEXTS)],
    ):
        result = CliRunner().invoke(main, [*command, "-o", ""])
        assert result.exit_code == 2, result.output
        assert "-o" in result.output


def test_leftover_temporary_files_are_removed(tmp_path: Path) -> None:
    """A `.NAME.*.lineage-tmp` left by a killed run is removed by the next write of NAME."""
    out = tmp_path / "out.json"
    leftover = tmp_path / ".out.json.abc1234_.lineage-tmp"
    leftover.write_text("half", encoding="utf-8")
    write_file(out, "whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_disk_full_names_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC while writing: a LineageError naming the target (not the temporary file), the
    previous file untouched, no temporary file left."""
    out = tmp_path / "out.json"
    out.write_text("previous\n", encoding="utf-8")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("lineage.writer.os.write", full)
    with pytest.raises(LineageError) as caught:
        write_file(out, "x" * 10_000)
    assert str(out) in str(caught.value) and "No space left" in str(caught.value)
    assert "tmp" not in str(caught.value).replace(str(tmp_path), "")
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@ROOT_ONLY
def test_disk_full_on_a_real_small_filesystem(tmp_path: Path) -> None:
    """On a 64 KiB tmpfs, an export that does not fit exits 2 naming the output file."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.system(f"mount -t tmpfs -o size=64k tmpfs {mount} 2>/dev/null") != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = mount / "out.json"
        result = lineage("export", str(TEXTS), "-o", str(out), cwd=tmp_path)
        one_error_line(result, str(out), "No space left on device")
        assert list(mount.iterdir()) == []
    finally:
        os.system(f"umount {mount}")
