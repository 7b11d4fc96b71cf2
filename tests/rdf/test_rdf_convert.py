"""kg.rdf.convert: one Extraction -> the quads of its document graph (docs/rdf-model.md)."""
from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_samples import (
    AWARD,
    COMPANY,
    PARK,
    PERSON,
    PROJECT,
    objects,
    sample_extraction,
    subjects,
)
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from kg.iri import document_iri
from kg.rdf.convert import (
    alt_labels,
    canonical_decimal,
    extraction_quads,
    ontology_quads,
    typed_literal,
)
from kg.rdf.namespace import ONTOLOGY_IRI, PREFIXES
from kg.records import Attribute, Entity, Extraction, Span

XSD = "http://www.w3.org/2001/XMLSchema#"
KGO = "https://w3id.org/park-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"



def test_all_quads_in_the_document_graph_without_blank_nodes(sample: Extraction) -> None:
    quads = extraction_quads(sample)
    assert {q.graph_name.value for q in quads} == {document_iri(sample.article.doc_id)}
    assert len(quads) == len(set(quads))
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


def test_conversion_is_deterministic(sample: Extraction) -> None:
    assert extraction_quads(sample) == extraction_quads(sample_extraction())


def test_document_block(sample: Extraction) -> None:
    quads, doc = extraction_quads(sample), document_iri(sample.article.doc_id)
    assert objects(quads, doc, RDF + "type") == [ox.NamedNode(KGO + "Document")]
    assert objects(quads, doc, "http://purl.org/dc/terms/title") == [ox.Literal("某某小镇迎来机器人项目", language="zh")]
    assert objects(quads, doc, "http://purl.org/dc/terms/date") == [
        ox.Literal("2024-01-20", datatype=ox.NamedNode(XSD + "date"))]
    assert objects(quads, doc, KGO + "text") == [ox.Literal(sample.article.text, language="zh")]
    assert objects(quads, doc, KGO + "sourcePath") == [ox.Literal("/data/seeds/doc-0001.txt")]
    assert len(objects(quads, doc, "https://schema.org/mentions")) == 5


def test_entity_labels(sample: Extraction) -> None:
    quads = extraction_quads(sample)
    assert objects(quads, COMPANY, RDF + "type") == [ox.NamedNode(KGO + "Company")]
    label = ox.Literal("杭州某某科技股份有限公司", language="zh")
    assert objects(quads, COMPANY, "http://www.w3.org/2000/01/rdf-schema#label") == [label]
    assert objects(quads, COMPANY, "http://www.w3.org/2004/02/skos/core#prefLabel") == [label]
    assert objects(quads, COMPANY, "http://www.w3.org/2004/02/skos/core#altLabel") == [
        ox.Literal("某某", language="zh"), ox.Literal("某某科技", language="zh")]


def test_alt_labels_merge_aliases_and_mentions_sorted() -> None:
    entity = Entity(id=COMPANY, type="Company", label="甲公司", aliases=("乙", "甲公司", " 乙 "),
                    mentions=(Span(text="丙", start=0, end=1), Span(text="甲公司", start=2, end=5)))
    assert alt_labels(entity) == sorted(["乙", "丙"])


def test_relation_with_statement_and_evidence(sample: Extraction) -> None:
    quads = extraction_quads(sample)
    assert objects(quads, PERSON, KGO + "worksFor") == [ox.NamedNode(COMPANY)]
    [stmt] = subjects(quads, RDF + "predicate", ox.NamedNode(KGO + "worksFor"))
    assert objects(quads, stmt, RDF + "subject") == [ox.NamedNode(PERSON)]
    assert objects(quads, stmt, KGO + "role") == [ox.Literal("总经理", language="zh")]
    assert objects(quads, stmt, KGO + "confidence") == [ox.Literal("0.7", datatype=ox.NamedNode(XSD + "decimal"))]
    assert objects(quads, stmt, KGO + "rule") == [ox.Literal("works_for.title")]
    [ev] = objects(quads, stmt, KGO + "evidence")
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    assert objects(quads, ev.value, nif + "anchorOf") == [ox.Literal("张某某任某某科技总经理。", language="zh")]
    begin = objects(quads, ev.value, nif + "beginIndex")[0]
    assert sample.article.text[int(begin.value):].startswith("张某某任")


