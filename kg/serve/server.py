"""HTTP side of ``kg serve``: a ``ThreadingHTTPServer`` speaking the SPARQL 1.1 Protocol.

Routes: ``/sparql`` (also ``/`` and ``/query``) takes queries by ``GET ?query=``, ``POST``
form (``query=``) or ``POST application/sparql-query``, and updates by ``POST`` form
(``update=``) or ``application/sparql-update`` (also on ``/update``); ``GET /`` without a query
is the usage page (or the service description when Turtle is asked for); ``/queries`` lists the
named queries and ``/queries/NAME?param=…`` runs one. Every answer carries
``Access-Control-Allow-Origin: *``; errors are one ``text/plain`` line ``E… message; fix: …``.
"""
from __future__ import annotations

import logging
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from kg.errors import KGError, QueryError
from kg.queries import bind, get_query
from kg.serve.engine import Answer, Engine, Request, ServeError
from kg.serve.pages import query_list, service_description, usage_page

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
"""Largest request body accepted (bytes); larger ones get 413."""
QUERY_PATHS = ("/", "/sparql", "/query")
UPDATE_PATHS = ("/", "/sparql", "/update")
RESERVED = ("format", "output", "results", "default-graph-uri", "named-graph-uri")
"""Parameters of the protocol, never parameters of a named query."""
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept",
        "Access-Control-Max-Age": "600"}

