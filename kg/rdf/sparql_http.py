"""HTTP calls to a SPARQL 1.1 server: query, update and Graph Store Protocol (GSP) requests.

One ``requests.Session`` (kept-alive connections). With credentials, the first 401 answer picks
the scheme the server asks for (Digest for Virtuoso, Basic for Fuseki/Shiro or a proxy).
Every failure becomes a one-line ``StoreError`` (connection, timeout, authentication, HTTP
status of a write) or ``QueryError`` (a query the server rejected or could not answer).
"""
from __future__ import annotations

import logging
import re

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import QueryError, StoreError
from kg.rdf.endpoints import Endpoints
from kg.rdf.lock import one_line

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
NTRIPLES = "application/n-triples"
_AUTH_FIX = ("give user:password in the store URL or set KG_STORE_USER/KG_STORE_PASSWORD "
             "(Virtuoso: a user with SPARQL_UPDATE, e.g. dba)")
_TRUNCATED = "x-sparql-maxrows"   # Virtuoso: the answer was cut to ResultSetMaxRows rows
_PARTIAL = "x-sql-state"          # Virtuoso: an "anytime" (timed-out, partial) answer
_FINAL_LIMIT = re.compile(r"\bLIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?\s*$|\bOFFSET\s+\d+\s+LIMIT\s+(\d+)\s*$",
                          re.IGNORECASE)


