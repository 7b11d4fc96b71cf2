"""The named competency queries answer what the seed articles say (and the CLI runs them)."""
from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal

import pytest
from query_helpers import rows

from kg.cli import main
from kg.iri import entity_iri
from kg.queries import QUERIES_DIR, bind, get_query, list_queries
from kg.rdf.store import KGStore
from kg.records import Article, Attribute, Entity, Extraction, Relation, Span

KGO = "https://w3id.org/park-kg/ontology#"


def test_every_shipped_query_is_documented_and_runs_unbound(seeds):
    names = [q.name for q in list_queries()]
    assert names == sorted(names) and len(names) >= 7
    for q in list_queries():
        assert q.description and q.path.parent == QUERIES_DIR
        assert all(p.description for p in q.params)
        seeds.select(q.text)   # the file as shipped is valid SPARQL with every parameter unbound


def test_shipped_queries_name_nothing_from_the_seeds():
    # parameters, not names: no run of two CJK ideographs (a name) in any .rq file
    for path in QUERIES_DIR.glob("*.rq"):
        assert not re.search(r"[\u3400-\u9fff]{2}", path.read_text(encoding="utf-8")), path


def test_companies_of_park_by_label_and_by_short_name(run):
    by_label = run("companies-of-park", park="大创小镇")
    by_short = run("companies-of-park", park="大创")
    names = {r["companyName"] for r in by_label}
    assert {"浙江可胜技术股份有限公司", "杭州立昂微电子股份有限公司"} <= names
    assert names == {r["companyName"] for r in by_short}
    assert {r["parkName"] for r in by_label} == {"大创小镇"}
    assert all(r["documents"] >= 1 for r in by_label)
    assert run("companies-of-park", park="没有这个园区") == []


def test_projects_of_park_with_investor_amount_and_stage(run):
    found = run("projects-of-park", park="大创小镇")
    by_project = {}
    for r in found:
        by_project.setdefault(r["projectName"], []).append(r)
    sanhua = by_project["三花智控未来产业中心"]
    assert sanhua[0]["investors"] == "三花智控"
    assert (sanhua[0]["kind"], sanhua[0]["amount"], sanhua[0]["currency"]) == ("amount", Decimal(5000000000), "CNY")
    kechuang = by_project["钱塘科创中心项目"][0]
    assert (kechuang["amount"], kechuang["stage"]) == (Decimal(1650000000), "开工")
    assert kechuang["source"].rsplit("/", 2)[-2] == "seeds"
    assert all(r["parkName"] == "大创小镇" for r in found)


def _dated_project() -> Extraction:
    """A hand-built article: a project in a park, its investor, an amount and a dated stage."""
    text = "某某科技在某某园区投资十亿元建设某某项目。某某项目于2024年1月19日签约。"
    def span(needle: str) -> Span:
        start = text.index(needle)
        return Span(text=needle, start=start, end=start + len(needle))
    def sentence(needle: str) -> Span:
        start = text.rfind("。", 0, text.index(needle)) + 1
        end = text.index("。", start) + 1
        return Span(text=text[start:end], start=start, end=end)
    company, park = entity_iri("Company", "某某科技"), entity_iri("Park", "某某园区")
    project = entity_iri("Project", "某某项目")
    return Extraction(
        article=Article(doc_id="hand-1", path="hand/1.txt", source="/hand/1.txt", title="", text=text,
                        date="2024-01-20", sha256=hashlib.sha256(text.encode()).hexdigest()),
        entities=(Entity(id=company, type="Company", label="某某科技", mentions=(span("某某科技"),)),
                  Entity(id=park, type="Park", label="某某园区", mentions=(span("某某园区"),)),
                  Entity(id=project, type="Project", label="某某项目", mentions=(span("某某项目"),))),
        relations=(Relation(type="locatedIn", head=project, tail=park, evidence=sentence("投资"), confidence=0.8),
                   Relation(type="investsIn", head=company, tail=project, evidence=sentence("投资"), confidence=0.8)),
        attributes=(Attribute(subject=project, name="investment", value="1000000000", unit="CNY",
                              evidence=sentence("投资"), stage="签约", rule="amount.yi"),
                    Attribute(subject=project, name="date", value="2024-01-19", stage="签约",
                              evidence=sentence("签约"), rule="date.full")))


def test_projects_of_park_gives_dated_stages():
    with KGStore.open(None) as store:
        store.replace_documents([_dated_project()])
        store.replace_corpus_graphs([_dated_project()], [])
        found = {r["kind"]: r for r in rows(store, "projects-of-park", park="某某园区")}
    assert found["amount"]["amount"] == Decimal(1000000000) and found["amount"]["stage"] == "签约"
    assert str(found["date"]["date"]) == "2024-01-19" and found["date"]["stage"] == "签约"
    assert found["date"]["investors"] == "某某科技" and found["date"]["source"] == "hand/1.txt"


def test_names_of_entity_by_short_name_and_by_iri(run):
    by_name = run("names-of-entity", name="立昂微")
    assert {r["label"] for r in by_name} == {"杭州立昂微电子股份有限公司"}
    texts = {(r["kind"], r["text"]) for r in by_name}
    assert ("label", "杭州立昂微电子股份有限公司") in texts and ("altLabel", "立昂微") in texts
    assert any(kind == "mention" for kind, _ in texts)
    assert all(r["source"].rsplit("/", 2)[-2] == "seeds" for r in by_name)
    by_iri = run("names-of-entity", entity=by_name[0]["entity"])
    assert by_iri == by_name


