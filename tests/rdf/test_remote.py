"""``RemoteStore`` against real SPARQL servers started on loopback (Virtuoso 7, Oxigraph server),
compared with a local ``KGStore`` built from the same seed extractions; URL scheme and HTTP
errors against fake servers."""
from __future__ import annotations

import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from virtuoso import (
    Server,
    free_port,
    oxigraph_binary,
    start_oxigraph,
    start_virtuoso,
    virtuoso_binary,
)

from kg.cli import SAMPLE_QUERY
from kg.errors import QueryError, StoreError
from kg.rdf.endpoints import parse_store_url
from kg.rdf.open import display_target, open_store, store_target
from kg.rdf.remote import RemoteStore, query_form
from kg.rdf.store import KGStore

SERVERS = ["virtuoso", "oxigraph"]
SENTENCES_BEHIND = """
SELECT DISTINCT ?relation ?role ?sentence ?begin ?end ?source WHERE {
  ?person a kgo:Person ; rdfs:label "张学宁"@zh .
  ?park a kgo:Park ; rdfs:label "杭州经济技术开发区"@zh .
  ?stmt a rdf:Statement ; rdf:subject ?person ; rdf:predicate ?relation ; rdf:object ?park ;
        kgo:evidence ?ev .
  OPTIONAL { ?stmt kgo:role ?role }
  ?ev nif:anchorOf ?sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  ?doc dcterms:source ?source .
} ORDER BY ?source ?begin ?relation"""
LABEL_READ = """
SELECT DISTINCT ?entity ?source ?begin ?end ?context WHERE {
  ?entity rdfs:label|skos:altLabel "钱开区"@zh .
  ?mention itsrdf:taIdentRef ?entity ; nif:anchorOf "钱开区"@zh ;
           nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  ?doc dcterms:source ?source ; kgo:text ?text .
  BIND (SUBSTR(?text, IF(?begin > 10, ?begin - 9, 1), ?end - ?begin + 20) AS ?context)
} ORDER BY ?source ?begin"""
AMOUNTS = """
SELECT ?company ?project ?value ?currency WHERE {
  ?company kgo:investment ?amount . ?amount schema:value ?value ; schema:currency ?currency .
  OPTIONAL { ?amount kgo:qualifier ?q } OPTIONAL { ?company kgo:investsIn ?project }
}"""
PER_TYPE = "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type"
DATES = "SELECT DISTINCT ?doc ?date WHERE { ?doc a kgo:Document ; dcterms:date ?date }"


# ---------------------------------------------------------------- servers and stores
def _start(name: str, folder: Path) -> Server:
    if name == "virtuoso":
        if virtuoso_binary() is None:
            pytest.skip("virtuoso-t not installed (Debian package virtuoso-opensource; scripts/system-deps.sh)")
        return start_virtuoso(folder)
    if oxigraph_binary() is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph, in the test extra)")
    return start_oxigraph(folder)


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """Servers started lazily, once per session; stopped at the end."""
    started: dict[str, Server] = {}
    yield started
    for server in started.values():
        server.stop()


@pytest.fixture(scope="session", params=SERVERS)
def server(request: pytest.FixtureRequest, servers: dict[str, Server],
           tmp_path_factory: pytest.TempPathFactory) -> Server:
    name = request.param
    if name not in servers:
        servers[name] = _start(name, tmp_path_factory.mktemp(name) / "db")
    return servers[name]


@pytest.fixture(scope="session")
def local(seed_extractions) -> Iterator[KGStore]:
    """The reference: a local in-memory store of the same extractions."""
    with KGStore.open(None) as store:
        store.replace_documents(seed_extractions)
        yield store


@pytest.fixture
def remote(server: Server, seed_extractions) -> Iterator[RemoteStore]:
    """A read-write store on ``server`` holding exactly the seeds."""
    with RemoteStore.open(server.url) as store:
        for graph in store.document_graphs():
            store.remove_document(graph)
        store.replace_corpus_graphs([], [])       # like the local reference: no corpus graphs
        store.replace_documents(seed_extractions)
        yield store


