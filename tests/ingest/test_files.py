"""kg.ingest.files: expanding inputs, size-limited reading."""
from __future__ import annotations

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


def test_missing_path_raises_input_error_naming_it(tree: Path) -> None:
    with pytest.raises(InputError) as caught:
        iter_input_files(["in", "no/such 文件.txt"])
    assert "no/such 文件.txt" in str(caught.value) and caught.value.fix


def test_empty_argument_list() -> None:
    assert iter_input_files([]) == []


def test_read_limited(tree: Path) -> None:
    assert read_limited(Path("in/b.txt"), name="in/b.txt", max_bytes=6) == "园区".encode()
    for path, max_bytes, message in [
        ("in/b.txt", 5, "split"),
        ("in", 100, "folder"),
        ("gone.txt", 100, "no such file"),
    ]:
        with pytest.raises(InputError) as caught:
            read_limited(Path(path), name=path, max_bytes=max_bytes)
        assert path in str(caught.value) and message in str(caught.value)
