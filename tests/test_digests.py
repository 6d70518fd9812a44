"""Byte identity of the outputs: the JSON export and every file of the HTML report, for texts/
and for texts/ plus the real corpus, hashed and compared with digests committed in
tests/gold/digests.sha256.

The digests were taken from main before the package was reorganised (issue 16), so a refactor
that changes one byte of any output fails here, naming the file. A deliberate change of output
updates them: `LINEAGE_UPDATE_DIGESTS=1 .venv/bin/python -m pytest tests/test_digests.py`
rewrites the file (see tests/gold/README.md); the diff of the digests file then shows which
outputs changed, and the commit says why.

The CLI runs for real, as a separate process, on copies of the inputs in tmp_path, with
relative paths, so the paths written into the outputs are the same on every machine.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import CASES, ROOT, copy_inputs, run_lineage

DIGESTS = ROOT / "tests" / "gold" / "digests.sha256"
UPDATE_ENV = "LINEAGE_UPDATE_DIGESTS"


def outputs(case: str, work: Path) -> dict[str, str]:
    """{case/file: sha256} of the JSON export and of every file of the HTML report."""
    paths = copy_inputs(case, work)
    run_lineage("export", *paths, "--format", "json", "-o", "out/lineage.json", cwd=work)
    run_lineage("report", *paths, "-o", "out/reports", cwd=work)
    out = work / "out"
    return {
        f"{case}/{p.relative_to(out).as_posix()}": hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def read_digests() -> dict[str, str]:
    """The committed digests, `sha256  case/file` per line (the layout of sha256sum)."""
    pairs = (
        line.split("  ", 1)
        for line in DIGESTS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    return {name: digest for digest, name in pairs}


def write_digests(digests: dict[str, str]) -> None:
    header = (
        "# sha256 of every output file of tests/test_digests.py; do not edit by hand.\n"
        f"# Update deliberately: {UPDATE_ENV}=1 .venv/bin/python -m pytest "
        "tests/test_digests.py\n"
    )
    DIGESTS.write_text(
        header + "".join(f"{d}  {n}\n" for n, d in sorted(digests.items())), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Digests of this checkout's outputs for both cases (updating the file if asked)."""
    found: dict[str, str] = {}
    for case in CASES:
        found |= outputs(case, tmp_path_factory.mktemp(case.replace("+", "-")))
    if os.environ.get(UPDATE_ENV) == "1":
        write_digests(found)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_outputs_are_byte_identical_to_the_committed_digests(
    case: str, fresh: dict[str, str]
) -> None:
    """Every output file of `lineage export` and `lineage report` on the case has the committed
    sha256: same set of files, same bytes. A difference names the files that changed."""
    expected = {n: d for n, d in read_digests().items() if n.startswith(case + "/")}
    got = {n: d for n, d in fresh.items() if n.startswith(case + "/")}
    assert f"{case}/lineage.json" in expected and f"{case}/reports/index.html" in expected
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    changed = sorted(n for n in set(expected) & set(got) if expected[n] != got[n])
    assert not (missing or extra or changed), (
        f"outputs differ from {DIGESTS.name} (if deliberate: {UPDATE_ENV}=1): "
        f"changed {changed[:10]}, missing {missing[:10]}, extra {extra[:10]}"
    )


def test_the_corpus_case_adds_documents_to_texts() -> None:
    """The two cases differ: the corpus case holds every file of texts/ and more pages."""
    digests = read_digests()
    texts = {n.split("/", 1)[1] for n in digests if n.startswith("texts/")}
    corpus = {n.split("/", 1)[1] for n in digests if n.startswith("texts+corpus/")}
    assert {"lineage.json", "reports/index.html", "reports/static/lineage.css"} <= texts
    assert "reports/documents/a-res-78-74.html" in corpus - texts
    assert {n for n in texts if n.startswith("reports/documents/")} <= corpus
    assert len(corpus) > len(texts)
