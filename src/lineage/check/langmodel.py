"""py3langid's model kept decompressed in a check's cache: 0.6 CPU s less per check.

A check reads its new text, and detecting that text's language (when its metadata does not
give it) loads py3langid's model: 1.0 CPU s, 0.64 of it decompressing the xz file shipped in
the package. Kept decompressed in the cache (68 MB, one entry whatever the corpus), it is read
and checksummed in 0.05 s.

Only the model itself is ever used: the entry's sha256 must be the digest pinned below for
the installed model file, so an entry planted by someone else (a CI cache from another
branch) is a miss, never another model. A py3langid whose model is not pinned here is
decompressed every time, as without a cache (`tests/test_check_langmodel.py` says when the
installed one is not pinned).
"""

from __future__ import annotations

import hashlib

from .cache import Cache

#: sha256 of py3langid's model file (data/model.npz.xz) -> sha256 of its decompressed bytes.
#: 0.4.0's model; another version's model is not cached until its pair is added here.
KNOWN_MODELS = {
    "f4f4a2c3465ca1f081541037f9cac23021d68151c2f709c55ae5eedfca522963": (
        "5bd50c338e682ca01f2c8dfc93be553d2d4a5c563452c79b7a80620ae2544401"
    ),
}
MODEL_SUFFIX = ".langid.npz"
MODEL_FORMAT = "lineage-cache-langid/1"


def installed_model_digest() -> str:
    """sha256 of the installed py3langid model file (its xz bytes: 4.5 MB, 3 ms)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return hashlib.sha256((MODEL_DIR / MODEL_FILE).read_bytes()).hexdigest()


class CachedModel:
    """A `read.language.ModelStore` in a check's cache, for the installed model only."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self._digest: str | None = None

    def _expected(self) -> str:
        """The decompressed model's pinned sha256 ("" when the installed one is not pinned)."""
        if self._digest is None:
            self._digest = KNOWN_MODELS.get(installed_model_digest(), "")
        return self._digest

    def get(self) -> bytes | None:
        expected = self._expected()
        if not expected:
            return None
        return self.cache.get_raw(expected, MODEL_SUFFIX, MODEL_FORMAT, sha256=expected)

    def put(self, model: bytes) -> None:
        expected = self._expected()
        if expected and hashlib.sha256(model).hexdigest() == expected:
            self.cache.put_raw(expected, model, MODEL_SUFFIX, MODEL_FORMAT)
