"""`lineage check` in a real git repository: the base is the file's own committed version.

Each test makes a temporary repository with real git, commits the real 79/274 text with the
rest of texts/, edits it, commits, edits again, and runs the CLI as a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TEXTS

NAME = "2025-03-21_unga-res-79-274.txt"
#: Operative paragraph 6 of 79/274 as published, and the first edit made to it.
FORUM = "to host an international forum, in December 2025"
FORUM_2026 = "to host an international forum, in December 2026"
#: Operative paragraph 2, and the second edit (a weaker verb).
CALLS = "Calls once again upon States Members of the United Nations to respect"
INVITES = "Invites once again States Members of the United Nations to respect"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(
    repo: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true", **(env or {})}
    for name in ("GITHUB_BASE_REF", "LINEAGE_CACHE_DIR", "GITHUB_STEP_SUMMARY"):
        if name not in (env or {}):
            full.pop(name, None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "lineage.cli",
            "check",
            f"texts/{NAME}",
            "--against",
            "texts/",
            *args,
        ],
        cwd=repo,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """texts/ committed (commit 1), 79/274's forum moved to 2026 and committed (commit 2), then
    its call upon Member States weakened to an invitation in the working copy."""
    root = tmp_path / "repo"
    shutil.copytree(TEXTS, root / "texts")
    (root / "lineage.toml").write_text(
        '[limits]\nmax_dropped = 0\n\n[[protect]]\ntext = "Reiterates its strong support"\n',
        encoding="utf-8",
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "texts as adopted")
    text = root / "texts" / NAME
    edit(text, FORUM, FORUM_2026)
    git(root, "commit", "-q", "-am", "draft: forum in 2026")
    edit(text, CALLS, INVITES)
    return root


def test_base_is_the_committed_version_of_a_changed_file(repo: Path) -> None:
    """With the working copy edited, the base is the file at HEAD (the 2026 forum already in
    it): the only change is operative paragraph 2, amended, its verb weakened from "calls
    upon" to "invites"; the forum's year is not reported (it is committed)."""
    result = check(repo, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["base"] == "unga-res-79-274@HEAD"
    assert "as committed at HEAD" in data["note"]
    assert data["counts"]["amended"] == 1 and data["counts"]["dropped"] == 0
    assert data["counts"]["new"] == data["counts"]["borrowed"] == 0
    (changed,) = [c for c in data["changes"] if c["kind"] != "carried"]
    assert changed["clause"] == "unga-res-79-274/O2"
    assert changed["substantive"] == [
        {"kind": "verb", "before": ["calls upon"], "after": ["invites"]}
    ]
    assert not [s for c in data["changes"] for s in c["substantive"] if s["kind"] == "year"]


def test_base_rev_names_an_older_commit(repo: Path) -> None:
    """--base-rev HEAD~1 compares with the text as first committed: both edits show, the
    forum's date (December 2025 -> December 2026) and the weaker verb, in the text report."""
    result = check(repo, "--base-rev", "HEAD~1")
    assert result.returncode == 0, result.stderr
    assert "against unga-res-79-274@HEAD~1" in result.stdout
    assert "[-2025-]{+2026+}" in result.stdout
    assert "substantive: date december 2025 -> december 2026" in result.stdout
    assert "substantive: verb calls upon -> invites" in result.stdout
    assert "2 amended" in result.stdout


def test_pull_request_base_is_the_merge_base(repo: Path) -> None:
    """In a pull request (GITHUB_BASE_REF=main, origin/main at the first commit, the branch
    one commit ahead), the base is the file at the merge base: both edits show."""
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    git(repo, "update-ref", "refs/remotes/origin/main", first)
    git(repo, "checkout", "-q", "-b", "draft")
    git(repo, "commit", "-q", "-am", "draft: invites")
    result = check(repo, "--format", "json", env={"GITHUB_BASE_REF": "main"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["base"] == f"unga-res-79-274@{first[:12]}"
    assert data["counts"]["amended"] == 2


def test_an_unchanged_file_uses_the_corpus(repo: Path) -> None:
    """With the working copy committed, git offers no base: 79/274 has no previous version in
    texts/, and the check says so rather than comparing it with another series."""
    git(repo, "commit", "-q", "-am", "draft: invites")
    data = json.loads(check(repo, "--format", "json").stdout)
    assert data["base"] is None and "no previous version" in data["note"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--base-rev", "no-such-branch"), "--base-rev no-such-branch: no such revision"),
        (("--base-rev", "--help"), "--base-rev --help: no such revision"),
    ],
)
def test_unknown_revision_is_a_usage_error(repo: Path, args: tuple[str, ...], words: str) -> None:
    """An unknown revision (or one that looks like an option) exits 2 with one line."""
    result = check(repo, *args)
    assert result.returncode == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_file_absent_at_the_revision_is_a_usage_error(repo: Path) -> None:
    """A text added after REV did not exist there: exit 2 naming the file and REV."""
    (repo / "texts" / NAME).rename(repo / "texts" / "2025-03-21_unga-res-79-274-new.txt")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lineage.cli",
            "check",
            "texts/2025-03-21_unga-res-79-274-new.txt",
            "--against",
            "texts/",
            "--base-rev",
            "HEAD",
        ],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert "texts/2025-03-21_unga-res-79-274-new.txt did not exist at HEAD" in result.stderr


def test_not_a_git_checkout_is_a_usage_error(tmp_path: Path) -> None:
    """--base-rev outside a git checkout exits 2 saying so."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    (tmp_path / "lineage.toml").write_text("[limits]\nmax_dropped = 0\n", encoding="utf-8")
    result = check(
        tmp_path, "--base-rev", "HEAD", env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    )
    assert result.returncode == 2
    assert "is not in a git checkout" in result.stderr
    assert "Traceback" not in result.stderr


def test_readme_sample_check_passes_on_texts_as_shipped(tmp_path: Path) -> None:
    """The README's sample check, on a copy of texts/ (no git: texts/ as shipped): it passes,
    says 79/274 has no previous version there, and names borrowed clauses' sources."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = check(
        tmp_path,
        "--policy",
        "examples/lineage.toml",
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no previous version" in result.stdout
    assert "13 new" in result.stdout and "10 borrowed" in result.stdout
    assert "P4 <- unga-res-75-28/P5 (verbatim, another document)" in result.stdout


def test_readme_draft_edited_in_place_fails_on_the_weaker_verb(tmp_path: Path) -> None:
    """The README's second example: in a git checkout, 79/274 edited in place from "Calls once
    again upon" to "Invites once again" is compared with its committed version and fails the
    example policy's no-substantive rule on operative paragraph 2."""
    root = tmp_path / "repo"
    shutil.copytree(TEXTS, root / "texts")
    shutil.copytree(ROOT / "examples", root / "examples")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "as shipped")
    edit(root / "texts" / NAME, "Calls once again upon", "Invites once again")
    result = check(root, "--policy", "examples/lineage.toml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "against unga-res-79-274@HEAD" in result.stdout
    assert "changed in substance in unga-res-79-274/O2: verb calls upon -> invites" in (
        result.stdout
    )


#: Operative paragraph 1 of 79/274 as published, and a rewording of it.
SUPPORT = "Reiterates its strong support for the status of permanent neutrality"
SUPPORT_FIRM = "Reiterates its firm support for the status of permanent neutrality"


def family_of(repo: Path, words: str) -> tuple[str, str]:
    """(uid, family id) of the clause of 79/274 holding words, as `lineage export` of the
    committed texts/ names them (what a user writes into lineage.toml)."""
    committed = repo.parent / "committed"
    shutil.copytree(repo / "texts", committed)
    (committed / NAME).write_bytes(
        subprocess.run(
            ["git", "-C", str(repo), "show", f"HEAD:texts/{NAME}"], check=True, capture_output=True
        ).stdout
    )
    out = subprocess.run(
        [sys.executable, "-m", "lineage.cli", "export", str(committed), "--format", "json"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    (doc,) = (d for d in data["documents"] if d["path"].endswith(NAME))
    (uid,) = (c["uid"] for c in doc["clauses"] if words in c["text"])
    (family,) = (f["id"] for f in data["families"] if uid in f["clauses"])
    return uid, family


@pytest.mark.parametrize("args", [(), ("--base-rev", "HEAD~1")])
def test_family_and_clause_rules_hold_with_a_git_base(repo: Path, args: tuple[str, ...]) -> None:
    """[[protect]] rules naming a family (as `lineage export` of the committed texts names it)
    and a clause uid of the edited file hold when the base is read from git (HEAD, or an older
    revision) and the protected clause is kept: before, the base read from git was no corpus
    document, and neither the family nor the clause was found in it."""
    uid, family = family_of(repo, SUPPORT)
    (repo / "lineage.toml").write_text(
        f'[[protect]]\nfamily = "{family}"\nrule = "verbatim"\n\n'
        f'[[protect]]\nclause = "{uid}"\nrule = "verbatim"\n',
        encoding="utf-8",
    )
    result = check(repo, "--format", "json", *args)
    data = json.loads(result.stdout)
    assert data["base"].startswith("unga-res-79-274@"), data["note"]
    rules = {r["name"]: r for r in data["rules"]}
    assert rules[f"protect family {family} (verbatim)"]["holds"], rules
    assert rules[f"protect clause {uid} (verbatim)"]["holds"], rules
    assert result.returncode == 0, result.stdout


def test_family_rule_breaks_when_the_clause_is_reworded_against_a_git_base(repo: Path) -> None:
    """The family rule resolves to the committed clause: rewording it in the working copy
    ("strong" -> "firm") breaks the verbatim rule, naming the base clause in its message."""
    uid, family = family_of(repo, SUPPORT)
    (repo / "lineage.toml").write_text(
        f'[[protect]]\nfamily = "{family}"\nrule = "verbatim"\n', encoding="utf-8"
    )
    edit(repo / "texts" / NAME, SUPPORT, SUPPORT_FIRM)
    result = check(repo, "--format", "json")
    assert result.returncode == 1, result.stderr
    (rule,) = json.loads(result.stdout)["rules"]
    assert not rule["holds"]
    (violation,) = rule["violations"]
    assert violation["clause"] == uid.replace("unga-res-79-274/", "unga-res-79-274@HEAD/")
    assert "only minor" in violation["message"]
