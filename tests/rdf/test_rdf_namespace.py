"""kg.rdf.namespace: closed KGO namespace and the prefix table."""
from __future__ import annotations

import pyoxigraph
import pytest

from kg.rdf.namespace import KGO, PREFIXES, sparql_prefixes

CONTRACT = ("kgo", "kgid", "kgg", "rdfs", "rdf", "owl", "xsd", "skos", "prov", "dcterms", "schema", "org", "nif", "itsrdf")


def test_kgo_fails_on_typos() -> None:
    assert str(KGO.locatedIn) == "https://w3id.org/park-kg/ontology#locatedIn"
    with pytest.raises(AttributeError):
        KGO.locatedInn  # noqa: B018


def test_prefix_table_matches_the_contract() -> None:
    assert set(PREFIXES) == set(CONTRACT)
    assert PREFIXES["schema"] == "https://schema.org/"
    assert PREFIXES["kgid"] == "https://w3id.org/park-kg/id/"


def test_sparql_prefixes_parse() -> None:
    query = sparql_prefixes() + "SELECT * WHERE { ?s a kgo:Park ; schema:name ?n ; nif:anchorOf ?a }"
    assert list(pyoxigraph.Store().query(query)) == []
