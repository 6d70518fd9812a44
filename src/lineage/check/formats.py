"""`--format NAME` of `lineage check`: the registry of reporters of a Verdict."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Analysis
from .github import render_github
from .policy import Verdict
from .report import render_json, render_junit, render_text

Reporter = Callable[[Verdict, Analysis, bool], str]
FORMATS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "github": render_github,
}
