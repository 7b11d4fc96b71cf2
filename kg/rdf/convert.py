"""Map one ``Extraction`` to the quads of its document's named graph (docs/rdf-model.md).

Pure functions: records in, ``pyoxigraph.Quad`` lists out; every IRI comes from ``kg.iri``.
The same extraction always gives the same quads in the same order.
"""
from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.errors import StoreError
from kg.iri import document_iri, node_iri
from kg.memo import digest
from kg.rdf.namespace import KB_IRI, KGO, MERGES_IRI, ONTOLOGY_IRI
from kg.rdf.nary import (
    QUANTITY_PROPERTIES,
    amount_triples,
    membership_triples,
    observation_triples,
    quantity_triples,
)
from kg.rdf.provenance import assertion_triples, evidence_triples, mention_triples
from kg.rdf.terms import (
    LANG,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_INTEGER,
    T,
    Triple3,
    canonical_decimal,
    date_literal,
    decimal_literal,
    number_literal,
    typed_literal,
    zh,
)
from kg.records import (
    ENTITY_TYPES,
    RELATION_TYPES,
    Article,
    Attribute,
    Entity,
    Extraction,
    Merge,
    Relation,
)
from kg.settings import ONTOLOGY_FILE

log = logging.getLogger(__name__)


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


ENTITY_CLASSES: dict[str, NamedNode] = {name: _n(KGO[name]) for name in ENTITY_TYPES}
"""``Entity.type`` -> kgo class."""

RELATION_PROPERTIES: dict[str, NamedNode] = {name: _n(KGO[name]) for name in RELATION_TYPES}
"""``Relation.type`` -> kgo property (``receivedAward`` has a literal object)."""

ATTRIBUTE_PROPERTIES: dict[str, NamedNode] = {"date": _n(KGO.date)}
"""``Attribute.name`` -> kgo datatype property, for every attribute except ``investment``, ``metric``
and the project sizes of ``kg.rdf.nary.QUANTITY_PROPERTIES`` (``landArea``, ``floorArea``, ``capacity``)."""

LITERAL_RELATIONS = frozenset({"receivedAward"})


def alt_labels(entity: Entity) -> list[str]:
    """Aliases plus mention texts that differ from the label: stripped, deduplicated, sorted."""
    names = {n.strip() for n in (*entity.aliases, *(m.text for m in entity.mentions))}
    return sorted(names - {entity.label, ""})


def document_triples(article: Article, doc: NamedNode, entities: Iterable[str]) -> list[Triple3]:
    """The document block: type, title, paths, date, hash, cleaned text, mentioned entities."""
    out: list[Triple3] = [
        (doc, T.a, T.document),
        (doc, T.identifier, Literal(article.doc_id)),
        (doc, T.source, Literal(article.path)),
        (doc, T.source_path, Literal(article.source)),
        (doc, T.text, zh(article.text)),
    ]
    if article.title:
        out.append((doc, T.title, zh(article.title)))
    date = date_literal(article.date)
    if date is not None:
        out.append((doc, T.date, date))
    elif article.date:
        log.warning("document %s: date %r is not YYYY-MM-DD, not written", article.path, article.date)
    if article.sha256:
        out.append((doc, T.sha256, Literal(article.sha256)))
    out.extend((doc, T.mentions, NamedNode(iri)) for iri in entities)
    return out


def entity_triples(entity: Entity) -> list[Triple3]:
    """Type, ``rdfs:label``, ``skos:prefLabel`` and ``skos:altLabel`` of one entity.

    Raises ``ValueError`` if the entity type is not one of ``kg.records.ENTITY_TYPES``.
    """
    cls = ENTITY_CLASSES.get(entity.type)
    if cls is None:
        raise ValueError(
            f"entity {entity.label!r} has unknown type {entity.type!r}; "
            f"expected one of {', '.join(ENTITY_CLASSES)}"
        )
    node, label = NamedNode(entity.id), zh(entity.label)
    out: list[Triple3] = [(node, T.a, cls), (node, T.label, label), (node, T.pref_label, label)]
    out.extend((node, T.alt_label, zh(name)) for name in alt_labels(entity))
    return out


def fact_triple(rel: Relation, predicate: NamedNode) -> Triple3:
    """The plain triple a relation asserts (head, kgo property, tail)."""
    tail = zh(rel.tail) if rel.type in LITERAL_RELATIONS else NamedNode(rel.tail)
    return NamedNode(rel.head), predicate, tail


def kb_quads(extractions: Iterable[Extraction]) -> list[Quad]:
    """The knowledge-base graph: one copy of every entity's types and names and of every
    relation edge of the corpus (document graphs repeat them once per document that states
    them, which multiplies the rows of joins over the union default graph).

    Raises ``ValueError`` like ``extraction_quads``."""
    graph = NamedNode(KB_IRI)
    out: dict[Quad, None] = {}
    for ex in extractions:
        for entity in ex.entities:
            for s, p, o in entity_triples(entity):
                out[Quad(s, p, o, graph)] = None
        for rel in ex.relations:
            predicate = RELATION_PROPERTIES.get(rel.type)
            if predicate is not None:
                out[Quad(*fact_triple(rel, predicate), graph)] = None
    return list(out)


