"""Mentions as NIF phrases, posts as org:Membership, park metrics as schema:Observation, and the
competency queries of docs/rdf-model.md on a hand-built store."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_samples import COMPANY, PARK, PERSON, PROJECT, objects, sentence, subjects

from kg.iri import document_iri
from kg.rdf.convert import extraction_quads
from kg.rdf.nary import date_terms, period_window, role_titles
from kg.rdf.store import KGStore
from kg.records import Attribute, Extraction, Relation, Span

REPO = Path(__file__).resolve().parents[2]
KGO = "https://w3id.org/park-kg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITS = "http://www.w3.org/2005/11/its/rdf#"
ORG = "http://www.w3.org/ns/org#"
SDO = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"



def metric(text: str, **fields: str | None) -> Attribute:
    """A park metric of the sample park, read in the sentence containing ``规上``."""
    defaults = {"value": "12050000000", "unit": "CNY", "metric": "规上工业总产值", "rule": "metric.level"}
    return Attribute(subject=PARK, name="metric", evidence=sentence(text, "规上"), **{**defaults, **fields})


def with_metric_text(ex: Extraction) -> Extraction:
    text = ex.article.text + "1至5月，某某小镇实现规上工业产值120.5亿元，同比增长8.2%。"
    return dataclasses.replace(ex, article=dataclasses.replace(ex.article, text=text))


# ---------------------------------------------------------------- mentions
def test_every_mention_is_a_nif_phrase_linked_to_its_entity(sample: Extraction) -> None:
    quads, doc = extraction_quads(sample), ox.NamedNode(document_iri(sample.article.doc_id))
    phrases = subjects(quads, RDF + "type", ox.NamedNode(NIF + "Phrase"))
    assert len(phrases) == sum(len(e.mentions) for e in sample.entities)
    text = sample.article.text
    for node in phrases:
        [anchor] = objects(quads, node, NIF + "anchorOf")
        [begin] = objects(quads, node, NIF + "beginIndex")
        [end] = objects(quads, node, NIF + "endIndex")
        assert text[int(begin.value):int(end.value)] == anchor.value and anchor.language == "zh"
        assert begin.datatype.value == XSD + "integer"
        assert objects(quads, node, NIF + "referenceContext") == [doc]
        assert len(objects(quads, node, ITS + "taIdentRef")) == 1
    short = [n for n in phrases if objects(quads, n, NIF + "anchorOf") == [ox.Literal("某某科技", language="zh")]]
    assert [objects(quads, n, ITS + "taIdentRef") for n in short] == [[ox.NamedNode(COMPANY)]]


def test_mentions_cost_six_quads_each(sample: Extraction) -> None:
    without = dataclasses.replace(sample, entities=tuple(dataclasses.replace(e, mentions=()) for e in sample.entities))
    mentions = sum(len(e.mentions) for e in sample.entities)
    # every mention text of the sample is also the label or an alias: no skos:altLabel is lost
    assert len(extraction_quads(sample)) - len(extraction_quads(without)) == 6 * mentions


def test_mention_with_reversed_offsets_raises(sample: Extraction) -> None:
    bad = dataclasses.replace(sample.entities[0], mentions=(Span(text="某", start=5, end=2),))
    with pytest.raises(ValueError, match="invalid offsets"):
        extraction_quads(dataclasses.replace(sample, entities=(bad,)))


# ---------------------------------------------------------------- posts as org:Membership
def test_post_with_a_compound_title_gives_one_membership_per_role(sample: Extraction) -> None:
    rel = Relation(type="worksFor", head=PERSON, tail=COMPANY, role="副董事长兼总裁",
                   evidence=sentence(sample.article.text, "总经理"), confidence=0.7, rule="works_for.title")
    quads = extraction_quads(dataclasses.replace(sample, relations=(rel,)))
    [stmt] = subjects(quads, RDF + "predicate", ox.NamedNode(KGO + "worksFor"))
    memberships = subjects(quads, RDF + "type", ox.NamedNode(ORG + "Membership"))
    roles = set()
    for mem in memberships:
        assert objects(quads, mem, ORG + "member") == [ox.NamedNode(PERSON)]
        assert objects(quads, mem, ORG + "organization") == [ox.NamedNode(COMPANY)]
        assert objects(quads, mem, "http://www.w3.org/ns/prov#wasDerivedFrom") == [ox.NamedNode(stmt)]
        [role] = objects(quads, mem, ORG + "role")
        assert objects(quads, role.value, RDF + "type") == [ox.NamedNode(ORG + "Role")]
        roles |= {lit.value for lit in objects(quads, role.value, "http://www.w3.org/2000/01/rdf-schema#label")}
    assert roles == {"副董事长", "总裁"}
    assert objects(quads, stmt, KGO + "role") == [ox.Literal("副董事长兼总裁", language="zh")]


def test_no_membership_without_a_role(sample: Extraction) -> None:
    rels = tuple(dataclasses.replace(r, role=None) for r in sample.relations)
    quads = extraction_quads(dataclasses.replace(sample, relations=rels))
    assert not subjects(quads, RDF + "type", ox.NamedNode(ORG + "Membership"))


def test_role_titles() -> None:
    assert role_titles("联合创始人、COO") == ["联合创始人", "COO"]
    assert role_titles("董事长兼总经理兼董事长") == ["董事长", "总经理"]


# ---------------------------------------------------------------- amounts
def test_amount_keeps_qualifier_currency_and_stage(sample: Extraction) -> None:
    [inv] = [a for a in sample.attributes if a.name == "investment"]
    second = dataclasses.replace(inv, value="1700000000", qualifier="近")
    quads = extraction_quads(dataclasses.replace(sample, attributes=(inv, second)))
    amounts = objects(quads, PROJECT, KGO + "investment")
    assert len(amounts) == 2   # two amounts of one project in one sentence are two nodes
    node = next(a.value for a in amounts if objects(quads, a.value, SDO + "value")[0].value == "1700000000")
    assert objects(quads, node, KGO + "qualifier") == [ox.Literal("近", language="zh")]
    assert objects(quads, node, SDO + "currency") == [ox.Literal("CNY")]
    assert objects(quads, node, KGO + "stage") == [ox.Literal("签约", language="zh")]


# ---------------------------------------------------------------- park metrics as observations
def test_metric_is_a_schema_observation(sample: Extraction) -> None:
    ex = with_metric_text(sample)
    level = metric(ex.article.text, period="1-5月", year="2023")
    growth = metric(ex.article.text, value="8.2", unit="%", statistic="同比增速", period="1-5月", year="2023",
                    rule="metric.growth")
    quads = extraction_quads(dataclasses.replace(ex, attributes=(level, growth)))
    observations = subjects(quads, RDF + "type", ox.NamedNode(SDO + "Observation"))
    assert len(observations) == 2
    by_unit = {objects(quads, o, SDO + "unitText")[0].value: o for o in observations}
    obs = by_unit["CNY"]
    assert objects(quads, obs, SDO + "observationAbout") == [ox.NamedNode(PARK)]
    assert objects(quads, obs, SDO + "variableMeasured") == [ox.Literal("规上工业总产值", language="zh")]
    assert objects(quads, obs, SDO + "value") == [ox.Literal("12050000000", datatype=ox.NamedNode(XSD + "decimal"))]
    assert objects(quads, obs, SDO + "observationDate") == [
        ox.Literal("2023-05", datatype=ox.NamedNode(XSD + "gYearMonth"))]
    assert objects(quads, obs, SDO + "observationPeriod") == [ox.Literal("P5M")]
    assert objects(quads, obs, KGO + "period") == [ox.Literal("1-5月", language="zh")]
    assert not objects(quads, obs, KGO + "statistic")
    assert objects(quads, by_unit["%"], KGO + "statistic") == [ox.Literal("同比增速", language="zh")]
    [ev] = objects(quads, obs, KGO + "evidence")
    assert objects(quads, ev.value, NIF + "anchorOf")[0].value.startswith("1至5月")


@pytest.mark.parametrize(("period", "year", "expected"), [
    ("全年", "2023", [("observationDate", "2023", "gYear"), ("observationPeriod", "P1Y", None)]),
    ("1-5月", "2023", [("observationDate", "2023-05", "gYearMonth"), ("observationPeriod", "P5M", None)]),
    ("上半年", None, [("observationPeriod", "P6M", None)]),
    ("下半年", "2022", [("observationDate", "2022-12", "gYearMonth"), ("observationPeriod", "P6M", None)]),
    ("年初至今", "2024", [("observationDate", "2024", "gYear")]),
    (None, "2023", [("observationDate", "2023", "gYear")]),
    (None, None, []),
])
def test_date_terms(period: str | None, year: str | None, expected: list[tuple]) -> None:
    def kind(lit: ox.Literal) -> str | None:
        return None if lit.datatype.value == XSD + "string" else lit.datatype.value.removeprefix(XSD)

    got = [(p.value.removeprefix(SDO), lit.value, kind(lit)) for p, lit in date_terms(period, year)]
    assert got == expected


def test_period_window_rejects_unknown_labels() -> None:
    assert period_window("13月") is None and period_window("3-1月") is None and period_window("春节") is None


# ---------------------------------------------------------------- competency queries (docs/rdf-model.md)
def competency(name: str) -> str:
    """The SPARQL block of docs/rdf-model.md whose first line is ``# competency: name``."""
    docs = (REPO / "docs" / "rdf-model.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sparql\n(.*?)```", docs, flags=re.DOTALL):
        if block.startswith(f"# competency: {name}\n"):
            return block
    raise AssertionError(f"no competency query {name!r} in docs/rdf-model.md")


