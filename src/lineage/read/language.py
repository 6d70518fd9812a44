"""The language of a document whose metadata does not say: py3langid, on its letters.

Matching across languages is not attempted; a document in another language is labelled (in
the JSON and as `lang` on its HTML page) so that it is not silently mismatched. py3langid
ships its model in the package (nothing is downloaded); loading it takes about a second, so
it is imported only when a document without a language is read.

py3langid walks its byte automaton in a Python loop, one step per byte of the sample: 43% of
loading 1,000 synthetic documents. `_FastIdentifier` takes the same steps as array gathers
(see `_walk`) and checks every one against the automaton, so its counts, and the language,
are py3langid's own.

py3langid ships its model compressed (xz): decompressing it is 0.64 of the 1.0 CPU s the
model takes to load. A caller with a place to keep bytes (a check's cache, `model_store`)
is given the decompressed model to keep, and hands it back next time (0.05 s to read and
checksum its 68 MB, `check/langmodel.py`); the identifier is built from those bytes as
py3langid builds it from its file (`_from_npz`), so its every table is the same.

Most texts need no model at all: an English one is told by a cheap test (`plainly_english`:
its function words, its letters ASCII), which says yes only where py3langid says "en", and
every other text is py3langid's. Loading un-ga's 659 texts: 10.3-11.6 CPU s before, 8.2-8.8
after; a warm `lineage check` of a draft without a language no longer loads the model.
"""

from __future__ import annotations

import io
import lzma
import re
from array import array
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

#: Below this many letters a guess is noise (a heading, a one-line test text): the default.
MIN_LETTERS = 200
#: Enough text to tell: a UN resolution's first 5,000 characters hold its front and preamble.
SAMPLE_CHARS = 5000
DEFAULT = "en"
_NOT_LETTERS_RE = re.compile(r"[\W\d_]+")
#: Bytes of context the state is recomputed from at each position. The automaton's deepest
#: state is 6 steps from its root, but 5 bytes gave every state of every text of un-ga and of
#: 1,000 synthetic documents (4 bytes: none right), and 15% less work than 6. A text that
#: needs more fails the check in `walk` and is walked by py3langid: exact either way.
WINDOW = 5


class ModelStore(Protocol):
    """Somewhere to keep the decompressed model between runs (a check's cache)."""

    def get(self) -> bytes | None:
        """The bytes kept, exactly `packaged_model()`'s, or None (nothing kept, in doubt)."""

    def put(self, model: bytes) -> None:
        """Keep the decompressed model's bytes."""


#: The stores in use (innermost last), see `model_store`.
_stores: list[ModelStore] = []


@contextmanager
def model_store(store: ModelStore) -> Iterator[None]:
    """Within: the model, if it must be loaded, is taken from store (or kept there)."""
    _stores.append(store)
    try:
        yield
    finally:
        _stores.remove(store)


def packaged_model() -> bytes:
    """py3langid's model file decompressed: an npz archive (what its `load_model` reads)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    with lzma.open(MODEL_DIR / MODEL_FILE) as source:
        return source.read()


def _model_bytes() -> bytes:
    """The decompressed model: from the innermost store when it has it, else decompressed
    (and given to that store to keep)."""
    store = _stores[-1] if _stores else None
    kept = store.get() if store is not None else None
    if kept is not None:
        return kept
    model = packaged_model()
    if store is not None:
        store.put(model)
    return model


def _stdlib_array(values: np.ndarray) -> array[int]:
    """An unsigned numpy array as the stdlib array py3langid's `load_model` makes of it."""
    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out


def _from_npz(cls: Any, model: bytes) -> Any:
    """An identifier of class cls built from the decompressed model as py3langid's
    `from_model_file` builds it."""
    import numpy as np

    with np.load(io.BytesIO(model), allow_pickle=False) as data:
        return cls(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _stdlib_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=False,
            tk_row=_stdlib_array(data["nextmove_row"]),
        )