def _rows(store: KGStore | RemoteStore, sparql: str) -> list[tuple[object, ...]]:
    return sorted((tuple(row) for row in store.select(sparql)[1]), key=repr)


# ---------------------------------------------------------------- against real servers
def test_build_lists_the_five_seed_documents(remote: RemoteStore, local: KGStore, seed_extractions) -> None:
    assert remote.replace_documents(seed_extractions) == len(local) - len(local.graph_quads("https://w3id.org/park-kg/ontology"))
    docs = remote.documents()
    assert len(docs) == 5
    assert docs == local.documents()
    assert remote.document_graphs() == local.document_graphs()
    assert len(remote) == len(local)


@pytest.mark.parametrize("sparql", [SENTENCES_BEHIND, LABEL_READ, AMOUNTS, DATES],
                         ids=["sentences-behind", "label-read", "amounts", "dates"])
def test_select_answers_equal_the_local_store(remote: RemoteStore, local: KGStore, sparql: str) -> None:
    expected = _rows(local, sparql)
    assert expected, "the query must have answers on the seeds"
    assert _rows(remote, sparql) == expected


def test_virtuoso_default_graph_also_holds_its_system_graphs(remote: RemoteStore, local: KGStore,
                                                             server: Server) -> None:
    """Documented difference: on Virtuoso a query without GRAPH also sees Virtuoso's own graphs."""
    got, want = set(_rows(remote, PER_TYPE)), set(_rows(local, PER_TYPE))
    assert got >= want
    extra = {str(t) for t, _ in got - want}
    if server.name == "virtuoso":
        assert extra and all(t.startswith(("http://www.openlinksw.com/", "http://www.w3.org/ns/")) for t in extra)
    else:
        assert not extra
    in_graphs = "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?g a kgo:Document . ?e a ?type } } GROUP BY ?type"
    assert _rows(remote, in_graphs) == _rows(local, in_graphs)


def test_sample_query_equals_the_local_store(remote: RemoteStore, local: KGStore) -> None:
    """SAMPLE(?name) may pick any company of the park: compare the counts, check the example."""
    got, want = remote.select(SAMPLE_QUERY)[1], local.select(SAMPLE_QUERY)[1]
    assert [row[:2] for row in got] == [row[:2] for row in want]
    names = {n for (n,) in local.select("SELECT ?n WHERE { ?c a kgo:Company ; rdfs:label ?n }")[1]}
    assert {row[2] for row in got} <= names


def test_readers_of_the_rest_of_the_code_agree(remote: RemoteStore, local: KGStore) -> None:
    """The explorer (``query`` rows by name), the stored articles and the networkx view see the same graph."""
    from kg.rdf.frames import to_networkx
    from kg.viz.data import graph_data

    assert graph_data(remote) == graph_data(local)
    assert remote.stored_articles() == local.stored_articles()
    g_remote, g_local = to_networkx(remote), to_networkx(local)
    assert sorted(g_remote.nodes(data=True), key=repr) == sorted(g_local.nodes(data=True), key=repr)
    assert sorted(g_remote.edges(data=True), key=repr) == sorted(g_local.edges(data=True), key=repr)


def test_ask_construct_and_serialized_results(remote: RemoteStore, local: KGStore) -> None:
    assert remote.select("ASK { ?p a kgo:Park }") == (["ask"], [[True]])
    construct = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kgo:Park ; rdfs:label ?l }"
    assert _rows(remote, construct) == _rows(local, construct)
    ordered = DATES + " ORDER BY ?doc"
    for fmt in ("json", "csv", "tsv", "xml"):
        assert remote.serialize_results(ordered, fmt) == local.serialize_results(ordered, fmt)
    assert remote.serialize_results(construct) == local.serialize_results(construct)


def test_own_prefix_declarations_win(remote: RemoteStore) -> None:
    assert remote.select("PREFIX kgo: <http://example.org/nothing#> ASK { ?p a kgo:Park }")[1] == [[False]]
    assert remote.select("PREFIX kgo: <https://w3id.org/park-kg/ontology#> ASK { ?p a kgo:Park }")[1] == [[True]]


