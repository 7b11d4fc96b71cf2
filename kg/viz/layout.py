"""Precomputed node positions for graphs too big for in-browser physics.

igraph's grid Fruchterman-Reingold takes ~1 s at 10^4 nodes; networkx ``spring_layout`` is
only used (few iterations) when igraph is missing and the graph is small enough, else the
nodes get seeded random positions and a warning says to install igraph.

Each connected component is laid out on its own, in a square whose side grows with the
square root of its size, and the squares are packed in rows, biggest first: a force layout
of the whole graph would throw isolated nodes far out and squash the big component.
"""
from __future__ import annotations

import logging
import math
import random

log = logging.getLogger(__name__)

SPACING = 60.0          # canvas pixels per node along each axis (area ≈ SPACING² per node)
NETWORKX_MAX_NODES = 2000
NETWORKX_ITERATIONS = 15
CORE = 0.9              # big components: 90 % of the nodes fill their square
CORE_MIN_NODES = 50


def positions(n_nodes: int, edges: list[tuple[int, int]], *, seed: int = 0
              ) -> list[tuple[int, int]]:
    """Integer canvas (x, y) for nodes ``0..n_nodes-1``; the same input gives the same output.

    >>> len(positions(3, [(0, 1), (1, 2)]))
    3
    """
    if n_nodes == 0:
        return []
    try:
        import igraph  # noqa: F401  (optional)
        backend = _igraph
    except ImportError:
        backend = _networkx if n_nodes <= NETWORKX_MAX_NODES else _random_layout
        if backend is _random_layout:
            log.warning("igraph is not installed: %d nodes placed at random "
                        "(pip install igraph for a readable layout)", n_nodes)
    parts = []
    for members, local_edges in components(n_nodes, edges):
        coords = backend(len(members), local_edges, seed) if len(members) > 1 else [(0.0, 0.0)]
        parts.append((members, _scaled(coords, SPACING * math.sqrt(len(members)))))
    return _pack(parts, n_nodes)


def components(n_nodes: int, edges: list[tuple[int, int]]
               ) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Connected components, biggest first: (node ids, edges renumbered 0..k-1).

    >>> components(4, [(2, 3)])
    [([2, 3], [(0, 1)]), ([0], []), ([1], [])]
    """
    parent = list(range(n_nodes))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(n_nodes):
        groups.setdefault(root(i), []).append(i)
    local_edges: dict[int, list[tuple[int, int]]] = {r: [] for r in groups}
    index = {i: k for members in groups.values() for k, i in enumerate(members)}
    for a, b in edges:
        local_edges[root(a)].append((index[a], index[b]))
    order = sorted(groups, key=lambda r: (-len(groups[r]), groups[r][0]))
    return [(groups[r], local_edges[r]) for r in order]


def _pack(parts: list[tuple[list[int], list[tuple[int, int]]]], n_nodes: int
          ) -> list[tuple[int, int]]:
    """Shelf-pack the components' squares (biggest first) into rows about as wide as the
    total area is tall; the result is centred on the origin."""
    sides = [_side(coords) for _, coords in parts]
    width = max(max(sides), math.sqrt(sum(s * s for s in sides)))
    out: list[tuple[int, int]] = [(0, 0)] * n_nodes
    x = y = row = 0.0
    for (members, coords), side in zip(parts, sides):
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row, 0.0
        for i, (cx, cy) in zip(members, coords):
            out[i] = (round(x + side / 2 + cx), round(y + side / 2 + cy))
        x, row = x + side, max(row, side)
    return _centred(out)


def _side(coords: list[tuple[int, int]]) -> float:
    """The square a component takes: its extent plus one spacing of margin."""
    span = max(max(abs(c) for xy in coords for c in xy) * 2, 0)
    return span + SPACING


def _centred(xy: list[tuple[int, int]]) -> list[tuple[int, int]]:
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    cx, cy = (max(xs) + min(xs)) // 2, (max(ys) + min(ys)) // 2
    return [(x - cx, y - cy) for x, y in xy]


def _random_layout(n: int, edges: list[tuple[int, int]], seed: int
                   ) -> list[tuple[float, float]]:
    return _random(n, seed)


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
    """Fit the layout into a ``side`` × ``side`` square centred on the origin.

    Big components are scaled by where most nodes are (``CORE`` of them), not by the
    extremes: force layouts leave a few leaves far out, which would squash the core.
    """
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    reach = sorted(max(abs(x - cx), abs(y - cy)) for x, y in coords)
    core = reach[-1] if len(reach) < CORE_MIN_NODES else reach[int(CORE * (len(reach) - 1))]
    k = side / (2 * core) if core > 0 else 1.0
    return [(round((x - cx) * k), round((y - cy) * k)) for x, y in coords]
