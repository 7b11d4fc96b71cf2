"""kg.ingest.files: expanding inputs, size-limited reading."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_input_files
from kg.ingest.files import read_limited


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder ``in/`` with inputs, other files and hidden ones; cwd is ``tmp_path``."""
    files = [
        "in/b.txt", "in/a.md", "in/A.HTM", "in/sub/c.html", "in/sub/deeper/d.txt",
        "in/notes.pdf", "in/.hidden.txt", "in/.git/e.txt", "in/data.json", "single.data",
        "in/README.md", "in/sub/license.txt",
    ]
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("园区", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def labels(paths: list) -> list[str]:
    return [label for label, _ in iter_input_files(paths)]


def test_folders_expand_recursively_sorted_without_hidden_files(tree: Path) -> None:
    assert labels(["in"]) == [
        "in/A.HTM", "in/a.md", "in/b.txt", "in/sub/c.html", "in/sub/deeper/d.txt",
    ]


def test_explicit_files_are_kept_whatever_their_suffix_or_name(tree: Path) -> None:
    assert labels(["single.data", "in/notes.pdf", "in/README.md"]) == [
        "single.data", "in/notes.pdf", "in/README.md",
    ]


def test_argument_order_is_kept_and_each_file_given_once(tree: Path) -> None:
    found = iter_input_files(["in/sub", Path("in/b.txt"), "in", "./in/b.txt"])
    assert [label for label, _ in found] == [
        "in/sub/c.html", "in/sub/deeper/d.txt", "in/b.txt", "in/A.HTM", "in/a.md",
    ]
    assert all(isinstance(path, Path) and path.is_file() for _, path in found)
    assert iter_input_files(["in/sub", "in/b.txt", "in"]) == found[:3] + found[3:]


def test_absolute_folder_gives_absolute_labels(tree: Path) -> None:
    assert labels([tree / "in" / "sub"]) == [
        str(tree / "in" / "sub" / "c.html"), str(tree / "in" / "sub" / "deeper" / "d.txt"),
    ]


def test_missing_path_is_kept_and_reading_it_names_it(tree: Path) -> None:
    found = iter_input_files(["no/such 文件.txt", "in/b.txt", "gone/"])
    assert [label for label, _ in found] == ["no/such 文件.txt", "in/b.txt", "gone/"]
    for label, path in (found[0], found[2]):
        with pytest.raises(InputError) as caught:
            read_limited(path, name=label, max_bytes=100)
        assert f"{label}: no such file or folder" in str(caught.value) and caught.value.fix


def test_empty_argument_list() -> None:
    assert iter_input_files([]) == []


def test_read_limited(tree: Path) -> None:
    assert read_limited(Path("in/b.txt"), name="in/b.txt", max_bytes=6) == "园区".encode()
    for path, max_bytes, message in [
        ("in/b.txt", 5, "split"),
        ("in", 100, "folder"),
        ("gone.txt", 100, "no such file"),
        ("/dev/null", 100, "not a regular file"),
    ]:
        with pytest.raises(InputError) as caught:
            read_limited(Path(path), name=path, max_bytes=max_bytes)
        assert path in str(caught.value) and message in str(caught.value)


def test_huge_file_is_refused_by_size_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write("园区".encode())
        handle.truncate(200 * 2**20)                       # sparse: 200 MiB on no disk
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("a huge file was opened"))
    with pytest.raises(InputError) as caught:
        read_limited(huge, name="in/huge.txt", max_bytes=20_000_000)
    message = str(caught.value)
    assert message.startswith("E100 in/huge.txt: 209.7 MB is more than the limit of 20 MB")
    assert "split it" in message and "max_file_bytes" in message


def test_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)                                     # opening it would block forever
    with pytest.raises(InputError, match="pipe.txt: not a regular file"):
        read_limited(fifo, name="pipe.txt", max_bytes=100)


def test_a_file_that_grows_after_stat_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)
    real_open = Path.open

    def grow_then_open(self: Path, *args, **kwargs):
        with real_open(self, "ab") as handle:
            handle.write(b"x" * 1000)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", grow_then_open)
    with pytest.raises(InputError, match="more than the limit"):
        read_limited(path, name="a.txt", max_bytes=100)


def test_unreadable_file_names_the_os_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=r"a.txt: cannot be read \(Permission denied\)"):
        read_limited(path, name="a.txt", max_bytes=100)
