"""The export format registry: `--format NAME` picks a renderer of one Analysis to text."""

from __future__ import annotations

from collections.abc import Callable

from .model import Analysis


def _json(analysis: Analysis) -> str:
    from . import jsonreport

    return jsonreport.render(analysis)


def _tei(analysis: Analysis) -> str:
    from . import tei

    return tei.render(analysis)


def _csv(analysis: Analysis) -> str:
    from . import csvreport

    return csvreport.render(analysis)


FORMATS: dict[str, Callable[[Analysis], str]] = {"json": _json, "tei": _tei, "csv": _csv}
