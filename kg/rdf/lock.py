"""One writer per store folder: an exclusive ``flock`` on ``<store>/writer.lock``.

``flock`` locks belong to an open file description, so a second writer is refused whether it
is another process or another ``KGStore.open`` in this one, and the lock goes away with the
process that held it (a killed build leaves no stale lock). Readers take no lock: they read a
published version, which no writer changes (see ``kg.rdf.versions``).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from kg.errors import StoreError

try:  # POSIX only; elsewhere writers are not serialised (documented)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_NAME = "writer.lock"
LOCKED_FIX = "another kg build is running on this store; wait or use --store"


def one_line(err: BaseException, limit: int = 300) -> str:
    """An exception message on one line, cut to ``limit`` characters."""
    text = " ".join(str(err).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WriterLock:
    """The exclusive writer lock of a store folder; ``release`` (or process exit) frees it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        """Take the lock at once or raise ``StoreError`` naming the folder."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise StoreError(f"cannot open {self.path}: {one_line(err)}",
                             fix="check the store folder is writable") from err
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as err:
                os.close(fd)
                raise StoreError(f"store {self.path.parent} is locked by another writer",
                                 fix=LOCKED_FIX) from err
        self._fd = fd
        return self

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def __del__(self) -> None:
        self.release()

    def release(self) -> None:
        """Free the lock (harmless when not held)."""
        if self._fd is not None:
            os.close(self._fd)   # closing the descriptor drops the flock
            self._fd = None


__all__ = ["WriterLock", "one_line", "LOCKED_FIX", "LOCK_NAME"]
