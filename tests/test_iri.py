"""The one function family that mints IRIs: stable, distinct, valid for any text."""
import pyoxigraph as ox
import pytest
from hypothesis import given, strategies as st

from kg.iri import document_iri, entity_iri, mint, node_iri, normalise_key
from kg.settings import ID_BASE


def test_stable_and_typed():
    a = entity_iri("Company", "杭州某某科技股份有限公司")
    assert a == entity_iri("Company", "杭州某某科技股份有限公司")
    assert a.startswith(ID_BASE + "company/")
    assert a != entity_iri("Organization", "杭州某某科技股份有限公司")
    assert document_iri("x").startswith(ID_BASE + "doc/") and node_iri("ev", "x", "1").startswith(ID_BASE + "ev/")


def test_width_and_white_space_do_not_make_another_entity():
    assert normalise_key("某某（杭州） 有限公司") == normalise_key("某某(杭州)有限公司")
    assert entity_iri("Company", "某某（杭州）有限公司") == entity_iri("Company", "某某(杭州)有限公司")


def test_bad_kind_is_refused():
    with pytest.raises(ValueError, match="lowercase"):
        mint("Company", "x")


@given(st.text(max_size=60), st.text(max_size=60))
def test_any_text_gives_a_valid_iri_and_different_names_differ(a, b):
    ia, ib = entity_iri("Park", a), entity_iri("Park", b)
    ox.NamedNode(ia)
    assert (ia == ib) == (normalise_key(a) == normalise_key(b))