@cache
def _identifier() -> Any:
    """py3langid's identifier with its automaton walked by array operations (`walk`)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    class FastIdentifier(LanguageIdentifier):  # type: ignore[misc]
        __slots__ = ("arrays",)

        def _raw_score(self, text: bytes) -> Any:
            if not hasattr(self, "arrays"):
                nxt = np.frombuffer(self.tk_nextmove, dtype=self.tk_nextmove.typecode)
                rowbase = np.asarray(self._rowbase, dtype=np.int64)
                self.arrays = (nxt, rowbase, np.asarray(self.tk_output, dtype=np.int64))
            visits = walk(*self.arrays, text)
            if not visits:  # no features, or a step the window missed: py3langid's own walk
                return super()._raw_score(text)
            return self._sparse_score(visits, self.nb_ptc)

    return _from_npz(FastIdentifier, _model_bytes())


def walk(nxt: np.ndarray, rowbase: np.ndarray, output: np.ndarray, text: bytes) -> Any:
    """py3langid's `visit_counts` (a Counter of features in first-seen order), or None.

    The state after each byte is computed from the root over the WINDOW bytes ending there,
    all positions at once; then each state is checked to be the automaton's step from the
    state before it. The first state is exact (the root walked over one byte), so when every
    check holds, by induction every state is the sequential walk's. None when one fails.
    """
    import numpy as np

    data = np.frombuffer(text, dtype=np.uint8)
    n = len(data)
    if n == 0:
        return None
    state = np.zeros(n, dtype=nxt.dtype)
    for back in range(min(WINDOW, n) - 1, -1, -1):  # the byte `back` places before each end
        state[back:] = nxt[rowbase[state[back:]] + data[: n - back]]
    if n > 1 and not np.array_equal(nxt[rowbase[state[:-1]] + data[1:]], state[1:]):
        return None
    features = output[state]
    features = features[features >= 0]
    if len(features) == 0:
        return None
    keys, first, counts = np.unique(features, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return Counter(dict(zip(keys[order].tolist(), counts[order].tolist(), strict=True)))


#: Characters counted first: a text whose first 1,000 characters hold MIN_LETTERS letters
#: has them (counting all 5,000 took 0.4 ms a text, 4 s at 10,000 synthetic documents).
FIRST_CHARS = 1000


def _has_letters(text: str) -> bool:
    """Has the text MIN_LETTERS letters or more (enough to tell its language)?"""
    return len(_NOT_LETTERS_RE.sub("", text)) >= MIN_LETTERS


#: English words no other language writes often (not "a", "on", "in", "de", "die": other
#: languages' words too). In English prose they are a fifth of the words: 0.16 to 0.35 of the
#: sample in every text of ../shared/un-ga, ../shared/corpus, the seeds and 1,000 synthetic
#: documents; in French, Spanish, German, Russian the sample holds almost none.
ENGLISH_WORDS = frozenset(
    "the of and to that with by which this its their from for is be are have has".split()
)
#: Share of the sample's words that must be ENGLISH_WORDS: below every English text measured
#: (0.16), and high enough that English is most of the words of a mixed text.
ENGLISH_SHARE = 0.12
#: Share of the sample's letters that may be outside ASCII: English names (Côte d'Ivoire)
#: and slips stay under 0.3% in all but one of the 1,671 English texts measured; French is
#: about 3%, other scripts all.
FOREIGN_LETTERS = 0.005
#: Function words of the other languages written in Latin letters (French, Spanish, Italian,
#: Portuguese, German, Dutch) that English does not use (not "a", "in", "do", "per", "die",
#: "un" of UN-Women, "e" of e.g., "y" of subparagraph (y), "para." of a citation).
OTHER_WORDS = frozenset(
    "de la el los las que del le les et des du der und das von zu il di che da os une una "
    "con por au aux dans sur pour est sont ist auf mit dem het een van voor niet".split()
)
#: Share of the sample's words that may be OTHER_WORDS: names in English (Rio de Janeiro,
#: "the International Organization of la Francophonie": 1.9% of 79/331's sample, the most of
#: un-ga); a fifth of the words in those languages, so a text mixing much of them is not.
OTHER_SHARE = 0.03
_WORD_RE = re.compile(r"[^\W\d_]+")


def plainly_english(sample: str) -> bool:
    """Is the sample English by a cheap test (0.1 ms: py3langid's model costs 0.4 to 1 s to
    load and 1.5 ms a text)? English function words are ENGLISH_SHARE of its words or more and
    nearly all its letters are ASCII. Only says yes where py3langid says "en" (tests/
    test_read_language.py: on every real text and on English mixed with other languages);
    any other text goes to py3langid."""
    words = _WORD_RE.findall(sample.lower())
    if not words:
        return False
    letters = "".join(words)
    if len(letters.encode()) - len(letters) > len(letters) * FOREIGN_LETTERS:  # not ASCII
        return False
    english = sum(map(ENGLISH_WORDS.__contains__, words))
    other = sum(map(OTHER_WORDS.__contains__, words))
    return english >= ENGLISH_SHARE * len(words) and other <= OTHER_SHARE * len(words)


def detect_language(text: str) -> str:
    """An ISO 639-1 code for the text's language; DEFAULT for a text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample[:FIRST_CHARS]) and not _has_letters(sample):
        return DEFAULT
    if plainly_english(sample):
        return "en"
    code, _ = _identifier().classify(sample)
    return str(code)
