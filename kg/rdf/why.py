"""``kg why ENTITY``: where an entity's names were read, and which merges made it what it is.

Parameters are bound with pyoxigraph terms (``str(Literal(name))`` is escaped N-Triples
syntax), never pasted into the query text as raw strings.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from kg.errors import QueryError
from kg.rdf.namespace import MERGES_IRI

FIND = """SELECT DISTINCT ?e WHERE {
  VALUES ?name { %s }
  { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } FILTER(STR(?l) = ?name)
  ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(kgo:)))
} ORDER BY ?e"""
REDIRECT = "SELECT ?new WHERE { GRAPH %s { %s owl:sameAs ?new } }"
HEAD = "SELECT ?type ?label WHERE { %s a ?type ; rdfs:label ?label . FILTER(STRSTARTS(STR(?type), STR(kgo:))) }"
READ = """SELECT ?text ?path ?begin WHERE { GRAPH ?g {
  ?m itsrdf:taIdentRef %s ; nif:anchorOf ?text ; nif:beginIndex ?begin .
  OPTIONAL { ?g dcterms:source ?path } } } ORDER BY ?text ?path ?begin"""
MERGED = """SELECT ?old ?name ?rule WHERE { GRAPH %s {
  ?m kgo:mergedInto %s ; kgo:mergedEntity ?old ; kgo:sharedName ?name ; kgo:rule ?rule } } ORDER BY ?old"""


@dataclass(frozen=True)
class Explanation:
    """Why the store holds one entity as it does."""

    iri: str
    type: str
    label: str
    names: dict[str, list[str]] = field(default_factory=dict)    # name → documents it was read in
    merged: list[tuple[str, str, str]] = field(default_factory=list)  # (old IRI, shared name, rule)
    asked_for: str | None = None    # the redirected IRI the user gave, if any

    @property
    def documents(self) -> list[str]:
        return sorted({d for docs in self.names.values() for d in docs})


def explain(store, entity: str) -> list[Explanation]:
    """Explanations of the entities ``entity`` names (an IRI, or any of their names).

    Raises ``QueryError`` when nothing in the store has that IRI or name."""
    iris = _resolve(store, entity.strip())
    if not iris:
        raise QueryError(f"no entity {entity!r} in the store",
                         fix="give a name as it appears in the articles, or an entity IRI")
    return [_explain_one(store, new, old) for new, old in iris]


def _resolve(store, entity: str) -> list[tuple[str, str | None]]:
    if entity.startswith(("http://", "https://")):
        try:
            node = NamedNode(entity)
        except ValueError as err:
            raise QueryError(f"{entity!r} is not a valid IRI", fix="copy the IRI exactly") from err
        _, rows = store.select(REDIRECT % (NamedNode(MERGES_IRI), node))
        if rows:
            return [(str(rows[0][0]), entity)]
        _, rows = store.select(HEAD % node)
        return [(entity, None)] if rows else []
    _, rows = store.select(FIND % Literal(entity))
    return [(str(r[0]), None) for r in rows]


def _explain_one(store, iri: str, asked_for: str | None) -> Explanation:
    node = NamedNode(iri)
    _, head = store.select(HEAD % node)
    kind = min(str(t).rsplit("#", 1)[-1] for t, _ in head) if head else "?"
    label = max((str(lab) for _, lab in head), key=len, default=iri)
    names: dict[str, set[str]] = defaultdict(set)
    for text, path, _begin in store.select(READ % node)[1]:
        names[str(text)].add(str(path or "?"))
    _, merged = store.select(MERGED % (NamedNode(MERGES_IRI), node))
    return Explanation(iri=iri, type=kind, label=label,
                       names={n: sorted(d) for n, d in sorted(names.items())},
                       merged=[(str(o), str(n), str(r)) for o, n, r in merged], asked_for=asked_for)


__all__ = ["Explanation", "explain"]
