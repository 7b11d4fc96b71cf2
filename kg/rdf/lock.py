"""Opening a pyoxigraph store folder safely: one writer, and no reader while a writer runs.

What pyoxigraph 0.5 / RocksDB do (measured, see tests/rdf/test_rdf_store.py):

* A read-write open takes a POSIX record lock on ``<store>/LOCK``. A second read-write open, in
  another process or in this one, fails at once with ``OSError`` ("lock").
* ``Store.read_only`` takes no lock. Opened while another handle writes, it can fail (the writer's
  compaction deletes files it is opening) and, worse, a full scan through it has been seen to
  allocate until the kernel killed the process. pyoxigraph documents this as undefined behaviour.

So a read-only open is refused while a writer holds the store (a lock probe), a read-only handle
refuses to read once a writer has appeared, and a read-only open in a process that already
writes the store is refused too (the probe would release our own lock: POSIX locks belong to the
process and go away when any descriptor of the file is closed).
"""
from __future__ import annotations

import logging
import time
import weakref
from pathlib import Path
from typing import Protocol

from pyoxigraph import Store

from kg.errors import StoreError

try:  # POSIX only; elsewhere the probe is skipped
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCKED_FIX = "another kg build is running on this store; wait or use --store"
READ_ONLY_RETRIES = 8


class _Handle(Protocol):
    @property
    def is_open(self) -> bool: ...


_writers: dict[Path, weakref.ReferenceType[_Handle]] = {}


def one_line(err: BaseException, limit: int = 300) -> str:
    """An exception message on one line, cut to ``limit`` characters."""
    text = " ".join(str(err).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(path: Path) -> Path:
    return path.expanduser().resolve()


def register_writer(path: Path, handle: _Handle) -> None:
    """Remember that this process holds ``path`` open for writing (until ``handle`` closes)."""
    _writers[_key(path)] = weakref.ref(handle)


def writer_in_this_process(path: Path) -> bool:
    """True if a live, open read-write handle of this process holds ``path``."""
    ref = _writers.get(_key(path))
    handle = ref() if ref is not None else None
    return handle is not None and handle.is_open


def locked_by_other_process(path: Path) -> bool:
    """True if another process holds the RocksDB lock of the store at ``path``.

    Never call it for a folder this process holds (closing the probe would drop our lock).
    """
    lock = path / "LOCK"
    if fcntl is None or not lock.is_file():
        return False
    with open(lock, "rb") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN)
    return False


def writer_active(path: Path) -> bool:
    """True if some writer (this process or another) holds the store at ``path``."""
    return writer_in_this_process(path) or locked_by_other_process(path)


def _read_only(path: Path) -> Store:
    """``Store.read_only`` with retries while files change under it. Raises ``StoreError``."""
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}", fix="run kg build first or use --store")
    if writer_in_this_process(path):
        raise StoreError(f"this process already writes the store {path}",
                         fix="query that open KGStore, or close it before opening read-only")
    for attempt in range(READ_ONLY_RETRIES):
        if locked_by_other_process(path):
            raise StoreError(f"store {path} is being written", fix=LOCKED_FIX)
        try:
            return Store.read_only(str(path))
        except (OSError, RuntimeError) as err:
            if "No such file" not in str(err) or attempt == READ_ONLY_RETRIES - 1:
                raise
            log.debug("store %s changed while opening it read-only, retrying: %s", path, err)
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def open_raw(path: Path | None, *, read_only: bool) -> Store:
    """Open the pyoxigraph store (``None``: in memory). Raises ``StoreError`` if it is locked,
    missing (read-only), being written (read-only) or not a readable store."""
    if path is None:
        if read_only:
            raise StoreError("an in-memory store cannot be opened read-only", fix="give a store folder")
        return Store()
    try:
        if read_only:
            return _read_only(path)
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreError(f"store {path} is locked by another writer", fix=LOCKED_FIX) from err
        raise StoreError(f"cannot open store {path}: {one_line(err)}",
                         fix="check the folder is a park-kg store, or delete it and rebuild") from err
    except RuntimeError as err:  # RocksDB corruption, or a writer kept changing the files
        raise StoreError(f"store {path} is unreadable: {one_line(err)}",
                         fix="if a kg build is running wait for it, else delete the folder and rebuild") from err


__all__ = ["open_raw", "register_writer", "writer_active", "locked_by_other_process",
           "writer_in_this_process", "one_line", "LOCKED_FIX"]
