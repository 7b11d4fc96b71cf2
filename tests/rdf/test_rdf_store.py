"""kg.rdf.store.KGStore: writing, replacing, querying, exporting, locking."""
from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdf_samples import COMPANY, PARK, sample_extraction
from rdflib import Dataset, Graph

from kg.errors import QueryError, StoreError
from kg.iri import document_iri
from kg.rdf import batch as batch_module
from kg.rdf import store as store_module
from kg.rdf.convert import extraction_quads, ontology_quads
from kg.rdf.namespace import ONTOLOGY_IRI
from kg.rdf.store import KGStore
from kg.records import Extraction

REPO = Path(__file__).resolve().parents[2]
N_ONTOLOGY = len(ontology_quads())


def graph_quads(store: KGStore, doc_iri: str) -> set[ox.Quad]:
    return set(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(doc_iri)))


def nquads(store: KGStore) -> bytes:
    out = io.BytesIO()
    store.export("nquads", out)
    return out.getvalue()


# ------------------------------------------------------------------ open / close

def test_open_creates_folder_and_loads_ontology_once(store_path: Path) -> None:
    with KGStore.open(store_path) as store:
        assert len(store) == N_ONTOLOGY
    with KGStore.open(store_path) as store:
        assert len(store) == N_ONTOLOGY
        assert store.raw.contains_named_graph(ox.NamedNode(ONTOLOGY_IRI))


