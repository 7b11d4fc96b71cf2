"""Input files: expanding folders and reading bytes (the only file I/O of the ingest stage)."""
from __future__ import annotations

import os
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
    """``[(label, path)]`` for one argument: a file as given, or the input files of a folder.

    Raises ``InputError`` naming ``given`` if it does not exist or is not a file or folder.
    """
    path = Path(given)
    if path.is_dir():
        return [(str(p), p) for p in walk_folder(path)]
    if path.is_file():
        return [(str(given), path)]
    problem = "not a file or folder" if path.exists() else "no such file or folder"
    raise InputError(f"{given}: {problem}", fix=FIX_PATH)


def iter_input_files(paths: Sequence[str | Path]) -> list[tuple[str, Path]]:
    """Files to ingest, in argument order then sorted folder order; each file once.

    Folders are expanded recursively to files with ``INPUT_SUFFIXES`` (hidden files and
    folders, README/LICENSE/CHANGELOG skipped); files named explicitly are always kept. Labels are the paths as given
    (``seeds/000.txt`` for a file found in ``seeds``).

    Raises ``InputError`` naming the first path that does not exist.
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
        return InputError(f"{name}: no such file", fix=FIX_PATH)
    if isinstance(err, IsADirectoryError):
        return InputError(f"{name}: is a folder, not a file", fix="give the files in it")
    return InputError(f"{name}: cannot be read ({err.strerror})", fix="check its permissions")


def _too_big(name: str, max_bytes: int) -> InputError:
    """The ``InputError`` for a file over the size limit."""
    return InputError(
        f"{name}: larger than the limit of {max_bytes} bytes",
        fix="split the file into smaller articles (or raise max_file_bytes)",
    )


def read_limited(path: Path, *, name: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing files larger than ``max_bytes`` before reading them.

    Raises ``InputError`` naming ``name`` if the file is missing, a folder, unreadable or too big.
    """
    try:
        if path.is_dir():
            raise IsADirectoryError(name)
        if path.stat().st_size > max_bytes:
            raise _too_big(name, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise _os_error(name, err) from err
    if len(data) > max_bytes:  # the file grew after stat()
        raise _too_big(name, max_bytes)
    return data