class SparqlHttp:
    """The HTTP side of a remote store. Not thread-safe (one session)."""

    def __init__(self, endpoints: Endpoints) -> None:
        self.ep = endpoints
        self.session = requests.Session()
        self.session.trust_env = False   # no .netrc / proxy surprises; the URL says it all
        self.session.headers["User-Agent"] = "park-kg"

    # ------------------------------------------------------------------ SPARQL protocol
    def query(self, sparql: str, accept: str) -> requests.Response:
        """POST a query (form-encoded). Raises ``QueryError`` if the server rejects or cuts it."""
        resp = self._send("POST", self.ep.query, what="query", data={"query": sparql},
                          headers={"Accept": accept})
        if not resp.ok:
            raise QueryError(f"SPARQL server {self.ep.display} failed the query (HTTP {resp.status_code}): "
                             f"{_body(resp)}", fix="correct or simplify the query")
        if _TRUNCATED in resp.headers and not _within_limit(sparql, resp.headers[_TRUNCATED]):
            raise QueryError(f"SPARQL server {self.ep.display} cut the answer to {resp.headers[_TRUNCATED]} rows",
                             fix="add LIMIT/OFFSET, or raise ResultSetMaxRows in virtuoso.ini [SPARQL]")
        if resp.headers.get(_PARTIAL, "").upper() == "S1TAT":
            raise QueryError(f"SPARQL server {self.ep.display} timed out and answered partially",
                             fix="simplify the query or raise MaxQueryExecutionTime in virtuoso.ini [SPARQL]")
        return resp

    def update(self, sparql: str) -> None:
        """POST a SPARQL update (form-encoded). Raises ``StoreError``."""
        if not self.ep.update:
            raise StoreError(f"store {self.ep.display} has no update endpoint", fix="add #update=<url> to the store URL")
        resp = self._send("POST", self.ep.update, what="update", data={"update": sparql})
        self._check_write(resp, "SPARQL update", fix="correct the update or check the server log")

    # ------------------------------------------------------------------ Graph Store Protocol
    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace the named graph ``graph`` by the N-Triples ``ntriples``. Raises ``StoreError``."""
        resp = self._send("PUT", self.ep.gsp, what=f"write of graph <{graph}>", params={"graph": graph},
                          data=ntriples, headers={"Content-Type": f"{NTRIPLES}; charset=utf-8"})
        self._check_write(resp, f"writing graph <{graph}>")

    def get_graph(self, graph: str) -> bytes | None:
        """The content of ``graph`` as N-Triples, or ``None`` if the server has no such graph."""
        resp = self._send("GET", self.ep.gsp, what=f"read of graph <{graph}>", params={"graph": graph},
                          headers={"Accept": NTRIPLES})
        if resp.status_code == 404:
            return None
        self._check_write(resp, f"reading graph <{graph}>", fix="check the server log")
        return resp.content

    def delete_graph(self, graph: str) -> bool:
        """Drop ``graph``; ``False`` if the server had no such graph. Raises ``StoreError``."""
        resp = self._send("DELETE", self.ep.gsp, what=f"delete of graph <{graph}>", params={"graph": graph})
        if resp.status_code == 404:
            return False
        self._check_write(resp, f"deleting graph <{graph}>")
        return True

    def close(self) -> None:
        """Close the kept-alive connections."""
        self.session.close()

    # ------------------------------------------------------------------ plumbing
    def _send(self, method: str, url: str, *, what: str, **kwargs: object) -> requests.Response:
        """One request; answers a first 401 with the scheme the server asks for. Raises ``StoreError``."""
        timeout = (CONNECT_TIMEOUT, self.ep.timeout)
        try:
            resp = self.session.request(method, url, timeout=timeout, **kwargs)  # type: ignore[arg-type]
            if resp.status_code == 401 and self.session.auth is None and self.ep.user is not None:
                self.session.auth = _auth_for(resp, self.ep.user, self.ep.password or "")
                resp = self.session.request(method, url, timeout=timeout, **kwargs)  # type: ignore[arg-type]
        except requests.Timeout as err:
            raise StoreError(f"SPARQL server {self.ep.display} did not answer the {what} within "
                             f"{self.ep.timeout:g} s", fix="check the server, or raise #timeout=<seconds> in the store URL") from err
        except requests.ConnectionError as err:
            raise StoreError(f"cannot reach SPARQL server {url}: {_reason(err)}",
                             fix="start the server or correct the --store URL") from err
        except requests.RequestException as err:
            raise StoreError(f"{what} at {url} failed: {one_line(err)}", fix="check the --store URL") from err
        log.debug("%s %s -> %d (%d bytes)", method, url, resp.status_code, len(resp.content))
        if resp.status_code in (401, 403):
            raise StoreError(f"SPARQL server {url} refused the {what} (HTTP {resp.status_code})", fix=_AUTH_FIX)
        if resp.status_code == 405 or (resp.status_code == 404 and method in ("POST", "PUT")):
            raise StoreError(f"no {what.split()[0]} endpoint at {url} (HTTP {resp.status_code})",
                             fix="check the --store URL or give #query=/#update=/#gsp= (docs/remote-store.md)")
        return resp

    def _check_write(self, resp: requests.Response, doing: str,
                     fix: str = "check the server log, then rerun kg build (it rewrites whole documents)") -> None:
        if not resp.ok:
            raise StoreError(f"{doing} on {self.ep.display} failed (HTTP {resp.status_code}): {_body(resp)}", fix=fix)


def _within_limit(sparql: str, max_rows: str) -> bool:
    """True if the query's own final ``LIMIT`` is at most ``max_rows`` (then a full answer is not a cut one).

    Virtuoso sends ``X-SPARQL-MaxRows`` whenever an answer reaches ResultSetMaxRows rows.
    """
    match = _FINAL_LIMIT.search(sparql)
    limit = next((g for g in match.groups() if g), None) if match else None
    return limit is not None and max_rows.strip().isdigit() and int(limit) <= int(max_rows)


def _auth_for(resp: requests.Response, user: str, password: str) -> AuthBase:
    """Digest or Basic credentials, as the ``WWW-Authenticate`` header of a 401 asks."""
    challenge = resp.headers.get("WWW-Authenticate", "")
    return HTTPDigestAuth(user, password) if challenge.lower().startswith("digest") else HTTPBasicAuth(user, password)


def _body(resp: requests.Response, limit: int = 200) -> str:
    """The first meaningful line(s) of an error answer, on one line."""
    text = " ".join(resp.text.split()) if resp.content else resp.reason or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reason(err: BaseException) -> str:
    text = one_line(err)
    for marker in ("Connection refused", "Name or service not known", "No route to host", "timed out"):
        if marker in text:
            return marker.lower()
    return text


__all__ = ["NTRIPLES", "SparqlHttp"]
