"""IRIs and names of the hand-built viz store (shared by conftest and the tests)."""
from __future__ import annotations

from kg.iri import entity_iri

KGO = "https://w3id.org/park-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_SENTENCE = "<script>alert(1)</script>"
XSS_TITLE = "</script><script>alert(2)</script>标题"
DOC1_PATH = "/srv/news/某某/001.txt"   # kgo:sourcePath of document 001 (linked as file:)

COMPANY = entity_iri("Company", "杭州某某科技股份有限公司")
PARK = entity_iri("Park", "某某小镇")
PLACE = entity_iri("Place", "杭州市余杭区")
PERSON = entity_iri("Person", "张某某")
PROJECT = entity_iri("Project", "某某智能制造项目")
ORG = entity_iri("Organization", "某某市经信局")
EVIL = entity_iri("Company", XSS_NAME)
AWARD = "浙江省科技进步奖"