def test_rebuilding_replaces_documents_without_duplicates(remote: RemoteStore, local: KGStore,
                                                          seed_extractions) -> None:
    before = len(remote)
    remote.replace_documents(seed_extractions)
    remote.replace_documents(seed_extractions[:2])
    assert len(remote) == before == len(local)
    for graph in remote.document_graphs():
        quads = remote.graph_quads(graph)
        assert len(quads) == len(set(quads))
        assert set(quads) == set(local.graph_quads(graph))


def test_incremental_build_interface(remote: RemoteStore, local: KGStore, seed_extractions) -> None:
    """What ``kg.pipeline.build`` calls: digests, update_documents, stored_articles, replace_corpus_graphs."""
    assert remote.digests() == local.digests()
    assert remote.update_documents(seed_extractions) == (0, 5)
    assert remote.stored_articles() == local.stored_articles()
    from kg.rdf.convert import kb_quads

    assert remote.replace_corpus_graphs(seed_extractions, []) == len(kb_quads(seed_extractions))
    assert remote.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH kgg:kb { ?s ?p ?o } }")[1] == \
        [[len(kb_quads(seed_extractions))]]
    assert remote.is_stale() is False and remote.path is None


def test_export_equals_the_local_export(remote: RemoteStore, local: KGStore, tmp_path: Path) -> None:
    for fmt in ("nquads", "turtle"):
        mine, theirs = io.BytesIO(), io.BytesIO()
        remote.export(fmt, mine)
        local.export(fmt, theirs)
        assert mine.getvalue() == theirs.getvalue(), fmt
    remote.export("trig", tmp_path / "kg.trig")
    assert (tmp_path / "kg.trig").stat().st_size > 0


def test_validation_reads_the_same_graphs(remote: RemoteStore, local: KGStore) -> None:
    from kg.validate import validate_store

    assert validate_store(remote).summary() == validate_store(local).summary()


def test_remove_document(remote: RemoteStore, seed_extractions) -> None:
    graph = remote.document_graphs()[0]
    assert remote.remove_document(graph) is True
    assert remote.remove_document(graph) is False
    assert len(remote.documents()) == 4 and graph not in remote.document_graphs()
    assert remote.graph_quads(graph) == []
    with pytest.raises(StoreError, match="ontology graph is not a document"):
        remote.remove_document("https://w3id.org/park-kg/ontology")
    with pytest.raises(StoreError, match="not a document IRI"):
        remote.remove_document("not an iri")


def test_read_only_reads_and_refuses_writes(remote: RemoteStore, server: Server, seed_extractions) -> None:
    with open_store(server.url, read_only=True) as store:
        assert isinstance(store, RemoteStore) and len(store.documents()) == 5
        for write in (lambda: store.replace_documents(seed_extractions[:1]),
                      lambda: store.remove_document(store.document_graphs()[0]),
                      lambda: store.update("CLEAR ALL")):
            with pytest.raises(StoreError, match="read-only"):
                write()
    assert not store.is_open
    with pytest.raises(StoreError, match="closed"):
        store.documents()


def test_update_endpoint(remote: RemoteStore) -> None:
    graph = "https://example.org/scratch"
    remote.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <{graph}#s> rdfs:label 'x' }} }}")
    assert remote.select(f"ASK {{ GRAPH <{graph}> {{ ?s rdfs:label 'x' }} }}")[1] == [[True]]
    remote.update(f"DROP SILENT GRAPH <{graph}>")   # Virtuoso: DROP GRAPH fails on graphs never CREATEd
    assert graph not in remote.document_graphs()


def test_malformed_query_fails_before_the_server(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="malformed"):
        remote.select("SELECT ?x WHERE { ?x a }")
    assert query_form("DESCRIBE <http://example.org/x>") == "CONSTRUCT"


