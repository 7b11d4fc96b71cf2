"""Timing of the explorer on a synthetic graph (not a test; run by hand).

    python tests/viz/bench_viz_explorer.py [n_nodes] [n_edges] [browser runs]

Prints the seconds to read the graph from an in-memory store (graph_data), to build the
page (explorer_html) and the page size; then, in headless Chromium with the network off
(skipped without Playwright/Chromium), for each run: the first draw (ms after navigation),
one redraw at the whole-graph view and zoomed in on a node, and the search handler.
Synthetic data: invented Chinese names, one alias, one evidence sentence per relation,
one document per 50 relations. Results are in docs/explorer.md.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import Builder  # noqa: E402

import browser as b  # noqa: E402

from kg.iri import entity_iri  # noqa: E402
from kg.viz import graph_data  # noqa: E402
from kg.viz.explorer import explorer_html  # noqa: E402

TYPES = ("Park", "Company", "Organization", "Project", "Person", "Place")
RELATIONS = ("locatedIn", "investsIn", "worksFor", "involvedIn", "subsidiaryOf")


def synthetic_store(n_nodes: int, n_edges: int, seed: int = 0):
    rng = random.Random(seed)
    b = Builder()
    docs = [b.document(f"d{i}", f"第{i}号园区新闻", f"seeds/{i:05d}.txt")
            for i in range(max(1, n_edges // 50))]
    iris = []
    for i in range(n_nodes):
        type_ = TYPES[i % len(TYPES)]
        label = f"杭州第{i}号{['园区', '科技有限公司', '管委会', '项目', '某某', '街道'][i % 6]}"
        iris.append(entity_iri(type_, label))
        b.entity(docs[i % len(docs)], iris[-1], type_, label, f"第{i}号")
    for j in range(n_edges):
        h, t = rng.randrange(n_nodes), rng.randrange(n_nodes)
        b.relation(docs[j % len(docs)], iris[h], RELATIONS[j % len(RELATIONS)], iris[t],
                   f"据悉，第{h}号与第{t}号于今年签署合作协议，共同推进产业园区建设。",
                   role="总经理" if j % 5 == 2 else None, start=j)
    return b.store


REDRAW = "() => { const t = performance.now(); network.redraw(); return performance.now() - t; }"
SEARCH = """q => { const t = performance.now();
  document.getElementById('kg-search-input').value = q;
  document.getElementById('kg-search-button').click(); return performance.now() - t; }"""


def browser_runs(path: Path, runs: int) -> None:
    if b.skip_reason():
        print(f"browser: skipped ({b.skip_reason()})")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = b.launch(pw)
        for _ in range(runs):
            page, log = b.offline_page(browser)
            first = b.open_explorer(page, path)
            whole = page.evaluate(REDRAW)
            search = page.evaluate(SEARCH, "第4321号")
            page.wait_for_timeout(300)
            zoomed = page.evaluate(REDRAW)
            print(f"browser: first draw {first:.0f} ms, redraw {whole:.0f} ms (whole graph) / "
                  f"{zoomed:.0f} ms (zoomed in), search {search:.0f} ms, "
                  f"errors {len(log.errors)}, blocked requests {len(log.blocked)}")
            page.close()
        browser.close()


def main(n_nodes: int = 10_000, n_edges: int = 15_000, runs: int = 3) -> None:
    store = synthetic_store(n_nodes, n_edges)
    t0 = time.perf_counter()
    data = graph_data(store)
    t1 = time.perf_counter()
    html = explorer_html(data)
    t2 = time.perf_counter()
    size = len(html.encode("utf-8"))
    print(f"{len(data.nodes)} nodes, {len(data.edges)} edges: graph_data {t1 - t0:.2f} s, "
          f"explorer_html {t2 - t1:.2f} s, page {size / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        path.write_text(html, encoding="utf-8")
        browser_runs(path, runs)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