def test_received_award_has_a_literal_tail(sample: Extraction) -> None:
    quads = extraction_quads(sample)
    assert objects(quads, COMPANY, KGO + "receivedAward") == [ox.Literal(AWARD, language="zh")]


def test_investment_amount_and_dated_attribute(sample: Extraction) -> None:
    quads = extraction_quads(sample)
    [amt] = objects(quads, PROJECT, KGO + "investment")
    assert objects(quads, amt.value, "https://schema.org/value") == [
        ox.Literal("1650000000", datatype=ox.NamedNode(XSD + "decimal"))]
    assert objects(quads, amt.value, "https://schema.org/currency") == [ox.Literal("CNY")]
    assert objects(quads, amt.value, KGO + "stage") == [ox.Literal("签约", language="zh")]
    assert objects(quads, PROJECT, KGO + "date") == [ox.Literal("2024-01-19", datatype=ox.NamedNode(XSD + "date"))]


def test_unknown_attribute_is_logged_and_skipped(sample: Extraction, caplog: pytest.LogCaptureFixture) -> None:
    odd = Attribute(subject=PARK, name="面积", value="3.2", evidence=Span(text="x", start=0, end=1))
    with caplog.at_level(logging.WARNING, logger="kg.rdf.convert"):
        quads = extraction_quads(dataclasses.replace(sample, attributes=(odd,)))
    assert "面积" in caplog.text
    assert not objects(quads, PARK, KGO + "面积")


def test_unknown_entity_type_raises(sample: Extraction) -> None:
    bad = Entity(id=COMPANY, type="Animal", label="某某")
    with pytest.raises(ValueError, match="Animal"):
        extraction_quads(dataclasses.replace(sample, entities=(bad,)))


@pytest.mark.parametrize(("value", "datatype", "lexical"), [
    ("2024-01-19", "date", "2024-01-19"), ("2024-02-30", None, "2024-02-30"), ("16.50", "decimal", "16.5"),
    ("约16亿", None, "约16亿"), ("1.65E+9", "decimal", "1650000000"), ("NaN", None, "NaN"),
])
def test_typed_literal(value: str, datatype: str | None, lexical: str) -> None:
    lit = typed_literal(value)
    assert lit.value == lexical
    assert lit.datatype.value == (XSD + datatype if datatype else XSD + "string")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-10**12, max_value=10**12))
def test_canonical_decimal_is_what_oxigraph_stores(value: Decimal) -> None:
    text = canonical_decimal(format(value, "f"))
    assert text is not None and Decimal(text) == value
    store = ox.Store()
    lit = ox.Literal(text, datatype=ox.NamedNode(XSD + "decimal"))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), lit))
    assert next(iter(store)).object == lit


def test_round_trip_through_trig_is_isomorphic_per_graph(sample: Extraction) -> None:
    quads = extraction_quads(sample) + ontology_quads()
    expected = Dataset().parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    actual = Dataset().parse(data=trig, format="trig")
    names = {document_iri(sample.article.doc_id), ONTOLOGY_IRI}
    for name in names:
        assert len(actual.graph(URIRef(name))) > 0
        assert isomorphic(actual.graph(URIRef(name)), expected.graph(URIRef(name))), name


def test_ontology_quads_live_in_the_ontology_graph() -> None:
    quads = ontology_quads()
    assert quads and {q.graph_name.value for q in quads} == {ONTOLOGY_IRI}


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_survives_conversion(text: str) -> None:
    ex = sample_extraction()
    ex = dataclasses.replace(ex, article=dataclasses.replace(ex.article, title=text, text=text))
    quads = extraction_quads(ex)
    back = list(ox.parse(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))
    assert set(back) == set(quads)
