"""graph_data: nodes, edges, facts and evidence read from a hand-built store."""
from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.iri import entity_iri, mint
from kg.viz import GraphData, graph_data
from tests.viz.samples import COMPANY, EVIL, ORG, PARK, PERSON, PLACE, PROJECT
from tests.viz.samples import AWARD as AWARD_NAME

AWARD = mint("award", AWARD_NAME)


def _nodes(data: GraphData) -> dict:
    return {n.id: n for n in data.nodes}


def _edges(data: GraphData) -> dict:
    return {(e.head, e.relation, e.tail): e for e in data.edges}


def test_all_nodes_with_types_labels_and_aliases(store):
    nodes = _nodes(graph_data(store))
    assert {i: (n.type, n.label) for i, n in nodes.items()} == {
        COMPANY: ("Company", "杭州某某科技股份有限公司"), PARK: ("Park", "某某小镇"),
        PLACE: ("Place", "杭州市余杭区"), PERSON: ("Person", "张某某"),
        PROJECT: ("Project", "某某智能制造项目"), ORG: ("Organization", "某某市经信局"),
        EVIL: ("Company", "<img src=x onerror=alert(1)>"),
        AWARD: ("Award", "浙江省科技进步奖"),
    }
    assert nodes[COMPANY].aliases == ("某某", "某某科技")
    assert nodes[COMPANY].names == ("杭州某某科技股份有限公司", "某某", "某某科技")
    assert nodes[PARK].aliases == ("某某特色小镇",)   # the same in several graphs: once


def test_documents_where_mentioned(store):
    nodes = _nodes(graph_data(store))
    assert [(d.title, d.source) for d in nodes[COMPANY].documents] == [
        ("某某小镇迎来新企业", "seeds/001.txt"), ("某某智能制造项目签约", "seeds/002.txt")]
    assert [d.source for d in nodes[PARK].documents] == [
        "seeds/001.txt", "seeds/002.txt", "seeds/003.txt"]
    assert [d.source for d in nodes[AWARD].documents] == ["seeds/001.txt"]


def test_investment_amount_with_evidence(store):
    (inv,) = _nodes(graph_data(store))[PROJECT].investments
    assert (inv.value, inv.currency, inv.qualifier, inv.stage) == (
        Decimal("1650000000"), "CNY", "近", "签约")
    assert [(e.sentence, e.document.source) for e in inv.evidence] == [
        ("项目总投资近16.5亿元。", "seeds/002.txt")]


def test_edges_with_relation_role_confidence_and_evidence(store):
    edges = _edges(graph_data(store))
    assert set(edges) == {
        (COMPANY, "locatedIn", PARK), (PARK, "locatedIn", PLACE),
        (PERSON, "worksFor", COMPANY), (COMPANY, "receivedAward", AWARD),
        (COMPANY, "investsIn", PROJECT), (PROJECT, "locatedIn", PARK),
        (EVIL, "locatedIn", PARK),
    }
    works = edges[(PERSON, "worksFor", COMPANY)]
    assert (works.roles, works.confidence) == (("总经理",), 0.9)
    assert [(e.sentence, e.document.title, e.document.source) for e in works.evidence] == [
        ("张某某任杭州某某科技股份有限公司总经理。", "某某小镇迎来新企业", "seeds/001.txt")]


def test_one_edge_per_fact_with_every_statement_behind_it(store):
    located = _edges(graph_data(store))[(COMPANY, "locatedIn", PARK)]
    assert located.confidence == 0.8        # the highest of 0.8 and 0.6
    assert [e.sentence for e in located.evidence] == [
        "杭州某某科技股份有限公司位于某某小镇。", "某某科技落户某某小镇。"]


def test_award_literal_becomes_an_award_node(store):
    edge = _edges(graph_data(store))[(COMPANY, "receivedAward", AWARD)]
    assert edge.evidence[0].sentence == "某某科技荣获浙江省科技进步奖。"


def test_result_is_deterministic(store):
    assert graph_data(store) == graph_data(store)


@pytest.mark.parametrize(("hops", "expected"), [
    (0, {PARK}),
    (1, {PARK, COMPANY, PROJECT, PLACE, EVIL}),
    (2, {PARK, COMPANY, PROJECT, PLACE, EVIL, PERSON, AWARD}),
])
def test_focus_keeps_the_neighbourhood(store, hops, expected):
    data = graph_data(store, focus="某某小镇", hops=hops)
    assert set(_nodes(data)) == expected
    assert all(e.head in expected and e.tail in expected for e in data.edges)


def test_focus_one_hop_edges_are_the_induced_subgraph(store):
    edges = set(_edges(graph_data(store, focus="某某小镇", hops=1)))
    assert (COMPANY, "investsIn", PROJECT) in edges      # both ends within one hop
    assert (PERSON, "worksFor", COMPANY) not in edges


@pytest.mark.parametrize("name", [" 某某 科技 ", "某某科技", "杭州某某科技股份有限公司",
                                  "杭州某某科技股份有限公司\u3000", "某某"])
def test_focus_by_label_or_alias_ignores_white_space(store, name):
    data = graph_data(store, focus=name, hops=0)
    assert [n.id for n in data.nodes] == [COMPANY]


def test_focus_on_an_award(store):
    data = graph_data(store, focus="浙江省科技进步奖", hops=1)
    assert set(_nodes(data)) == {AWARD, COMPANY}


def test_unknown_focus_names_it_and_says_how_to_fix(store):
    with pytest.raises(QueryError) as err:
        graph_data(store, focus="不存在的公司")
    text = str(err.value)
    assert "不存在的公司" in text and "fix:" in text and text.startswith("E400")


def test_unknown_focus_suggests_close_names(store):
    with pytest.raises(QueryError, match="某某小镇"):
        graph_data(store, focus="小镇")


def test_negative_hops_is_an_error(store):
    with pytest.raises(QueryError, match="hops"):
        graph_data(store, focus="某某小镇", hops=-1)


def test_empty_store():
    assert graph_data(ox.Store()) == GraphData(nodes=(), edges=())


class _PrefixingStore:
    """Like KGStore.query: prepends prefixes, queries the union graph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, sparql: str):
        prefixes = "PREFIX kgo: <https://w3id.org/park-kg/ontology#>\n"
        return self.store.query(prefixes + sparql, use_default_graph_as_union=True)


def test_works_with_a_store_that_prepends_prefixes(store):
    assert graph_data(_PrefixingStore(store)) == graph_data(store)


def test_untyped_relation_end_becomes_an_other_node():
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    kgo = "https://w3id.org/park-kg/ontology#"
    head, tail = entity_iri("Company", "甲公司"), "https://example.org/unknown/乙"
    g = ox.NamedNode("https://example.org/g")
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(head), rdf_type, ox.NamedNode(kgo + "Company"), g))
    store.add(ox.Quad(ox.NamedNode(head), ox.NamedNode(kgo + "subsidiaryOf"),
                      ox.NamedNode(tail), g))
    nodes = _nodes(graph_data(store))
    assert (nodes[head].type, nodes[head].label) == ("Company", head.rsplit("/", 1)[1])
    assert (nodes[tail].type, nodes[tail].label) == ("Other", "乙")
