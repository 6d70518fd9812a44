"""lineage: document diff and lineage analyser for negotiated texts."""

__version__ = "0.1.0"
