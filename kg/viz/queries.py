"""SPARQL read by ``kg.viz.data`` (see ``docs/rdf-model.md`` for the shape they read).

Every query declares its prefixes, so it runs on a raw ``pyoxigraph.Store`` as well as on
``KGStore.query`` (which prepends the same prefixes; a repeated ``PREFIX`` is legal SPARQL).
``{values}`` is replaced by a ``VALUES ?e { <iri> … }`` block (or nothing: whole graph).

Joins of an entity's own triples (type × label × alias) sit inside ``GRAPH ?g { … }``: the
union default graph is a bag, so the same join over it yields n² rows for an entity named in
n documents (``kg view`` of a 1,000-article store spent 4.5 s in them).
"""
from __future__ import annotations

from kg.records import ENTITY_TYPES, RELATION_TYPES

PREFIXES = """\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX kgo: <https://w3id.org/park-kg/ontology#>
"""

_TYPES = " ".join(f"kgo:{t}" for t in ENTITY_TYPES)
_RELATIONS = " ".join(f"kgo:{r}" for r in RELATION_TYPES)
# what the panel shows of a document ``?doc`` (pasted where a query says ``{doc}``)
_DOCUMENT = ("OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:source ?source } "
             "OPTIONAL { ?doc kgo:sourcePath ?path } OPTIONAL { ?doc dcterms:date ?date }")

# Plain relation triples: the facts. Tails are IRIs, or the award name for kgo:receivedAward.
ADJACENCY = PREFIXES + f"""
SELECT DISTINCT ?h ?p ?t WHERE {{
  VALUES ?p {{ {_RELATIONS} }}
  ?h ?p ?t .
}}"""

# Every name of every entity (focus look-up).
NAMES = PREFIXES + f"""
SELECT DISTINCT ?e ?name WHERE {{
  VALUES ?type {{ {_TYPES} }}
  GRAPH ?g {{ ?e a ?type . {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }} }}
}}"""

ENTITIES = PREFIXES + f"""
SELECT DISTINCT ?e ?type ?label WHERE {{
  {{values}}
  VALUES ?type {{ {_TYPES} }}
  GRAPH ?g {{ ?e a ?type . OPTIONAL {{ ?e rdfs:label ?label }} }}
}}"""

ALIASES = PREFIXES + f"""
SELECT DISTINCT ?e ?alias WHERE {{
  {{values}}
  VALUES ?type {{ {_TYPES} }}
  GRAPH ?g {{ ?e a ?type ; skos:altLabel ?alias . }}
}}"""

MENTIONED_IN = PREFIXES + """
SELECT DISTINCT ?e ?doc ?title ?source ?path ?date WHERE {
  {values}
  ?doc schema:mentions ?e .
  {doc}
}""".replace("{doc}", _DOCUMENT)

INVESTMENTS = PREFIXES + """
SELECT DISTINCT ?e ?amt ?value ?currency ?qualifier ?stage ?sentence ?doc ?title ?source ?path ?date WHERE {
  {values}
  ?e kgo:investment ?amt .
  ?amt schema:value ?value .
  OPTIONAL { ?amt schema:currency ?currency }
  OPTIONAL { ?amt kgo:qualifier ?qualifier }
  OPTIONAL { ?amt kgo:stage ?stage }
  OPTIONAL { ?amt kgo:evidence ?ev . ?ev nif:anchorOf ?sentence }
  OPTIONAL { ?amt prov:wasDerivedFrom ?doc . {doc} }
}""".replace("{doc}", _DOCUMENT)

# Reified statements behind the plain triples (``?e`` is the head).
STATEMENTS = PREFIXES + f"""
SELECT DISTINCT ?stmt ?e ?p ?t ?role ?confidence ?sentence ?doc ?title ?source ?path ?date WHERE {{
  {{values}}
  VALUES ?p {{ {_RELATIONS} }}
  ?stmt rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?t .
  OPTIONAL {{ ?stmt kgo:role ?role }}
  OPTIONAL {{ ?stmt kgo:confidence ?confidence }}
  OPTIONAL {{ ?stmt kgo:evidence ?ev . ?ev nif:anchorOf ?sentence }}
  OPTIONAL {{ ?stmt prov:wasDerivedFrom ?doc . {{doc}} }}
}}""".replace("{doc}", _DOCUMENT)

# Dated stages: ``?e kgo:date ?day`` and the statement that says which stage the date is of.
DATES = PREFIXES + """
SELECT DISTINCT ?stmt ?e ?day ?stage ?sentence ?doc ?title ?source ?path ?date WHERE {
  {values}
  ?stmt rdf:subject ?e ; rdf:predicate kgo:date ; rdf:object ?day .
  OPTIONAL { ?stmt kgo:stage ?stage }
  OPTIONAL { ?stmt kgo:evidence ?ev . ?ev nif:anchorOf ?sentence }
  OPTIONAL { ?stmt prov:wasDerivedFrom ?doc . {doc} }
}""".replace("{doc}", _DOCUMENT)


def values_block(iris: list[str] | None) -> str:
    """``VALUES ?e { <a> <b> }`` for a node subset, or ``""`` for the whole graph.

    The IRIs come from the store itself, so they are valid IRIs (no ``>`` or spaces).
    """
    if iris is None:
        return ""
    return "VALUES ?e { " + " ".join(f"<{iri}>" for iri in iris) + " }"


def bind(query: str, iris: list[str] | None) -> str:
    """``query`` restricted to the entities ``iris`` (``None``: no restriction)."""
    return query.replace("{values}", values_block(iris))
