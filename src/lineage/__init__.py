"""lineage: document diff and lineage analyser for negotiated texts."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`lineage.__version__`, written once (pyproject.toml) and read from the package metadata.

    Read on first use, not at import: importlib.metadata (email, zipfile...) was the costliest
    import of `lineage --help`, which never shows the version.
    """
    if name == "__version__":
        from importlib.metadata import version

        return version("lineage")
    raise AttributeError(f"module 'lineage' has no attribute {name!r}")
