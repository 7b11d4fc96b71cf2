"""The explorer in a real browser: headless Chromium, file:// page, network off.

Search by a short and a full name, click a node and an edge, use the type and park filters,
make sure hostile article text stays text, and time the first draw of a 10,000-node graph.
Skips (with the reason) only where Playwright or Chromium is missing.
"""
from __future__ import annotations

import random

import pytest

from kg.viz import Edge, Evidence, GraphData, Node, graph_data
from kg.viz.explorer import explorer_html
from tests.viz import browser as b
from tests.viz.samples import XSS_NAME, XSS_SENTENCE, XSS_TITLE

pytestmark = pytest.mark.skipif(b.skip_reason() is not None, reason=str(b.skip_reason()))

FIRST_DRAW_LIMIT_MS = 3000
LARGE_NODES, LARGE_EDGES = 10_000, 15_000


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = b.launch(pw)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def small_page(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "图谱.html"
    path.write_text(explorer_html(graph_data(store), title="园区图谱"), encoding="utf-8")
    return path


@pytest.fixture()
def opened(chromium, small_page):
    page, log = b.offline_page(chromium)
    b.open_explorer(page, small_page)
    b.wait_still(page)
    yield page, log
    page.close()


def _node(page, name: str) -> int:
    return page.evaluate("""name => {
        const data = JSON.parse(document.getElementById('kg-data').textContent);
        return data.nodes.findIndex(n => n.names[0] === name);
    }""", name)


def _edge(page, relation: str) -> int:
    return page.evaluate("""rel => {
        const data = JSON.parse(document.getElementById('kg-data').textContent);
        return data.edges.findIndex(e => e.rel === rel);
    }""", relation)


def _panel(page) -> str:
    return page.inner_text("#kg-panel-body")


def _hidden(page, node: int) -> bool:
    return bool(page.evaluate("i => !!network.body.data.nodes.get(i).hidden", node))


# --- the small hand-built graph ------------------------------------------------------------


def test_page_draws_offline_without_errors(opened):
    page, log = opened
    assert log.blocked == [] and log.errors == [] and log.dialogs == []
    assert page.title() == "园区图谱"
    assert page.evaluate("network.body.data.nodes.length") == 8


@pytest.mark.parametrize("query", ["某某科技", "杭州某某科技股份有限公司", " 某某 科技 "])
def test_search_finds_an_entity_by_any_name(opened, query):
    page, _ = opened
    b.search(page, query)
    assert page.inner_text("#kg-panel-body .kg-heading") == "杭州某某科技股份有限公司"
    company = _node(page, "杭州某某科技股份有限公司")
    assert page.evaluate("network.getSelectedNodes()") == [company]


def test_click_on_a_node_shows_names_type_facts_evidence_and_source_link(opened, tmp_path):
    page, log = opened
    b.search(page, "某某智能制造项目")
    page.click("#kg-search-input")                       # nothing selected by the click
    page.evaluate("document.getElementById('kg-panel-body').replaceChildren()")
    x, y = b.node_screen_xy(page, _node(page, "某某智能制造项目"))
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel-body .kg-heading")
    text = _panel(page)
    assert "某某智能制造项目" in text and "项目 · Project" in text
    assert "投资额：近16.5亿元（签约）" in text and "签约日期：2024-01-19" in text
    assert "项目总投资近16.5亿元。" in text and "2024年1月19日，某某智能制造项目正式签约。" in text
    b.search(page, "某某科技")
    x, y = b.node_screen_xy(page, _node(page, "杭州某某科技股份有限公司"))
    page.mouse.click(x, y)
    links = page.eval_on_selector_all(
        "#kg-panel-body a", "as => as.map(a => [a.textContent, a.href, a.rel, a.target])")
    assert ["《某某小镇迎来新企业》 2023-05-05 seeds/001.txt",
            "file:///srv/news/%E6%9F%90%E6%9F%90/001.txt", "noopener noreferrer", "_blank"] in links
    page.screenshot(path=str(tmp_path / "node.png"))
    assert log.errors == [] and log.blocked == []


def test_click_on_an_edge_shows_its_evidence_sentence(opened):
    page, _ = opened
    page.evaluate("network.moveTo({scale: 1.5, position: network.getPosition(%d)})"
                  % _node(page, "张某某"))
    x, y = b.edge_screen_xy(page, _edge(page, "worksFor"))
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel-body .kg-heading")
    text = _panel(page)
    assert "张某某 任职 杭州某某科技股份有限公司" in text
    assert "职务：总经理" in text
    assert "张某某任杭州某某科技股份有限公司总经理。" in text


def test_type_and_park_filters_hide_nodes(opened, tmp_path):
    page, _ = opened
    person, org = _node(page, "张某某"), _node(page, "某某市经信局")
    page.uncheck("#kg-legend input[value='Person']")
    assert _hidden(page, person) and not _hidden(page, org)
    assert page.inner_text("#kg-stats") == "显示 7 / 8 个节点 · 6 / 7 条关系"
    page.check("#kg-legend input[value='Person']")
    page.select_option("#kg-park-filter", label="某某小镇（7）")
    assert _hidden(page, org) and not _hidden(page, person)
    assert page.inner_text("#kg-stats") == "显示 7 / 8 个节点 · 7 / 7 条关系"
    page.wait_for_timeout(500)
    page.screenshot(path=str(tmp_path / "park.png"))
    page.select_option("#kg-park-filter", value="")
    assert not _hidden(page, org)


def test_hostile_article_text_is_shown_not_run(opened):
    page, log = opened
    b.search(page, "<img")
    x, y = b.node_screen_xy(page, _node(page, XSS_NAME))
    page.mouse.move(x, y)                                 # tooltip
    page.wait_for_timeout(400)
    page.mouse.click(x, y)                                # panel
    page.wait_for_selector("#kg-panel-body .kg-heading")
    text = _panel(page)
    assert XSS_NAME in text and XSS_SENTENCE in text and f"《{XSS_TITLE}》" in text
    assert log.dialogs == [] and log.errors == [] and log.blocked == []
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 5   # pyvis ×2, vis-network, data, ours
    assert page.evaluate("[...document.querySelectorAll('#kg-panel-body a')]"
                         ".every(a => a.protocol === 'file:')")


# --- a 10,000-node graph -----------------------------------------------------------------


def large_graph(n_nodes: int = LARGE_NODES, n_edges: int = LARGE_EDGES, seed: int = 0
                ) -> GraphData:
    """Invented Chinese names, one alias and one evidence sentence per relation."""
    types = ("Park", "Company", "Organization", "Project", "Person", "Place")
    rng = random.Random(seed)
    nodes = tuple(Node(id=f"urn:n{i}", type=types[i % 6], label=f"杭州第{i}号单位",
                       aliases=(f"第{i}号",)) for i in range(n_nodes))
    edges = tuple(Edge(head=f"urn:n{rng.randrange(n_nodes)}", tail=f"urn:n{rng.randrange(n_nodes)}",
                       relation=("locatedIn", "investsIn", "worksFor")[j % 3], confidence=0.8,
                       evidence=(Evidence(f"第{j}条：双方签署合作协议，共同推进园区建设。"),))
                  for j in range(n_edges))
    return GraphData(nodes=nodes, edges=edges)


REDRAW = "() => { const t = performance.now(); network.redraw(); return performance.now() - t; }"
SEARCH = """query => {
    const t = performance.now();
    document.getElementById('kg-search-input').value = query;
    document.getElementById('kg-search-button').click();
    return performance.now() - t;
}"""


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(explorer_html(large_graph()), encoding="utf-8")
    return path


@pytest.mark.slow
def test_ten_thousand_nodes_draw_within_three_seconds(chromium, large_page):
    """Best of two loads: the machine running the suite may be busy with other work (the
    times of both loads are in the failure message)."""
    times = []
    for _ in range(2):
        page, log = b.offline_page(chromium)
        times.append(b.open_explorer(page, large_page))
        assert page.evaluate("network.body.data.nodes.length") == LARGE_NODES
        assert log.errors == [] and log.blocked == []
        page.close()
        if times[-1] < FIRST_DRAW_LIMIT_MS:
            break
    assert min(times) < FIRST_DRAW_LIMIT_MS, f"first draws after {times} ms"


@pytest.mark.slow
def test_ten_thousand_nodes_stay_responsive(chromium, large_page):
    page, log = b.offline_page(chromium)
    b.open_explorer(page, large_page)
    search_ms = page.evaluate(SEARCH, "第4321号")      # find, fill the panel, move the view
    assert page.inner_text("#kg-panel-body .kg-heading") == "杭州第4321号单位"
    assert search_ms < 500
    assert page.evaluate("network.getScale()") == pytest.approx(1.2)   # no slow animation
    page.wait_for_timeout(400)                                          # edge labels in view
    labelled = page.evaluate("network.body.data.edges.get({filter: e => !!e.label}).length")
    assert 0 < labelled <= 1000
    assert page.evaluate(REDRAW) < 1000
    page.evaluate("network.moveTo({scale: 0.1})")
    assert page.evaluate(REDRAW) < 1000
    page.uncheck("#kg-legend input[value='Person']")
    assert page.inner_text("#kg-stats").startswith("显示 8334 / 10000 个节点")
    assert log.errors == [] and log.blocked == []
    page.close()
