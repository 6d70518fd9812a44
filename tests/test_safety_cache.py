"""The check cache stores data, not code; any doubt about an entry is a miss.

The corpus is a copy of texts/; the new texts are 79/274 with a new id and a 2026 date, so
their base is unga-res-79-274 and a policy of no new and no dropped clause holds. Entries are
attacked the ways the issue lists: a planted pickle, a flipped bit, another format, bad JSON,
data of the wrong shape, a folder others can write.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import stat
from pathlib import Path

import pytest

from lineage.check.cache import (
    DOCUMENT_FORMAT,
    DOCUMENT_SUFFIX,
    FORMAT,
    ROW_FORMAT,
    ROW_SUFFIX,
    Cache,
    fingerprint,
)
from lineage.check.policy import parse_policy
from lineage.check.run import CACHE_FORMAT, run_check
from lineage.check.store import document_key
from safety_support import TEXTS, lineage

SEED = TEXTS / "2025-03-21_unga-res-79-274.txt"
POLICY = "[limits]\nmax_new = 0\nmax_dropped = 0\n"
#: A rule naming a family: the check then reads the corpus's families (their own entry).
FAMILY_RULE = '\n[[protect]]\nfamily = "F1"\n'


def _draft(folder: Path, doc_id: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = ".*"$', f'id = "{doc_id}"', text, count=1)
    text = re.sub(r"(?m)^date = .*$", "date = 2026-03-20", text, count=1)
    path = folder / f"{doc_id}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """texts/, a policy and two drafts (a, b) in tmp_path; the cache in tmp_path/cache."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    (tmp_path / "policy.toml").write_text(POLICY, encoding="utf-8")
    _draft(tmp_path, "draft-a")
    _draft(tmp_path, "draft-b")
    return tmp_path


def _check(work: Path, draft: str, *extra: str) -> tuple[int, str, str]:
    result = lineage(
        "check",
        str(work / f"{draft}.txt"),
        "--against",
        str(work / "texts"),
        "--policy",
        str(work / "policy.toml"),
        "--format",
        "json",
        "--cache-dir",
        str(work / "cache"),
        *extra,
        cwd=work,
    )
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
    return result.returncode, result.stdout, result.stderr


def _corpus_entry(work: Path) -> Path:
    """The entry of the corpus's families (read when a rule names a family)."""
    key = fingerprint([work / "texts"], f"check-corpus {CACHE_FORMAT}")
    return work / "cache" / f"{key}.json"


def _file_entry(work: Path, suffix: str = ROW_SUFFIX) -> Path:
    """An entry of texts/'s 79/274 (the drafts' base): its rows, or its documents."""
    path = work / "texts" / SEED.name
    key = document_key(path, hashlib.sha256(path.read_bytes()).digest(), {})
    return work / "cache" / f"{key}{suffix}"


def _rewrite(entry: Path, payload: bytes, header: dict[str, object] | None = None) -> None:
    """An entry with this payload and a matching header (a forger's entry, or a damaged one
    when header is given)."""
    header = header or {
        "format": _format(entry),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "length": len(payload),
    }
    entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)


def _format(entry: Path) -> str:
    """The format an entry's header names, by its kind."""
    if entry.name.endswith(ROW_SUFFIX):
        return ROW_FORMAT
    return DOCUMENT_FORMAT if entry.name.endswith(DOCUMENT_SUFFIX) else FORMAT


class _Boom:
    """Unpickling this runs `touch MARKER`: what a planted cache entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_planted_pickle_is_never_run(work: Path) -> None:
    """A pickle planted under the corpus key (as .pickle, the old name, and as .json) and
    under 79/274's own entries is never unpickled: the file it would create stays absent, the
    verdict is the uncached one (before: the pickle ran as the user)."""
    marker = work / "pwned"
    (work / "cache").mkdir(mode=0o700)
    (work / "policy.toml").write_text(POLICY + FAMILY_RULE, encoding="utf-8")
    bomb = pickle.dumps(_Boom(marker))
    for entry in (_corpus_entry(work), _file_entry(work), _file_entry(work, DOCUMENT_SUFFIX)):
        entry.with_suffix(".pickle").write_bytes(bomb)
        entry.write_bytes(bomb)
    expected = _check(work, "draft-b", "--no-cache")
    assert _check(work, "draft-b") == expected
    assert not marker.exists()
    assert not list((work / "cache").glob("*.pickle"))


def _flip_date_bit(entry: Path) -> bytes:
    """The entry's payload with one bit flipped: 79/274's date 2025 -> 2027 (0x35 -> 0x37)."""
    payload = entry.read_bytes().split(b"\n", 1)[1]
    at = payload.index(b'["unga-res-79-274","2025-03-21"') + len(b'["unga-res-79-274","202')
    flipped = bytearray(payload)
    flipped[at] ^= 0b10
    assert flipped[at : at + 1] == b"7"
    return bytes(flipped)


def test_flipped_bit_is_a_miss_with_the_uncached_verdict(work: Path) -> None:
    """One flipped bit in the cached corpus (a date) is caught by the checksum: the check
    gives byte for byte the --no-cache answer, and the entry is rewritten whole."""
    expected = _check(work, "draft-b", "--no-cache")
    assert expected[0] == 0 and json.loads(expected[1])["base"] == "unga-res-79-274"
    _check(work, "draft-a")  # fills the per-document entries
    entry = _file_entry(work)
    good = entry.read_bytes()
    head = good.split(b"\n", 1)[0]
    entry.write_bytes(head + b"\n" + _flip_date_bit(entry))
    assert _check(work, "draft-b") == expected
    assert entry.read_bytes() == good


def test_the_flip_would_change_the_verdict_without_a_checksum(work: Path) -> None:
    """The same flip with a matching checksum (what a forger can write into a folder that is
    not private) takes the draft's base away (79/274 dated after it: no previous version, the
    limits no longer judged): the flip test above is not vacuous, and this is why the folder
    must be the user's own."""
    _check(work, "draft-a")
    entry = _file_entry(work)
    _rewrite(entry, _flip_date_bit(entry))
    result = run_check(
        work / "draft-b.txt", [work / "texts"], parse_policy(POLICY), cache=Cache(work / "cache")
    )
    assert result.verdict.base_doc != "unga-res-79-274"
    assert any(o.skipped for o in result.verdict.outcomes)


