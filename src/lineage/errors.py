"""One exception family: the CLI prints one line for it and exits 2, never a traceback."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module first: tomllib only where TOML is read
    import tomllib

#: Where tomllib puts the position of an error in its message: "... (at line 3, column 7)".
_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)")


class LineageError(Exception):
    """A problem a user can fix: says where (file, line), what is wrong and what to do."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(LineageError):
    """A text, policy or override file that cannot be read as it is."""


class UsageError(LineageError):
    """Arguments that do not make sense together, or name something that does not exist."""


class OutputError(LineageError):
    """An output that cannot be written where asked: names the target (never a temporary
    path) and says why."""


def toml_error(exc: tomllib.TOMLDecodeError) -> tuple[str, int | None]:
    """(what is wrong, line of the TOML text) of a TOML error: the one place that reads
    tomllib's message, so policies, reviews and front matter report it alike."""
    text = str(exc)
    found = _TOML_AT.search(text)
    return _TOML_AT.sub("", text), int(found.group(1)) if found else None
