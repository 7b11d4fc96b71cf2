"""``RemoteStore``: the park-kg knowledge graph on a SPARQL 1.1 server (Virtuoso, Fuseki, Oxigraph).

The same public interface as ``kg.rdf.store.KGStore`` and the same layout: one named graph per
document (graph IRI = document IRI) plus the ontology graph. The store URL scheme is in
``kg.rdf.endpoints``; set-up per server, atomicity and measured speed in ``docs/remote-store.md``.

* Writes use the Graph Store Protocol: one ``PUT ?graph=<document>`` of the document's
  N-Triples per document, in order. A failure stops the build with a ``StoreError`` naming the
  document; every document before it is written. Whether the failing document is left as before
  depends on the server (Oxigraph and Fuseki: one transaction per request; Virtuoso 7: not).
* Queries are sent as written, with the ``kg.rdf.namespace`` prefixes prepended (a query's own
  ``PREFIX`` comes later and wins, as with ``KGStore``). The server must answer them over the
  union of its graphs: checked when the store is opened. On Virtuoso that union is every graph
  of the server, its system graphs (``kg.rdf.endpoints.VIRTUOSO_SYSTEM_GRAPHS``) included.
* ``query`` returns pyoxigraph objects parsed from the server's answer: ``QuerySolutions``,
  ``QueryBoolean``, or for CONSTRUCT/DESCRIBE a list of ``Triple`` (not ``QueryTriples``).
* ``read_only`` only refuses writes here: the server handles concurrent readers and writers.
  There are no versions: every write is live at once, ``is_stale`` is always ``False`` and
  ``abort`` (leaving the ``with`` block by an exception) cannot take back what was written.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import QueryError, StoreError
from kg.rdf.convert import (
    extraction_quads,
    ontology_quads,
)
from kg.rdf.endpoints import Endpoints, parse_store_url
from kg.rdf.reads import RDF_FORMATS, RESULT_FORMATS, SparqlReads, sort_key, write_atomically
from kg.rdf.lock import one_line
from kg.rdf.namespace import (
    CORPUS_GRAPHS,
    KB_IRI,
    MERGES_IRI,
    ONTOLOGY_IRI,
    PREFIXES,
    sparql_prefixes,
)
from kg.rdf.sparql_http import NTRIPLES, SparqlHttp
from kg.records import Extraction

log = logging.getLogger(__name__)

RESULTS_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = f"{NTRIPLES}, text/turtle;q=0.8, application/rdf+xml;q=0.5"
_GRAPH_FORMATS = {
    NTRIPLES: RdfFormat.N_TRIPLES, "text/plain": RdfFormat.N_TRIPLES, "text/turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML, "application/n-quads": RdfFormat.N_QUADS,
}
UNION_FIX = {
    "oxigraph": "start it with: oxigraph serve --union-default-graph",
    "fuseki": "set tdb2:unionDefaultGraph true on the dataset (docs/remote-store.md)",
    "virtuoso": "query the /sparql endpoint without default-graph-uri settings",
    "generic": "configure the server so that queries see the union of all named graphs",
}
_KEYWORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_IRI_OR_COMMENT = re.compile(r"<[^<>\s]*>|#[^\n]*")

Result = QuerySolutions | QueryBoolean | list[Triple]
_probe: Store | None = None


class RemoteStore(SparqlReads):
    """The knowledge graph on a SPARQL server. Build it with ``RemoteStore.open``; use it as a context manager."""

    def __init__(self, http: SparqlHttp, *, read_only: bool) -> None:
        self._http: SparqlHttp | None = http
        self.endpoints: Endpoints = http.ep
        self.url = http.ep.display
        self.path: Path | None = None   # no local folder (KGStore compatibility)
        self.read_only = read_only

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> RemoteStore:
        """Connect to the store at ``url`` (see ``kg.rdf.endpoints``).

        A read-write open loads or refreshes the ontology graph; every open checks that the
        server answers queries over the union of its graphs. Raises ``StoreError`` if the URL is
        malformed, the server cannot be reached or refuses us, a read-only store has no
        park-kg graphs, or the server does not query the union of its graphs.
        """
        store = cls(SparqlHttp(parse_store_url(url)), read_only=read_only)
        try:
            if read_only:
                store._check_exists()
            else:
                store._sync_ontology()
            store._check_union()
        except BaseException:
            store.close()
            raise
        log.info("opened %r", store)
        return store

    # ------------------------------------------------------------------ access
    @property
    def is_open(self) -> bool:
        """False once ``close`` was called."""
        return self._http is not None

    @property
    def http(self) -> SparqlHttp:
        """The HTTP client. Raises ``StoreError`` when closed."""
        if self._http is None:
            raise StoreError(f"store {self.url} is closed", fix="open it again")
        return self._http

    @property
    def raw(self) -> Store:
        """Not available: there is no local pyoxigraph store. Always raises ``StoreError``."""
        raise StoreError(f"store {self.url} is a SPARQL server, not a local pyoxigraph store",
                         fix="use query/select, or build a local store with --store <folder>")

    def _writable(self) -> SparqlHttp:
        if self.read_only:
            raise StoreError(f"store {self.url} was opened read-only", fix="open it without read_only")
        return self.http

    def __len__(self) -> int:
        """Number of quads in the document, ontology and merges graphs (other graphs of the server are not counted)."""
        # (Virtuoso 7.2 counts 0 for the equivalent "{ SELECT DISTINCT ?g … } UNION { VALUES ?g … }")
        _, rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g IN (<{ONTOLOGY_IRI}>, <{MERGES_IRI}>, <{KB_IRI}>)"
            " || EXISTS { GRAPH ?g { ?g a kgo:Document } }) }")
        return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]

    # ------------------------------------------------------------------ writing
    def replace_documents(self, extractions: Iterable[Extraction]) -> int:
        """Make each document's named graph hold exactly ``extraction_quads(ex)``: one GSP PUT per document.

        Documents are written in order; after a failure every document before the failing one
        is written, and the failing one is as before or fully replaced on servers whose PUT is
        a transaction (Oxigraph, Fuseki), possibly partial on Virtuoso (rerun the build).
        Returns the number of quads of the given documents. Raises ``StoreError`` if the store
        is read-only, a record cannot be converted or the server refuses a write; exceptions of
        the ``extractions`` iterable itself propagate.
        """
        http = self._writable()
        total = done = 0
        for ex in extractions:
            quads = _document_quads(ex)
            http.put_graph(quads[0].graph_name.value, _ntriples(quads))
            total += len(quads)
            done += 1
        log.info("replaced %d documents (%d quads) in %s", done, total, self.url)
        return total

    def replace_graph(self, graph: str, quads: list[Quad]) -> int:
        """Make one corpus-level graph hold exactly ``quads`` (one GSP PUT); returns their number."""
        self._writable().put_graph(graph, _ntriples(quads))
        return len(quads)

    def remove_document(self, doc_iri: str) -> bool:
        """Remove the named graph of a document; ``False`` if it was not there.

        Raises ``StoreError`` for a read-only store, an invalid IRI or the ontology graph.
        """
        http = self._writable()
        if doc_iri in (ONTOLOGY_IRI, *CORPUS_GRAPHS):
            raise StoreError("the ontology graph is not a document", fix="give a document IRI")
        try:
            NamedNode(doc_iri)
        except ValueError as err:
            raise StoreError(f"{doc_iri!r} is not a document IRI", fix="use an IRI listed by kg documents") from err
        return http.delete_graph(doc_iri)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update on the server's update endpoint, with ``PREFIXES`` predeclared.

        Not part of ``KGStore``: for maintenance. Raises ``StoreError`` (read-only, refused, failed).
        """
        self._writable().update(sparql_prefixes() + sparql)

    def _sync_ontology(self) -> None:
        """Write the ontology graph unless the server already holds exactly the ontology file."""
        quads = ontology_quads()
        stored = self.http.get_graph(ONTOLOGY_IRI)
        if stored is not None and _triples(stored, NTRIPLES) == {q.triple for q in quads}:
            return
        self.http.put_graph(ONTOLOGY_IRI, _ntriples(quads))
        log.info("wrote the ontology graph (%d triples) to %s", len(quads), self.url)

    def _check_exists(self) -> None:
        if not self._ask(f"ASK {{ GRAPH <{ONTOLOGY_IRI}> {{ <{ONTOLOGY_IRI}> a owl:Ontology }} }}"):
            raise StoreError(f"no park-kg store at {self.url} (no ontology graph)",
                             fix=f"run kg build --store {self.url} first")

    def _check_union(self) -> None:
        if not self._ask(f"ASK {{ <{ONTOLOGY_IRI}> a owl:Ontology }}"):
            raise StoreError(f"SPARQL server {self.url} does not query the union of its named graphs",
                             fix=UNION_FIX[self.endpoints.server])

    def _ask(self, sparql: str) -> bool:
        result = self.query(sparql)
        return bool(result)

    # ------------------------------------------------------------------ reading
    def document_graphs(self) -> list[str]:
        """The names of the document graphs (graphs naming themselves a ``kgo:Document``), sorted.

        Other graphs of the server (its system graphs, other datasets) are not listed.
        """
        _, rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a kgo:Document } }")
        return sorted(str(g) for (g,) in rows if g != ONTOLOGY_IRI)

    def graph_quads(self, graph: str) -> list[Quad]:
        """Every quad of one named graph (empty if the server has no such graph).

        Raises ``StoreError`` if the server sent fewer triples than it counts in the graph
        (Virtuoso silently cuts GSP answers to ResultSetMaxRows).
        """
        data = self.http.get_graph(graph)
        if data is None:
            return []
        name = NamedNode(graph)
        quads = [Quad(t.subject, t.predicate, t.object, name) for t in _parse_graph(data, NTRIPLES, self.url)]
        _, rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        count = int(rows[0][0]) if rows else 0  # type: ignore[call-overload]
        if len(quads) < count:
            raise StoreError(f"SPARQL server {self.url} sent {len(quads)} of the {count} triples of graph <{graph}>",
                             fix="raise the server's result limit (Virtuoso: ResultSetMaxRows in virtuoso.ini [SPARQL])")
        return quads

    def query(self, sparql: str) -> Result:
        """Run a SPARQL 1.1 query on the server, with ``PREFIXES`` predeclared.

        The query is checked locally first (the same ``QueryError`` as ``KGStore`` for a
        malformed query). Returns ``QuerySolutions`` (SELECT), ``QueryBoolean`` (ASK) or a list
        of ``Triple`` (CONSTRUCT/DESCRIBE). Raises ``QueryError`` if the server rejects or cuts
        the query, ``StoreError`` if it cannot be reached or the store is closed.
        """
        http = self.http
        form = query_form(sparql)
        text = sparql_prefixes() + sparql
        if form in ("SELECT", "ASK"):
            resp = http.query(text, RESULTS_JSON)
            try:
                return parse_query_results(resp.content, QueryResultsFormat.JSON)
            except (SyntaxError, ValueError) as err:
                raise QueryError(f"SPARQL server {self.url} answered unreadable results: {one_line(err)}",
                                 fix="check the --store URL points at a SPARQL endpoint") from err
        resp = http.query(text, GRAPH_ACCEPT)
        return list(_parse_graph(resp.content, resp.headers.get("Content-Type", NTRIPLES), self.url))

    # ------------------------------------------------------------------ export
    def export(self, fmt: str, out: BinaryIO | Path | str) -> None:
        """Write the graph sorted, as ``KGStore.export`` (turtle, trig, nquads, jsonld).

        Reads the ontology graph and every document graph with GSP GET (in memory). Literals
        come back as the server stores them (Virtuoso writes ``0.80`` as ``0.8``). Raises
        ``StoreError`` on an unknown format, a read or a write failure.
        """
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}", fix=f"use one of {', '.join(RDF_FORMATS)}")
        graphs = [*self.document_graphs(), *CORPUS_GRAPHS]
        quads = [q for g in graphs for q in self.graph_quads(g)]
        terms: list[Quad] | list[Triple]
        if fmt == "turtle":
            terms = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        else:
            terms = sorted(quads + self.graph_quads(ONTOLOGY_IRI), key=sort_key)
        data = serialize(terms, format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
        if isinstance(out, (str, Path)):
            write_atomically(Path(out), data)
        else:
            out.write(data)

    # ------------------------------------------------------------------ lifecycle
    def is_stale(self) -> bool:
        """Always ``False``: a server store has no versions, every read sees the latest writes."""
        return False

    def flush(self) -> None:
        """Nothing to do: the server made each write durable before answering it."""

    def close(self) -> None:
        """Close the HTTP connections. Closing twice is harmless."""
        if self._http is not None:
            self._http.close()
            self._http = None

    def abort(self) -> None:
        """Close: what was written stays written (a server store has no versions to drop)."""
        if self._http is not None and not self.read_only:
            log.warning("%s: leaving after an error; the documents written so far stay on the server", self.url)
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"RemoteStore({self.url!r}, {self.endpoints.server}, {mode})"


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``, checking the syntax with pyoxigraph.

    The query is prepared (never evaluated) on an empty in-memory store. Raises ``QueryError``
    on a malformed query, with the message ``KGStore.query`` gives.
    """
    global _probe
    if _probe is None:
        _probe = Store()
    try:
        result = _probe.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"SPARQL query is malformed: {one_line(err)}",
                         fix=f"correct the query (predeclared prefixes: {', '.join(PREFIXES)})") from err
    except (OSError, RuntimeError, ValueError):   # valid, but not preparable here: read the keyword
        match = _KEYWORD.search(_IRI_OR_COMMENT.sub(" ", sparql))
        return match.group(1).upper() if match else "SELECT"
    if isinstance(result, QueryBoolean):
        return "ASK"
    if isinstance(result, QueryTriples):
        return "CONSTRUCT"
    return "SELECT"


def _document_quads(ex: Extraction) -> list[Quad]:
    try:
        return extraction_quads(ex)
    except ValueError as err:
        raise StoreError(f"document {ex.article.path} cannot be stored: {one_line(err)}",
                         fix="fix the extraction stage; documents before it were written") from err


def _ntriples(quads: list[Quad]) -> bytes:
    return serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""


def _parse_graph(data: bytes, content_type: str, url: str) -> list[Triple]:
    """Triples of a server's RDF answer. Raises ``QueryError`` if it is not readable RDF."""
    mime = content_type.split(";")[0].strip().lower()
    fmt = _GRAPH_FORMATS.get(mime)
    if fmt is None:
        raise QueryError(f"SPARQL server {url} answered {mime or 'no content type'} instead of RDF",
                         fix="check the --store URL points at a SPARQL endpoint")
    try:
        return [q.triple for q in parse(data, format=fmt)]
    except SyntaxError as err:
        raise QueryError(f"SPARQL server {url} answered unreadable {mime}: {one_line(err)}",
                         fix="check the --store URL points at a SPARQL endpoint") from err


def _triples(data: bytes, content_type: str) -> set[Triple]:
    try:
        return set(_parse_graph(data, content_type, ""))
    except QueryError:
        return set()





__all__ = ["RDF_FORMATS", "RESULT_FORMATS", "RemoteStore", "query_form"]
