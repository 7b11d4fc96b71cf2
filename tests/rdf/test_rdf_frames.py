"""kg.rdf.frames: rdflib Dataset over the folder, DataFrames, networkx graphs."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from rdf_samples import AWARD, COMPANY, PARK, PERSON, PLACE, PROJECT, sample_extraction
from rdflib import Literal, URIRef

from kg.errors import StoreError
from kg.iri import document_iri, node_iri
from kg.rdf.frames import open_rdflib, sparql_frame, to_networkx
from kg.rdf.store import KGStore
from kg.records import Extraction


def test_to_networkx_nodes_and_edges(filled_store: KGStore) -> None:
    g = to_networkx(filled_store)
    award = node_iri("award", AWARD)
    assert set(g.nodes) == {COMPANY, PARK, PLACE, PERSON, PROJECT, award}
    company = g.nodes[COMPANY]
    assert (company["type"], company["label"]) == ("Company", "杭州某某科技股份有限公司")
    assert company["aliases"] == ["某某", "某某科技"]
    assert company["docs"] == sorted([document_iri("doc-0001"), document_iri("doc-0002")])
    assert company["degree"] == 4
    assert (g.nodes[award]["type"], g.nodes[award]["label"]) == ("Award", AWARD)
    assert sorted((h, t, k) for h, t, k in g.edges(keys=True)) == sorted([
        (COMPANY, PARK, "locatedIn"), (PARK, PLACE, "locatedIn"), (PERSON, COMPANY, "worksFor"),
        (COMPANY, PROJECT, "investsIn"), (COMPANY, award, "receivedAward")])
    works = g.edges[PERSON, COMPANY, "worksFor"]
    assert works["type"] == "worksFor" and works["role"] == "总经理"
    assert works["confidence"] == pytest.approx(0.7)
    assert works["evidence"] == ["张某某任某某科技总经理。"]
    assert works["assertions"] == 2 and len(works["docs"]) == 2


def test_to_networkx_one_document(filled_store: KGStore, sample: Extraction) -> None:
    by_id = to_networkx(filled_store, doc="doc-0002")
    by_iri = to_networkx(filled_store, doc=document_iri("doc-0002"))
    assert sorted(by_id.edges(keys=True)) == sorted(by_iri.edges(keys=True))
    assert by_id.number_of_edges() == 5
    assert all(d["docs"] == [document_iri("doc-0002")] for *_, d in by_id.edges(keys=True, data=True))
    assert to_networkx(filled_store, doc="no-such-doc").number_of_nodes() == 0


def test_sparql_frame(filled_store: KGStore) -> None:
    frame = sparql_frame(filled_store, "SELECT DISTINCT ?label ?n WHERE { ?e a kgo:Company ; rdfs:label ?label ."
                                       " BIND(STRLEN(?label) AS ?n) }")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["label", "n"]
    assert frame.to_dict("records") == [{"label": "杭州某某科技股份有限公司", "n": 12}]


def test_open_rdflib_shares_the_folder(store_path: Path, sample: Extraction) -> None:
    with KGStore.open(store_path) as store:
        store.replace_documents([sample])
    ds = open_rdflib(store_path)
    rows = list(ds.query("SELECT DISTINCT ?l WHERE { ?e a kgo:Park ; rdfs:label ?l }"))
    assert [r[0] for r in rows] == [Literal("某某小镇", lang="zh")]
    assert URIRef(document_iri(sample.article.doc_id)) in {g.identifier for g in ds.graphs()}
    with KGStore.open(store_path) as store:  # a read-only dataset does not block a writer
        store.replace_documents([sample_extraction(doc_id="doc-0002")])


def test_open_rdflib_for_writing_holds_the_lock(store_path: Path) -> None:
    KGStore.open(store_path).close()
    ds = open_rdflib(store_path, read_only=False)
    with pytest.raises(StoreError, match="another kg build"):
        KGStore.open(store_path)
    ds.add((URIRef("https://example.org/a"), URIRef("https://example.org/b"), Literal("c"),
            URIRef("https://example.org/g")))
    reader = open_rdflib(store_path)   # readers see the published version meanwhile
    assert not list(reader.query("ASK { <https://example.org/a> ?p ?o }"))[0]
    ds.close()                          # publishes
    assert list(open_rdflib(store_path).query("ASK { <https://example.org/a> ?p ?o }"))[0]
    KGStore.open(store_path).close()    # the lock is free again
