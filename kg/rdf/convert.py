"""Map one ``Extraction`` to the quads of its document's named graph (docs/rdf-model.md).

Pure functions: records in, ``pyoxigraph.Quad`` lists out; every IRI comes from ``kg.iri``.
The same extraction always gives the same quads in the same order.
"""
from __future__ import annotations

import datetime as _dt
import logging
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.errors import StoreError
from kg.iri import document_iri, node_iri
from kg.records import ENTITY_TYPES, RELATION_TYPES, Article, Attribute, Entity, Extraction, Relation, Span
from kg.rdf.namespace import KGO, NIF, ONTOLOGY_IRI
from kg.settings import ONTOLOGY_FILE

log = logging.getLogger(__name__)

Triple3 = tuple[NamedNode, NamedNode, NamedNode | Literal]

LANG = "zh"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


class T:
    """Every vocabulary term the converter writes, as a ``pyoxigraph.NamedNode`` (built once)."""

    a, statement, subject, predicate, object = (_n(t) for t in (RDF.type, RDF.Statement, RDF.subject,
                                                                RDF.predicate, RDF.object))
    label, pref_label, alt_label = _n(RDFS.label), _n(SKOS.prefLabel), _n(SKOS.altLabel)
    identifier, source, title, date = (_n(t) for t in (DCTERMS.identifier, DCTERMS.source,
                                                       DCTERMS.title, DCTERMS.date))
    mentions, monetary_amount, value, currency = (_n(t) for t in (SDO.mentions, SDO.MonetaryAmount,
                                                                  SDO.value, SDO.currency))
    was_derived_from = _n(PROV.wasDerivedFrom)
    nif_string, anchor_of, begin_index, end_index, reference_context = (
        _n(t) for t in (NIF.String, NIF.anchorOf, NIF.beginIndex, NIF.endIndex, NIF.referenceContext))
    document, assertion, evidence_class = _n(KGO.Document), _n(KGO.Assertion), _n(KGO.Evidence)
    source_path, sha256, text = _n(KGO.sourcePath), _n(KGO.sha256), _n(KGO.text)
    confidence, rule, role, evidence = _n(KGO.confidence), _n(KGO.rule), _n(KGO.role), _n(KGO.evidence)
    investment, qualifier, stage = _n(KGO.investment), _n(KGO.qualifier), _n(KGO.stage)


XSD_DATE, XSD_DECIMAL, XSD_INTEGER = _n(XSD.date), _n(XSD.decimal), _n(XSD.integer)

ENTITY_CLASSES: dict[str, NamedNode] = {name: _n(KGO[name]) for name in ENTITY_TYPES}
"""``Entity.type`` -> kgo class."""

RELATION_PROPERTIES: dict[str, NamedNode] = {name: _n(KGO[name]) for name in RELATION_TYPES}
"""``Relation.type`` -> kgo property (``receivedAward`` has a literal object)."""

ATTRIBUTE_PROPERTIES: dict[str, NamedNode] = {"date": _n(KGO.date)}
"""``Attribute.name`` -> kgo datatype property, for every attribute except ``investment``."""

LITERAL_RELATIONS = frozenset({"receivedAward"})


def zh(text: str) -> Literal:
    """A Chinese-tagged literal (``"…"@zh``)."""
    return Literal(text, language=LANG)


def canonical_decimal(value: str | float) -> str | None:
    """The canonical ``xsd:decimal`` form Oxigraph stores ("1.50" -> "1.5", "5E+9" -> "5000000000"),
    or ``None`` if ``value`` is not a finite number.

    Emitting the canonical form keeps converter output and store content equal quad for quad.

    >>> canonical_decimal("0.80"), canonical_decimal("1.65E+9"), canonical_decimal("亿")
    ('0.8', '1650000000', None)
    """
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    out = format(number.normalize(), "f")
    return "0" if out in ("-0", "+0") else out


def decimal_literal(value: float) -> Literal:
    """A confidence or score rounded to 3 places as a canonical ``xsd:decimal`` (0.8 -> "0.8")."""
    return Literal(canonical_decimal(f"{round(value, 3):.3f}") or "0", datatype=XSD_DECIMAL)


def number_literal(value: str) -> Literal:
    """``xsd:decimal`` (canonical) when ``value`` is a finite number (``5E+9`` too), else a plain string."""
    text = canonical_decimal(value)
    return Literal(value) if text is None else Literal(text, datatype=XSD_DECIMAL)