def test_posts_of_person(run):
    posts = run("posts-of-person", person="张学宁")
    targets = {(r["relation"].removeprefix(KGO), r["targetName"]) for r in posts}
    assert ("worksFor", "江北管委会") in targets and ("involvedIn", "杭州出口加工区") in targets
    assert {r["title"] for r in posts if r["targetName"] == "杭州出口加工区"} == {"总指挥"}
    xu = run("posts-of-person", person="徐能")
    assert [(r["targetName"], r["title"]) for r in xu] == [("浙江可胜技术股份有限公司", "副董事长兼总裁")]
    assert set(xu[0]["posts"].split("、")) == {"副董事长", "总裁"}   # one org:Membership per post


def test_parks_by_investment_adds_each_project_once(run):
    ranked = run("parks-by-investment", currency="CNY")
    assert ranked[0]["parkName"] == "大创小镇"
    assert [r["total"] for r in ranked] == sorted((r["total"] for r in ranked), reverse=True)
    largest: dict[str, Decimal] = {}
    for r in run("projects-of-park", park="大创小镇"):
        if r["kind"] == "amount" and r["currency"] == "CNY":
            largest[r["projectName"]] = max(largest.get(r["projectName"], Decimal(0)), r["amount"])
    assert ranked[0]["total"] == sum(largest.values()) and ranked[0]["projects"] == len(largest)
    assert run("parks-by-investment", currency="XXX") == []


def test_parks_by_entities_counts_what_the_one_pattern_aggregate_counts(run, seeds):
    ranked = run("parks-by-entities")
    _, plain = seeds.select("""SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH kgg:kb {
        ?c kgo:locatedIn ?p . ?p a kgo:Park . ?c a kgo:Company } } GROUP BY ?p""")
    assert {(r["parkEntity"], r["count"]) for r in ranked} == {(p, int(n)) for p, n in plain}
    assert ranked[0]["parkName"] == "大创小镇" and ranked[0]["count"] >= 10
    assert [r["count"] for r in ranked] == sorted((r["count"] for r in ranked), reverse=True)
    projects = {r["parkName"]: r["count"] for r in run("parks-by-entities", type="kgo:Project")}
    of_park = {r["projectName"] for r in run("projects-of-park", park="大创小镇")}
    assert projects["大创小镇"] == len(of_park) > 0


def test_entities_without_relations_have_none(run, seeds):
    lonely = run("entities-without-relations")
    _, connected = seeds.select("SELECT DISTINCT ?e WHERE { ?s a kgo:Assertion ; rdf:subject|rdf:object ?e }")
    assert lonely and not {r["entity"] for r in lonely} & {row[0] for row in connected}
    assert "浙江可胜技术股份有限公司" not in {r["label"] for r in lonely}
    parks = run("entities-without-relations", type="kgo:Park")
    assert parks and {r["type"] for r in parks} == {KGO + "Park"}
    assert all(r["mentions"] >= 1 for r in parks)


def test_evidence_of_an_edge_is_a_sentence_with_both_names(run):
    found = run("evidence-of-edge", head="张学宁", relation="kgo:worksFor", tail="江北管委会")
    assert len(found) == 1
    ev = found[0]
    assert "张学宁" in ev["sentence"] and "江北管委会" in ev["sentence"]
    assert "seeds/003_" in ev["source"] and ev["rule"] and 0 < ev["confidence"] <= 1
    assert ev["end"] - ev["begin"] == len(ev["sentence"])
    assert run("evidence-of-edge", head="张学宁", relation="kgo:locatedIn", tail="江北管委会") == []


def test_evidence_of_an_award_edge_by_short_head_name(run):
    found = run("evidence-of-edge", head="可胜技术", tail="创新领航奖")
    assert {r["relation"] for r in found} == {KGO + "receivedAward"}
    assert all("创新领航奖" in r["sentence"] and r["headName"] == "浙江可胜技术股份有限公司" for r in found)


# ---------------------------------------------------------------- the command line
def test_cli_lists_named_queries_with_parameters(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for q in list_queries():
        assert q.name in out
    assert "--param park=… (literal, required)" in out


def test_cli_runs_a_named_query(capsys, seed_store):
    assert main(["query", "--name", "companies-of-park", "--param", "park=大创", "--format", "json",
                 "--store", str(seed_store)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "浙江可胜技术股份有限公司" in {b["companyName"]["value"] for b in data["results"]["bindings"]}


@pytest.mark.parametrize("argv, message", [
    (["query", "--name", "companies-of-park"], "needs the parameter park"),
    (["query", "--name", "companies-of-park", "--param", "parc=x"], "has no parameter 'parc'"),
    (["query", "--name", "no-such-query"], "no named query"),
    (["query", "--name", "companies-of-park", "--param", "park"], "is not key=value"),
    (["query", "--param", "park=x", "ASK {}"], "--param needs --name"),
    (["query"], "no query given"),
    (["query", "--name", "entities-without-relations", "--param", "type=not an iri"], "is not an absolute IRI"),
])
def test_cli_named_query_errors_are_one_line(capsys, seed_store, argv, message):
    assert main([*argv, "--store", str(seed_store)]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "fix:" in err


def test_bind_keeps_the_rest_of_the_file():
    q = get_query("evidence-of-edge")
    text = bind(q, {"head": "甲", "tail": "乙"})
    assert 'VALUES (?head ?relation ?tail) { ("甲"@zh UNDEF "乙"@zh) }' in text
    assert text.replace('("甲"@zh UNDEF "乙"@zh)', "(UNDEF UNDEF UNDEF)") == q.text
