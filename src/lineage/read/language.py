"""The language of a document whose metadata does not say: py3langid, on its letters.

Matching across languages is not attempted; a document in another language is labelled (in
the JSON and as `lang` on its HTML page) so that it is not silently mismatched. py3langid
ships its model in the package (nothing is downloaded); loading it takes about a second, so
it is imported only when a document without a language is read.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: Below this many letters a guess is noise (a heading, a one-line test text): the default.
MIN_LETTERS = 200
#: Enough text to tell: a UN resolution's first 5,000 characters hold its front and preamble.
SAMPLE_CHARS = 5000
DEFAULT = "en"
_NOT_LETTERS_RE = re.compile(r"[\W\d_]+")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def detect_language(text: str) -> str:
    """An ISO 639-1 code for the text's language; DEFAULT for a text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTERS_RE.sub("", sample)) < MIN_LETTERS:
        return DEFAULT
    code, _ = _identifier().classify(sample)
    return str(code)
