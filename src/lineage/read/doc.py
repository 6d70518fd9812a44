"""Old Word files (.doc): not read, but an error that says how to convert them.

The binary .doc format needs a converter that this project does not ship; LibreOffice does
it in one command, and the .docx it writes keeps the tracked changes.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .source import Source


def read(path: Path) -> list[Source]:
    """Always an InputError naming the file, with the command that converts it."""
    raise InputError(
        "old Word files (.doc) cannot be read",
        path=str(path),
        hint=f"convert it to .docx first: soffice --headless --convert-to docx {path.name}",
    )
