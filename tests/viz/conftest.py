"""A hand-built store in the shape of docs/rdf-model.md (invented names, one graph per document)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.iri import document_iri, node_iri

from tests.viz.samples import (  # noqa: F401  (re-exported for the fixtures below)
    KGO, RDF, RDFS, SKOS, PROV, DCT, SCHEMA, NIF, XSD, XSS_NAME, XSS_SENTENCE, XSS_TITLE, DOC1_PATH, COMPANY, PARK, PLACE, PERSON, PROJECT, ORG, EVIL, AWARD,
)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


class Builder:
    def __init__(self) -> None:
        self.store = ox.Store()

    def add(self, g: str, s: str, p: str, o) -> None:
        obj = o if isinstance(o, (ox.Literal, ox.NamedNode)) else _n(o)
        self.store.add(ox.Quad(_n(s), _n(p), obj, _n(g)))

    def document(self, doc_id: str, title: str, source: str, *, path: str | None = None,
                 date: str | None = None) -> str:
        doc = document_iri(doc_id)
        self.add(doc, doc, RDF + "type", KGO + "Document")
        self.add(doc, doc, DCT + "title", _zh(title))
        self.add(doc, doc, DCT + "source", ox.Literal(source))
        if path:
            self.add(doc, doc, KGO + "sourcePath", ox.Literal(path))
        if date:
            self.add(doc, doc, DCT + "date", ox.Literal(date, datatype=_n(XSD + "date")))
        return doc

    def entity(self, doc: str, iri: str, type_: str, label: str, *alts: str) -> None:
        self.add(doc, iri, RDF + "type", KGO + type_)
        self.add(doc, iri, RDFS + "label", _zh(label))
        self.add(doc, iri, SKOS + "prefLabel", _zh(label))
        for alt in alts:
            self.add(doc, iri, SKOS + "altLabel", _zh(alt))
        self.add(doc, doc, SCHEMA + "mentions", iri)

    def evidence(self, doc: str, sentence: str, start: int) -> str:
        ev = node_iri("ev", doc, str(start), str(start + len(sentence)))
        self.add(doc, ev, RDF + "type", KGO + "Evidence")
        self.add(doc, ev, NIF + "anchorOf", _zh(sentence))
        self.add(doc, ev, NIF + "referenceContext", doc)
        return ev

    def relation(self, doc: str, head: str, rel: str, tail, sentence: str, *,
                 role: str | None = None, confidence: str = "0.8", start: int = 0) -> None:
        obj = _zh(tail) if rel == "receivedAward" else _n(tail)
        self.add(doc, head, KGO + rel, obj)
        stmt = node_iri("stmt", doc, rel, head, str(tail), str(start))
        self.add(doc, stmt, RDF + "type", RDF + "Statement")
        self.add(doc, stmt, RDF + "subject", head)
        self.add(doc, stmt, RDF + "predicate", KGO + rel)
        self.add(doc, stmt, RDF + "object", obj)
        if role:
            self.add(doc, stmt, KGO + "role", _zh(role))
        conf = ox.Literal(confidence, datatype=_n(XSD + "decimal"))
        self.add(doc, stmt, KGO + "confidence", conf)
        self.add(doc, stmt, PROV + "wasDerivedFrom", doc)
        self.add(doc, stmt, KGO + "evidence", self.evidence(doc, sentence, start))

    def investment(self, doc: str, subject: str, value: str, sentence: str, *,
                   qualifier: str, stage: str) -> None:
        amt = node_iri("amt", doc, subject, "0")
        self.add(doc, subject, KGO + "investment", amt)
        self.add(doc, amt, RDF + "type", SCHEMA + "MonetaryAmount")
        self.add(doc, amt, SCHEMA + "value", ox.Literal(value, datatype=_n(XSD + "decimal")))
        self.add(doc, amt, SCHEMA + "currency", ox.Literal("CNY"))
        self.add(doc, amt, KGO + "qualifier", _zh(qualifier))
        self.add(doc, amt, KGO + "stage", _zh(stage))
        self.add(doc, amt, KGO + "evidence", self.evidence(doc, sentence, 300))
        self.add(doc, amt, PROV + "wasDerivedFrom", doc)


    def dated(self, doc: str, subject: str, day: str, stage: str, sentence: str) -> None:
        value = ox.Literal(day, datatype=_n(XSD + "date"))
        self.add(doc, subject, KGO + "date", value)
        stmt = node_iri("stmt", doc, "date", subject, day, "500")
        self.add(doc, stmt, RDF + "type", RDF + "Statement")
        self.add(doc, stmt, RDF + "subject", subject)
        self.add(doc, stmt, RDF + "predicate", KGO + "date")
        self.add(doc, stmt, RDF + "object", value)
        self.add(doc, stmt, KGO + "stage", _zh(stage))
        self.add(doc, stmt, PROV + "wasDerivedFrom", doc)
        self.add(doc, stmt, KGO + "evidence", self.evidence(doc, sentence, 500))


def build_store() -> ox.Store:
    b = Builder()
    d1 = b.document("001", "某某小镇迎来新企业", "seeds/001.txt", path=DOC1_PATH, date="2023-05-05")
    d2 = b.document("002", "某某智能制造项目签约", "seeds/002.txt")
    d3 = b.document("003", XSS_TITLE, "seeds/003.txt", path="javascript:alert(3)")
    for doc in (d1, d2):
        b.entity(doc, COMPANY, "Company", "杭州某某科技股份有限公司", "某某科技", "某某")
        b.entity(doc, PARK, "Park", "某某小镇", "某某特色小镇")
    b.entity(d1, PLACE, "Place", "杭州市余杭区")
    b.entity(d1, PERSON, "Person", "张某某")
    b.entity(d2, PROJECT, "Project", "某某智能制造项目")
    b.entity(d2, ORG, "Organization", "某某市经信局")
    b.entity(d3, EVIL, "Company", XSS_NAME, XSS_SENTENCE)
    b.entity(d3, PARK, "Park", "某某小镇")
    b.relation(d1, COMPANY, "locatedIn", PARK, "杭州某某科技股份有限公司位于某某小镇。", start=10)
    b.relation(d2, COMPANY, "locatedIn", PARK, "某某科技落户某某小镇。", confidence="0.6", start=20)
    b.relation(d1, PARK, "locatedIn", PLACE, "某某小镇位于杭州市余杭区。", start=40)
    b.relation(d1, PERSON, "worksFor", COMPANY, "张某某任杭州某某科技股份有限公司总经理。",
               role="总经理", confidence="0.9", start=60)
    b.relation(d1, COMPANY, "receivedAward", AWARD, "某某科技荣获浙江省科技进步奖。", start=80)
    b.relation(d2, COMPANY, "investsIn", PROJECT, "某某科技投资建设某某智能制造项目。", start=100)
    b.relation(d2, PROJECT, "locatedIn", PARK, "该项目落地某某小镇。", start=120)
    b.relation(d3, EVIL, "locatedIn", PARK, XSS_SENTENCE, start=0)
    b.investment(d2, PROJECT, "1650000000", "项目总投资近16.5亿元。", qualifier="近", stage="签约")
    b.dated(d2, PROJECT, "2024-01-19", "签约", "2024年1月19日，某某智能制造项目正式签约。")
    return b.store


@pytest.fixture(scope="session")
def store() -> ox.Store:
    return build_store()
