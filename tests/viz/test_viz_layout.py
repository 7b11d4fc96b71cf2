"""Precomputed layout: deterministic, spread out, and working without igraph."""
from __future__ import annotations

import builtins

import pytest

from kg.viz import layout


def _ring(n: int) -> list[tuple[int, int]]:
    return [(i, (i + 1) % n) for i in range(n)]


def test_positions_are_deterministic_integers_in_a_square():
    first = layout.positions(300, _ring(300))
    assert first == layout.positions(300, _ring(300))
    assert all(isinstance(c, int) for xy in first for c in xy)
    side = layout.SPACING * 300 ** 0.5
    assert max(abs(c) for xy in first for c in xy) <= side * 0.65      # ~ side / 2
    assert len(set(first)) == 300


def test_empty_and_single_node():
    assert layout.positions(0, []) == []
    assert layout.positions(1, []) == [(0, 0)]


@pytest.fixture
def no_igraph(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "igraph":
            raise ImportError("no igraph")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_without_igraph_small_graphs_use_networkx(no_igraph):
    xy = layout.positions(50, _ring(50))
    assert len(set(xy)) == 50


def test_without_igraph_big_graphs_fall_back_to_random_with_a_warning(no_igraph, monkeypatch,
                                                                      caplog):
    monkeypatch.setattr(layout, "NETWORKX_MAX_NODES", 10)
    xy = layout.positions(40, _ring(40))
    assert len(set(xy)) == 40
    assert "igraph is not installed" in caplog.text


def test_components_are_packed_so_isolated_nodes_do_not_squash_the_big_one():
    xy = layout.positions(250, _ring(200))             # a ring of 200 and 50 lonely nodes
    ring_x = [x for x, _ in xy[:200]]
    assert max(ring_x) - min(ring_x) >= 0.8 * layout.SPACING * 200 ** 0.5
    assert len(set(xy)) == 250
    total_x = [x for x, _ in xy]
    assert max(total_x) - min(total_x) <= 2.5 * layout.SPACING * 250 ** 0.5


def test_components_biggest_first_with_local_numbering():
    parts = layout.components(6, [(4, 5), (0, 2), (2, 3)])
    assert parts == [([0, 2, 3], [(0, 1), (1, 2)]), ([4, 5], [(0, 1)]), ([1], [])]
