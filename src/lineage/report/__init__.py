"""Reporters: each formats one Analysis, and decides nothing (the analysis has decided).

`lineage export --format NAME` picks a format from EXPORTS: one module per format here
(`json`, `tei`, `csv`), each with `render(analysis) -> str` and `chunks(analysis)`, the same
text in pieces produced as the writer asks for them (so a large export is never whole in
memory). The HTML report (`report/html/`) writes a folder instead, and the terminal diff
(`report/terminal.py`) a coloured text. A format module is imported when it is chosen: the TEI
one imports lxml, which JSON never needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module

from ..model import Analysis

#: --format name -> the module of `lineage.report` whose `render` and `chunks` write it.
EXPORTS: dict[str, str] = {"json": "json", "tei": "tei", "csv": "csv"}


def _renderer(module: str) -> Callable[[Analysis], str]:
    def render(analysis: Analysis) -> str:
        text: str = import_module(f"{__name__}.{module}").render(analysis)
        return text

    return render


def _streamer(module: str) -> Callable[[Analysis], Iterator[str]]:
    def chunks(analysis: Analysis) -> Iterator[str]:
        found: Iterator[str] = import_module(f"{__name__}.{module}").chunks(analysis)
        return found

    return chunks


FORMATS: dict[str, Callable[[Analysis], str]] = {
    name: _renderer(module) for name, module in EXPORTS.items()
}
#: The same exports as pieces of text, for writing as they are produced.
STREAMS: dict[str, Callable[[Analysis], Iterator[str]]] = {
    name: _streamer(module) for name, module in EXPORTS.items()
}
