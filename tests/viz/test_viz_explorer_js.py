"""The page's JavaScript, run under Node with a fake DOM and a fake vis Network.

Fast checks of the pure functions and the wiring: the scripts parse, search finds nodes by
any name, filters pick nodes by type and park, links are only file:/http(s):, and tooltips and
the panel are built with textContent only. The real page is tested in headless Chromium in
``test_viz_browser.py``.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kg.viz import graph_data
from kg.viz.explorer import explorer_html

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

FAKE_PAGE = r"""
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const json = html.match(/<script type="application\/json" id="kg-data">([\s\S]*?)<\/script>/)[1];
const scripts = [...html.matchAll(/<script>\n([\s\S]*?)\n<\/script>/g)].map(m => m[1]);
const created = [];
class El {
  constructor(tag, doc) { this.tagName = tag; this.ownerDocument = doc; this.children = [];
    this.style = {}; this.listeners = {}; this._text = ""; created.push(tag); }
  set innerHTML(v) { throw new Error("innerHTML used"); }
  set outerHTML(v) { throw new Error("outerHTML used"); }
  insertAdjacentHTML() { throw new Error("insertAdjacentHTML used"); }
  set textContent(v) { this._text = String(v); this.children = []; }
  get textContent() { return this._text + this.children.map(c => c.textContent).join("|"); }
  appendChild(c) { this.children.push(c); return c; }
  replaceChildren() { this.children = []; this._text = ""; }
  addEventListener(name, fn) { this.listeners[name] = fn; }
  setAttribute(k, v) { this.attrs = Object.assign(this.attrs || {}, { [k]: String(v) }); }
  querySelectorAll() { return this.inputs || []; }
  get offsetWidth() { return 100; } get offsetHeight() { return 50; }
  get clientWidth() { return 800; } get clientHeight() { return 600; }
}
const doc = { els: {} };
doc.createElement = tag => new El(tag, doc);
doc.getElementById = id => {
  if (id === "kg-data") return { textContent: json };
  return doc.els[id] || (doc.els[id] = new El("div", doc));
};
const handlers = {};
const calls = [];
const updates = { nodes: [], edges: [] };
doc.getElementById("kg-legend").inputs = ["Park", "Company", "Person", "Place", "Project",
  "Organization", "Award"].map(t => Object.assign(new El("input", doc), { value: t, checked: true }));
doc.getElementById("kg-park-filter").value = "";
doc.getElementById("kg-stats").textContent = "8 个节点 · 7 条关系";
created.length = 0;                                   // count only what the page creates
globalThis.document = doc;
globalThis.network = {
  on: (n, f) => { (handlers[n] = handlers[n] || []).push(f); },
  once: (n, f) => { (handlers[n] = handlers[n] || []).push(f); },
  selectNodes: ids => calls.push(["select", ids]),
  focus: (id, o) => calls.push(["focus", id]),
  setOptions: o => calls.push(["options", o]),
  redraw: () => fire("afterDrawing", {}),     // (not called by the page)
  fit: o => calls.push(["fit", o.nodes.length]),
  body: { data: { nodes: { update: c => updates.nodes.push(...c) },
                  edges: { update: c => updates.edges.push(...c) } } },
};
globalThis.window = globalThis;
function fire(n, p) { (handlers[n] || []).forEach(f => f(p)); }
globalThis.kgFirstDrawMs = 123.5;                     // set by the hook in pyvis's script
scripts.forEach(code => (0, eval)(code));
const api = window.kgExplorer;
const data = JSON.parse(json);
const nameOf = i => data.nodes[i].names[0];
const index = api.buildIndex(data.nodes);
const out = { search: {}, created, drawn: doc.els.mynetwork.attrs };
out.hrefs = ["file:///a/b.txt", "https://example.org/x", "javascript:alert(1)", "data:text/html,x",
  " javascript:alert(1)", null].map(api.safeHref);
