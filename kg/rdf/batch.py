"""Transactional, diff-based writes of whole named graphs to a pyoxigraph store.

pyoxigraph 0.5 has no multi-call transaction, but each ``Store.extend`` and each ``Store.update``
request is one. A ``Batch`` therefore holds (1) the quads of graphs that are not in the store yet,
written by one ``extend``, and (2) for graphs that are, the difference with the stored content as
``DELETE DATA`` / ``INSERT DATA`` operations of one SPARQL update request. Each graph is in
exactly one of the two, so it is replaced whole or not at all, and rebuilding an unchanged
document writes nothing.

Measured on 1000 synthetic documents (480 k quads, 2 cores): ``extend`` 50 k quads/s; the same
through SPARQL ``INSERT DATA`` 40 k quads/s; ``remove_graph`` + ``extend`` of every document
26 k quads/s; ``bulk_extend`` 145 k quads/s but not atomic: used for new graphs of on-disk
stores, whose build becomes visible only when its version is published (``kg.rdf.versions``).
"""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, Store


def triples_block(quads: Iterable[Quad]) -> str:
    """Quads as a SPARQL triples block (N-Triples term syntax, which SPARQL accepts)."""
    return " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)


class Batch:
    """Pending replacements of named graphs, written by ``commit``."""

    def __init__(self) -> None:
        self.inserts: list[Quad] = []
        self.updates: list[str] = []
        self.graphs: set[NamedNode] = set()
        self.size = 0            # quads to write (inserted + deleted)
        self.attempted = False   # commit was called (successfully or not)

    def add(self, store: Store, graph: NamedNode, quads: list[Quad]) -> None:
        """Queue ``quads`` (all in ``graph``, no blank nodes) as the new content of ``graph``.

        Raises ``OSError`` if reading the stored graph fails.
        """
        self.graphs.add(graph)
        if not store.contains_named_graph(graph):
            self.inserts.extend(quads)
            self.size += len(quads)
            return
        old = set(store.quads_for_pattern(None, None, None, graph))
        removed = old.difference(quads)
        added = [q for q in quads if q not in old]
        if removed:
            self.updates.append(f"DELETE DATA {{ GRAPH {graph} {{ {triples_block(removed)} }} }}")
        if added:
            self.updates.append(f"INSERT DATA {{ GRAPH {graph} {{ {triples_block(added)} }} }}")
        self.size += len(removed) + len(added)

    def commit(self, store: Store, *, bulk: bool = False) -> None:
        """Write the batch: at most one ``extend`` and one update, each a transaction.

        ``bulk``: new graphs go through ``bulk_extend`` (3× faster, not atomic), for a store
        version that is published only after the whole build succeeded (``kg.rdf.versions``).
        Raises ``OSError`` (I/O), ``SyntaxError`` (a term the update syntax rejected: a bug).
        """
        self.attempted = True
        if self.inserts:
            (store.bulk_extend if bulk else store.extend)(self.inserts)
        if self.updates:
            store.update(" ;\n".join(self.updates))


__all__ = ["Batch", "triples_block"]
