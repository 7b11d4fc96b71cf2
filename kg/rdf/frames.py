"""Notebook access to the store: rdflib ``Dataset``, pandas ``DataFrame``, networkx graph.

Heavy libraries (rdflib's Dataset, oxrdflib, pandas, networkx) are imported inside the
functions, so importing this module costs nothing.

``open_rdflib`` shares the store folder itself (no copy, no snapshot file): oxrdflib's
``OxigraphStore`` accepts an already opened ``pyoxigraph.Store`` (its own ``open(path)`` would
always open read-write), so the folder is opened through ``KGStore.open`` with its locking and
versioning rules: read-only, the published version; read-write, a new version that
``Dataset.close()`` publishes.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.iri import document_iri, node_iri
from kg.rdf.namespace import PREFIXES, kgo_values
from kg.rdf.store import KGStore
from kg.records import ENTITY_TYPES, RELATION_TYPES
from kg.settings import ONTOLOGY_NS

if TYPE_CHECKING:
    import networkx
    import pandas
    import rdflib

AWARD_TYPE = "Award"


def open_rdflib(path: Path | str, *, read_only: bool = True) -> rdflib.Dataset:
    """An rdflib ``Dataset`` (union default graph, park-kg prefixes bound) over the store folder.

    Queries run in Oxigraph; prefer ``ds.query`` to ``ds.triples`` loops (which are slower than
    plain rdflib). A read-only dataset is a snapshot of the published version (reopen it after a
    ``kg build``); a writable one holds the writer lock and publishes its changes on
    ``close()``. Raises ``StoreError`` if the folder is not a store, or (writable) if another
    writer holds it.
    """
    from oxrdflib.store import OxigraphStore
    from rdflib import Dataset

    class _Published(OxigraphStore):  # closing the rdflib store publishes the KGStore's version
        def close(self, commit_pending_transaction: bool = False) -> None:
            store.close()

    store = KGStore.open(path, read_only=read_only)
    dataset = Dataset(store=_Published(store=store.raw), default_union=True)
    dataset.kg_store = store  # type: ignore[attr-defined]
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, override=True)
    return dataset


def sparql_frame(store: KGStore, sparql: str) -> pandas.DataFrame:
    """A SELECT query as a DataFrame: one column per variable, Python values (see ``KGStore.select``).

    Raises ``QueryError`` if the query is malformed.
    """
    import pandas as pd

    columns, rows = store.select(sparql)
    return pd.DataFrame(rows, columns=columns)


@dataclass
class _Edge:
    """Relation evidence merged across assertions and documents."""

    confidence: float = 0.0
    roles: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)


def _only(doc: str | None) -> str:
    """SPARQL ``VALUES`` restricting ``?g`` to one document (IRI or doc id); empty for all.

    Raises ``QueryError`` if ``doc`` looks like an IRI but is not a valid one.
    """
    if doc is None:
        return ""
    from pyoxigraph import NamedNode

    try:
        node = NamedNode(doc if doc.startswith(("http://", "https://")) else document_iri(doc))
    except ValueError as err:
        raise QueryError(f"{doc!r} is not a document IRI", fix="give a document IRI or doc id") from err
    return f"VALUES ?g {{ {node} }}"


def _node_rows(store: KGStore, only: str) -> dict[str, dict[str, object]]:
    _, rows = store.select(
        f"SELECT DISTINCT ?e ?type ?label WHERE {{ {only} GRAPH ?g {{ ?e a ?type ; rdfs:label ?label ."
        f" VALUES ?type {{ {kgo_values(ENTITY_TYPES)} }} }} }} ORDER BY ?e DESC(?type) DESC(?label)")
    nodes: dict[str, dict[str, object]] = {}
    for iri, cls, label in rows:  # the last row per entity wins: smallest type, then label
        nodes[str(iri)] = {"type": str(cls).removeprefix(ONTOLOGY_NS), "label": str(label),
                           "aliases": [], "docs": []}
    for key, pattern in (("aliases", "?e skos:altLabel ?v"), ("docs", "?g schema:mentions ?e BIND(?g AS ?v)")):
        _, rows = store.select(
            f"SELECT DISTINCT ?e ?v WHERE {{ {only} GRAPH ?g {{ {pattern} }} }} ORDER BY ?e ?v")
        for iri, value in rows:
            if str(iri) in nodes:
                nodes[str(iri)][key].append(str(value))  # type: ignore[union-attr]
    return nodes


def _edge_rows(store: KGStore, only: str) -> dict[tuple[str, str, str], _Edge]:
    _, rows = store.select(
        f"SELECT ?g ?stmt ?h ?p ?t ?role ?conf ?sent WHERE {{ {only} GRAPH ?g {{"
        f" ?stmt a kgo:Assertion ; rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?t ."
        f" VALUES ?p {{ {kgo_values(RELATION_TYPES)} }}"
        f" OPTIONAL {{ ?stmt kgo:role ?role }} OPTIONAL {{ ?stmt kgo:confidence ?conf }}"
        f" OPTIONAL {{ ?stmt kgo:evidence/nif:anchorOf ?sent }} }} }}")
    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    for g, stmt, head, pred, tail, role, conf, sent in rows:
        edge = edges[(str(head), str(tail), str(pred).removeprefix(ONTOLOGY_NS))]
        edge.confidence = max(edge.confidence, float(conf or 0))  # type: ignore[arg-type]
        edge.roles.update([str(role)] if role else [])
        edge.evidence.update([str(sent)] if sent else [])
        edge.docs.add(str(g))
        edge.statements.add(str(stmt))
    return edges


def _add_end(g: networkx.MultiDiGraph, node: str, **attrs: object) -> None:
    """Add a node that only appears as a relation end (merging the ``docs`` of awards)."""
    if node in g:
        docs = set(g.nodes[node]["docs"]) | set(attrs.get("docs", ()))  # type: ignore[arg-type]
        g.nodes[node]["docs"] = sorted(docs)
    else:
        g.add_node(node, iri=node, **{"type": None, "label": node, "aliases": [], "docs": [], **attrs})


def to_networkx(store: KGStore, *, doc: str | None = None) -> networkx.MultiDiGraph:
    """Entities as nodes, relations as edges (key = relation type), from one document or all.

    Node attributes: ``type``, ``label``, ``aliases``, ``docs``, ``degree``. Edge attributes:
    ``type``, ``role`` (first of ``roles``), ``roles``, ``confidence`` (highest), ``evidence``
    (sentences), ``docs`` (document IRIs), ``assertions`` (count). A ``receivedAward`` tail is a
    node of type ``"Award"`` labelled with the award name. ``doc`` is a document IRI or id.
    Raises ``QueryError`` / ``StoreError`` like ``KGStore.select``.
    """
    import networkx as nx

    only = _only(doc)
    nodes, edges = _node_rows(store, only), _edge_rows(store, only)
    g = nx.MultiDiGraph()
    for iri in sorted(nodes):
        g.add_node(iri, iri=iri, **nodes[iri])
    for (head, tail, rel), edge in sorted(edges.items()):
        if rel == "receivedAward":
            award = node_iri("award", tail)
            _add_end(g, award, type=AWARD_TYPE, label=tail, docs=sorted(edge.docs))
            tail = award
        _add_end(g, head)
        _add_end(g, tail)
        roles = sorted(edge.roles)
        g.add_edge(head, tail, key=rel, type=rel, role=roles[0] if roles else None, roles=roles,
                   confidence=edge.confidence, evidence=sorted(edge.evidence),
                   docs=sorted(edge.docs), assertions=len(edge.statements))
    for node in g.nodes:
        g.nodes[node]["degree"] = g.degree(node)
    return g


__all__ = ["open_rdflib", "sparql_frame", "to_networkx", "AWARD_TYPE"]
