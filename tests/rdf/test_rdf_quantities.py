"""Project sizes in RDF: land area, floor area and capacity as schema:QuantitativeValue nodes
(conversion, store round trip, queries, SHACL shapes)."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdf_samples import COMPANY, PROJECT, TEXT, sample_extraction, sentence
from rdflib import Graph

from kg.iri import document_iri
from kg.rdf.convert import extraction_quads
from kg.rdf.namespace import KGO
from kg.rdf.nary import UNIT_CODES
from kg.rdf.store import KGStore
from kg.records import Attribute, Extraction
from kg.validate import load_shapes, validate_store

SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
EV = sentence(TEXT, "年产十万台")


def size(name: str, value: str, unit: str, **kw) -> Attribute:
    defaults = {"subject": PROJECT, "evidence": EV, "rule": f"attribute.{name}", "confidence": 0.75}
    return Attribute(name=name, value=value, unit=unit, **{**defaults, **kw})


SIZES = (size("landArea", "80000", "平方米", qualifier="约"), size("floorArea", "5000", "平方米", qualifier="余"),
         size("capacity", "100000", "台", product="机器人", confidence=0.8, rule="attribute.capacity_in_name"))


def with_sizes(*attrs: Attribute, ex: Extraction | None = None) -> Extraction:
    ex = ex or sample_extraction()
    return dataclasses.replace(ex, attributes=(*ex.attributes, *attrs))


def objects(quads: list[ox.Quad], subject: ox.NamedNode | str, predicate: str) -> list:
    s = subject if isinstance(subject, ox.NamedNode) else ox.NamedNode(subject)
    return [q.object for q in quads if q.subject == s and q.predicate == ox.NamedNode(predicate)]


def test_sizes_are_quantitative_values_with_unit_code_and_evidence() -> None:
    quads = extraction_quads(with_sizes(*SIZES))
    [land] = objects(quads, PROJECT, KGO.landArea)
    [floor] = objects(quads, PROJECT, KGO.floorArea)
    [cap] = objects(quads, PROJECT, KGO.capacity)
    for node in (land, floor, cap):
        assert objects(quads, node, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == [
            ox.NamedNode(SCHEMA + "QuantitativeValue")]
        [ev] = objects(quads, node, KGO.evidence)
        assert objects(quads, ev, "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf") == [
            ox.Literal(EV.text, language="zh")]
        assert objects(quads, node, "http://www.w3.org/ns/prov#wasDerivedFrom") == [
            ox.NamedNode(document_iri("doc-0001"))]
    decimal = ox.NamedNode(XSD + "decimal")
    assert objects(quads, land, SCHEMA + "value") == [ox.Literal("80000", datatype=decimal)]
    assert objects(quads, land, SCHEMA + "unitText") == [ox.Literal("平方米")]
    assert objects(quads, land, SCHEMA + "unitCode") == [ox.Literal("MTK")]
    assert objects(quads, land, KGO.qualifier) == [ox.Literal("约", language="zh")]
    assert objects(quads, floor, KGO.qualifier) == [ox.Literal("余", language="zh")]
    assert objects(quads, cap, SCHEMA + "unitCode") == [ox.Literal("H87")]
    assert objects(quads, cap, KGO.product) == [ox.Literal("机器人", language="zh")]
    assert objects(quads, cap, KGO.rule) == [ox.Literal("attribute.capacity_in_name")]
    assert objects(quads, cap, KGO.confidence) == [ox.Literal("0.8", datatype=decimal)]
    assert not objects(quads, land, KGO.product)
    # no reified statement: the quantity node carries its provenance itself, as amounts do
    assert not [q for q in quads if q.object in (KGO.landArea, KGO.floorArea, KGO.capacity)]


def test_units_without_a_code_keep_their_text() -> None:
    quads = extraction_quads(with_sizes(size("capacity", "5000", "台套")))
    [cap] = objects(quads, PROJECT, KGO.capacity)
    assert objects(quads, cap, SCHEMA + "unitText") == [ox.Literal("台套")]
    assert not objects(quads, cap, SCHEMA + "unitCode")
    assert {UNIT_CODES[u] for u in ("吨", "GWh", "套", "平方米")} == {"TNE", "GWH", "SET", "MTK"}


def test_store_round_trip_and_plain_queries() -> None:
    ex = with_sizes(*SIZES)
    with KGStore.open(None) as store:
        store.replace_documents([ex])
        stored = set(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(document_iri("doc-0001"))))
        assert stored == set(extraction_quads(ex))
        _, rows = store.select("""
            SELECT ?project ?v ?unit ?code ?product WHERE {
              ?p kgo:capacity ?q ; rdfs:label ?project .
              ?q schema:value ?v ; schema:unitText ?unit .
              OPTIONAL { ?q schema:unitCode ?code } OPTIONAL { ?q kgo:product ?product }
            }""")
        assert rows == [["年产十万台机器人项目", Decimal(100000), "台", "H87", "机器人"]]
        _, areas = store.select("SELECT ?kind ?v WHERE { ?p ?kind ?q . ?q schema:unitCode 'MTK' ; schema:value ?v } "
                             "ORDER BY ?v")
        assert areas == [[str(KGO.floorArea), Decimal(5000)], [str(KGO.landArea), Decimal(80000)]]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def results(ex: Extraction, shapes: Graph) -> set[tuple[str, str]]:
    with KGStore.open(None) as store:
        store.replace_documents([ex])
        report = validate_store(store, shapes=shapes)
    return {(r.severity, r.message) for r in report.results}


def test_sizes_conform(shapes: Graph) -> None:
    assert results(with_sizes(*SIZES), shapes) == set()


def test_bad_sizes_are_reported(shapes: Graph) -> None:
    bad = with_sizes(size("floorArea", "-5", "平方米"), size("capacity", "12", ""),
                     size("landArea", "100", "平方米", subject=COMPANY),
                     size("landArea", "80000", "平方米"), size("landArea", "90000", "平方米"))
    found = results(bad, shapes)
    assert ("Violation", "a quantity has exactly one schema:value, a decimal ≥ 0") in found
    assert ("Violation", "a quantity has exactly one unit (schema:unitText)") in found
    assert ("Violation", "kgo:landArea, kgo:floorArea, kgo:capacity: the subject must be a Project") in found
    several = "the document gives this project several land areas (a conflict, or parts the model cannot tell apart)"
    assert ("Warning", several) in found


def test_an_area_not_in_square_metres_and_an_orphan_quantity(shapes: Graph) -> None:
    ex = with_sizes(size("landArea", "120", "亩"))
    quads = extraction_quads(ex)
    orphan = [ox.Quad(ox.NamedNode("https://w3id.org/park-kg/id/qv/orphan"), ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(SCHEMA + "QuantitativeValue"),
        quads[0].graph_name)]
    [land] = objects(quads, PROJECT, KGO.landArea)
    shared = ox.Quad(ox.NamedNode(COMPANY), ox.NamedNode(KGO.capacity), land, quads[0].graph_name)
    with KGStore.open(None) as store:
        store.replace_documents([ex])
        store.raw.extend([*orphan, shared])
        found = {(r.severity, r.focus, r.message) for r in validate_store(store, shapes=shapes).results}
    assert ("Violation", land.value, "an area is in square metres (schema:unitCode MTK)") in found
    owners = "this quantity does not hang off exactly one entity by kgo:landArea, kgo:floorArea or kgo:capacity"
    assert {focus for severity, focus, message in found if message == owners} == {
        orphan[0].subject.value, land.value}