def relation_triples(rel: Relation, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """Plain triple + ``kgo:Assertion`` + evidence of one relation.

    Raises ``ValueError`` on an unknown relation type or bad evidence offsets.
    """
    predicate = RELATION_PROPERTIES.get(rel.type)
    if predicate is None:
        raise ValueError(
            f"relation {rel.head} -> {rel.tail} has unknown type {rel.type!r}; "
            f"expected one of {', '.join(RELATION_PROPERTIES)}"
        )
    fact = fact_triple(rel, predicate)
    stmt = NamedNode(node_iri("stmt", doc_id, rel.type, rel.head, rel.tail, str(rel.evidence.start)))
    ev, ev_triples = evidence_triples(rel.evidence, doc_id, doc)
    out = [fact, *assertion_triples(stmt, fact, ev=ev, doc=doc, confidence=rel.confidence, rule=rel.rule)]
    if rel.role:
        out.append((stmt, T.role, zh(rel.role)))
    return out + ev_triples + membership_triples(rel, stmt)


def attribute_triples(attr: Attribute, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """Triples of one attribute; an attribute name without a kgo property is logged and skipped.

    Raises ``ValueError`` on bad evidence offsets.
    """
    if attr.name == "investment":
        return amount_triples(attr, doc_id, doc)
    if attr.name == "metric":
        return observation_triples(attr, doc_id, doc)
    if attr.name in QUANTITY_PROPERTIES:
        return quantity_triples(attr, doc_id, doc)
    predicate = ATTRIBUTE_PROPERTIES.get(attr.name)
    if predicate is None:
        log.warning("attribute %r of %s has no kgo property, not written", attr.name, attr.subject)
        return []
    fact: Triple3 = (NamedNode(attr.subject), predicate, typed_literal(attr.value))
    stmt = NamedNode(node_iri("stmt", doc_id, attr.name, attr.subject, attr.value, str(attr.evidence.start)))
    ev, ev_triples = evidence_triples(attr.evidence, doc_id, doc)
    prov = assertion_triples(stmt, fact, ev=ev, doc=doc, confidence=attr.confidence, rule=attr.rule)
    if attr.stage:                     # 签约/开工/投产 … on the dated statement
        prov.append((stmt, T.stage, zh(attr.stage)))
    return [fact, *prov, *ev_triples]


_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}
"""Digests of live extractions by ``id`` (a build asks twice: to compare, then to write)."""


def extraction_digest(ex: Extraction) -> str:
    """SHA-256 of what the graph of ``ex`` is written from (the article fields the store keeps,
    entities, relations, attributes): equal digests, equal graphs. Remembered per record
    while it lives (records are immutable)."""
    known = _DIGESTS.get(id(ex))
    if known is not None and known[0]() is ex:
        return known[1]
    art = ex.article
    stored = (art.doc_id, art.path, art.source, art.title, art.text, art.date, art.sha256)
    found = digest(stored, ex.entities, ex.relations, ex.attributes)
    if len(_DIGESTS) > 50_000:
        _DIGESTS.clear()
    _DIGESTS[id(ex)] = (weakref.ref(ex), found)
    return found


def _all_triples(ex: Extraction, doc: NamedNode) -> Iterator[Triple3]:
    doc_id = ex.article.doc_id
    yield from document_triples(ex.article, doc, (e.id for e in ex.entities))
    yield doc, T.extraction_digest, Literal(extraction_digest(ex))
    for entity in ex.entities:
        yield from entity_triples(entity)
    for entity in ex.entities:
        yield from mention_triples(entity, doc_id, doc)
    for rel in ex.relations:
        yield from relation_triples(rel, doc_id, doc)
    for attr in ex.attributes:
        yield from attribute_triples(attr, doc_id, doc)


def extraction_quads(ex: Extraction) -> list[Quad]:
    """All quads of one extraction, in the named graph ``document_iri(doc_id)``, without duplicates.

    >>> from kg.records import Article
    >>> art = Article(doc_id="d1", path="a.txt", source="/a.txt", title="标题", text="正文")
    >>> len(extraction_quads(Extraction(article=art)))
    7

    Raises ``ValueError`` on an unknown entity or relation type, an invalid IRI, or bad offsets
    (before anything is written: callers convert first, then write).
    """
    doc = NamedNode(document_iri(ex.article.doc_id))
    return [Quad(s, p, o, doc) for s, p, o in dict.fromkeys(_all_triples(ex, doc))]


def merge_quads(merges: Iterable[Merge]) -> list[Quad]:
    """The merges graph: ``old owl:sameAs new`` and one ``kgo:Merge`` node per merge."""
    graph = NamedNode(MERGES_IRI)
    out = []
    for m in merges:
        old, new = NamedNode(m.old), NamedNode(m.new)
        node = NamedNode(node_iri("merge", m.old, m.new))
        out += [Quad(old, T.same_as, new, graph), Quad(node, T.a, T.merge, graph),
                Quad(node, T.merged_entity, old, graph), Quad(node, T.merged_into, new, graph),
                Quad(node, T.shared_name, zh(m.name), graph), Quad(node, T.rule, Literal(m.rule), graph)]
    return list(dict.fromkeys(out))


def ontology_quads(path: Path = ONTOLOGY_FILE) -> list[Quad]:
    """The ontology file as quads in the graph ``https://w3id.org/park-kg/ontology``.

    Raises ``StoreError`` if the file is missing or is not valid Turtle.
    """
    graph = NamedNode(ONTOLOGY_IRI)
    try:
        return [Quad(q.subject, q.predicate, q.object, graph)
                for q in parse(path=str(path), format=RdfFormat.TURTLE)]
    except (OSError, SyntaxError) as err:
        raise StoreError(
            f"cannot read the ontology {path}: {' '.join(str(err).split())}",
            fix="reinstall park-kg or restore ontology/park-kg.ttl",
        ) from err


__all__ = [
    "extraction_quads", "ontology_quads", "ENTITY_CLASSES", "RELATION_PROPERTIES",
    "ATTRIBUTE_PROPERTIES", "alt_labels", "typed_literal", "decimal_literal", "date_literal",
    "number_literal", "canonical_decimal", "evidence_triples", "assertion_triples", "zh", "LANG",
    "XSD_DATE", "XSD_DECIMAL", "XSD_INTEGER", "Literal", "T",
]