#: Which entry each damage is done to: 79/274's rows, its documents, or the families.
TARGET = {"document of the wrong shape": DOCUMENT_SUFFIX, "document not JSON": DOCUMENT_SUFFIX}


def _damaged(kind: str, payload: bytes, form: str) -> tuple[bytes, dict[str, object] | None]:
    """(payload, header or None for a matching one) damaged in one way."""
    if kind in ("other format", "truncated"):
        return payload[: len(payload) // 2] if kind == "truncated" else payload, {
            "format": "lineage-cache/1" if kind == "other format" else form,
            "length": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
    if kind in ("bad json", "document not JSON"):
        return payload[:-1], None
    data = json.loads(payload)
    if kind == "family of nobody":
        data["families"][0]["clauses"] = ["nobody/P1"]
    elif kind == "wrong shape":
        data = 5
    elif kind == "document of the wrong shape":
        data["clauses"][0]["start"] = "zero"
    elif kind == "unknown document":
        data[0][0] = "nobody"
    return json.dumps(data).encode(), None


DAMAGE = [
    "other format",
    "truncated",
    "bad json",
    "wrong shape",
    "document of the wrong shape",
    "document not JSON",
    "unknown document",
    "family of nobody",
]


@pytest.mark.parametrize("kind", DAMAGE)
def test_any_doubt_is_a_miss_never_an_error(kind: str, work: Path) -> None:
    """Whatever is wrong with the cached corpus (its families, or the entries of the drafts'
    base, even with a matching checksum), the check answers exactly as with --no-cache, exit
    0 or 1, never 3 and never a traceback."""
    (work / "policy.toml").write_text(POLICY + FAMILY_RULE, encoding="utf-8")
    expected = _check(work, "draft-b", "--no-cache")
    _check(work, "draft-a")
    if kind == "family of nobody":
        entry = _corpus_entry(work)
    else:
        entry = _file_entry(work, TARGET.get(kind, ROW_SUFFIX))
    payload, header = _damaged(kind, entry.read_bytes().split(b"\n", 1)[1], _format(entry))
    _rewrite(entry, payload, header)
    assert _check(work, "draft-b") == expected


def test_aligned_text_naming_unknown_clauses_is_a_miss(work: Path) -> None:
    """A cached aligned text whose links name clauses neither document has (well-formed, with
    a matching checksum) is a miss: the answer is the uncached one."""
    expected = _check(work, "draft-b", "--no-cache")
    _check(work, "draft-b")
    (checked,) = [
        p
        for p in (work / "cache").glob("*.json")
        if not p.name.endswith((DOCUMENT_SUFFIX, ROW_SUFFIX))
    ]
    data = json.loads(checked.read_bytes().split(b"\n", 1)[1])
    data["links"] = [
        {
            "source": "x/P1",
            "target": "y/P1",
            "relation": "verbatim",
            "similarity": 1.0,
            "method": "exact",
            "reviewed": "",
        }
    ]
    _rewrite(checked, json.dumps(data).encode())
    assert _check(work, "draft-b") == expected


@pytest.mark.parametrize("problem", ["world-writable", "group-writable", "other owner", "link"])
def test_folder_that_is_not_private_is_not_used(problem: str, work: Path) -> None:
    """A cache folder others can write (or that is a link) is not read or written: one
    warning line naming it, and the uncached answer."""
    folder = work / "cache"
    if problem == "link":
        (work / "real").mkdir(mode=0o700)
        folder.symlink_to(work / "real")
    else:
        folder.mkdir()
        folder.chmod({"world-writable": 0o777, "group-writable": 0o770}.get(problem, 0o700))
    if problem == "other owner":
        if os.geteuid() != 0:
            pytest.skip("chown needs root")
        os.chown(folder, 12345, 12345)
    expected = _check(work, "draft-b", "--no-cache")
    code, out, err = _check(work, "draft-b")
    assert (code, out) == expected[:2]
    warnings = [line for line in err.splitlines() if line.startswith("lineage: warning:")]
    assert len(warnings) == 1 and str(folder) in warnings[0], err
    assert not list(folder.glob("*.json"))


def test_new_cache_folder_is_private(work: Path) -> None:
    """A cache folder lineage makes is 0700, tagged, and its entries are found again."""
    _check(work, "draft-b")
    folder = work / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / "CACHEDIR.TAG").is_file()
    code, out, err = _check(work, "draft-b", "-v")
    assert "load" not in [line.split(":")[1].strip() for line in err.splitlines()]
