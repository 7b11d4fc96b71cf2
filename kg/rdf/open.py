"""``open_store``: one entry point for a store folder (``KGStore``) or a SPARQL server URL (``RemoteStore``).

>>> store_target("http://localhost:7878")
'http://localhost:7878'
>>> store_target("kg-data")
PosixPath('kg-data')
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.rdf.endpoints import is_store_url, parse_store_url

if TYPE_CHECKING:
    from kg.rdf.remote import RemoteStore
    from kg.rdf.store import KGStore


def store_target(text: str | Path) -> str | Path:
    """A ``--store`` argument as given: an http(s) URL stays a string, anything else is a folder.

    (``Path("http://h/x")`` would collapse the ``//``; keep URLs as ``str``.)
    """
    return text if is_store_url(text) else Path(text)


def display_target(target: str | Path | None) -> str:
    """``target`` for messages: a folder as is, a URL without its password and options."""
    if target is None:
        return "memory"
    return parse_store_url(str(target)).display if is_store_url(target) else str(target)


def open_store(target: str | Path | None, *, read_only: bool = False) -> KGStore | RemoteStore:
    """Open the store at ``target``: an http(s) URL is a ``RemoteStore``, a folder (or ``None``:
    in memory) a ``KGStore``. Raises ``StoreError`` as their ``open`` does."""
    if is_store_url(target):
        from kg.rdf.remote import RemoteStore

        return RemoteStore.open(str(target), read_only=read_only)
    from kg.rdf.store import KGStore

    return KGStore.open(target, read_only=read_only)


__all__ = ["display_target", "open_store", "store_target"]