const parkOf = name => data.parks.findIndex(p => nameOf(p.node) === name);
out.parkOptions = doc.els["kg-park-filter"].children.map(o => [o.value, o.textContent]);
out.visible = {
  people: api.visibleNodes(data, new Set(["Person"]), null).map((v, i) => v && nameOf(i)).filter(Boolean),
  park: api.visibleNodes(data, new Set(data.nodes.map(n => n.type)), parkOf("某某小镇"))
    .map((v, i) => v && nameOf(i)).filter(Boolean).sort(),
};
doc.getElementById("kg-legend").inputs.find(b => b.value === "Person").checked = false;
doc.getElementById("kg-legend").inputs[0].listeners.change();
out.afterTypeFilter = { nodes: updates.nodes.slice(), edges: updates.edges.slice(),
  stats: doc.els["kg-stats"].textContent };
doc.els["kg-park-filter"].value = String(parkOf("某某小镇"));
doc.els["kg-park-filter"].listeners.change();
out.afterParkFilter = { hidden: updates.nodes.filter(u => u.hidden).map(u => nameOf(u.id)).sort(),
  stats: doc.els["kg-stats"].textContent };
for (const q of ["某某", " 某某 科技", "小镇", "ＡＢＣ", "<img", "不存在"]) {
  out.search[q] = api.findNodes(index, q).map(nameOf);
}
const company = api.findNodes(index, "某某科技")[0];
const evil = api.findNodes(index, "<script>alert(1)</script>")[0];
out.company = api.describeNode(data, api.incidence(data), company);
fire("hoverNode", { node: evil, pointer: { DOM: { x: 790, y: 10 } } });
const tip = doc.els.mynetwork.children[0];
out.tip = { text: tip.textContent, hidden: tip.hidden, left: tip.style.left };
fire("blurNode", {});
out.tipHidden = tip.hidden;
fire("click", { nodes: [], edges: [data.edges.findIndex(e => e.rel === "worksFor")] });
out.panelEdge = doc.els["kg-panel-body"].textContent;
doc.els["kg-search-input"].value = "张某某";           // hidden by the type filter
doc.els["kg-search-button"].listeners.click();
out.afterHiddenSearch = { stats: doc.els["kg-stats"].textContent,
  park: doc.els["kg-park-filter"].value };
doc.els["kg-search-input"].value = "某某";
doc.els["kg-search-button"].listeners.click();
out.panelSearch = doc.els["kg-panel-body"].textContent;
out.panelLinks = [];
(function walk(el) { if (el.tagName === "a") out.panelLinks.push([el.textContent, el.href, el.rel]);
  (el.children || []).forEach(walk); })(doc.els["kg-panel-body"]);
