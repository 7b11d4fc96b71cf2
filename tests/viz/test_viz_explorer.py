"""explorer_html: an offline UTF-8 page, styled by type, where article text cannot run code."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.viz import Edge, GraphData, Node, graph_data
from kg.viz.explorer import LAYOUT_MIN_NODES, PHYSICS_MAX_NODES, explorer_html
from kg.viz.style import TYPE_STYLES

XSS = ("<script>alert(1)</script>", "<img src=x onerror", "</script><script>alert(2)")


@pytest.fixture(scope="module")
def html(store) -> str:
    return explorer_html(graph_data(store), title="园区 <b>图谱</b>")


def _vis_data(html: str, name: str) -> list:
    raw = re.search(name + r" = new vis\.DataSet\((.*?)\);\n", html).group(1)
    return json.loads(raw)


def _kg_data(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


def test_declares_utf8_first(html):
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    assert html.count("<meta charset") == 1


def test_no_external_resources(html):
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert "bootstrap" not in html.lower()
    assert "cdnjs" not in html and "jsdelivr" not in html


def test_vis_network_is_inlined(html):
    lib = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"
    assert (lib / "vis-network.min.js").read_text(encoding="utf-8")[:2000] in html
    assert (lib / "vis-network.css").read_text(encoding="utf-8")[:2000] in html


def test_chinese_labels_and_relation_names(html):
    labels = {n["label"] for n in _vis_data(html, "nodes")}
    assert {"杭州某某科技股份有限公司", "某某小镇", "张某某", "浙江省科技进步奖"} <= labels
    assert "杭州某某科技股份有限公司" in html          # readable UTF-8, not \\u escapes
    assert {e["label"] for e in _vis_data(html, "edges")} == {"位于", "投资", "任职", "获奖"}


def test_nodes_coloured_and_shaped_by_type_sized_by_degree(html):
    nodes = {n["label"]: n for n in _vis_data(html, "nodes")}
    company, award = nodes["杭州某某科技股份有限公司"], nodes["浙江省科技进步奖"]
    assert (company["color"], company["shape"]) == (TYPE_STYLES["Company"].color, "dot")
    assert (award["color"], award["shape"]) == (TYPE_STYLES["Award"].color, "star")
    assert nodes["某某小镇"]["shape"] == "hexagon"
    assert company["size"] > award["size"]                # degree 5 vs 1
    assert len({TYPE_STYLES[t].shape for t in TYPE_STYLES if t != "Other"}) == 7


def test_legend_lists_every_type_in_chinese(html):
    legend = re.search(r'<ul id="kg-legend".*?</ul>', html, re.S).group()
    for name in ("园区", "企业", "机构", "项目", "人物", "地点", "奖项"):
        assert name in legend
    assert "其他" not in legend                           # no untyped node here


def test_search_box_and_details_panel(html):
    assert 'id="kg-search-input"' in html and 'id="kg-search-button"' in html
    assert 'id="kg-panel"' in html


def test_title_is_escaped(html):
    assert "<title>园区 &lt;b&gt;图谱&lt;/b&gt;</title>" in html
    assert "<b>图谱</b>" not in html


@pytest.mark.parametrize("needle", XSS)
def test_article_text_never_appears_unescaped(html, needle):
    assert needle not in html


def test_article_text_survives_inside_the_json(html):
    data = _kg_data(html)
    names = [n for node in data["nodes"] for n in node["names"]]
    assert "<img src=x onerror=alert(1)>" in names
    sentences = [ev[0] for e in data["edges"] for ev in e["evidence"]]
    assert "<script>alert(1)</script>" in sentences
    assert ["</script><script>alert(2)</script>标题", "seeds/003.txt", None, None] in data["docs"]


def test_no_html_tooltips_and_no_inner_html(html):
    assert all("title" not in n for n in _vis_data(html, "nodes"))
    assert all("title" not in e for e in _vis_data(html, "edges"))
    ours = html[html.index('<script type="application/json"'):]
    assert "innerHTML" not in ours


def test_details_carry_facts_roles_and_evidence(html):
    data = _kg_data(html)
    project = next(n for n in data["nodes"] if n["names"][0] == "某某智能制造项目")
    assert project["facts"] == ["投资额：近16.5亿元（签约）", "签约日期：2024-01-19"]
    sentences = [ev[0] for ev in project["evidence"]]
    assert sentences == ["项目总投资近16.5亿元。", "2024年1月19日，某某智能制造项目正式签约。"]
    works = next(e for e in data["edges"] if e["rel"] == "worksFor")
    assert (works["roles"], works["conf"]) == (["总经理"], 0.9)
    assert data["docs"][works["evidence"][0][1]] == [
        "某某小镇迎来新企业", "seeds/001.txt", "file:///srv/news/%E6%9F%90%E6%9F%90/001.txt",
        "2023-05-05"]


def test_small_graph_uses_short_physics(html):
    options = json.loads(re.search(r"var options = (\{.*?\});\n", html).group(1))
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] <= 200
    assert all("x" not in n for n in _vis_data(html, "nodes"))


def _synthetic(n: int) -> GraphData:
    nodes = tuple(Node(id=f"urn:n{i}", type="Company", label=f"企业{i}") for i in range(n))
    edges = tuple(Edge(head=f"urn:n{i}", tail=f"urn:n{(i * 7 + 1) % n}", relation="investsIn")
                  for i in range(n))
    return GraphData(nodes=nodes, edges=edges)


def test_medium_graph_starts_physics_from_precomputed_positions():
    html = explorer_html(_synthetic(LAYOUT_MIN_NODES + 20))
    options = json.loads(re.search(r"var options = (\{.*?\});\n", html).group(1))
    assert options["physics"]["enabled"] is True
    assert options["layout"]["improvedLayout"] is False
    assert all("x" in v and "y" in v for v in _vis_data(html, "nodes"))


def test_large_graph_has_positions_straight_edges_and_no_physics():
    n = PHYSICS_MAX_NODES + 20
    html = explorer_html(_synthetic(n))
    options = json.loads(re.search(r"var options = (\{.*?\});\n", html).group(1))
    assert options["physics"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False
    vis_nodes = _vis_data(html, "nodes")
    assert all(isinstance(v["x"], int) and isinstance(v["y"], int) for v in vis_nodes)
    assert len({(v["x"], v["y"]) for v in vis_nodes}) > n * 0.9
    assert all("label" not in e for e in _vis_data(html, "edges"))   # labelled in view only
    assert _kg_data(html)["lazyEdgeLabels"] is True


def test_small_graph_edges_carry_their_labels(html):
    assert all(e["label"] for e in _vis_data(html, "edges"))
    assert _kg_data(html)["lazyEdgeLabels"] is False


def test_first_draw_is_recorded_right_after_the_network_is_created(html):
    created = html.index("network = new vis.Network(container, data, options);")
    assert html.index('network.once("afterDrawing"', created) - created < 80


def test_filters_in_the_header(html):
    assert '<select id="kg-park-filter"' in html
    legend = re.search(r'<ul id="kg-legend".*?</ul>', html, re.S).group()
    assert legend.count('class="kg-type-filter"') == 7 and legend.count(" checked>") == 7
    parks = _kg_data(html)["parks"]
    names = [n["names"][0] for n in _kg_data(html)["nodes"]]
    assert [names[p["node"]] for p in parks] == ["某某小镇"]
    assert "某某市经信局" not in [names[i] for i in parks[0]["members"]]


def test_control_characters_in_labels_are_flattened():
    node = Node(id="urn:x", type="Place", label="某某\u2028小镇\n东区")
    html = explorer_html(GraphData(nodes=(node,), edges=()))
    assert _vis_data(html, "nodes")[0]["label"] == "某某 小镇 东区"
    assert "\u2028" not in html


def test_edge_to_unknown_node_is_refused():
    with pytest.raises(ValueError, match="urn:missing"):
        explorer_html(GraphData(nodes=(Node(id="urn:a", type="Park", label="甲"),),
                                edges=(Edge(head="urn:a", tail="urn:missing",
                                            relation="locatedIn"),)))


def test_empty_graph_still_renders():
    html = explorer_html(GraphData(nodes=(), edges=()))
    assert "0 个节点 · 0 条关系" in html
