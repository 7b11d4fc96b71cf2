"""Helpers of the named-query tests: run a named query, add hand-made entities to a store."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from kg.queries import bind
from kg.rdf.namespace import KB_IRI, PREFIXES
from kg.rdf.store import KGStore

Rows = list[dict[str, object]]


def rows(store: KGStore, query: str, /, **params: str) -> Rows:
    """The rows of the named query ``query`` bound with ``params``, as dicts of Python values."""
    names, table = store.select(bind(query, params))
    return [dict(zip(names, row)) for row in table]


def iri(prefixed: str) -> NamedNode:
    prefix, local = prefixed.split(":", 1)
    return NamedNode(PREFIXES[prefix] + local)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def add_entity(store: KGStore, doc: str, entity: str, kind: str, label: str) -> None:
    """An entity as the RDF model writes it: type, label and one mention in the document graph;
    type and label in the knowledge-base graph too."""
    g, e = NamedNode(doc), NamedNode(entity)
    mention = NamedNode(entity + "/mention")
    for s, p, o in ((g, iri("rdf:type"), iri("kgo:Document")),
                    (g, iri("dcterms:source"), Literal("hand/doc.txt")),
                    (e, iri("rdf:type"), iri(f"kgo:{kind}")), (e, iri("rdfs:label"), zh(label)),
                    (mention, iri("itsrdf:taIdentRef"), e), (mention, iri("nif:anchorOf"), zh(label)),
                    (mention, iri("nif:referenceContext"), g)):
        store.raw.add(Quad(s, p, o, g))
    kb = NamedNode(KB_IRI)
    store.raw.add(Quad(e, iri("rdf:type"), iri(f"kgo:{kind}"), kb))
    store.raw.add(Quad(e, iri("rdfs:label"), zh(label), kb))
