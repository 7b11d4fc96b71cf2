"""Input files: expanding folders and reading bytes (the only file I/O of the ingest stage)."""
from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from kg.errors import InputError
from kg.settings import INPUT_SUFFIXES

FIX_PATH = "check the path; give existing files or folders"
# Files that document a folder rather than hold an article (README.md next to the inputs).
FOLDER_DOC_STEMS = frozenset({"readme", "license", "licence", "changelog"})


def is_input_name(name: str) -> bool:
    """True for a file name to take from a folder: visible, one of ``INPUT_SUFFIXES`` (any
    letter case), and not a folder's README/LICENSE/CHANGELOG."""
    path = Path(name)
    return (
        not name.startswith(".")
        and path.suffix.lower() in INPUT_SUFFIXES
        and path.stem.lower() not in FOLDER_DOC_STEMS
    )


def walk_folder(root: Path) -> list[Path]:
    """Input files under ``root``, recursively, hidden files and folders skipped, sorted."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found.extend(Path(folder, name) for name in names if is_input_name(name))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def expand_path(given: str | Path) -> list[tuple[str, Path]]:
    """``[(label, path)]`` for one argument: the input files of a folder, else the path as given.

    A path that is no folder is kept even when it does not exist or is no regular file, so
    that reading it reports it by name (``read_limited``) while the other inputs go on.
    """
    path = Path(given)
    if path.is_dir():
        return [(str(p), p) for p in walk_folder(path)]
    return [(str(given), path)]


def iter_input_files(paths: Sequence[str | Path]) -> list[tuple[str, Path]]:
    """Files to ingest, in argument order then sorted folder order; each file once.

    Folders are expanded recursively to files with ``INPUT_SUFFIXES`` (hidden files and
    folders, README/LICENSE/CHANGELOG skipped); files named explicitly are always kept. Labels
    are the paths as given (``seeds/000.txt`` for a file found in ``seeds``).

    Never raises: a path that does not exist is listed as given, and reading it raises the
    ``InputError`` that names it (``kg build good/ missing/`` builds ``good/`` and reports
    ``missing/``).
    """
    seen: set[Path] = set()
    out: list[tuple[str, Path]] = []
    for given in paths:
        for label, path in expand_path(given):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append((label, path))
    return out


def _os_error(name: str, err: OSError) -> InputError:
    """The ``InputError`` for an OS error met while reading ``name``."""
    if isinstance(err, FileNotFoundError):
        return InputError(f"{name}: no such file or folder", fix=FIX_PATH)
    return InputError(f"{name}: cannot be read ({err.strerror})", fix="check its permissions")


def megabytes(size: int) -> str:
    """``size`` bytes in MB for messages.

    >>> megabytes(209_715_200), megabytes(20_000_000), megabytes(1_500)
    ('209.7 MB', '20 MB', '0.0015 MB')
    """
    return f"{size / 1e6:.4g} MB"


def _too_big(name: str, max_bytes: int, size: int | None = None) -> InputError:
    """The ``InputError`` for a file over the size limit (``size`` when known)."""
    what = f"{megabytes(size)} is more" if size is not None else "more"
    return InputError(
        f"{name}: {what} than the limit of {megabytes(max_bytes)} for one article",
        fix="split it into one file per article (or raise Settings.max_file_bytes)",
    )


def _check_regular(path: Path, name: str, max_bytes: int) -> None:
    """Raise unless ``path`` is a regular file of at most ``max_bytes`` (one ``stat``, no read:
    a huge file is refused without being read, a FIFO or device is never opened)."""
    try:
        info = path.stat()
    except OSError as err:
        raise _os_error(name, err) from err
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a folder, not a file", fix="give the folder itself or the files in it")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a regular file (a device, pipe or socket)", fix=FIX_PATH)
    if info.st_size > max_bytes:
        raise _too_big(name, max_bytes, info.st_size)


def read_limited(path: Path, *, name: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing files larger than ``max_bytes`` before reading them.

    Never holds more than ``max_bytes + 1`` bytes, even for a file that grows while it is read.

    Raises ``InputError`` naming ``name`` if the file is missing, a folder, not a regular file,
    unreadable or too big.
    """
    _check_regular(path, name, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise _os_error(name, err) from err
    if len(data) > max_bytes:  # the file grew after stat()
        raise _too_big(name, max_bytes)
    return data
