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
    assert max(abs(c) for xy in first for c in xy) <= side / 2 + 1
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