doc.els["kg-search-button"].listeners.click();       // same query: next hit
doc.els["kg-search-input"].value = "没有";
doc.els["kg-search-input"].listeners.keydown({ key: "Enter" });
out.status = doc.els["kg-search-status"].textContent;
fire("stabilizationIterationsDone", {});
out.calls = calls;
out.firstDrawMs = api.firstDrawMs;
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("js") / "page.html"
    path.write_text(explorer_html(graph_data(store)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def run(page, tmp_path_factory):
    script = tmp_path_factory.mktemp("js") / "fake_page.js"
    script.write_text(FAKE_PAGE, encoding="utf-8")
    done = subprocess.run([NODE, str(script), str(page)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_inline_script_parses(page, tmp_path):
    html = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?: type=\"text/javascript\")?>(.*?)</script>", html, re.S)
    assert len(scripts) == 4        # pyvis utils, vis-network, pyvis drawGraph, ours
    for i, code in enumerate(scripts):
        file = tmp_path / f"s{i}.js"
        file.write_text(code, encoding="utf-8")
        done = subprocess.run([NODE, "--check", str(file)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr


def test_search_by_label_alias_and_part_of_a_name(run):
    assert run["search"]["某某"] == ["杭州某某科技股份有限公司"]           # exact alias
    assert run["search"][" 某某 科技"] == ["杭州某某科技股份有限公司"]      # spaces ignored
    assert run["search"]["小镇"] == ["某某小镇"]                           # substring
    assert run["search"]["<img"] == ["<img src=x onerror=alert(1)>"]
    assert run["search"]["不存在"] == []


def test_node_description_has_names_facts_and_evidence(run):
    company = run["company"]
    assert company["heading"] == "杭州某某科技股份有限公司"
    assert company["kind"] == "企业 · Company"
    assert company["names"] == ["某某", "某某科技"]
    assert "任职 ← 张某某（总经理）" in company["facts"]
    assert "位于 → 某某小镇" in company["facts"]
    doc1 = {"doc": "《某某小镇迎来新企业》 2023-05-05 seeds/001.txt",
            "href": "file:///srv/news/%E6%9F%90%E6%9F%90/001.txt"}
    assert {"text": "张某某任杭州某某科技股份有限公司总经理。", **doc1} in company["evidence"]
    assert company["docs"] == [doc1, {"doc": "《某某智能制造项目签约》 seeds/002.txt", "href": ""}]


def test_tooltip_shows_hostile_text_as_text(run):
    tip = run["tip"]
    assert "<img src=x onerror=alert(1)>" in tip["text"]
    assert "<script>alert(1)</script>" in tip["text"]
    assert tip["hidden"] is False and tip["left"] == "676px"    # flipped left of the pointer
    assert run["tipHidden"] is True
    assert set(run["created"]) <= {"div", "ul", "li", "span", "a", "option"}  # no script/img


def test_click_on_edge_and_search_fill_the_panel(run):
    assert "张某某 任职 杭州某某科技股份有限公司" in run["panelEdge"]
    assert "职务：总经理" in run["panelEdge"] and "置信度：0.9" in run["panelEdge"]
    assert "杭州某某科技股份有限公司" in run["panelSearch"]
    assert run["status"] == "未找到：没有"


def test_panel_links_source_documents_safely(run):
    href = "file:///srv/news/%E6%9F%90%E6%9F%90/001.txt"
    assert ["《某某小镇迎来新企业》 2023-05-05 seeds/001.txt", href, "noopener noreferrer"] in (
        run["panelLinks"])
    assert all(link[1].startswith("file:") for link in run["panelLinks"])
    assert run["hrefs"] == ["file:///a/b.txt", "https://example.org/x", "", "", "", ""]


def test_type_and_park_filters(run):
    assert run["parkOptions"] == [["0", "某某小镇（7）"]]
    assert run["visible"]["people"] == ["张某某"]
    assert "某某市经信局" not in run["visible"]["park"]          # not linked to the park
    assert {"杭州某某科技股份有限公司", "某某智能制造项目", "张某某"} <= set(run["visible"]["park"])
    after = run["afterTypeFilter"]           # people unticked: the person and its edge hidden
    assert [u["hidden"] for u in after["nodes"]] == [True] and len(after["edges"]) == 1
    assert after["stats"] == "显示 7 / 8 个节点 · 6 / 7 条关系"
    assert run["afterParkFilter"]["hidden"] == ["张某某", "某某市经信局"]
    assert ["fit", 6] in run["calls"]
    # searching a hidden node clears the filters
    assert run["afterHiddenSearch"] == {"stats": "8 个节点 · 7 条关系", "park": ""}


def test_first_draw_is_flagged(run):
    assert run["drawn"] == {"data-kg-drawn": "1", "data-kg-still": "1"}
    assert run["firstDrawMs"] == 123.5


def test_search_selects_and_focuses_and_physics_stops(run):
    kinds = [c[0] for c in run["calls"] if c[0] != "fit"]
    assert kinds[:2] == ["select", "focus"]
    assert run["calls"][-1] == ["options", {"physics": {"enabled": False}}]