def test_credentials_from_the_environment(server: Server, remote: RemoteStore,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if server.name != "virtuoso":
        pytest.skip("the Oxigraph server has no authentication")
    bare = server.url.replace("dba:dba@", "")
    monkeypatch.setenv("KG_STORE_USER", "dba")
    monkeypatch.setenv("KG_STORE_PASSWORD", "dba")
    with RemoteStore.open(bare) as store:
        assert len(store.documents()) == 5
    monkeypatch.setenv("KG_STORE_PASSWORD", "wrong")
    with pytest.raises(StoreError, match="HTTP 401.*KG_STORE_USER"):
        RemoteStore.open(bare)


def test_virtuoso_writes_need_credentials(server: Server, remote: RemoteStore, seed_extractions) -> None:
    if server.name != "virtuoso":
        pytest.skip("Virtuoso only")
    with RemoteStore.open(server.url.replace("dba:dba@", "")) as store:   # reading needs no account
        assert len(store.documents()) == 5
        with pytest.raises(StoreError, match=r"HTTP 40[13].*KG_STORE_USER"):
            store.replace_documents(seed_extractions[:1])


# ---------------------------------------------------------------- servers set up wrongly
def test_virtuoso_result_limit_is_an_error_not_a_short_answer(tmp_path: Path, seed_extractions) -> None:
    if virtuoso_binary() is None:
        pytest.skip("virtuoso-t not installed (Debian package virtuoso-opensource; scripts/system-deps.sh)")
    server = start_virtuoso(tmp_path / "db", max_rows=100)
    try:
        with RemoteStore.open(server.url) as store:
            store.replace_documents(seed_extractions[:1])
            with pytest.raises(QueryError, match="cut the answer to 100 rows.*ResultSetMaxRows"):
                store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
            assert len(store.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100")[1]) == 100
            with pytest.raises(StoreError, match=r"sent \d+ of the \d+ triples.*ResultSetMaxRows"):
                store.graph_quads(store.document_graphs()[0])
    finally:
        server.stop()


def test_server_without_union_default_graph_is_refused(tmp_path: Path) -> None:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph, in the test extra)")
    import subprocess

    from virtuoso import _wait

    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = _wait(Server("oxigraph", f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}/query", process,
                          tmp_path / "none.log"))
    try:
        with pytest.raises(StoreError, match="union of its named graphs.*--union-default-graph"):
            RemoteStore.open(server.url)
        with pytest.raises(StoreError, match="union of its named graphs"):
            RemoteStore.open(server.url, read_only=True)
    finally:
        server.stop()


# ---------------------------------------------------------------- fakes: URL scheme and HTTP errors
class _FakeSparql(http.server.BaseHTTPRequestHandler):
    """Answers like a union-default-graph SPARQL server; the ``fail_put``-th PUT gets HTTP 500."""

    puts: ClassVar[list[str]] = []
    fail_put = 0
    delay = 0.0
    post_status = 200

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, body: bytes = b"", ctype: str = "text/plain") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout test)
            pass

    def do_GET(self) -> None:
        self._reply(404)

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).puts.append(self.path)
        if len(type(self).puts) == type(self).fail_put:
            return self._reply(500, b"disk full")
        self._reply(201)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.post_status != 200:
            return self._reply(self.post_status)
        if self.delay:
            threading.Event().wait(self.delay)
        self._reply(200, json.dumps({"head": {}, "boolean": True}).encode(), "application/sparql-results+json")


@pytest.fixture
def fake() -> Iterator[tuple[str, type[_FakeSparql]]]:
    handler = type("Handler", (_FakeSparql,), {"puts": [], "fail_put": 0, "delay": 0.0, "post_status": 200})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


def test_failed_write_names_the_document_and_keeps_the_ones_before(fake, seed_extractions) -> None:
    url, handler = fake
    handler.fail_put = 4   # the ontology, two documents, then the third document fails
    with RemoteStore.open(url) as store, pytest.raises(StoreError) as err:
        store.replace_documents(seed_extractions)
    assert "HTTP 500" in str(err.value) and "disk full" in str(err.value) and "rerun kg build" in str(err.value)
    third = store_graph(seed_extractions[2])
    assert third in str(err.value)
    assert len(handler.puts) == 4


def store_graph(ex) -> str:
    from kg.rdf.convert import extraction_quads

    return extraction_quads(ex)[0].graph_name.value


def test_dead_url_is_a_store_error_naming_it() -> None:
    port = free_port()
    with pytest.raises(StoreError, match=rf"cannot reach SPARQL server http://127.0.0.1:{port}/sparql.*connection refused.*fix"):
        RemoteStore.open(f"http://127.0.0.1:{port}/sparql")


