"""The page's JavaScript, run under Node with a fake DOM and a fake vis Network.

No browser here (headless checks are a later issue): these tests check the scripts parse,
search finds nodes by any name, and tooltips/panel are built with textContent only.
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
globalThis.document = doc;
globalThis.network = {
  on: (n, f) => { (handlers[n] = handlers[n] || []).push(f); },
  once: (n, f) => { (handlers[n] = handlers[n] || []).push(f); },
  selectNodes: ids => calls.push(["select", ids]),
  focus: (id, o) => calls.push(["focus", id]),
  setOptions: o => calls.push(["options", o]),
};
globalThis.window = globalThis;
scripts.forEach(code => (0, eval)(code));
const fire = (n, p) => (handlers[n] || []).forEach(f => f(p));
const api = window.kgExplorer;
const data = JSON.parse(json);
const nameOf = i => data.nodes[i].names[0];
const index = api.buildIndex(data.nodes);
const out = { search: {}, created };
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
doc.els["kg-search-input"].value = "某某";
doc.els["kg-search-button"].listeners.click();
out.panelSearch = doc.els["kg-panel-body"].textContent;
doc.els["kg-search-button"].listeners.click();       // same query: next hit
doc.els["kg-search-input"].value = "没有";
doc.els["kg-search-input"].listeners.keydown({ key: "Enter" });
out.status = doc.els["kg-search-status"].textContent;
fire("stabilizationIterationsDone", {});
out.calls = calls;
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
    assert {"text": "张某某任杭州某某科技股份有限公司总经理。",
            "doc": "《某某小镇迎来新企业》 seeds/001.txt"} in company["evidence"]


def test_tooltip_shows_hostile_text_as_text(run):
    tip = run["tip"]
    assert "<img src=x onerror=alert(1)>" in tip["text"]
    assert "<script>alert(1)</script>" in tip["text"]
    assert tip["hidden"] is False and tip["left"] == "676px"    # flipped left of the pointer
    assert run["tipHidden"] is True
    assert set(run["created"]) <= {"div", "ul", "li", "span"}   # never script/img elements


def test_click_on_edge_and_search_fill_the_panel(run):
    assert "张某某 任职 杭州某某科技股份有限公司" in run["panelEdge"]
    assert "职务：总经理" in run["panelEdge"] and "置信度：0.9" in run["panelEdge"]
    assert "杭州某某科技股份有限公司" in run["panelSearch"]
    assert run["status"] == "未找到：没有"


def test_search_selects_and_focuses_and_physics_stops(run):
    kinds = [c[0] for c in run["calls"]]
    assert kinds[:2] == ["select", "focus"]
    assert run["calls"][-1] == ["options", {"physics": {"enabled": False}}]
