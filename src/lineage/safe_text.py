"""Control characters made visible in every text output: the one place reporters ask.

Documents, file names, titles and policy texts are hostile input: an ESC sequence would reach
the terminal (clear it, retitle it, hide a line), a newline in a file name would start a
forged line, a bidi override would show a clause's words in another order than they are read,
and a raw control character makes an HTML page or a JUnit file ill-formed XML. Reporters keep
the original characters everywhere else, and show these as visible stand-ins:

- C0 controls and DEL as the Unicode Control Pictures (ESC -> U+241B ␛, LF -> U+240A ␊);
- C1 controls (U+0080-U+009F), bidi embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069), and for XML the non-characters U+FFFE/U+FFFF, as `<U+202E>`.

Bidi marks (U+200E, U+200F, U+061C) stay: they only nudge neutral characters and cannot
reorder a run of text. Which characters are kept depends on the output: a terminal line keeps
only TAB; markup (HTML, XML) also keeps LF and CR, which are whitespace there.
"""

from __future__ import annotations

import re

#: First code point of the Control Pictures block: U+2400 + a C0 code is its picture.
_PICTURES = 0x2400
_DEL_PICTURE = "\u2421"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_TERMINAL = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_MARKUP = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\ufffe\uffff]")
#: Lines that a CI runner reads as commands (GitHub `::error ...`, Azure `##[...`).
_COMMAND_LINE = re.compile(r"^(\s*)(::|##\[)", re.M)


def _stand_in(char: str, escaped: bool = False) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(_PICTURES + code)
    if code == 0x7F:
        return _DEL_PICTURE
    return f"&lt;U+{code:04X}&gt;" if escaped else f"<U+{code:04X}>"


def for_terminal(text: str) -> str:
    """One line for a terminal or a log: every control character but TAB made visible."""
    return _TERMINAL.sub(lambda m: _stand_in(m.group()), text)


def _printable(text: str) -> bool:
    """Whether text, its line breaks aside, is all printable (`str.isprintable`): then it
    holds none of what `_MARKUP` finds, which are all control (Cc), format (Cf) or unassigned
    (Cn) characters, never printable. A C loop over the text at about twice the speed of the
    pattern's scan: a report's pages (1.3 GB at 10,000 documents) are almost all printable;
    a page with a TAB, CR or no-break space is scanned by the pattern as before."""
    return text.replace("\n", "").isprintable()


def for_markup(text: str, escaped: bool = False) -> str:
    """Text for HTML or XML 1.0: what XML forbids and what reorders text made visible.

    escaped: text that is already markup (the stand-ins are then written escaped)."""
    if _printable(text):
        return text
    return _MARKUP.sub(lambda m: _stand_in(m.group(), escaped), text)


def neutral_lines(text: str) -> str:
    """Output for a CI log in which no line can be taken for a workflow command: a line that
    starts with `::` or `##[` (spaces aside) gets its first character shown as `<U+003A>` or
    `<U+0023>`. Only hostile texts start a clause with these."""
    return _COMMAND_LINE.sub(
        lambda m: f"{m.group(1)}<U+{ord(m.group(2)[0]):04X}>{m.group(2)[1:]}", text
    )


def github_data(text: str) -> str:
    """The message of a GitHub workflow command (after `::`), per GitHub's documented
    escaping: `%` -> %25, CR -> %0D, LF -> %0A; other controls made visible first."""
    text = _TERMINAL.sub(lambda m: m.group() if m.group() in "\r\n" else _stand_in(m.group()), text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (`file=`, `title=`): data escaping, plus
    `:` -> %3A and `,` -> %2C, so a value cannot end the properties or add one."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
