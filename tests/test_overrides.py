"""Reviewer overrides: reading reviews.toml, errors with file and line, honoured by analyse."""

from __future__ import annotations

from pathlib import Path

import pytest

from lineage.analysis import analyse
from lineage.clean.normalize import normalize
from lineage.errors import InputError
from lineage.history.overrides import read_overrides
from lineage.model import Clause, Corpus, Document


def _doc(doc_id: str, date: str, texts: list[str]) -> Document:
    clauses = tuple(
        Clause(
            doc_id=doc_id,
            id=f"P{i + 1}",
            kind="preamble",
            index=i,
            label="",
            text=t,
            start=0,
            end=len(t),
            line=i + 1,
            norm=normalize(t),
        )
        for i, t in enumerate(texts)
    )
    return Document(
        id=doc_id,
        title=doc_id,
        date=date,
        body="",
        symbol="",
        language="en",
        source="",
        path=f"{doc_id}.txt",
        text="\n\n".join(texts),
        clauses=clauses,
    )


NEUTRAL = (
    "Underlining that the national policies of neutrality of some States can contribute "
    "to the strengthening of international peace and security in relevant regions"
)
DAY = (
    "Invites all Member States to mark annually the International Day of Neutrality on "
    "12 December by means of education and the holding of events"
)
OTHER = "Decides to include in the provisional agenda of its eightieth session a sub-item"


def _corpus(tmp_path: Path, reviews: str | None) -> Corpus:
    docs = (_doc("a", "2020-01-01", [NEUTRAL, DAY]), _doc("b", "2021-01-01", [NEUTRAL, OTHER]))
    overrides = ()
    if reviews is not None:
        path = tmp_path / "reviews.toml"
        path.write_text(reviews, encoding="utf-8")
        overrides = read_overrides(path)
    return Corpus(documents=docs, overrides=overrides)


def test_reads_decisions_with_their_lines(tmp_path):
    """Each [[link]] becomes an Override that remembers its file and header line."""
    path = tmp_path / "reviews.toml"
    path.write_text(
        '# reviews\n\n[[link]]\nsource = "a/P1"\ntarget = "b/P1"\n'
        'decision = "reject"\nnote = "not the same"\n\n[[link]]\n'
        'source = "a/P2"\ntarget = "b/P2"\ndecision = "confirm"\n'
        'relation = "major"\n',
        encoding="utf-8",
    )
    first, second = read_overrides(path)
    assert (first.source, first.target, first.decision, first.note, first.line) == (
        "a/P1",
        "b/P1",
        "reject",
        "not the same",
        3,
    )
    assert (second.decision, second.relation, second.line, second.path) == (
        "confirm",
        "major",
        9,
        str(path),
    )


@pytest.mark.parametrize(
    "body, line, words",
    [
        ('[[link]]\nsource = "a/P1"\ntarget = "b/P1"\ndecision = "maybe"\n', 1, "decision"),
        ('\n[[link]]\nsource = "a/P1"\ndecision = "reject"\n', 2, "target"),
        (
            '[[link]]\nsource = "a/P1"\ntarget = "b/P1"\ndecision = "confirm"\nrelation = "same"\n',
            1,
            "relation",
        ),
        (
            '[[link]]\nsource = "a/P1"\ntarget = "b/P1"\ndecision = "reject"\ncolour = "red"\n',
            1,
            "colour",
        ),
        ('[[link]]\nsource = "a/P1\n', 2, "TOML"),
    ],
)
def test_malformed_entries_name_file_and_line(tmp_path, body, line, words):
    """A bad entry is an InputError saying where (file:line) and what is wrong."""
    path = tmp_path / "reviews.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_overrides(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert words in str(info.value)


def test_machine_link_exists_without_overrides(tmp_path):
    """Baseline for the tests below: the verbatim clause links, the unrelated ones do not."""
    analysis = analyse(_corpus(tmp_path, None))
    assert [(k.source, k.target, k.relation) for k in analysis.links] == [
        ("a/P1", "b/P1", "verbatim")
    ]


def test_reject_removes_link_and_family(tmp_path):
    """A rejected link is gone from the links, and no family joins its clauses: each is a
    family of its own."""
    analysis = analyse(
        _corpus(tmp_path, '[[link]]\nsource = "a/P1"\ntarget = "b/P1"\ndecision = "reject"\n')
    )
    assert analysis.links == ()
    assert [f.clauses for f in analysis.families] == [("a/P1",), ("a/P2",), ("b/P1",), ("b/P2",)]


def test_reject_written_target_first_still_applies(tmp_path):
    """Direction does not matter to a reviewer: the later clause may be named first."""
    analysis = analyse(
        _corpus(tmp_path, '[[link]]\nsource = "b/P1"\ntarget = "a/P1"\ndecision = "reject"\n')
    )
    assert analysis.links == ()


def test_confirm_adds_missed_link_as_reviewer(tmp_path):
    """A confirmed link the machine missed is added, method 'reviewer', with its relation."""
    analysis = analyse(
        _corpus(
            tmp_path,
            '[[link]]\nsource = "a/P2"\ntarget = "b/P2"\n'
            'decision = "confirm"\nrelation = "paraphrase"\n',
        )
    )
    added = [k for k in analysis.links if k.source == "a/P2"]
    assert len(added) == 1
    assert (added[0].target, added[0].relation, added[0].method, added[0].reviewed) == (
        "b/P2",
        "paraphrase",
        "reviewer",
        "confirmed",
    )
    assert {f.clauses for f in analysis.families} == {("a/P1", "b/P1"), ("a/P2", "b/P2")}


