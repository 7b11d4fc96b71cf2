"""ontology/park-kg.ttl: parses, documents every term, agrees with KGO and with the code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SDO

from kg.rdf.namespace import KGO, ONTOLOGY_IRI, kgo_terms
from kg.settings import ONTOLOGY_FILE, ONTOLOGY_NS

REPO = Path(__file__).resolve().parents[2]
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def declared(onto: Graph) -> set[str]:
    return {str(s).removeprefix(ONTOLOGY_NS) for s, o in onto.subject_objects(RDF.type)
            if str(s).startswith(ONTOLOGY_NS) and o in TERM_TYPES}


def test_ontology_header(onto: Graph) -> None:
    head = URIRef(ONTOLOGY_IRI)
    assert (head, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.creator, OWL.versionInfo, DCTERMS.license):
        assert onto.value(head, prop) is not None, prop


def test_every_term_is_labelled_and_commented(onto: Graph) -> None:
    for name in declared(onto):
        term = KGO[name]
        langs = {lit.language for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)}
        assert {"zh", "en"} <= langs, name
        assert any(c.language == "en" for c in onto.objects(term, RDFS.comment)), name


def test_ontology_has_no_blank_nodes(onto: Graph) -> None:
    assert not any(isinstance(t, BNode) for triple in onto for t in triple)


def test_defined_namespace_equals_ontology_terms(onto: Graph) -> None:
    assert declared(onto) == set(kgo_terms())


def test_kgo_terms_used_in_code_and_docs_are_declared(onto: Graph) -> None:
    sources = [*sorted((REPO / "kg" / "rdf").glob("*.py")), REPO / "docs" / "rdf-model.md"]
    used: set[str] = set()
    for path in sources:
        # doctest lines show a deliberate typo; dunder attributes are Python, not terms
        text = "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines() if ">>>" not in ln)
        used |= set(re.findall(r"\bKGO\.([A-Za-z]\w*)", text))
        used |= set(re.findall(r"\bKGO\[\"(\w+)\"\]", text))
        used |= set(re.findall(r"\bkgo:(\w+)", text))
    assert used, "the scan found no kgo terms"
    assert used <= declared(onto), used - declared(onto)


@pytest.mark.parametrize(("term", "parent"), [
    (KGO.Park, SDO.Place), (KGO.Company, SDO.Corporation), (KGO.Company, URIRef(ORG + "FormalOrganization")),
    (KGO.Organization, URIRef(ORG + "Organization")), (KGO.Person, SDO.Person),
    (KGO.Place, SDO.AdministrativeArea), (KGO.Document, SDO.NewsArticle),
    (KGO.Assertion, URIRef(PROV + "Entity")), (KGO.Evidence, URIRef(PROV + "Entity")),
])
def test_class_alignment(onto: Graph, term: URIRef, parent: URIRef) -> None:
    assert (term, RDFS.subClassOf, parent) in onto


@pytest.mark.parametrize(("term", "parent"), [
    (KGO.worksFor, URIRef(ORG + "memberOf")), (KGO.subsidiaryOf, URIRef(ORG + "subOrganizationOf")),
    (KGO.locatedIn, SDO.containedInPlace), (KGO.receivedAward, SDO.award),
])
def test_property_alignment(onto: Graph, term: URIRef, parent: URIRef) -> None:
    assert (term, RDFS.subPropertyOf, parent) in onto