def test_competency_queries_on_the_sample(mem_store: KGStore, sample: Extraction) -> None:
    mem_store.replace_documents([sample])
    sentences = competency("sentences-behind").replace("张学宁", "张某某")
    sentences = sentences.replace("?park a kgo:Park", "?park a kgo:Company").replace("杭州经济技术开发区", "杭州某某科技股份有限公司")
    _, rows = mem_store.select(sentences)
    assert [(r[0], r[1], r[2]) for r in rows] == [(KGO + "worksFor", "总经理", "张某某任某某科技总经理。")]
    where = competency("label-read").replace("钱开区", "某某科技")
    _, rows = mem_store.select(where)
    assert rows and all(r[0] == COMPANY and r[1] == "seeds/doc-0001.txt" for r in rows)
    assert all(sample.article.text[r[2]:r[3]] == "某某科技" for r in rows)


@pytest.mark.slow
def test_competency_queries_on_the_seeds(seed_store: Path) -> None:
    with KGStore.open(seed_store, read_only=True) as store:
        _, behind = store.select(competency("sentences-behind"))
        _, read = store.select(competency("label-read"))
    assert behind and {r[0] for r in behind} <= {KGO + "involvedIn", KGO + "worksFor", KGO + "locatedIn"}
    assert all(r[2] and r[3] < r[4] and "seeds/003_" in r[5] for r in behind)
    assert len(read) > 10 and all("钱开区" in r[4] and r[2] + 3 == r[3] for r in read)
