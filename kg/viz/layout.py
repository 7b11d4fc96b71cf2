"""Precomputed node positions for graphs too big for in-browser physics.

igraph's grid Fruchterman-Reingold takes ~1 s at 10^4 nodes; networkx ``spring_layout`` is
only used (few iterations) when igraph is missing and the graph is small enough, else the
nodes get seeded random positions and a warning says to install igraph.
"""
from __future__ import annotations

import logging
import math
import random

log = logging.getLogger(__name__)

SPACING = 60.0          # canvas pixels per node along each axis (area ≈ SPACING² per node)
NETWORKX_MAX_NODES = 2000
NETWORKX_ITERATIONS = 15


def positions(n_nodes: int, edges: list[tuple[int, int]], *, seed: int = 0
              ) -> list[tuple[int, int]]:
    """Integer canvas (x, y) for nodes ``0..n_nodes-1``; the same input gives the same output.

    >>> len(positions(3, [(0, 1), (1, 2)]))
    3
    """
    if n_nodes == 0:
        return []
    try:
        coords = _igraph(n_nodes, edges, seed)
    except ImportError:
        coords = _networkx(n_nodes, edges, seed) if n_nodes <= NETWORKX_MAX_NODES else None
        if coords is None:
            log.warning("igraph is not installed: %d nodes placed at random "
                        "(pip install igraph for a readable layout)", n_nodes)
            coords = _random(n_nodes, seed)
    return _scaled(coords, SPACING * math.sqrt(n_nodes))


def _random(n: int, seed: int) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    return [(rng.random(), rng.random()) for _ in range(n)]


def _igraph(n: int, edges: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    import igraph  # optional: raises ImportError when missing

    graph = igraph.Graph(n=n, edges=edges)
    # A private generator makes the layout reproducible; igraph's default generator is the
    # `random` module, put back afterwards. (A start matrix via `seed=` is 10x slower.)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(grid="auto")
    finally:
        igraph.set_random_number_generator(random)
    return [tuple(xy) for xy in coords]


def _networkx(n: int, edges: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    pos = nx.spring_layout(graph, iterations=NETWORKX_ITERATIONS, seed=seed)
    return [tuple(pos[i]) for i in range(n)]


def _scaled(coords: list[tuple[float, float]], side: float) -> list[tuple[int, int]]:
    """Fit the layout into a ``side`` × ``side`` square centred on the origin."""
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    k = side / span
    return [(round((x - cx) * k), round((y - cy) * k)) for x, y in coords]
