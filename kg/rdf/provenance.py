"""Provenance nodes: evidence sentences, entity mentions (both NIF strings of the document text)
and reified assertions. See "Provenance" in docs/rdf-model.md.

Every node is minted by ``kg.iri.node_iri`` from the document id and offsets, so the same
extraction always gives the same nodes.
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.iri import node_iri
from kg.rdf.terms import T, Triple3, decimal_literal, integer_literal, zh
from kg.records import Entity, Span


def check_span(span: Span, what: str) -> None:
    """Raise ``ValueError`` if the offsets of ``span`` are negative or reversed."""
    if span.start < 0 or span.end < span.start:
        raise ValueError(f"{what} {span.text!r} has invalid offsets {span.start}..{span.end}")


def nif_triples(node: NamedNode, span: Span, doc: NamedNode) -> list[Triple3]:
    """``nif:anchorOf``, ``nif:beginIndex``, ``nif:endIndex`` and ``nif:referenceContext`` of a span.

    Offsets are ``xsd:integer``, not NIF's ``xsd:nonNegativeInteger``: Oxigraph stores every
    derived integer type as ``xsd:integer``, and converter output must equal store content.
    """
    return [
        (node, T.anchor_of, zh(span.text)),
        (node, T.begin_index, integer_literal(span.start)),
        (node, T.end_index, integer_literal(span.end)),
        (node, T.reference_context, doc),
    ]


def evidence_triples(span: Span, doc_id: str, doc: NamedNode) -> tuple[NamedNode, list[Triple3]]:
    """The evidence node of a sentence (``node_iri("ev", doc_id, start, end)``) and its NIF description.

    Raises ``ValueError`` if the offsets are negative or reversed.
    """
    check_span(span, "evidence")
    ev = NamedNode(node_iri("ev", doc_id, str(span.start), str(span.end)))
    return ev, [(ev, T.a, T.evidence_class), (ev, T.a, T.nif_string), *nif_triples(ev, span, doc)]


def mention_iri(doc_id: str, span: Span) -> NamedNode:
    """The ``nif:Phrase`` node of a mention: ``node_iri("mention", doc_id, start, end)``."""
    return NamedNode(node_iri("mention", doc_id, str(span.start), str(span.end)))


def mention_triples(entity: Entity, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """One ``nif:Phrase`` per mention of ``entity``, linked to it by ``itsrdf:taIdentRef``.

    Six triples per mention (the quad budget: mentions are the most numerous nodes).
    Raises ``ValueError`` if a mention has negative or reversed offsets.
    """
    out: list[Triple3] = []
    node_of_entity = NamedNode(entity.id)
    for span in entity.mentions:
        check_span(span, f"mention of {entity.label}")
        node = mention_iri(doc_id, span)
        out += [(node, T.a, T.nif_phrase), *nif_triples(node, span, doc), (node, T.ta_ident_ref, node_of_entity)]
    return out


def assertion_triples(
    stmt: NamedNode, fact: Triple3, *, ev: NamedNode, doc: NamedNode, confidence: float, rule: str
) -> list[Triple3]:
    """The reified statement of ``fact`` with its provenance (no role)."""
    subject, predicate, obj = fact
    statement: list[Triple3] = [
        (stmt, T.a, T.statement),
        (stmt, T.a, T.assertion),
        (stmt, T.subject, subject),
        (stmt, T.predicate, predicate),
        (stmt, T.object, obj),
    ]
    return statement + provenance_triples(stmt, ev=ev, doc=doc, confidence=confidence, rule=rule)


def provenance_triples(node: NamedNode, *, ev: NamedNode, doc: NamedNode, confidence: float,
                       rule: str) -> list[Triple3]:
    """``kgo:confidence``, ``kgo:rule``, ``kgo:evidence`` and ``prov:wasDerivedFrom`` of an n-ary node
    (amount, observation)."""
    out: list[Triple3] = [
        (node, T.confidence, decimal_literal(confidence)),
        (node, T.evidence, ev),
        (node, T.was_derived_from, doc),
    ]
    if rule:
        out.append((node, T.rule, Literal(rule)))
    return out


__all__ = ["check_span", "nif_triples", "evidence_triples", "mention_iri", "mention_triples",
           "assertion_triples", "provenance_triples"]
