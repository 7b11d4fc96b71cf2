"""`kg view`: the whole graph, or the neighbourhood of one entity (--focus NAME --hops N)."""
from __future__ import annotations

import json
import re

import pytest

from kg.cli import main

pytestmark = pytest.mark.slow        # builds the store from seeds/ (once per session)


def _nodes(path) -> list[dict]:
    html = path.read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))["nodes"]


def test_focus_and_hops_limit_the_page_to_a_neighbourhood(seed_store, tmp_path, capsys):
    pages = {}
    for hops in (0, 1, 2):
        out = tmp_path / f"hops{hops}.html"
        assert main(["view", "--store", str(seed_store), "-o", str(out),
                     "--focus", "大创小镇", "--hops", str(hops)]) == 0
        pages[hops] = _nodes(out)
    assert "wrote" in capsys.readouterr().out
    assert [n["names"][0] for n in pages[0]] == ["大创小镇"]
    sizes = [len(pages[h]) for h in (0, 1, 2)]
    assert sizes[0] < sizes[1] < sizes[2]
    whole = tmp_path / "all.html"
    assert main(["view", "--store", str(seed_store), "-o", str(whole)]) == 0
    assert sizes[2] < len(_nodes(whole))


def test_focus_by_a_short_name_finds_the_same_entity(seed_store, tmp_path):
    pages = []
    for name in ("杭州松下马达有限公司", "松下马达"):
        out = tmp_path / f"{name}.html"
        assert main(["view", "--store", str(seed_store), "-o", str(out), "--focus", name,
                     "--hops", "0"]) == 0
        pages.append(_nodes(out))
    assert pages[0] == pages[1]
    assert len(pages[0]) == 1 and pages[0][0]["names"][0] == "杭州松下马达有限公司"
    assert "松下马达" in pages[0][0]["names"]


def test_unknown_focus_is_a_one_line_error(seed_store, tmp_path, capsys):
    out = tmp_path / "none.html"
    assert main(["view", "--store", str(seed_store), "-o", str(out), "--focus", "没有这个园区"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "没有这个园区" in err and "Traceback" not in err
    assert not out.exists()
