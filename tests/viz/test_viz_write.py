"""write_explorer writes exactly one UTF-8 file and nothing into the working directory."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg.viz.explorer  # noqa: F401  (imported before the tests change the cwd)
from kg.errors import QueryError
from kg.viz import write_explorer


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_writes_only_the_output_file(store, tmp_path, monkeypatch):
    cwd, out_dir = tmp_path / "cwd", tmp_path / "out"
    cwd.mkdir()
    out_dir.mkdir()
    monkeypatch.chdir(cwd)
    out = write_explorer(store, out_dir / "图谱.html", title="测试")
    assert out == out_dir / "图谱.html"
    assert _tree(cwd) == set()
    assert _tree(out_dir) == {"图谱.html"}
    text = out.read_bytes().decode("utf-8")          # strict UTF-8
    assert "杭州某某科技股份有限公司" in text and '<meta charset="utf-8">' in text


def test_relative_output_goes_to_the_working_directory_only(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_explorer(store, Path("sub/kg.html"), focus="某某小镇")
    assert _tree(tmp_path) == {"sub", "sub/kg.html"}


def test_unknown_focus_writes_nothing(store, tmp_path):
    with pytest.raises(QueryError):
        write_explorer(store, tmp_path / "x.html", focus="没有这个名字")
    assert _tree(tmp_path) == set()


def test_importing_kg_viz_does_not_import_pyvis():
    code = "import sys, kg.viz; assert 'pyvis' not in sys.modules, 'pyvis imported'"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