def date_literal(value: str | None) -> Literal | None:
    """``xsd:date`` literal of an ISO ``YYYY-MM-DD`` string that is a real date, else ``None``."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD_DATE)


def typed_literal(value: str) -> Literal:
    """``xsd:date`` for a valid ISO date, ``xsd:decimal`` for a number, else a plain string."""
    as_date = date_literal(value)
    return number_literal(value) if as_date is None else as_date


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


def evidence_triples(span: Span, doc_id: str, doc: NamedNode) -> tuple[NamedNode, list[Triple3]]:
    """The evidence node of a sentence and its NIF description.

    Offsets are ``xsd:integer``, not NIF's ``xsd:nonNegativeInteger``: Oxigraph stores every
    derived integer type as ``xsd:integer``, and converter output must equal store content.

    Raises ``ValueError`` if the offsets are negative or reversed.
    """
    if span.start < 0 or span.end < span.start:
        raise ValueError(f"evidence {span.text!r} has invalid offsets {span.start}..{span.end}")
    ev = NamedNode(node_iri("ev", doc_id, str(span.start), str(span.end)))
    return ev, [
        (ev, T.a, T.evidence_class),
        (ev, T.a, T.nif_string),
        (ev, T.anchor_of, zh(span.text)),
        (ev, T.begin_index, Literal(str(span.start), datatype=XSD_INTEGER)),
        (ev, T.end_index, Literal(str(span.end), datatype=XSD_INTEGER)),
        (ev, T.reference_context, doc),
    ]


def assertion_triples(
    stmt: NamedNode, fact: Triple3, *, ev: NamedNode, doc: NamedNode, confidence: float, rule: str
) -> list[Triple3]:
    """The reified statement of ``fact`` with its provenance (no role)."""
    subject, predicate, obj = fact
    out: list[Triple3] = [
        (stmt, T.a, T.statement),
        (stmt, T.a, T.assertion),
        (stmt, T.subject, subject),
        (stmt, T.predicate, predicate),
        (stmt, T.object, obj),
        (stmt, T.confidence, decimal_literal(confidence)),
        (stmt, T.was_derived_from, doc),
        (stmt, T.evidence, ev),
    ]
    if rule:
        out.append((stmt, T.rule, Literal(rule)))
    return out


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
    tail = zh(rel.tail) if rel.type in LITERAL_RELATIONS else NamedNode(rel.tail)
    fact: Triple3 = (NamedNode(rel.head), predicate, tail)
    stmt = NamedNode(node_iri("stmt", doc_id, rel.type, rel.head, rel.tail, str(rel.evidence.start)))
    ev, ev_triples = evidence_triples(rel.evidence, doc_id, doc)
    out = [fact, *assertion_triples(stmt, fact, ev=ev, doc=doc, confidence=rel.confidence, rule=rel.rule)]
    if rel.role:
        out.append((stmt, T.role, zh(rel.role)))
    return out + ev_triples


def amount_triples(attr: Attribute, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """``<subject> kgo:investment <amt>`` and the ``schema:MonetaryAmount`` node."""
    amt = NamedNode(node_iri("amt", doc_id, attr.subject, str(attr.evidence.start)))
    ev, ev_triples = evidence_triples(attr.evidence, doc_id, doc)
    out: list[Triple3] = [
        (NamedNode(attr.subject), T.investment, amt),
        (amt, T.a, T.monetary_amount),
        (amt, T.value, number_literal(attr.value)),
        (amt, T.confidence, decimal_literal(attr.confidence)),
        (amt, T.evidence, ev),
        (amt, T.was_derived_from, doc),
    ]
    optional = ((T.currency, attr.unit, Literal), (T.qualifier, attr.qualifier, zh),
                (T.stage, attr.stage, zh), (T.rule, attr.rule, Literal))
    out.extend((amt, p, make(v)) for p, v, make in optional if v)
    return out + ev_triples


def attribute_triples(attr: Attribute, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """Triples of one attribute; an attribute name without a kgo property is logged and skipped.

    Raises ``ValueError`` on bad evidence offsets.
    """
    if attr.name == "investment":
        return amount_triples(attr, doc_id, doc)
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


def _all_triples(ex: Extraction, doc: NamedNode) -> Iterator[Triple3]:
    doc_id = ex.article.doc_id
    yield from document_triples(ex.article, doc, (e.id for e in ex.entities))
    for entity in ex.entities:
        yield from entity_triples(entity)
    for rel in ex.relations:
        yield from relation_triples(rel, doc_id, doc)
    for attr in ex.attributes:
        yield from attribute_triples(attr, doc_id, doc)


def extraction_quads(ex: Extraction) -> list[Quad]:
    """All quads of one extraction, in the named graph ``document_iri(doc_id)``, without duplicates.

    >>> from kg.records import Article
    >>> art = Article(doc_id="d1", path="a.txt", source="/a.txt", title="标题", text="正文")
    >>> len(extraction_quads(Extraction(article=art)))
    6

    Raises ``ValueError`` on an unknown entity or relation type, an invalid IRI, or bad offsets
    (before anything is written: callers convert first, then write).
    """
    doc = NamedNode(document_iri(ex.article.doc_id))
    return [Quad(s, p, o, doc) for s, p, o in dict.fromkeys(_all_triples(ex, doc))]


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
    "number_literal", "canonical_decimal",
]