def test_open_refreshes_a_changed_ontology(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    KGStore.open(store_path).close()
    monkeypatch.setattr(store_module, "ontology_quads", lambda: ontology_quads()[:10])
    with KGStore.open(store_path) as store:
        assert len(store) == 10


def test_select_construct_rows(filled_store: KGStore) -> None:
    names, rows = filled_store.select("CONSTRUCT { ?e a kgo:Park } WHERE { ?e a kgo:Park }")
    assert names == ["subject", "predicate", "object"]
    assert rows[0][2] == "https://w3id.org/park-kg/ontology#Park"


def test_in_memory_store(mem_store: KGStore, sample: Extraction) -> None:
    assert mem_store.replace_documents([sample]) == len(extraction_quads(sample))
    assert len(mem_store) == N_ONTOLOGY + len(extraction_quads(sample))


def test_closed_store_raises(store_path: Path) -> None:
    store = KGStore.open(store_path)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        len(store)


def test_close_releases_the_lock(store_path: Path) -> None:
    KGStore.open(store_path).close()
    KGStore.open(store_path).close()


HOLD = ("import sys\nfrom kg.rdf.store import KGStore\n"
        "with KGStore.open(sys.argv[1]):\n    print('ready', flush=True)\n    sys.stdin.read()\n")
TRY_OPEN = ("import sys\nfrom kg.rdf.store import KGStore\nfrom kg.errors import StoreError\n"
            "try:\n    KGStore.open(sys.argv[1])\nexcept StoreError as err:\n    print(err)\n    sys.exit(3)\n")


@pytest.fixture
def other_writer(store_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the store open for writing until the test ends."""
    KGStore.open(store_path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store_path)], cwd=REPO, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    proc.communicate(input="", timeout=60)


def test_close_reopens_to_drop_a_large_write_ahead_log(
        store_path: Path, sample: Extraction, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "WAL_REOPEN_BYTES", 0)
    with KGStore.open(store_path) as store:
        store.replace_documents([sample])
        results = store.raw.query("SELECT * WHERE { ?s ?p ?o }")  # keeps the handle (and lock) alive
        store.close()  # the reopen fails quietly
        del results
    with KGStore.open(store_path) as store:
        assert len(store.documents()) == 1


def test_second_writer_in_another_process_gets_store_error(store_path: Path) -> None:
    with KGStore.open(store_path):
        run = subprocess.run([sys.executable, "-c", TRY_OPEN, str(store_path)], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 3, run.stderr
    assert run.stdout.startswith("E300 ")
    assert "another kg build is running on this store; wait or use --store" in run.stdout
    assert len(run.stdout.strip().splitlines()) == 1


def test_writer_while_another_process_writes(store_path: Path, other_writer: subprocess.Popen[str]) -> None:
    with pytest.raises(StoreError, match="another kg build is running"):
        KGStore.open(store_path)


def test_second_writer_in_this_process_gets_store_error(store_path: Path) -> None:
    with KGStore.open(store_path), pytest.raises(StoreError, match="another kg build is running"):
        KGStore.open(store_path)


def test_reader_while_another_process_writes_sees_the_published_version(
        store_path: Path, sample: Extraction) -> None:
    with KGStore.open(store_path) as writer:
        writer.replace_documents([sample])
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store_path)], cwd=REPO, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        with KGStore.open(store_path, read_only=True) as reader:
            assert [d["doc_id"] for d in reader.documents()] == [sample.article.doc_id]
    finally:
        proc.communicate(input="", timeout=60)


def test_reader_sees_a_consistent_snapshot_while_this_process_writes(
        store_path: Path, sample: Extraction) -> None:
    with KGStore.open(store_path) as writer:
        writer.replace_documents([sample])
    with KGStore.open(store_path, read_only=True) as reader:
        assert len(reader.documents()) == 1
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_documents([sample])
        with KGStore.open(store_path) as writer:
            writer.replace_documents([sample_extraction(doc_id="doc-0002")])
            assert len(reader.documents()) == 1 and not reader.is_stale()
            assert len(writer.documents()) == 2
        assert reader.is_stale()
        assert len(reader.documents()) == 1  # the version it opened, still readable
    with KGStore.open(store_path, read_only=True) as reader:
        assert len(reader.documents()) == 2 and not reader.is_stale()


def test_a_failed_build_publishes_nothing(store_path: Path, sample: Extraction) -> None:
    with KGStore.open(store_path) as writer:
        writer.replace_documents([sample])
    before = [p.name for p in store_path.iterdir()]
    with pytest.raises(RuntimeError), KGStore.open(store_path) as writer:
        writer.replace_documents([sample_extraction(doc_id="doc-0002")])
        raise RuntimeError("the build failed half-way")
    with KGStore.open(store_path, read_only=True) as reader:
        assert [d["doc_id"] for d in reader.documents()] == [sample.article.doc_id]
    assert sorted(p.name for p in store_path.iterdir()) == sorted(before)   # the new version is gone


def test_versions_are_pruned_to_the_published_one_and_the_one_before(store_path: Path, sample: Extraction) -> None:
    for i in range(4):
        with KGStore.open(store_path) as writer:
            writer.replace_documents([sample_extraction(doc_id=f"doc-{i:04d}")])
    with KGStore.open(store_path):
        pass
    assert sorted(p.name for p in store_path.glob("v*")) == ["v000003", "v000004", "v000005"]
    assert (store_path / "active").read_text(encoding="utf-8").strip() == "v000005"


def test_an_old_single_database_folder_is_refused_with_a_fix(tmp_path: Path) -> None:
    ox.Store(str(tmp_path / "old")).flush()
    with pytest.raises(StoreError, match="older park-kg layout.*delete the folder"):
        KGStore.open(tmp_path / "old", read_only=True)


@pytest.mark.parametrize("path", [None, "missing"])
def test_read_only_needs_an_existing_store(tmp_path: Path, path: str | None) -> None:
    with pytest.raises(StoreError):
        KGStore.open(path and tmp_path / path, read_only=True)


def test_unreadable_folder_gives_store_error(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(StoreError, match="delete"):
        KGStore.open(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError):
        KGStore.open(tmp_path / "file")


# ------------------------------------------------------------------ writing

def test_replacing_twice_gives_the_same_store(filled_store: KGStore, sample: Extraction) -> None:
    before = nquads(filled_store)
    filled_store.replace_documents([sample])
    filled_store.replace_documents([sample, sample])
    assert nquads(filled_store) == before


def test_replace_removes_stale_quads(mem_store: KGStore, sample: Extraction) -> None:
    mem_store.replace_documents([sample])
    smaller = dataclasses.replace(sample, entities=sample.entities[:1], relations=(), attributes=())
    mem_store.replace_documents([smaller])
    doc = document_iri(sample.article.doc_id)
    assert graph_quads(mem_store, doc) == set(extraction_quads(smaller))
    assert not mem_store.select(f"ASK {{ <{PARK}> ?p ?o }}")[1][0][0]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30),
       new=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30))
def test_store_content_equals_converter_output_for_any_text(mem_store: KGStore, old: str, new: str) -> None:
    """The diff path writes SPARQL text: quotes, backslashes, \\u sequences, controls must survive."""
    def version(text: str) -> Extraction:
        ex = sample_extraction()
        return dataclasses.replace(ex, article=dataclasses.replace(ex.article, title=text, text=text + "。"))
    for text in (old, new):
        mem_store.replace_documents([version(text)])
        quads = extraction_quads(version(text))
        assert graph_quads(mem_store, quads[0].graph_name.value) == set(quads)


def test_documents_are_written_whole_when_a_batch_fails(
        mem_store: KGStore, sample: Extraction, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = sample, sample_extraction(doc_id="doc-0002")
    mem_store.replace_documents([first, second])
    before = graph_quads(mem_store, document_iri("doc-0002"))
    monkeypatch.setattr(store_module, "BATCH_QUADS", 1)  # one document per transaction
    calls = {"n": 0}
    real_commit = batch_module.Batch.commit

    def failing_commit(self: batch_module.Batch, raw: ox.Store, **kw: bool) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        real_commit(self, raw, **kw)

    monkeypatch.setattr(batch_module.Batch, "commit", failing_commit)
    changed = [dataclasses.replace(ex, relations=()) for ex in (first, second)]
    with pytest.raises(StoreError, match="disk full"):
        mem_store.replace_documents(changed)
    assert graph_quads(mem_store, document_iri("doc-0001")) == set(extraction_quads(changed[0]))
    assert graph_quads(mem_store, document_iri("doc-0002")) == before


def test_documents_before_a_failing_source_are_written(mem_store: KGStore, sample: Extraction) -> None:
    def source() -> Iterator[Extraction]:
        yield sample
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        mem_store.replace_documents(source())
    assert [d["doc_id"] for d in mem_store.documents()] == ["doc-0001"]


def test_oxigraph_extend_is_all_or_nothing(mem_store: KGStore, sample: Extraction) -> None:
    """The primitive our atomicity rests on: an interrupted ``extend`` writes nothing."""
    def interrupted():
        for i, quad in enumerate(extraction_quads(sample)):
            if i == 50:
                raise KeyboardInterrupt
            yield quad
    with pytest.raises(KeyboardInterrupt):
        mem_store.raw.extend(interrupted())
    assert len(mem_store) == N_ONTOLOGY


def test_bad_record_raises_store_error_after_writing_the_previous_ones(mem_store: KGStore, sample: Extraction) -> None:
    bad = dataclasses.replace(sample_extraction(doc_id="doc-bad"),
                              relations=(dataclasses.replace(sample.relations[0], type="owns"),))
    with pytest.raises(StoreError, match="owns"):
        mem_store.replace_documents([sample, bad])
    assert [d["doc_id"] for d in mem_store.documents()] == ["doc-0001"]


def test_remove_document(filled_store: KGStore) -> None:
    doc = document_iri("doc-0002")
    assert filled_store.remove_document(doc) is True
    assert not graph_quads(filled_store, doc)
    assert filled_store.remove_document(doc) is False
    assert [d["doc_id"] for d in filled_store.documents()] == ["doc-0001"]
    with pytest.raises(StoreError):
        filled_store.remove_document(ONTOLOGY_IRI)
    with pytest.raises(StoreError):
        filled_store.remove_document("not an iri")


def test_documents_listing(filled_store: KGStore) -> None:
    docs = filled_store.documents()
    assert [d["doc_id"] for d in docs] == ["doc-0001", "doc-0002"]
    first = docs[0]
    assert first["iri"] == document_iri("doc-0001")
    assert first["title"] == "某某小镇迎来机器人项目"
    assert first["path"] == "seeds/doc-0001.txt"
    assert str(first["date"]) == "2024-01-20"
    assert (first["entities"], first["relations"]) == (5, 5)


# ------------------------------------------------------------------ querying

def test_select_returns_python_values(filled_store: KGStore) -> None:
    names, rows = filled_store.select(
        "SELECT DISTINCT ?v ?d ?begin ?missing WHERE { ?a schema:value ?v . ?p kgo:date ?d ."
        " ?ev nif:beginIndex ?begin . OPTIONAL { ?a kgo:qualifier ?missing } } ORDER BY ?begin LIMIT 1")
    assert names == ["v", "d", "begin", "missing"]
    value, date, begin, missing = rows[0]
    assert str(value) == "1650000000" and type(value).__name__ == "Decimal"
    assert date.isoformat() == "2024-01-19"
    assert begin == 0 and missing is None


def test_union_default_graph_is_a_bag(filled_store: KGStore) -> None:
    """Documented gotcha: a triple asserted by two documents matches twice without DISTINCT."""
    query = "SELECT %s WHERE { <" + COMPANY + "> rdfs:label ?l }"
    assert len(filled_store.select(query % "?l")[1]) == 2
    assert len(filled_store.select(query % "DISTINCT ?l")[1]) == 1


def test_query_declared_prefix_wins(filled_store: KGStore) -> None:
    assert filled_store.select("PREFIX kgo: <http://example.org/> ASK { ?s a kgo:Company }")[1] == [[False]]
    assert filled_store.select("ASK { ?s a kgo:Company }")[1] == [[True]]


@pytest.mark.parametrize("query", ["SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x foo:bar ?o }",
                                   "SELECT ?x WHERE { ?x ?p ?o "])
def test_malformed_query_raises_query_error(filled_store: KGStore, query: str) -> None:
    with pytest.raises(QueryError) as info:
        filled_store.query(query)
    message = str(info.value)
    assert message.startswith("E400 SPARQL query is malformed: error at 1:")
    assert "fix:" in message and "\n" not in message


def test_json_results_are_w3c(filled_store: KGStore) -> None:
    select = json.loads(filled_store.serialize_results(
        "SELECT ?e ?l WHERE { GRAPH ?g { ?e a kgo:Park ; rdfs:label ?l } }", "json"))
    assert select["head"]["vars"] == ["e", "l"]
    binding = select["results"]["bindings"][0]
    assert binding["e"]["type"] == "uri"
    assert binding["l"] == {"type": "literal", "value": "某某小镇", "xml:lang": "zh"}
    ask = json.loads(filled_store.serialize_results("ASK { ?s a kgo:Park }", "json"))
    assert ask["boolean"] is True and "head" in ask


def test_other_result_formats(filled_store: KGStore) -> None:
    query = "SELECT DISTINCT ?l WHERE { ?e a kgo:Park ; rdfs:label ?l }"
    assert filled_store.serialize_results(query, "csv").decode("utf-8") == "l\r\n某某小镇\r\n"
    assert filled_store.serialize_results(query, "tsv").decode("utf-8").splitlines() == ["?l", '"某某小镇"@zh']
    root = ET.fromstring(filled_store.serialize_results(query, "xml"))
    assert root.tag.endswith("sparql")
    turtle = filled_store.serialize_results("CONSTRUCT WHERE { ?e a kgo:Park }", "json")
    assert len(Graph().parse(data=turtle, format="turtle")) == 1
    with pytest.raises(QueryError, match="unknown results format"):
        filled_store.serialize_results(query, "html")


# ------------------------------------------------------------------ export

@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_exports_parse_back(filled_store: KGStore, fmt: str, rdflib_format: str) -> None:
    out = io.BytesIO()
    filled_store.export(fmt, out)
    parsed = Dataset().parse(data=out.getvalue(), format=rdflib_format)
    n_parsed = len(parsed) if fmt == "turtle" else sum(len(g) for g in parsed.graphs())
    if fmt == "turtle":
        expected = len({q.triple for q in filled_store.raw if q.graph_name.value != ONTOLOGY_IRI})
    else:
        expected = len(filled_store)
    assert n_parsed == expected
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                 "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    assert len(set(ox.parse(out.getvalue(), format=ox_format))) == expected


def test_exports_are_byte_identical_whatever_the_build_order(tmp_path: Path, sample: Extraction) -> None:
    docs = [sample, sample_extraction(doc_id="doc-0002"), sample_extraction(doc_id="doc-0003")]
    exports = []
    for i, order in enumerate((docs, docs[::-1])):
        with KGStore.open(tmp_path / f"s{i}") as store:
            for ex in order:
                store.replace_documents([ex])
            exports.append({fmt: (store.export(fmt, buf := io.BytesIO()), buf.getvalue())[1]
                            for fmt in ("turtle", "trig", "nquads", "jsonld")})
    assert exports[0] == exports[1]
    assert b"@prefix kgo: <https://w3id.org/park-kg/ontology#>" in exports[0]["turtle"]


def test_export_to_a_path_and_unknown_format(filled_store: KGStore, tmp_path: Path) -> None:
    target = tmp_path / "kg.trig"
    filled_store.export("trig", target)
    assert target.read_bytes().startswith(b"@prefix")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(StoreError, match="unknown export format"):
        filled_store.export("rdfxml", tmp_path / "kg.rdf")
    with pytest.raises(StoreError, match="cannot write"):
        filled_store.export("trig", tmp_path / "missing" / "kg.trig")


def test_memtables_are_flushed_every_flush_quads(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "FLUSH_QUADS", 50)
    monkeypatch.setattr(store_module, "BATCH_QUADS", 1)
    calls: list[int] = []
    with KGStore.open(store_path) as store:
        monkeypatch.setattr(store, "flush", lambda: calls.append(1))
        docs = [sample_extraction(doc_id=f"doc-{i}") for i in range(4)]
        store.replace_documents(docs)
        assert len(calls) == 4   # one commit per document, each over 50 changed quads
        store.replace_documents(docs)
        assert len(calls) == 4   # unchanged documents write nothing
