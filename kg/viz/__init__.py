"""Explore the knowledge graph in a browser: store → ``GraphData`` → one offline HTML file.

``graph_data`` reads the store with SPARQL, ``explorer_html`` builds the page (pyvis and
vis-network inlined, no CDN), ``write_explorer`` does both and writes the file. Importing
this package does not import pyvis.
"""
from __future__ import annotations

from pathlib import Path

from kg.viz.data import (
    DatedStage,
    Document,
    Edge,
    Evidence,
    GraphData,
    Investment,
    Node,
    graph_data,
)


def explorer_html(data: GraphData, *, title: str = "park-kg explorer") -> str:
    """See ``kg.viz.explorer.explorer_html`` (imported lazily: it loads pyvis)."""
    from kg.viz.explorer import explorer_html as build

    return build(data, title=title)


def write_explorer(store, out: Path, *, focus: str | None = None, hops: int = 1,
                   title: str = "park-kg explorer") -> Path:
    """Write the explorer page of ``store`` (or of the neighbourhood of ``focus``) to ``out``.

    Writes only ``out`` (UTF-8), creating its parent folders; returns ``out``.
    Raises ``kg.errors.QueryError`` for an unknown ``focus`` name or negative ``hops``.
    """
    html = explorer_html(graph_data(store, focus=focus, hops=hops), title=title)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


__all__ = [
    "DatedStage", "Document", "Edge", "Evidence", "GraphData", "Investment", "Node",
    "explorer_html", "graph_data", "write_explorer",
]
