"""`lineage export --format json` through click and as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, SEEDS, TEXTS
from lineage.cli import main


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_json_to_a_file(tmp_path: Path) -> None:
    """CliRunner: export texts/ as JSON into a file; the four documents and their clauses."""
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["export", str(TEXTS), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "lineage/1"
    counts = {d["id"]: len(d["clauses"]) for d in data["documents"]}
    assert counts == {
        "unga-res-75-28": 14,
        "ashgabat-conference-final-document": 20,
        "oic-cfm-res-64-48-pol": 20,
        "unga-res-79-274": 23,
    }
    uids = {c["uid"] for d in data["documents"] for c in d["clauses"]}
    for link in data["links"]:
        assert link["source"] in uids and link["target"] in uids
        assert 0 <= link["similarity"] <= 1
    for family in data["families"]:
        assert set(family["clauses"]) <= uids


def test_export_to_stdout_by_subprocess_is_deterministic() -> None:
    """`python -m lineage.cli export` with no paths reads texts/; two runs, same bytes."""
    first = _run("export", "--format", "json", "-o", "-")
    second = _run("export", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert [d["path"] for d in data["documents"]][0] == "texts/2020-12-07_unga-res-75-28.txt"


def test_raw_seeds_export_the_same_clauses_as_texts(tmp_path: Path) -> None:
    """Seeds without front matter export the same ids, kinds, labels and texts as texts/."""
    raw = tmp_path / "seeds"
    raw.mkdir()
    for seed in SEEDS.iterdir():
        (raw / seed.name).write_bytes(seed.read_bytes())
    a = json.loads(_run("export", str(raw)).stdout)
    b = json.loads(_run("export", str(TEXTS)).stdout)

    def clauses(data: dict) -> list:
        return [
            (d["id"], [(c["id"], c["kind"], c["label"], c["text"]) for c in d["clauses"]])
            for d in data["documents"]
        ]

    assert clauses(a) == clauses(b)


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A non-UTF-8 file: exit 2, one line naming file and line, no traceback."""
    bad = tmp_path / "2020-01-01_bad.txt"
    bad.write_bytes("Recalling it,\nCaf\u00e9\n".encode("cp1252"))
    result = _run("export", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{bad}:2:" in lines[0] and "UTF-8" in lines[0]


def test_duplicate_ids_exit_2(shared_corpus_dir: Path, tmp_path: Path) -> None:
    """Two copies of the corpus's 79/274 both print A/RES/79/274, so both take the id
    a-res-79-274: exit 2 naming both files. (texts/ and the corpus no longer clash: the
    seed's copy has its own id in front matter.)"""
    for name in ("official.txt", "copy.txt"):
        shutil.copy(shared_corpus_dir / "2025-03-21_unga-res-79-274.txt", tmp_path / name)
    result = _run("export", str(tmp_path))
    assert result.returncode == 2
    assert "duplicate" in result.stderr and "a-res-79-274" in result.stderr
    assert "official.txt" in result.stderr and "copy.txt" in result.stderr
