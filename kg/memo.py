"""The extraction memo: per-document results kept between builds, keyed by content.

A build always computes the extraction of the whole corpus (the store's documents plus the new
and changed inputs), so that building A then B gives what building A+B gives. The memo makes
that cheap: a document's analysis and first linking pass depend only on its text, and its
relations only on its text, title, date and entities, so they are looked up by a hash of
those and of the code, rules and settings that produced them (``fingerprint``). A stale or
missing entry only costs time; the memo lives in ``<store>/cache/memo.sqlite`` (SQLite:
crash-safe) and may be deleted at any time.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.settings import DATA_DIR, RULES_DIR, Settings

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA = "CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Hash of every source, rule and data file of the package (what results depend on)."""
    h = hashlib.sha256()
    for folder, patterns in ((PACKAGE_DIR, ("*.py",)), (RULES_DIR, ("*",)), (DATA_DIR, ("*",))):
        for pattern in patterns:
            for path in sorted(folder.rglob(pattern)):
                if path.is_file() and "__pycache__" not in path.parts:
                    h.update(path.relative_to(folder).as_posix().encode())
                    h.update(path.read_bytes())
    return h.hexdigest()


def fingerprint(settings: Settings) -> str:
    """What the extraction of a text depends on besides the text: code, rules, data, settings."""
    h = hashlib.sha256(_code_digest().encode())
    h.update(f"{settings.segmenter}|{settings.pkuseg_model}".encode())
    for path in settings.gazetteers:
        h.update(f"|{path}|".encode())
        h.update(Path(path).read_bytes() if Path(path).is_file() else b"")
    return h.hexdigest()[:32]


def digest(*parts: object) -> str:
    """A content key: SHA-256 of the ``repr`` of ``parts`` (records have a deterministic repr)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class Memo:
    """A key → Python object store (pickled) in one SQLite file; ``None`` folder: no memo (one
    build never asks for what it stored itself, so keeping results in memory only costs time)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = None if folder is None else folder / "memo.sqlite"
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path)
                self._db.execute(SCHEMA)
            except sqlite3.Error as err:    # an unusable cache only costs time
                log.warning("extraction cache %s unusable (%s): working without it", self.path, err)
                self._db = None

    @property
    def enabled(self) -> bool:
        """Whether entries are kept (callers skip computing keys otherwise)."""
        return self._db is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The entries found among ``keys``."""
        keys = list(keys)
        found: dict[str, bytes] = {}
        if self._db is not None:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                rows = self._db.execute(f"SELECT key, value FROM memo WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                found.update(rows)
        out = {}
        for key, blob in found.items():
            try:
                out[key] = pickle.loads(blob)
            except Exception as err:  # noqa: BLE001 - a damaged entry is recomputed
                log.debug("memo entry %s unreadable: %s", key, err)
        return out

    def put_many(self, items: dict[str, Any]) -> None:
        """Store entries (pickled as they are written: one transaction)."""
        if self._db is None:
            return
        blobs = ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items.items())
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?)", blobs)
        except sqlite3.Error as err:
            log.warning("extraction cache %s not written (%s)", self.path, err)

    def prune(self, prefix: str) -> int:
        """Delete the entries whose key does not start with ``prefix`` (older code or settings)."""
        if self._db is None:
            return 0
        try:
            with self._db:
                return self._db.execute("DELETE FROM memo WHERE substr(key, 1, ?) != ?", (len(prefix), prefix)).rowcount
        except sqlite3.Error as err:
            log.warning("extraction cache %s not pruned (%s)", self.path, err)
            return 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


__all__ = ["Memo", "digest", "fingerprint"]
