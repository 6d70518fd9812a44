"""The base of a new text read from git: the same file at another revision.

A team keeps its texts in git and edits a draft in place; the version to compare it with is
the committed one, not another document of the corpus. Which revision:

- `--base-rev REV`: that revision (a commit, branch or tag); it must name a commit and the
  file must exist there, else a UsageError (exit 2) says which;
- otherwise, in a pull request (GITHUB_BASE_REF set, as on GitHub's runners): the merge base
  of HEAD with origin/$GITHUB_BASE_REF, when the file existed there (a text the pull request
  adds has no committed version: its base comes from the corpus);
- otherwise, for a tracked file whose working copy differs from HEAD: its version at HEAD;
- otherwise none: the base comes from the corpus (its previous version by the graph).

git runs as a subprocess with an argument list (never a shell), in the file's folder; the path
given to `git show` is relative to the repository's root.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

#: GitHub sets it in a pull request's workflow run: the branch the pull request targets.
BASE_REF_ENV = "GITHUB_BASE_REF"
#: Characters of a commit id shown in a base's id (`unga-res-80-78@1a2b3c4d5e6f`).
SHORT_SHA = 12
#: git commands are local and quick; one that hangs (a lock, a network filesystem) is an error.
GIT_TIMEOUT_S = 30


@dataclass(frozen=True)
class GitBase:
    """The file at a revision: its bytes, the revision as shown and how it was chosen."""

    rev: str
    text: bytes
    why: str


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(
            "--base-rev needs git, and git is not installed",
            hint="install git, or name the base with --base ID",
        ) from None
    except subprocess.TimeoutExpired:
        raise UsageError(
            f"git {args[0]} took over {GIT_TIMEOUT_S} s in {folder}",
            hint="check the repository (a stale lock?)",
        ) from None


def _root(path: Path) -> Path | None:
    """The root of the git checkout holding path, or None."""
    found = _git(path.parent, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        return None
    return Path(os.fsdecode(found.stdout.strip())).resolve()


def _commit(root: Path, rev: str) -> str | None:
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return found.stdout.decode().strip() if found.returncode == 0 else None


def _show(root: Path, commit: str, rel: str) -> bytes | None:
    found = _git(root, "show", f"{commit}:{rel}")
    return found.stdout if found.returncode == 0 else None


def git_base(
    path: Path, rev: str | None, environ: Mapping[str, str] | None = None
) -> GitBase | None:
    """The base of the file at path from git (see the module docstring), or None."""
    env = os.environ if environ is None else environ
    root = _root(path.resolve())
    if root is None:
        if rev is not None:
            raise UsageError(
                f"--base-rev {rev}: {path} is not in a git checkout",
                hint="run inside the repository, or name the base with --base ID",
            )
        return None
    rel = path.resolve().relative_to(root).as_posix()
    if rev is not None:
        commit = _commit(root, rev)
        if commit is None:
            raise UsageError(
                f"--base-rev {rev}: no such revision in {root}",
                hint="name a commit, branch or tag (git log shows them)",
            )
        text = _show(root, commit, rel)
        if text is None:
            raise UsageError(
                f"--base-rev {rev}: {rel} did not exist at {rev}",
                hint="name a revision that has the file, or leave --base-rev out",
            )
        return GitBase(rev, text, f"{rel} at {rev} (--base-rev)")
    target = env.get(BASE_REF_ENV)
    if target:
        return _pull_request_base(root, rel, target)
    text = _show(root, "HEAD", rel)
    if text is not None and text != path.read_bytes():
        return GitBase("HEAD", text, f"{rel} as committed at HEAD (the working copy differs)")
    return None


def _pull_request_base(root: Path, rel: str, target: str) -> GitBase | None:
    """The file at the merge base of HEAD with origin/target, if it existed there."""
    found = _git(root, "merge-base", "HEAD", f"origin/{target}")
    if found.returncode != 0:
        raise UsageError(
            f"no merge base of HEAD with origin/{target} ({BASE_REF_ENV}={target})",
            hint="fetch the target branch (actions/checkout with fetch-depth: 0), "
            "or name the base with --base-rev REV",
        )
    commit = found.stdout.decode().strip()
    text = _show(root, commit, rel)
    if text is None:
        return None  # a text the pull request adds: its base comes from the corpus
    short = commit[:SHORT_SHA]
    return GitBase(short, text, f"{rel} at {short}, the merge base with origin/{target}")