def test_silent_server_times_out(fake) -> None:
    url, handler = fake
    handler.delay = 3.0
    with pytest.raises(StoreError, match=r"did not answer .* within 0.5 s.*#timeout"):
        RemoteStore.open(url + "#timeout=0.5", read_only=True)


def test_not_a_sparql_server(fake) -> None:
    url, handler = fake
    handler.post_status = 404
    with pytest.raises(StoreError, match=r"no query endpoint at http://127.0.0.1:\d+/query \(HTTP 404\).*#query="):
        RemoteStore.open(url, read_only=True)


@pytest.mark.parametrize(("url", "server", "query", "update", "gsp"), [
    ("http://h:8890/sparql", "virtuoso", "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
    ("https://u:p%40ss@h/db/sparql-auth", "virtuoso", "https://h/db/sparql-auth", "https://h/db/sparql-auth",
     "https://h/db/sparql-graph-crud-auth"),
    ("http://h:7878", "oxigraph", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/ds/", "fuseki", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:3030/ds#query=sparql&gsp=/other/data", "fuseki", "http://h:3030/ds/sparql", "http://h:3030/ds/update",
     "http://h:3030/other/data"),
    ("http://h/x#server=generic&query=http://q/sparql&gsp=gsp", "generic", "http://q/sparql", None, "http://h/x/gsp"),
])
def test_store_url_scheme(url: str, server: str, query: str, update: str | None, gsp: str,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE_USER", raising=False)
    ep = parse_store_url(url)
    assert (ep.server, ep.query, ep.update, ep.gsp) == (server, query, update, gsp)
    assert "p@ss" not in ep.display and "p%40ss" not in ep.display


def test_url_credentials_are_decoded_and_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = parse_store_url("https://u:p%40ss@h/sparql")
    assert (ep.user, ep.password, ep.display) == ("u", "p@ss", "https://u@h/sparql")
    assert display_target("https://u:p%40ss@h/sparql#timeout=5") == "https://u@h/sparql"
    monkeypatch.setenv("KG_STORE_USER", "env")
    monkeypatch.setenv("KG_STORE_PASSWORD", "pw")
    assert (parse_store_url("http://h:7878").user, parse_store_url("http://h:7878").password) == ("env", "pw")


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://h/sparql", "not an http"),
    ("http:///sparql", "not an http"),
    ("http://h/sparql?default-graph-uri=x", "query string"),
    ("http://h:99999/sparql", "bad port"),
    ("http://h/sparql#colour=red", "option 'colour' is unknown"),
    ("http://h/sparql#server=blazegraph", "server='blazegraph' is unknown"),
    ("http://h/sparql#timeout=-1", "timeout='-1'"),
    ("http://h/x#server=generic", "names no query or gsp endpoint"),
])
def test_bad_store_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as err:
        parse_store_url(url)
    assert "fix:" in str(err.value) and "\n" not in str(err.value)


def test_open_store_dispatches(tmp_path: Path) -> None:
    assert store_target("https://h/sparql") == "https://h/sparql"
    assert store_target("kg-data") == Path("kg-data")
    with open_store(tmp_path / "kg") as store:
        assert isinstance(store, KGStore)
    with open_store(None) as store:
        assert isinstance(store, KGStore)


def test_cli_build_query_and_why_against_the_server(server: Server, remote: RemoteStore, seeds_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The same CLI commands work with --store URL: build (incremental), query, why, documents."""
    from kg.cli import main

    assert main(["build", str(seeds_dir), "--store", server.url, "-q"]) == 0
    out = capsys.readouterr().out
    assert "5 documents" in out and "0 added" in out and "5 unchanged" in out and "0 graphs rewritten" in out
    assert "password" not in out and "dba:dba" not in out
    assert main(["query", "sample", "--store", server.url]) == 0
    assert "大创小镇" in capsys.readouterr().out
    assert main(["why", "立昂微", "--store", server.url]) == 0
    assert "杭州立昂微电子股份有限公司 [Company]" in capsys.readouterr().out
