"""What the explorer shows, read from the store with SPARQL into plain frozen records.

>>> import pyoxigraph
>>> graph_data(pyoxigraph.Store())
GraphData(nodes=(), edges=())
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import pyoxigraph

from kg.errors import QueryError
from kg.iri import mint, normalise_key
from kg.records import ENTITY_TYPES
from kg.settings import ID_BASE, ONTOLOGY_NS
from kg.viz import queries as q
from kg.viz.records import (
    AWARD,
    NODE_TYPES,
    OTHER,
    DatedStage,
    Document,
    Edge,
    Evidence,
    GraphData,
    Investment,
    Node,
)

_KGO = ONTOLOGY_NS
_AWARD_IRIS = ID_BASE + "award/"  # kg.iri.mint("award", name): ids of award nodes


class SparqlStore(Protocol):
    def query(self, sparql: str) -> Any: ...


def graph_data(store: SparqlStore, *, focus: str | None = None, hops: int = 1) -> GraphData:
    """Nodes and edges of the whole graph, or of the ``hops``-neighbourhood of ``focus``.

    ``focus`` is a name (label or alias of an entity, or an award name), compared after
    dropping white space and folding full/half width. Raises ``QueryError`` when no node
    has that name or when ``hops`` is negative.
    """
    triples = [(_term(r["h"]), _local(r["p"]), r["t"]) for r in _select(store, q.ADJACENCY)]
    edges = {(h, p, _tail_id(t)): t for h, p, t in triples}
    keep = None
    if focus is not None:
        keep = _neighbourhood(_focus_ids(store, focus, edges), edges, hops)
        edges = {k: t for k, t in edges.items() if k[0] in keep and k[2] in keep}
    entity_ids = None if keep is None else sorted(i for i in keep if not _is_award(i))
    nodes = _entity_nodes(store, entity_ids)
    details = _statements(store, entity_ids)
    out_edges = [_edge(k, details.get(k, [])) for k in sorted(edges)]
    _add_missing_nodes(nodes, edges, out_edges)
    return GraphData(nodes=tuple(sorted(nodes.values(), key=_node_order)), edges=tuple(out_edges))


# --- SPARQL plumbing -------------------------------------------------------------------


def _select(store: SparqlStore, sparql: str) -> Iterator[Any]:
    """Run a SELECT; a raw ``pyoxigraph.Store`` is queried over the union of its graphs."""
    if isinstance(store, pyoxigraph.Store):
        return iter(store.query(sparql, use_default_graph_as_union=True))
    return iter(store.query(sparql))


def _term(term: Any) -> str:
    return term.value


def _opt(term: Any) -> str | None:
    return None if term is None else term.value


def _local(term: Any) -> str:
    return term.value.removeprefix(_KGO)


def _is_award(node_id: str) -> bool:
    return node_id.startswith(_AWARD_IRIS)


def _tail_id(term: Any) -> str:
    """Node id of a relation tail: the IRI, or a minted award IRI for a literal."""
    if isinstance(term, pyoxigraph.Literal):
        return mint("award", term.value)
    return term.value


def _document(row: Any) -> Document | None:
    doc = row["doc"]
    if doc is None:
        return None
    return Document(doc.value, _opt(row["title"]), _opt(row["source"]), path=_opt(row["path"]),
                    date=_opt(row["date"]))


def _evidence(row: Any) -> Evidence | None:
    sentence = row["sentence"]
    return None if sentence is None else Evidence(sentence.value, _document(row))


# --- focus -----------------------------------------------------------------------------


def _focus_ids(store: SparqlStore, focus: str, edges: dict) -> set[str]:
    key = normalise_key(focus)
    names = [(_term(r["e"]), r["name"].value) for r in _select(store, q.NAMES)]
    names += [(k[2], t.value) for k, t in edges.items() if isinstance(t, pyoxigraph.Literal)]
    found = {i for i, name in names if key and normalise_key(name) == key}
    if not found:
        near = sorted({n for _, n in names if key and key in normalise_key(n)}, key=len)[:5]
        hint = f"close names: {'、'.join(near)}" if near else "check the spelling"
        raise QueryError(
            f"no entity named {focus!r} in the store",
            fix=f"{hint}; focus takes an exact label or alias (white space is ignored)",
        )
    return found


def _neighbourhood(seeds: set[str], edges: dict, hops: int) -> set[str]:
    """Every node within ``hops`` undirected steps of ``seeds``."""
    if hops < 0:
        raise QueryError(f"hops must be 0 or more, got {hops}", fix="use hops=1 or 2")
    adjacent: dict[str, set[str]] = defaultdict(set)
    for h, _, t in edges:
        adjacent[h].add(t)
        adjacent[t].add(h)
    seen, frontier = set(seeds), set(seeds)
    for _ in range(hops):
        frontier = {n for f in frontier for n in adjacent[f]} - seen
        seen |= frontier
    return seen


# --- nodes -----------------------------------------------------------------------------


def _entity_nodes(store: SparqlStore, ids: list[str] | None) -> dict[str, Node]:
    if ids == []:
        return {}
    types, labels = _types_and_labels(store, ids)
    aliases = _grouped(store, q.ALIASES, ids, lambda r: r["alias"].value)
    docs = _grouped(store, q.MENTIONED_IN, ids, _document)
    money = _investments(store, ids)
    dates = _dates(store, ids)
    nodes = {}
    for iri, type_ in types.items():
        label = labels.get(iri) or _first(aliases.get(iri)) or _iri_tail(iri)
        nodes[iri] = Node(
            id=iri, type=type_, label=label,
            aliases=tuple(sorted(set(aliases.get(iri, ())) - {label})),
            investments=tuple(money.get(iri, ())),
            documents=_sorted_docs(docs.get(iri, ())),
            dates=dates.get(iri, ()),
        )
    return nodes


def _types_and_labels(store: SparqlStore, ids: list[str] | None) -> tuple[dict, dict]:
    """One type per entity (first of ``ENTITY_TYPES`` if documents disagree), one label."""
    types: dict[str, str] = {}
    labels: dict[str, list[Any]] = defaultdict(list)
    for row in _select(store, q.bind(q.ENTITIES, ids)):
        iri, type_ = row["e"].value, _local(row["type"])
        if iri not in types or ENTITY_TYPES.index(type_) < ENTITY_TYPES.index(types[iri]):
            types[iri] = type_
        if row["label"] is not None:
            labels[iri].append(row["label"])
    best = {i: min(ls, key=lambda l: (l.language != "zh", len(l.value), l.value)).value
            for i, ls in labels.items()}
    return types, best


def _grouped(store: SparqlStore, query: str, ids: list[str] | None, value) -> dict[str, list]:
    """``value(row)`` of every row, grouped by ``?e``, without repeats, in result order."""
    out: dict[str, dict] = defaultdict(dict)
    for row in _select(store, q.bind(query, ids)):
        item = value(row)
        if item is not None:
            out[row["e"].value][item] = None
    return {iri: list(items) for iri, items in out.items()}


def _investments(store: SparqlStore, ids: list[str] | None) -> dict[str, list[Investment]]:
    amounts: dict[tuple[str, str], dict] = {}
    for row in _select(store, q.bind(q.INVESTMENTS, ids)):
        key = (row["e"].value, row["amt"].value)
        amt = amounts.setdefault(key, {
            "value": _decimal(row["value"].value), "currency": _opt(row["currency"]),
            "qualifier": _opt(row["qualifier"]), "stage": _opt(row["stage"]), "evidence": [],
        })
        ev = _evidence(row)
        if ev is not None and ev not in amt["evidence"]:
            amt["evidence"].append(ev)
    out: dict[str, list[Investment]] = defaultdict(list)
    for (iri, _), amt in sorted(amounts.items()):
        out[iri].append(Investment(**{**amt, "evidence": _sorted_evidence(amt["evidence"])}))
    return out


def _dates(store: SparqlStore, ids: list[str] | None) -> dict[str, tuple[DatedStage, ...]]:
    """Dated stages by entity, sorted by date then stage, one per (date, stage)."""
    found: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for row in _select(store, q.bind(q.DATES, ids)):
        key = (row["e"].value, row["day"].value, _opt(row["stage"]) or "")
        ev = _evidence(row)
        found[key].extend([ev] if ev is not None else [])
    out: dict[str, list[DatedStage]] = defaultdict(list)
    for (iri, day, stage), evidence in sorted(found.items()):
        out[iri].append(DatedStage(day, stage or None, _sorted_evidence(evidence)))
    return {iri: tuple(items) for iri, items in out.items()}


def _add_missing_nodes(nodes: dict[str, Node], edges: dict, out_edges: list[Edge]) -> None:
    """Award nodes for literal tails, ``Other`` nodes for untyped IRIs."""
    docs: dict[str, list[Document]] = defaultdict(list)
    for e in out_edges:
        docs[e.tail].extend(ev.document for ev in e.evidence if ev.document)
    for (h, _, t), term in edges.items():
        for node_id, value in ((h, None), (t, term)):
            if node_id in nodes:
                continue
            if isinstance(value, pyoxigraph.Literal):
                nodes[node_id] = Node(node_id, AWARD, value.value,
                                      documents=_sorted_docs(docs[node_id]))
            else:
                nodes[node_id] = Node(node_id, OTHER, _iri_tail(node_id))


# --- edges -----------------------------------------------------------------------------


def _statements(store: SparqlStore, ids: list[str] | None) -> dict[tuple, list[Any]]:
    """Statement rows grouped by the (head, relation, tail id) triple they reify."""
    out: dict[tuple, list[Any]] = defaultdict(list)
    if ids == []:
        return out
    for row in _select(store, q.bind(q.STATEMENTS, ids)):
        out[(row["e"].value, _local(row["p"]), _tail_id(row["t"]))].append(row)
    return out


def _edge(key: tuple[str, str, str], rows: list[Any]) -> Edge:
    roles = _unique(r["role"].value for r in rows if r["role"] is not None)
    confs = [_float(r["confidence"].value) for r in rows if r["confidence"] is not None]
    evidence = _sorted_evidence(e for e in map(_evidence, rows) if e is not None)
    return Edge(head=key[0], relation=key[1], tail=key[2], roles=roles,
                confidence=max((c for c in confs if c is not None), default=None),
                evidence=evidence)


# --- small helpers ---------------------------------------------------------------------


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _first(items: list[str] | None) -> str | None:
    return items[0] if items else None


def _iri_tail(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal("NaN")


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _sorted_evidence(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    def key(ev: Evidence) -> tuple[str, str]:
        return (_doc_key(ev.document) if ev.document else ("", "", ""), ev.sentence)
    return tuple(sorted(set(items), key=key))


def _doc_key(doc: Document) -> tuple[str, str, str]:
    return (doc.source or "", doc.title or "", doc.iri)


def _sorted_docs(docs: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(sorted(set(docs), key=_doc_key))


def _node_order(node: Node) -> tuple[int, str, str]:
    return (NODE_TYPES.index(node.type), node.label, node.id)
