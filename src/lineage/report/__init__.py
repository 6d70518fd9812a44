"""Reporters: each formats one Analysis, and decides nothing (the analysis has decided).

`lineage export --format NAME` picks a renderer from FORMATS: one module per format here
(`json`, `tei`, `csv`), each with `render(analysis) -> str`. The HTML report (`report/html/`)
writes a folder instead, and the terminal diff (`report/terminal.py`) a coloured text. A
format module is imported when it is chosen: the TEI one imports lxml, which JSON never needs.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..model import Analysis

#: --format name -> the module of `lineage.report` whose `render` writes it.
EXPORTS: dict[str, str] = {"json": "json", "tei": "tei", "csv": "csv"}


def _renderer(module: str) -> Callable[[Analysis], str]:
    def render(analysis: Analysis) -> str:
        text: str = import_module(f"{__name__}.{module}").render(analysis)
        return text

    return render


FORMATS: dict[str, Callable[[Analysis], str]] = {
    name: _renderer(module) for name, module in EXPORTS.items()
}
