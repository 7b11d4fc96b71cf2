"""``kg serve`` over real HTTP: the SPARQL 1.1 Protocol, formats, errors, updates, timeout, reopen."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper

from kg.cli import main
from kg.errors import StoreError
from kg.rdf.store import KGStore
from kg.serve import SparqlServer, make_server
from kg.serve import engine as engine_module

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PARKS = "SELECT ?p WHERE { ?p a kgo:Park } ORDER BY ?p LIMIT 3"
GRAPH = "CONSTRUCT { ?p a kgo:Park ; rdfs:label ?l } WHERE { ?p a kgo:Park ; rdfs:label ?l } "
COUNT_DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgo:Document }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?t }"   # ≈ 1.5 s on the seeds


def start(store: Path, **options) -> SparqlServer:
    server = make_server(str(store), port=0, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: SparqlServer) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def url(seed_store) -> Iterator[str]:
    server = start(seed_store, timeout=20)
    yield server.url
    stop(server)


def call(url: str, *, method: str = "GET", data: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(base: str, query: str, path: str = "sparql", **params: str) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept": params.pop("accept")} if "accept" in params else {}
    return call(f"{base}{path}?{urllib.parse.urlencode({'query': query, **params})}", headers=headers)


def build_into(store: Path, *names: str) -> None:
    from kg.pipeline import build
    from kg.settings import Settings

    build([SEEDS / n for n in names], settings=Settings(store=store, progress=False))


# ---------------------------------------------------------------- protocol and formats
def test_get_select_answers_sparql_results_json(url):
    status, headers, body = get(url, PARKS)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["p"] and len(data["results"]["bindings"]) == 3
    assert headers["Access-Control-Allow-Origin"] == "*"


def _parse_results(fmt: str, body: bytes) -> list[str]:
    """The values of ?p in a results document of ``fmt``."""
    text = body.decode("utf-8")
    if fmt == "json":
        return [b["p"]["value"] for b in json.loads(text)["results"]["bindings"]]
    if fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return [u.text for u in ET.fromstring(text).iter(f"{ns}uri")]
    if fmt == "csv":
        table = list(csv.reader(io.StringIO(text)))
        assert table[0] == ["p"]
        return [r[0] for r in table[1:]]
    lines = text.splitlines()
    assert lines[0] == "?p"
    return [line.strip("<>") for line in lines[1:]]


@pytest.mark.parametrize("fmt, media", [("json", "application/sparql-results+json"),
                                        ("xml", "application/sparql-results+xml"),
                                        ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_results_formats_by_parameter_and_by_accept(url, fmt, media):
    expected = _parse_results("json", get(url, PARKS)[2])
    for status, headers, body in (get(url, PARKS, format=fmt), get(url, PARKS, accept=f"{media}, */*;q=0.1")):
        assert status == 200 and headers["Content-Type"].split(";")[0] == media
        assert _parse_results(fmt, body) == expected


def test_ask_in_json_and_xml(url):
    assert json.loads(get(url, "ASK { ?s a kgo:Park }")[2]) == {"head": {}, "boolean": True}
    assert b"<boolean>false</boolean>" in get(url, "ASK { ?s a kgo:Nothing }", format="xml")[2]


@pytest.mark.parametrize("fmt, media, rdflib_format", [
    ("turtle", "text/turtle", "turtle"), ("ntriples", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld"), ("rdfxml", "application/rdf+xml", "xml")])
def test_graph_formats_by_parameter_and_by_accept(url, seed_store, fmt, media, rdflib_format):
    graphs = []
    for status, headers, body in (get(url, GRAPH, format=fmt), get(url, GRAPH, accept=media)):
        assert status == 200 and headers["Content-Type"].split(";")[0] == media
        graphs.append(rdflib.Graph().parse(data=body, format=rdflib_format))
    parks = json.loads(get(url, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kgo:Park }")[2])
    n_parks = int(parks["results"]["bindings"][0]["n"]["value"])
    assert len(graphs[0]) == len(graphs[1]) >= 2 * n_parks     # deduplicated: a set, not the bag
    assert rdflib.compare.isomorphic(graphs[0], graphs[1])
    labels = {str(o) for o in graphs[0].objects(None, rdflib.RDFS.label)}
    assert "大创小镇" in labels


def test_post_form_and_post_sparql_query_answer_like_get(url):
    expected = get(url, PARKS)[2]
    form = urllib.parse.urlencode({"query": PARKS}).encode()
    assert call(f"{url}sparql", method="POST", data=form,
                headers={"Content-Type": "application/x-www-form-urlencoded"})[2] == expected
    assert call(f"{url}sparql", method="POST", data=PARKS.encode(),
                headers={"Content-Type": "application/sparql-query"})[2] == expected
    assert get(url, PARKS, path="")[2] == expected           # / is the endpoint too


def test_malformed_query_is_400_with_the_parser_message(url):
    status, headers, body = get(url, "SELECT ?x WHERE { ?x ?y }")
    text = body.decode()
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert text.startswith("E400 SPARQL query is malformed: error at 1:") and "; fix: " in text
    assert len(text.strip().splitlines()) == 1


@pytest.mark.parametrize("request_kwargs, status, words", [
    ({"path": "sparql?query=ASK%7B%7D&format=yaml"}, 406, "format yaml is not one of json, xml, csv, tsv"),
    ({"path": "sparql?query=ASK%7B%7D", "headers": {"Accept": "image/png"}}, 406, "allows none of"),
    ({"path": "nowhere"}, 404, "no resource /nowhere"),
    ({"path": "sparql?update=CLEAR%20ALL"}, 405, "cannot be sent with GET"),
    ({"path": "sparql", "method": "POST", "data": b"x", "headers": {"Content-Type": "text/plain"}}, 415, "not a SPARQL request"),
    ({"path": "sparql", "method": "POST", "data": b"",
      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 400, "no query= or update="),
    ({"path": "sparql?query=ASK%7B%7D&query=ASK%7B%7D"}, 400, "2 values of query="),
])
def test_protocol_errors(url, request_kwargs, status, words):
    path = request_kwargs.pop("path")
    got, headers, body = call(url + path, **request_kwargs)
    assert got == status and words in body.decode(), body
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_updates_are_refused_with_403_by_default(url):
    before = get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2]
    for data, mime in ((urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(), "application/x-www-form-urlencoded"),
                       (b"DROP ALL", "application/sparql-update")):
        status, _, body = call(f"{url}sparql", method="POST", data=data, headers={"Content-Type": mime})
        assert status == 403 and "read-only" in body.decode() and "--allow-update" in body.decode()
    assert get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2] == before


def test_head_and_options(url):
    status, headers, body = call(f"{url}sparql?{urllib.parse.urlencode({'query': PARKS})}", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) == len(get(url, PARKS)[2])
    status, headers, body = call(f"{url}sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"] and headers["Access-Control-Allow-Origin"] == "*"


def test_home_page_and_service_description(url):
    status, headers, body = call(url, headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f"{url}sparql" in page and "companies-of-park" in page and "read-only" in page
    status, headers, body = call(url, headers={"Accept": "text/turtle"})
    sd = rdflib.Graph().parse(data=body, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, SD.endpoint, rdflib.URIRef(f"{url}sparql")) in sd


# ---------------------------------------------------------------- named queries over HTTP
def test_named_queries_are_listed_and_run(url):
    status, _, body = call(f"{url}queries")
    listing = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and listing["companies-of-park"]["params"][0]["name"] == "park"
    status, _, body = call(f"{url}queries/companies-of-park?park={urllib.parse.quote('大创')}&format=json")
    names = {b["companyName"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert status == 200 and "浙江可胜技术股份有限公司" in names
    hostile = urllib.parse.quote('"} ; DROP ALL { "')
    status, _, body = call(f"{url}queries/companies-of-park?park={hostile}")
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert call(f"{url}queries/companies-of-park")[0] == 400
    assert call(f"{url}queries/no-such-query")[0] == 404


# ---------------------------------------------------------------- clients
def test_rdflib_sparqlstore(url):
    graph = rdflib.Graph(store=SPARQLStore(query_endpoint=f"{url}sparql", returnFormat="json"))
    rows = list(graph.query("SELECT ?name WHERE { ?p a kgo:Park ; rdfs:label ?name } ORDER BY ?name"))
    assert "大创小镇" in {str(r.name) for r in rows}
    xml_graph = rdflib.Graph(store=SPARQLStore(query_endpoint=f"{url}sparql"))   # default: XML results
    assert len(list(xml_graph.query(PARKS))) == 3
    built = xml_graph.query(GRAPH)                                                # CONSTRUCT as RDF/XML
    assert len(built.graph) > 10


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(url, fmt):
    client = SPARQLWrapper(f"{url}sparql")
    client.setQuery("SELECT ?name WHERE { ?p a kgo:Park ; rdfs:label ?name } ORDER BY ?name")
    client.setReturnFormat(fmt)
    result = client.query()
    converted = result.convert()
    text = converted if isinstance(converted, (bytes, str)) else None
    if fmt == JSON:
        assert "大创小镇" in {b["name"]["value"] for b in converted["results"]["bindings"]}
    elif fmt == XML:
        assert "大创小镇" in converted.toxml()
    else:
        assert "大创小镇" in (text.decode() if isinstance(text, bytes) else text)


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, XML])
def test_sparqlwrapper_construct_and_post(url, fmt):
    client = SPARQLWrapper(f"{url}sparql")
    client.setQuery(GRAPH)
    client.setReturnFormat(fmt)
    client.setMethod(POST)
    graph = client.queryAndConvert()
    if not isinstance(graph, rdflib.Graph):
        graph = rdflib.Graph().parse(data=graph, format={TURTLE: "turtle", JSONLD: "json-ld"}[fmt])
    assert "大创小镇" in {str(o) for o in graph.objects(None, rdflib.RDFS.label)}


# ---------------------------------------------------------------- timeout and busy workers
def test_a_query_over_the_timeout_answers_504_and_busy_workers_503(seed_store):
    server = start(seed_store, timeout=0.2, workers=1)
    try:
        started = time.monotonic()
        status, _, body = get(server.url, HEAVY)
        assert status == 504 and "timeout of 0.2 s" in body.decode() and "cannot cancel" in body.decode()
        assert time.monotonic() - started < 1.0
        status, headers, body = get(server.url, "ASK {}")     # the runaway query holds the one worker
        assert status == 503 and "busy" in body.decode() and headers["Retry-After"]
        deadline = time.monotonic() + 30                       # it ends on its own: the slot comes back
        while get(server.url, "ASK {}")[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(0.2)
    finally:
        stop(server)


# ---------------------------------------------------------------- store changes
def test_the_endpoint_serves_the_new_graph_after_a_build(tmp_path):
    store = tmp_path / "kg-data"
    build_into(store, "004_2b47e149472050a6.txt")
    server = start(store, timeout=20)
    try:
        count = lambda: json.loads(get(server.url, COUNT_DOCS)[2])["results"]["bindings"][0]["n"]["value"]
        assert count() == "1"
        build_into(store, "003_fe4add8904029b94.txt")
        assert count() == "2"
    finally:
        stop(server)


def test_a_handle_that_refuses_to_read_is_reopened(seed_store, monkeypatch):
    engine = engine_module.Engine(seed_store, timeout=20)
    first = engine.store()
    real, calls = engine_module._evaluate, []

    def refuse_once(store, request):
        calls.append(store)
        if len(calls) == 1:
            raise StoreError("store is being written since it was opened read-only", fix="reopen it")
        return real(store, request)

    monkeypatch.setattr(engine_module, "_evaluate", refuse_once)
    answer = engine.query(engine_module.Request(query="ASK { ?s a kgo:Park }"))
    assert json.loads(answer.body)["boolean"] is True
    assert calls[0] is first and calls[1] is not first
    engine.close()


def test_updates_when_allowed(tmp_path):
    store = tmp_path / "kg-data"
    build_into(store, "004_2b47e149472050a6.txt")
    server = start(store, timeout=20, allow_update=True)
    insert = 'INSERT DATA { GRAPH <https://x.test/g> { <https://x.test/s> rdfs:label "新"@zh } }'
    try:
        form = urllib.parse.urlencode({"update": insert}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _, body = call(f"{server.url}sparql", method="POST", data=form,
                               headers={**headers, "Origin": "https://evil.example"})
        assert status == 403 and "cross-origin" in body.decode()
        assert call(f"{server.url}sparql", method="POST", data=form, headers=headers)[0] == 204
        assert json.loads(get(server.url, "ASK { <https://x.test/s> rdfs:label \"新\"@zh }")[2])["boolean"] is True
        with KGStore.open(store, read_only=True) as reader:     # published: every reader sees it
            assert reader.select('ASK { <https://x.test/s> rdfs:label "新"@zh }')[1] == [[True]]
        status, _, body = call(f"{server.url}update", method="POST", data=b"INSERT DATA {",
                               headers={"Content-Type": "application/sparql-update"})
        assert status == 400 and "malformed" in body.decode()
        with KGStore.open(store):                                # a build holds the writer lock
            status, headers, body = call(f"{server.url}update", method="POST", data=b"CLEAR ALL",
                                         headers={"Content-Type": "application/sparql-update"})
            assert status == 503 and "cannot be written now" in body.decode() and headers["Retry-After"]
        assert json.loads(get(server.url, "ASK { <https://x.test/s> rdfs:label \"新\"@zh }")[2])["boolean"] is True
    finally:
        stop(server)


# ---------------------------------------------------------------- the command
def test_cli_serve_prints_the_url_and_warns_off_loopback(seed_store, capsys, monkeypatch):
    monkeypatch.setattr(SparqlServer, "serve_forever", lambda self: (_ for _ in ()).throw(KeyboardInterrupt))
    assert main(["serve", "--store", str(seed_store), "--port", "0"]) == 0
    out, err = capsys.readouterr()
    assert "read-only" in out and "http://127.0.0.1:" in out and "/sparql" in out and "warning" not in err
    assert main(["serve", "--store", str(seed_store), "--port", "0", "--host", "0.0.0.0"]) == 0
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err


def test_cli_serve_on_a_missing_store_is_one_line(tmp_path, capsys):
    assert main(["serve", "--store", str(tmp_path / "none"), "--port", "0"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_unencoded_utf8_in_the_request_line(url):
    """curl sends '?park=名字' as raw UTF-8 bytes; http.server hands them over as ISO-8859-1."""
    import socket

    host, port = urllib.parse.urlsplit(url).netloc.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall("GET /queries/companies-of-park?park=大创&format=csv HTTP/1.0\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and "浙江可胜技术股份有限公司" in body.decode("utf-8")
