"""Parameters are bound as escaped terms: hostile names match exactly themselves, never inject."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Store
from query_helpers import add_entity, rows

from kg.errors import QueryError
from kg.queries import bind, get_query, load_query
from kg.rdf.store import KGStore

HOSTILE = [
    'a"b',
    "a'b",
    "back\\slash",
    "\\",
    '\\"',
    "trailing\\",
    "{braces}",
    "} ; DROP ALL {",
    '"} } ; DROP ALL ; SELECT * WHERE { {"',
    '"@en) } } INSERT DATA { <http://x/s> <http://x/p> "o" } #',
    "new\nline",
    "carriage\rreturn",
    "tab\tand\u0001control",
    '"""triple"""',
    "\\u0022escaped quote\\u0022",
    "\\U0001F600",
    "# not a comment",
    "?park",
    "UNDEF",
    "<http://x/iri>",
    "名字“引号”「括号」",
    "emoji 😀 and é",
]


@pytest.fixture(scope="module")
def hostile_store():
    """A store whose entities are labelled with the hostile names (and one ordinary park)."""
    with KGStore.open(None) as store:
        for i, name in enumerate(HOSTILE):
            add_entity(store, f"https://x.test/doc/{i}", f"https://x.test/e/{i}", "Park", name)
        add_entity(store, "https://x.test/doc/plain", "https://x.test/e/plain", "Park", "普通园区")
        yield store


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_finds_exactly_its_entity(hostile_store, name):
    before = len(hostile_store)
    found = rows(hostile_store, "names-of-entity", name=name)
    assert {r["entity"] for r in found} == {f"https://x.test/e/{HOSTILE.index(name)}"}
    assert {r["text"] for r in found} == {name}
    assert len(hostile_store) == before


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_finds_nothing_in_the_seeds(run, seeds, name):
    before = len(seeds)
    assert run("companies-of-park", park=name) == []
    assert run("evidence-of-edge", head=name, tail=name) == []
    assert len(seeds) == before


@pytest.mark.parametrize("value", [
    "kgo:Company> } DROP ALL { <x",
    "https://x.test/a b",
    "https://x.test/{x}",
    "not an iri",
    "https://x.test/a>",
    "nosuchprefix:Thing",
])
def test_an_invalid_iri_is_a_one_line_error(value):
    with pytest.raises(QueryError) as err:
        bind("entities-without-relations", {"type": value})
    assert "is not an absolute IRI" in str(err.value) and "\n" not in str(err.value)


def test_prefixed_and_full_iris_bind_to_the_same_term():
    short = bind("entities-without-relations", {"type": "kgo:Company"})
    full = bind("entities-without-relations", {"type": "https://w3id.org/park-kg/ontology#Company"})
    assert short == full and "<https://w3id.org/park-kg/ontology#Company>" in short


def test_a_lone_surrogate_is_refused():
    with pytest.raises(QueryError, match="valid Unicode"):
        bind("companies-of-park", {"park": "bad \ud800 text"})


@pytest.fixture(scope="module")
def echo(tmp_path_factory):
    """A named query that returns its two parameters as they were bound."""
    path = tmp_path_factory.mktemp("rq") / "echo.rq"
    path.write_text("# name: echo\n# description: echo the parameters\n"
                    "# param: text | literal | required | any text\n"
                    "# param: plain | string | optional | any text\n"
                    "SELECT ?text ?plain WHERE { VALUES (?text ?plain) { (UNDEF UNDEF) } }\n", encoding="utf-8")
    return load_query(path)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_text_round_trips_through_bind(echo, text, plain):
    [solution] = list(Store().query(bind(echo, {"text": text, "plain": plain})))
    assert solution["text"].value == text and solution["text"].language == "zh"
    assert solution["plain"].value == plain and solution["plain"].language is None


def test_unknown_parameters_are_refused_not_ignored():
    with pytest.raises(QueryError, match="has no parameter 'parkk'"):
        bind("companies-of-park", {"parkk": "x"})
    assert get_query("companies-of-park").param("park").required