Params = dict[str, list[str]]


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``engine`` answers the queries."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], engine: Engine) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, SparqlHandler)
        self.engine = engine

    @property
    def url(self) -> str:
        """Base URL, ending with ``/`` (an IPv6 host in brackets)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.engine.close()


def _form(data: bytes) -> Params:
    try:
        return parse_qs(data.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise ServeError(400, "the form is not UTF-8", fix="send UTF-8 URL-encoded text") from None


def _raw(text: str) -> bytes:
    """The bytes of a request-line part: http.server decodes the line as ISO-8859-1, so clients
    that send UTF-8 unencoded (curl '…?park=名字') get their bytes back here."""
    return text.encode("iso-8859-1", errors="replace")


def _one(params: Params, key: str) -> str | None:
    values = params.get(key)
    if values and len(values) > 1:
        raise ServeError(400, f"{len(values)} values of {key}=", fix=f"send one {key} per request")
    return values[0] if values else None


class SparqlHandler(BaseHTTPRequestHandler):
    """One request. ``do_*`` parse it; ``_query``/``_update`` answer it; ``_send`` writes it."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "park-kg"

    # ------------------------------------------------------------------ methods
    def do_GET(self) -> None:
        self._guarded(lambda: self._get(head=False))

    def do_HEAD(self) -> None:
        self._guarded(lambda: self._get(head=True))

    def do_POST(self) -> None:
        self._guarded(self._post)

    def do_OPTIONS(self) -> None:
        self._send(204, b"", "text/plain; charset=utf-8", {"Allow": CORS["Access-Control-Allow-Methods"]})

    def _guarded(self, handle) -> None:
        try:
            handle()
        except ServeError as err:
            extra = {"Retry-After": str(err.retry_after)} if err.retry_after else {}
            self._error(err.status, err, extra)
        except KGError as err:     # named-query parameters: the client's mistake
            self._error(400, err)
        except Exception as err:
            log.exception("internal error")
            self._error(500, ServeError(500, f"internal error: {type(err).__name__}: {err}", fix="report it"))

    # ------------------------------------------------------------------ parsing
    def _get(self, *, head: bool) -> None:
        url = urlsplit(self.path)
        params = _form(_raw(url.query))
        if url.path.startswith("/queries"):
            return self._named(url.path, params, head=head)
        if url.path not in QUERY_PATHS:
            raise ServeError(404, f"no resource {url.path}", fix="query /sparql; GET / explains the endpoint")
        if "update" in params:
            raise ServeError(405, "updates cannot be sent with GET", fix="POST update= or application/sparql-update")
        query = _one(params, "query")
        if query is None:
            return self._home(head=head)
        self._query(query, params, head=head)

    def _post(self) -> None:
        url = urlsplit(self.path)
        params = _form(_raw(url.query))
        mime = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if mime == "application/x-www-form-urlencoded":
            for key, values in _form(body).items():
                params.setdefault(key, []).extend(values)
        elif mime in ("application/sparql-query", "application/sparql-update"):
            params["query" if mime.endswith("query") else "update"] = [self._text(body)]
        else:
            raise ServeError(415, f"Content-Type {mime or '(none)'} is not a SPARQL request",
                             fix="send application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")
        if url.path.startswith("/queries"):
            return self._named(url.path, params, head=False)
        return self._dispatch_post(url.path, params)

    def _dispatch_post(self, path: str, params: Params) -> None:
        if "query" in params and "update" in params:
            raise ServeError(400, "both query= and update= were sent", fix="send one of them")
        if "update" in params and path in UPDATE_PATHS:
            return self._update(_one(params, "update") or "")
        if "query" in params and path in QUERY_PATHS:
            return self._query(_one(params, "query") or "", params, head=False)
        if path not in QUERY_PATHS + UPDATE_PATHS:
            raise ServeError(404, f"no resource {path}", fix="POST to /sparql")
        raise ServeError(400, "no query= or update= in the request", fix="send a SPARQL query or update")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            raise ServeError(413, f"the request body has {length} bytes, more than {MAX_BODY}",
                             fix="send a shorter query")
        return self.rfile.read(length) if length > 0 else b""

    @staticmethod
    def _text(body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise ServeError(400, "the request body is not UTF-8", fix="send the query as UTF-8") from None

    # ------------------------------------------------------------------ answering
    def _query(self, query: str, params: Params, *, head: bool) -> None:
        request = Request(query=query, accept=self.headers.get("Accept"),
                          formats=params.get("format", []) + params.get("output", []),
                          default_graphs=params.get("default-graph-uri", []),
                          named_graphs=params.get("named-graph-uri", []))
        self._answer(self.server.engine.query(request), head=head)

    def _named(self, path: str, params: Params, *, head: bool) -> None:
        name = unquote(path.removeprefix("/queries").strip("/"))
        if not name:
            return self._send(200, b"" if head else query_list(self.server.url), "application/json; charset=utf-8")
        try:
            named = get_query(name)
        except QueryError as err:
            raise ServeError(404, err.message, fix=err.fix, code=err.code) from None
        values = {key: vals[-1] for key, vals in params.items() if key not in RESERVED}
        self._query(bind(named, values), params, head=head)

    def _update(self, update: str) -> None:
        origin = self.headers.get("Origin")
        if origin and urlsplit(origin).netloc != self.headers.get("Host"):
            raise ServeError(403, f"cross-origin update from {origin} refused",
                             fix="send updates from a script or notebook, not from a web page of another site")
        self.server.engine.update(update)
        self._send(204, b"", "text/plain; charset=utf-8")

    def _home(self, *, head: bool) -> None:
        accept = self.headers.get("Accept") or ""
        engine = self.server.engine
        if "text/turtle" in accept and "text/html" not in accept:
            body, mime = service_description(self.server.url, read_only=not engine.allow_update), "text/turtle"
        else:
            body = usage_page(self.server.url, read_only=not engine.allow_update, timeout=engine.timeout)
            mime = "text/html; charset=utf-8"
        self._send(200, b"" if head else body, mime, length=len(body))

    def _answer(self, answer: Answer, *, head: bool) -> None:
        mime = answer.format.media_type
        if mime.startswith("text/") or mime.endswith("json"):
            mime += "; charset=utf-8"
        self._send(200, b"" if head else answer.body, mime, length=len(answer.body))

    def _error(self, status: int, err: KGError, extra: dict[str, str] | None = None) -> None:
        body = b"" if self.command == "HEAD" else f"{err}\n".encode()
        self.close_connection = True        # the request body may be unread
        self._send(status, body, "text/plain; charset=utf-8", extra)

    def _send(self, status: int, body: bytes, mime: str, extra: dict[str, str] | None = None,
              *, length: int | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": mime, "Content-Length": str(len(body) if length is None else length),
                   "Vary": "Accept", **CORS, **(extra or {})}
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)


def make_server(store: str, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                allow_update: bool = False, workers: int = 4) -> SparqlServer:
    """A server bound to ``host:port`` (``port=0``: any free port), not yet serving.

    Call ``serve_forever()`` (blocks) and ``server_close()``. Raises ``StoreError`` if the store
    cannot be opened, ``ServeError`` if the address cannot be bound.
    """
    engine = Engine(Path(store), timeout=timeout, allow_update=allow_update, workers=workers)
    try:
        return SparqlServer((host, port), engine)
    except OSError as err:
        engine.close()
        raise ServeError(0, f"cannot listen on {host}:{port}: {err.strerror or err}",
                         fix="choose another --port (or stop the program that uses it)") from err


__all__ = ["SparqlHandler", "SparqlServer", "make_server"]
