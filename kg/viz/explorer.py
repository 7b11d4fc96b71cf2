"""``GraphData`` → one self-contained HTML page (pyvis + vis-network inlined, works offline).

Security model: text from articles (names, sentences, titles) never goes into HTML markup.
Labels go to vis-network, which draws them on a canvas; everything else goes into one JSON
block (``<``, ``>``, ``&`` escaped as ``\\u003c`` …) that ``assets/explorer.js`` turns into
tooltips and the details panel with ``textContent`` only. Nodes carry no ``title`` string,
so neither vis-network nor pyvis's popup template ever sets ``innerHTML`` from article text.
Text we do put into markup (page title, legend) goes through ``html.escape``.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from kg.viz import layout, page
from kg.viz.details import details
from kg.viz.records import NODE_TYPES, Edge, GraphData, Node
from kg.viz.style import (
    SHAPE_SVG,
    node_size,
    relation_zh,
    style_of,
)

LAYOUT_MIN_NODES = 100       # above this: positions precomputed in Python (igraph)
PHYSICS_MAX_NODES = 500      # above this: physics off, straight edges
STABILISATION_ITERATIONS = 150
FONT_FACE = '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif'


def explorer_html(data: GraphData, *, title: str = "park-kg explorer") -> str:
    """The explorer page for ``data`` as a string (write it as UTF-8).

    Raises ``ValueError`` if an edge refers to a node that is not in ``data.nodes``.
    """
    from pyvis.network import Network  # heavy import, only when a page is built

    index = {node.id: i for i, node in enumerate(data.nodes)}
    links = [_link(index, e) for e in data.edges]
    large = len(data.nodes) > PHYSICS_MAX_NODES
    xy = layout.positions(len(data.nodes), links) if len(data.nodes) > LAYOUT_MIN_NODES else None
    degree = Counter(i for link in links for i in link)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv.policies["json.dumps_kwargs"] = {"ensure_ascii": False,
                                                     "separators": (",", ":")}
    net.nodes = [_vis_node(i, n, degree[i], xy) for i, n in enumerate(data.nodes)]
    net.edges = [_vis_edge(j, e, link, labelled=not large)
                 for j, (e, link) in enumerate(zip(data.edges, links))]
    net.options = _options(large, positioned=xy is not None)
    return page.assemble(
        page.hook_first_draw(net.generate_html()),
        title_html=escape(title),
        head=f"<style>\n{page.asset('explorer.css')}\n</style>",
        body_top=_header(data, title) + _PANEL,
        body_end=(f'<script type="application/json" id="kg-data">'
                  f"{page.script_json({**details(data, links), 'lazyEdgeLabels': large})}"
                  "</script>\n"
                  f"<script>\n{page.asset('explorer.js')}\n</script>"),
    )


# --- vis-network data ------------------------------------------------------------------


def _link(index: dict[str, int], edge: Edge) -> tuple[int, int]:
    try:
        return index[edge.head], index[edge.tail]
    except KeyError as err:
        raise ValueError(f"edge {edge.relation} refers to unknown node {err.args[0]}") from None


def _vis_node(i: int, node: Node, degree: int, xy: list[tuple[int, int]] | None) -> dict:
    style = style_of(node.type)
    out: dict[str, Any] = {"id": i, "label": _one_line(node.label), "shape": style.shape,
                           "color": style.color, "size": node_size(degree)}
    if xy is not None:
        out["x"], out["y"] = xy[i]
    return out


def _vis_edge(j: int, edge: Edge, link: tuple[int, int], *, labelled: bool) -> dict:
    """An edge; large graphs get their labels from the script, only for the edges in view
    (vis-network draws every edge label at every redraw: 2 s at 15,000 edges)."""
    width = 0.5 + 2 * edge.confidence if edge.confidence is not None else 1
    out: dict[str, Any] = {"id": j, "from": link[0], "to": link[1],
                           "width": round(min(width, 3.0), 2)}
    if labelled:
        out["label"] = relation_zh(edge.relation)
    return out


def _options(large: bool, *, positioned: bool) -> dict:
    """Small graphs: short physics (from precomputed positions above LAYOUT_MIN_NODES).
    Large graphs: no physics, straight edges, edges hidden while dragging or zooming."""
    physics: dict[str, Any] = {"enabled": False}
    if not large:
        physics = {"enabled": True, "solver": "forceAtlas2Based",
                   "stabilization": {"enabled": True, "iterations": STABILISATION_ITERATIONS,
                                     "updateInterval": 25}}
    return {
        "nodes": {"font": {"size": 14, "face": FONT_FACE}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9e9e9e", "highlight": "#37474f", "hover": "#37474f"},
                  "font": {"size": 11, "face": FONT_FACE, "align": "middle", "color": "#555"},
                  "smooth": False if large else {"enabled": True, "type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large},
        "layout": {"improvedLayout": not positioned, "randomSeed": 7},
        "physics": physics,
    }


def _one_line(text: str) -> str:
    """Canvas labels: one line, no control characters (U+2028 would break a JS literal)."""
    return " ".join(text.split())


# --- page pieces (static markup; only escaped text inside) -----------------------------

_PANEL = """<aside id="kg-panel" aria-live="polite">
  <div id="kg-panel-body"><p class="kg-hint">点击节点或关系查看名称、事实和证据句。</p></div>
</aside>
"""


def _header(data: GraphData, title: str) -> str:
    return f"""<header id="kg-header">
  <h1 id="kg-title">{escape(title)}</h1>
  <div id="kg-search" role="search">
    <input id="kg-search-input" type="search" placeholder="按名称或别名搜索…" aria-label="搜索节点">
    <button id="kg-search-button" type="button">搜索</button>
    <span id="kg-search-status"></span>
  </div>
  <label id="kg-park">园区
    <select id="kg-park-filter" aria-label="按园区筛选"><option value="">全部园区</option></select>
  </label>
  {_legend(data)}
  <span id="kg-stats">{len(data.nodes)} 个节点 · {len(data.edges)} 条关系</span>
</header>
"""


def _legend(data: GraphData) -> str:
    """One checkbox per node type (the type filter), with its shape, colour and count.
    The park options are filled in by the script from the JSON (names are article text)."""
    counts = Counter(n.type for n in data.nodes)
    items = []
    for node_type in NODE_TYPES:
        if node_type == "Other" and not counts[node_type]:
            continue
        s = style_of(node_type)
        svg = (f'<svg width="16" height="16" viewBox="0 0 16 16" fill="{s.color}" '
               f'aria-hidden="true">{SHAPE_SVG[s.shape]}</svg>')
        items.append(f'<li data-type="{escape(node_type)}"><label>'
                     f'<input type="checkbox" class="kg-type-filter" value="{escape(node_type)}"'
                     f' checked>{svg}{escape(s.zh)} '
                     f'<span class="kg-count">{counts[node_type]}</span></label></li>')
    return '<ul id="kg-legend" aria-label="图例（勾选以筛选类型）">' + "".join(items) + "</ul>"
