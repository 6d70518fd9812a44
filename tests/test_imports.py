"""The package's import graph: every module imports on its own, and no two modules import each
other, directly or round a circle (issue 16: `ingest` and `markup` used to)."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "lineage"


def module_name(path: Path) -> str:
    """`read/__init__.py` -> `lineage.read`; `read/text.py` -> `lineage.read.text`."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """The lineage modules a file imports anywhere in it (top level or inside functions)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    known = set(modules())
    return {name: imported(path, known) for name, path in modules().items()}


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules round it, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_cycle_finder_finds_a_planted_circle() -> None:
    """The search is not vacuous: a -> b -> c -> a is reported, a tree is not."""
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_import_graph_reads_the_real_imports() -> None:
    """The parser sees relative, absolute and function-local imports: the corpus reads the
    read stage, the CLI the analysis (lazily), and the read registry none of its readers."""
    edges = graph()
    assert {"lineage.read", "lineage.clean.segment", "lineage.model"} <= edges["lineage.corpus"]
    assert "lineage.analysis" in edges["lineage.cli"]
    assert not edges["lineage.read"] & {"lineage.read.text", "lineage.read.html"}


def test_no_import_cycle() -> None:
    """No module of lineage imports itself round a circle, counting imports inside functions."""
    assert cycle(graph()) is None


@pytest.mark.slow
def test_every_module_imports_alone() -> None:
    """Each module imports in a fresh interpreter by itself (an import order that only works
    because another module came first would fail here)."""
    names = sorted(modules())
    script = "import importlib, sys\nfor n in sys.argv[1:]:\n    importlib.import_module(n)\n"
    for name in names:
        result = subprocess.run(
            [sys.executable, "-c", script, name], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, (name, result.stderr[-2000:])
    for name in names:
        importlib.import_module(name)
