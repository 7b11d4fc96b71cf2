"""End to end on seeds/: the facts the spine must get right come from general rules
(none of these names appear in kg/)."""
import pytest

from kg.rdf.store import KGStore

pytestmark = pytest.mark.slow

LOOKUP = """
SELECT DISTINCT ?e ?label WHERE {{
  ?e rdfs:label|skos:altLabel "{name}"@zh ; rdfs:label ?label .
}}"""


def rows(store, query):
    _vars, data = store.select(query)
    return data


@pytest.fixture(scope="module")
def store(seed_store):
    with KGStore.open(seed_store, read_only=True) as s:
        yield s


def entity(store, name):
    found = rows(store, LOOKUP.format(name=name))
    assert len({r[0] for r in found}) == 1, f"{name}: {found}"
    return found[0]


def tied(store, a, b):
    query = f"""ASK {{ <{a}> ?p <{b}> }}"""
    query_rev = f"""ASK {{ <{b}> ?p <{a}> }}"""
    return store.select(query)[1] == [[True]] or store.select(query_rev)[1] == [[True]]


def test_short_and_legal_name_are_one_entity(store):
    short = entity(store, "立昂微")
    full = entity(store, "杭州立昂微电子股份有限公司")
    assert short[0] == full[0]


def test_unspelt_short_name_finds_legal_name_and_park(store):
    iri, label = entity(store, "可胜技术")
    assert label == "浙江可胜技术股份有限公司"
    park = entity(store, "大创小镇")[0]
    assert rows(store, f"ASK {{ <{iri}> kgo:locatedIn <{park}> }}") in ([[True]], [])
    assert store.select(f"ASK {{ <{iri}> kgo:locatedIn <{park}> }}")[1] == [[True]]


def test_company_tied_to_project_named_after_it(store):
    company = entity(store, "三花")[0]
    project = entity(store, "三花智控未来产业中心")[0]
    assert store.select(f"ASK {{ <{company}> kgo:investsIn <{project}> }}")[1] == [[True]]


@pytest.mark.parametrize("park", ["杭州经济技术开发区", "杭州出口加工区"])
def test_person_tied_to_platforms(store, park):
    person = entity(store, "张学宁")[0]
    assert tied(store, person, entity(store, park)[0])


def test_every_relation_has_evidence(store):
    missing = rows(store, """SELECT (COUNT(?s) AS ?n) WHERE {
        ?s a rdf:Statement . FILTER NOT EXISTS { ?s kgo:evidence/nif:anchorOf ?text } }""")
    assert missing == [[0]]


def test_documents_are_named_graphs(store):
    docs = rows(store, "SELECT ?d ?title WHERE { GRAPH ?d { ?d a kgo:Document ; dcterms:title ?title } }")
    assert len(docs) == 5


def test_building_twice_gives_the_same_graph(tmp_path, seeds_dir):
    from kg.pipeline import build
    from kg.settings import Settings

    exports = []
    for name in ("a", "b"):
        settings = Settings(store=tmp_path / name, progress=False)
        build([seeds_dir], settings=settings)
        build([seeds_dir], settings=settings)
        out = tmp_path / f"{name}.nq"
        with KGStore.open(settings.store, read_only=True) as s:
            s.export("nquads", out)
        exports.append(out.read_bytes())
    assert exports[0] == exports[1] and exports[0]


def test_a_later_build_knows_what_the_store_found(tmp_path, seeds_dir):
    """Build the article with the legal name first, then one that only uses the short name:
    the short name is recognised and joins the stored IRI."""
    from kg.pipeline import build
    from kg.settings import Settings

    later = tmp_path / "later.txt"
    later.write_text("本报讯 近日，立昂微今年还将扩建厂房，进一步提升产能。", encoding="utf-8")
    settings = Settings(store=tmp_path / "kb", progress=False)
    build([seeds_dir / "000_03efe6fb2ab08efe.txt"], settings=settings)
    build([later], settings=settings)
    with KGStore.open(settings.store, read_only=True) as s:
        graphs = rows(s, """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a kgo:Document . ?e skos:altLabel|rdfs:label "立昂微"@zh } }""")
        full = rows(s, """SELECT DISTINCT ?e WHERE { ?e rdfs:label "杭州立昂微电子股份有限公司"@zh }""")
        short = rows(s, """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a kgo:Company ; skos:altLabel|rdfs:label "立昂微"@zh } }""")
    assert len(graphs) == 2 and {r[0] for r in short} == {full[0][0]}