def test_rejected_link_is_not_inferred_back_through_the_family(tmp_path):
    """Three versions of one clause: rejecting the first-to-last link keeps it out, although
    the clauses are still joined through the middle version (no 'family' link replaces it)."""
    docs = (
        _doc("a", "2020-01-01", [NEUTRAL]),
        _doc("b", "2021-01-01", [NEUTRAL]),
        _doc("c", "2022-01-01", [NEUTRAL]),
    )
    plain = analyse(Corpus(documents=docs))
    assert {(k.source, k.target) for k in plain.links} == {
        ("a/P1", "b/P1"),
        ("a/P1", "c/P1"),
        ("b/P1", "c/P1"),
    }
    path = tmp_path / "reviews.toml"
    path.write_text(
        '[[link]]\nsource = "a/P1"\ntarget = "c/P1"\ndecision = "reject"\n', encoding="utf-8"
    )
    reviewed = analyse(Corpus(documents=docs, overrides=read_overrides(path)))
    assert {(k.source, k.target) for k in reviewed.links} == {("a/P1", "b/P1"), ("b/P1", "c/P1")}
    assert [f.clauses for f in reviewed.families] == [("a/P1", "b/P1", "c/P1")]


def test_confirm_marks_existing_link(tmp_path):
    """Confirming a machine link keeps its score and marks it as reviewed."""
    analysis = analyse(
        _corpus(tmp_path, '[[link]]\nsource = "a/P1"\ntarget = "b/P1"\ndecision = "confirm"\n')
    )
    (link,) = analysis.links
    assert (link.relation, link.method, link.reviewed) == ("verbatim", "exact", "confirmed")


def test_unknown_uid_is_input_error_with_line(tmp_path):
    """An override naming a clause that does not exist fails analyse at its file and line."""
    corpus = _corpus(
        tmp_path, '\n\n[[link]]\nsource = "a/P9"\ntarget = "b/P1"\ndecision = "reject"\n'
    )
    with pytest.raises(InputError) as info:
        analyse(corpus)
    assert info.value.line == 3
    assert "a/P9" in str(info.value)


def test_last_decision_on_a_pair_wins(tmp_path):
    """A later entry for the same pair overrides an earlier one (confirm after reject)."""
    analysis = analyse(
        _corpus(
            tmp_path,
            '[[link]]\nsource = "a/P1"\ntarget = "b/P1"\n'
            'decision = "reject"\n[[link]]\nsource = "a/P1"\n'
            'target = "b/P1"\ndecision = "confirm"\n',
        )
    )
    assert [(k.source, k.reviewed) for k in analysis.links] == [("a/P1", "confirmed")]


def test_reviews_file_beside_texts_is_honoured_by_cli_export(tmp_path):
    """A reviews.toml in the texts folder removes a machine link from `lineage export`
    (the real CLI in a subprocess), and a bad uid in it exits 2 naming file and line."""
    import csv
    import io
    import os
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    for path in (root / "texts").glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    env = {**os.environ, "PYTHONPATH": str(root / "src")}

    def export() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lineage.cli", "export", str(tmp_path), "--format", "csv"],
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
            check=False,
        )

    def pairs(text: str) -> set[tuple[str, str]]:
        return {(r["source"], r["target"]) for r in csv.DictReader(io.StringIO(text))}

    # 75/28 pp5 'Underlining that the national policies of neutrality ...' is 79/274 pp4.
    pair = ("unga-res-75-28/P5", "unga-res-79-274/P4")
    before = export()
    assert before.returncode == 0 and pair in pairs(before.stdout)
    (tmp_path / "reviews.toml").write_text(
        f'[[link]]\nsource = "{pair[0]}"\ntarget = "{pair[1]}"\ndecision = "reject"\n',
        encoding="utf-8",
    )
    after = export()
    assert after.returncode == 0 and pair not in pairs(after.stdout)
    assert pairs(after.stdout) < pairs(before.stdout)
    (tmp_path / "reviews.toml").write_text(
        '\n[[link]]\nsource = "unga-res-75-28/P99"\ntarget = "unga-res-79-274/P4"\n'
        'decision = "confirm"\n',
        encoding="utf-8",
    )
    bad = export()
    assert bad.returncode == 2
    assert "reviews.toml:2:" in bad.stderr and "Traceback" not in bad.stderr


def test_confirmed_link_within_one_document_is_refused_with_the_right_reason(tmp_path):
    """A reviewer confirming a link between two clauses of one document gets an error naming
    the file and line, what is wrong (the two clauses are of one document) and what to do (the
    message once read "a link joins clauses of two different documents", a rule that read as
    the fault)."""
    reviews = '[[link]]\nsource = "a/P1"\ntarget = "a/P2"\ndecision = "confirm"\n'
    with pytest.raises(InputError) as caught:
        analyse(_corpus(tmp_path, reviews))
    error = caught.value
    assert "'a/P1' and 'a/P2' are clauses of one document" in error.message
    assert error.hint and "another document" in error.hint
    assert error.line == 1 and str(error.path).endswith("reviews.toml")
