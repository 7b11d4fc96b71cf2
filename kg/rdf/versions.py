"""Store folders hold immutable versions: a build writes a new one and publishes it atomically.

    kg-data/
      active          the name of the published version, e.g. "v000007" (replaced atomically)
      v000007/        a pyoxigraph (RocksDB) database, never written again once published
      v000006/        the version before (kept, so readers that opened it go on reading)
      v000008/        the version a running build writes; removed if that build fails or dies
      writer.lock     held by the one writer (kg.rdf.lock)
      cache/          the extraction memo (kg.memo); not versioned, keyed by content

A writer starts from a checkpoint of the active version (hard links to RocksDB's immutable
files: 3 ms whatever the size), writes, flushes and then replaces ``active``. A crash or a kill
at any point leaves ``active`` naming the version before the build; a reader always opens a
published version, which nobody writes, so it gets consistent answers while a build runs.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from pyoxigraph import Store

from kg.errors import StoreError
from kg.rdf.lock import one_line

log = logging.getLogger(__name__)

ACTIVE = "active"
VERSION_RE = re.compile(r"v(\d{6})")
REBUILD_FIX = "delete the folder and run kg build again"


def _number(name: str) -> int | None:
    m = VERSION_RE.fullmatch(name)
    return int(m.group(1)) if m else None


def versions(folder: Path) -> list[int]:
    """Numbers of the version folders present, ascending."""
    if not folder.is_dir():
        return []
    return sorted(n for p in folder.iterdir() if p.is_dir() and (n := _number(p.name)) is not None)


def version_dir(folder: Path, number: int) -> Path:
    return folder / f"v{number:06d}"


def active_version(folder: Path) -> int | None:
    """The published version number, ``None`` for a folder without one.

    Raises ``StoreError`` when ``active`` names no usable version, or for a store folder of the
    old single-database layout."""
    pointer = folder / ACTIVE
    if not pointer.is_file():
        if (folder / "CURRENT").is_file():
            raise StoreError(f"{folder} is a store of an older park-kg layout", fix=REBUILD_FIX)
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    number = _number(name)
    if number is None or not (folder / name).is_dir():
        raise StoreError(f"{pointer} names {name!r}, which is not a version of the store", fix=REBUILD_FIX)
    return number


def active_dir(folder: Path) -> Path | None:
    """The database folder of the published version (``None``: nothing published yet)."""
    number = active_version(folder)
    return None if number is None else version_dir(folder, number)


def begin(folder: Path) -> Path:
    """A new version folder holding a copy of the published version (call with the writer lock).

    Versions other than the published one and the one before it (left by failed or killed
    builds, or too old) are removed first."""
    current = active_version(folder)
    keep = {current, max((n for n in versions(folder) if current is not None and n < current), default=None)}
    for number in versions(folder):
        if number not in keep:
            shutil.rmtree(version_dir(folder, number), ignore_errors=True)
    target = version_dir(folder, max(versions(folder), default=0) + 1)
    if current is not None:
        try:
            Store.read_only(str(version_dir(folder, current))).backup(str(target))
        except (OSError, RuntimeError) as err:
            shutil.rmtree(target, ignore_errors=True)
            raise StoreError(f"cannot copy version {current} of {folder}: {one_line(err)}",
                             fix="check disk space; if the store is damaged " + REBUILD_FIX) from err
    return target


def publish(folder: Path, target: Path) -> None:
    """Make ``target`` the published version: write ``active`` atomically and durably."""
    tmp = folder / f".{ACTIVE}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(target.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / ACTIVE)
    _fsync_dir(folder)
    log.info("published %s", target)


def discard(target: Path) -> None:
    """Remove an unpublished version folder."""
    shutil.rmtree(target, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not possible on Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["active_dir", "active_version", "begin", "publish", "discard", "versions", "version_dir"]
