"""Notebook helpers: open the store, SPARQL → pandas, the graph → networkx, the explorer."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.settings import DEFAULT


def open_store(path: str | Path | None = None, *, read_only: bool = True):
    """The store at ``path`` (default ``kg-data/``; a SPARQL endpoint URL gives a ``RemoteStore``).
    Raises ``StoreError``."""
    from kg.rdf.open import open_store as _open, store_target

    return _open(store_target(path) if path else DEFAULT.store, read_only=read_only)


def _store(store: Any):
    return store if hasattr(store, "query") else open_store(store)


def open_rdflib(path: str | Path | None = None):
    """The store as an rdflib ``Dataset`` (Oxigraph-backed via oxrdflib)."""
    from kg.rdf.frames import open_rdflib as _open

    return _open(Path(path) if path else DEFAULT.store)


def sparql_frame(query: str, store: Any = None):
    """SPARQL SELECT results as a pandas ``DataFrame``."""
    from kg.rdf.frames import sparql_frame as _frame

    return _frame(_store(store), query)


def to_networkx(store: Any = None):
    """Entities and relations as a networkx ``MultiDiGraph``."""
    from kg.rdf.frames import to_networkx as _nx

    return _nx(_store(store))


def write_explorer(store: Any = None, out: str | Path = DEFAULT.explorer_file, **options: Any) -> Path:
    """Write the HTML explorer of ``store`` to ``out``; returns the path."""
    from kg.viz import write_explorer as _write

    return _write(_store(store), Path(out), **options)
