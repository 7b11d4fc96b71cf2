"""``--store`` URLs: where a SPARQL 1.1 server answers queries, updates and Graph Store requests.

Scheme (details and per-server set-up in ``docs/remote-store.md``)::

    http[s]://[user[:password]@]host[:port][/path][#option=value&option=value…]

The fragment is never sent to the server; its options are ``server`` (``virtuoso``, ``fuseki``,
``oxigraph`` or ``generic``), ``query``, ``update`` and ``gsp`` (endpoint URLs: absolute, a
path starting with ``/`` on the same host, or a path below the store URL) and ``timeout``
(seconds to wait for one answer, default 300). Without ``server`` the kind is guessed from
the path: ``…/sparql`` or ``…/sparql-auth`` is Virtuoso, no path is an Oxigraph server, any
other path is a Fuseki dataset:

>>> ep = parse_store_url("http://dba:secret@localhost:8890/sparql")
>>> ep.server, ep.query, ep.gsp, ep.user, ep.display
('virtuoso', 'http://localhost:8890/sparql-auth', 'http://localhost:8890/sparql-graph-crud-auth', 'dba', 'http://dba@localhost:8890/sparql')
>>> parse_store_url("http://localhost:3030/ds").gsp
'http://localhost:3030/ds/data'

Credentials come from the URL (percent-encoded) or from ``KG_STORE_USER`` / ``KG_STORE_PASSWORD``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from kg.errors import StoreError

SERVERS = ("virtuoso", "fuseki", "oxigraph", "generic")
OPTIONS = ("server", "query", "update", "gsp", "timeout")
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",   # quad-map metadata, ~2500 triples
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",               # the endpoint's service description
)
"""Graphs a fresh Virtuoso 7.2 holds. Its queries without FROM see them too: they are not hidden,
because ``define input:default-graph-exclude`` breaks ``GRAPH <iri> { … }`` patterns in 7.2
(measured: no rows)."""
DEFAULT_TIMEOUT = 300.0
USER_ENV, PASSWORD_ENV = "KG_STORE_USER", "KG_STORE_PASSWORD"
_VIRTUOSO_PATHS = ("/sparql", "/sparql-auth")
_SUFFIXES = {  # server -> (query, update, gsp) below the store URL
    "oxigraph": ("query", "update", "store"),
    "fuseki": ("query", "update", "data"),
}
_URL_FIX = "use http[s]://[user:password@]host[:port][/path][#server=…&query=…&update=…&gsp=…], see docs/remote-store.md"


@dataclass(frozen=True)
class Endpoints:
    """The resolved endpoints of one store URL. ``display`` is the URL without password or options."""

    server: str
    query: str
    update: str | None
    gsp: str
    user: str | None
    password: str | None
    timeout: float
    display: str


def is_store_url(target: object) -> bool:
    """True if ``target`` is an ``http://`` or ``https://`` URL (a remote store), not a folder."""
    return isinstance(target, str) and target.lower().startswith(("http://", "https://"))


def parse_store_url(url: str) -> Endpoints:
    """Resolve a store URL into its endpoints. Raises ``StoreError`` naming what is wrong."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{_redact(url)!r} is not an http(s) URL of a SPARQL server", fix=_URL_FIX)
    if parts.query:
        raise StoreError(f"store URL {_redact(url)} has a query string", fix="put options after '#', " + _URL_FIX)
    try:
        port = parts.port
    except ValueError as err:
        raise StoreError(f"store URL {_redact(url)} has a bad port", fix=_URL_FIX) from err
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    origin = f"{parts.scheme.lower()}://{host}" + (f":{port}" if port else "")
    path = parts.path.rstrip("/")
    options = _options(parts.fragment, url)
    user, password = _credentials(parts.username, parts.password)
    server = options.get("server") or _guess_server(path)
    query, update, gsp = _preset(server, origin, path, authenticated=user is not None)
    base = origin + path
    endpoints = Endpoints(
        server=server,
        query=_resolve(options.get("query"), origin, base) or query,
        update=_resolve(options.get("update"), origin, base) or update,
        gsp=_resolve(options.get("gsp"), origin, base) or gsp,
        user=user, password=password,
        timeout=_timeout(options.get("timeout"), url),
        display=f"{parts.scheme.lower()}://" + (f"{quote(user, safe='')}@" if user else "") + host
        + (f":{port}" if port else "") + path,
    )
    if not endpoints.query or not endpoints.gsp:
        raise StoreError(f"store URL {endpoints.display} (server={server}) names no query or gsp endpoint",
                         fix="add #query=<url>&gsp=<url>, " + _URL_FIX)
    return endpoints


def _redact(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages)."""
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url.strip()
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)).geturl()


def _options(fragment: str, url: str) -> dict[str, str]:
    """The ``#`` options (the last of repeated ones)."""
    try:
        pairs = parse_qsl(fragment, keep_blank_values=True, strict_parsing=bool(fragment))
    except ValueError as err:
        raise StoreError(f"store URL {_redact(url)} has a malformed '#' part", fix=_URL_FIX) from err
    options = dict(pairs)
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise StoreError(f"store URL option {unknown[0]!r} is unknown", fix=f"use {', '.join(OPTIONS)}")
    if options.get("server", "virtuoso") not in SERVERS:
        raise StoreError(f"store URL option server={options['server']!r} is unknown", fix=f"use one of {', '.join(SERVERS)}")
    return options


def _credentials(user: str | None, password: str | None) -> tuple[str | None, str | None]:
    """URL credentials (percent-decoded), else the environment, else none."""
    if user:
        return unquote(user), unquote(password or "")
    env_user = os.environ.get(USER_ENV)
    if env_user:
        return env_user, os.environ.get(PASSWORD_ENV, "")
    return None, None


def _guess_server(path: str) -> str:
    if path.endswith(_VIRTUOSO_PATHS):
        return "virtuoso"
    return "oxigraph" if not path else "fuseki"


def _preset(server: str, origin: str, path: str, *, authenticated: bool) -> tuple[str, str | None, str]:
    """Conventional (query, update, gsp) URLs of a server kind; ``generic`` has none."""
    if server == "virtuoso":
        prefix = origin + next((path[: -len(p)] for p in _VIRTUOSO_PATHS if path.endswith(p)), path)
        auth = "-auth" if authenticated else ""
        return f"{prefix}/sparql{auth}", f"{prefix}/sparql{auth}", f"{prefix}/sparql-graph-crud{auth}"
    if server in _SUFFIXES:
        query, update, gsp = (f"{origin}{path}/{suffix}" for suffix in _SUFFIXES[server])
        return query, update, gsp
    return "", None, ""


def _resolve(value: str | None, origin: str, base: str) -> str | None:
    if not value:
        return None
    if value.lower().startswith(("http://", "https://")):
        return value
    return origin + value if value.startswith("/") else f"{base}/{value}"


def _timeout(value: str | None, url: str) -> float:
    if value is None:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise StoreError(f"store URL {_redact(url)} has timeout={value!r}", fix="give a positive number of seconds")
    return seconds


__all__ = [
    "PASSWORD_ENV",
    "SERVERS",
    "USER_ENV",
    "VIRTUOSO_SYSTEM_GRAPHS",
    "Endpoints",
    "is_store_url",
    "parse_store_url",
]
