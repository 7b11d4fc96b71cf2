"""The query engine behind ``kg serve``: the store handle, the deadline, the serialisation.

* **Store.** Queries read a ``KGStore.open(path, read_only=True)`` handle: the published version
  of the store, unchanged while a ``kg build`` writes the next one. The handle is reopened when a
  newer version was published (``KGStore.is_stale``) or when it raises ``StoreError``, so the
  first query after a build sees the new graph; when no version can be opened, queries answer
  503 with ``Retry-After``.
* **Updates** (only with ``allow_update``): each one opens the store as its writer, applies the
  update and closes it, which publishes a new version atomically (a failing update publishes
  nothing). One update at a time; while a ``kg build`` holds the writer lock, updates answer 503.
* **Deadline.** Each query runs, serialisation included (pyoxigraph evaluates lazily), in a
  daemon thread; at most ``workers`` run at once. A query over ``timeout`` seconds answers 504,
  but **pyoxigraph cannot cancel a query**: its thread keeps one core busy and its worker slot
  taken until pyoxigraph finishes. When every slot is taken, queries wait up to ``timeout`` for
  one, then answer 503. Restarting the server is the only way to stop a runaway query.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, QueryTriples, serialize

from kg.errors import KGError, QueryError, StoreError
from kg.rdf.lock import one_line
from kg.rdf.namespace import PREFIXES
from kg.rdf.store import KGStore
from kg.serve.formats import Format, NotAcceptable, choose

log = logging.getLogger(__name__)


class ServeError(KGError):
    """A request the endpoint refuses; ``status`` is the HTTP status to answer with."""

    code = "E500"

    def __init__(self, status: int, message: str, *, fix: str = "", retry_after: int | None = None,
                 code: str | None = None) -> None:
        super().__init__(message, fix=fix)
        self.status = status
        self.retry_after = retry_after
        if code:
            self.code = code


@dataclass(frozen=True)
class Answer:
    """A serialised query answer."""

    body: bytes
    format: Format


@dataclass(frozen=True)
class Request:
    """What to run: the query text, the client's format preferences and RDF dataset."""

    query: str
    accept: str | None = None
    formats: list[str] = field(default_factory=list)
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


class Engine:
    """Runs SPARQL over the store at ``path`` with a deadline (see the module docstring)."""

    def __init__(self, path: Path, *, timeout: float = 30.0, allow_update: bool = False, workers: int = 4) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.allow_update = allow_update
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._store: KGStore | None = self._open_read_only()

    # ------------------------------------------------------------------ the store handle
    def _open_read_only(self) -> KGStore:
        try:
            return KGStore.open(self.path, read_only=True)
        except StoreError as err:
            raise ServeError(503, f"the store cannot be read now: {err.message}", fix=err.fix, retry_after=2,
                             code=StoreError.code) from err

    def store(self, *, fresh: bool = False) -> KGStore:
        """The handle to query: reopened if a newer version was published, or if ``fresh``."""
        with self._lock:
            if fresh or self._store is None or self._store.is_stale():
                self._store = None
                self._store = self._open_read_only()
                log.info("opened %s read-only", self.path)
            return self._store

    def close(self) -> None:
        """Close the store handle (running queries keep their own reference)."""
        with self._lock:
            if self._store is not None:
                self._store.close()
            self._store = None

    # ------------------------------------------------------------------ queries
    def query(self, request: Request) -> Answer:
        """Run ``request`` within the deadline. Raises ``ServeError`` (with its HTTP status)."""
        deadline = time.monotonic() + self.timeout
        if not self._slots.acquire(timeout=self.timeout):
            raise ServeError(503, f"all {self.workers} query workers are busy (queries over the timeout keep "
                             "running: pyoxigraph cannot cancel them)", fix="retry later, or restart kg serve",
                             retry_after=5)
        future: Future[Answer] = Future()
        thread = threading.Thread(target=self._work, args=(future, request), daemon=True, name="kg-serve-query")
        thread.start()
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            log.warning("query over %s s still running (cannot be cancelled): %.200s", self.timeout, request.query)
            raise ServeError(504, f"the query ran over the timeout of {self.timeout:g} s; it keeps running "
                             "in the server until it ends (pyoxigraph cannot cancel queries)",
                             fix="add LIMIT, restrict the patterns, or start kg serve with a larger --timeout") from None

    def _work(self, future: Future[Answer], request: Request) -> None:
        try:
            future.set_result(self._answer(request))
        except BaseException as err:  # noqa: BLE001 - handed to the waiting request thread
            future.set_exception(err)
        finally:
            self._slots.release()

    def _answer(self, request: Request) -> Answer:
        try:
            return _evaluate(self.store(), request)
        except StoreError:          # the handle was closed or refuses to read: reopen once
            try:
                return _evaluate(self.store(fresh=True), request)
            except StoreError as err:
                raise ServeError(503, f"the store cannot be read now: {err.message}", fix=err.fix,
                                 retry_after=2, code=err.code) from err

    # ------------------------------------------------------------------ updates
    def update(self, text: str) -> None:
        """Run a SPARQL update. Raises ``ServeError`` 403 unless the engine allows updates."""
        if not self.allow_update:
            raise ServeError(403, "this endpoint is read-only: SPARQL updates are refused",
                             fix="restart it with kg serve --allow-update to accept updates")
        with self._write_lock:
            try:
                writer = KGStore.open(self.path)
            except StoreError as err:
                raise ServeError(503, f"the store cannot be written now: {err.message}", fix=err.fix,
                                 retry_after=5, code=err.code) from err
            with writer:          # leaving by an exception publishes nothing
                _apply(writer, text)


def _apply(writer: KGStore, text: str) -> None:
    try:
        writer.raw.update(text, prefixes=PREFIXES)
    except SyntaxError as err:
        raise ServeError(400, f"SPARQL update is malformed: {one_line(err)}", fix="correct the update",
                         code=QueryError.code) from err
    except (OSError, RuntimeError) as err:
        raise ServeError(500, f"SPARQL update failed: {one_line(err)}", fix="check the store") from err


def _dataset(request: Request) -> dict[str, object]:
    try:
        if request.default_graphs or request.named_graphs:
            return {"default_graph": [NamedNode(g) for g in request.default_graphs] or None,
                    "named_graphs": [NamedNode(g) for g in request.named_graphs] or None}
    except ValueError as err:
        raise ServeError(400, f"a graph IRI is invalid: {err}", code=QueryError.code,
                         fix="give absolute IRIs in default-graph-uri / named-graph-uri") from None
    return {"use_default_graph_as_union": True}


def _evaluate(store: KGStore, request: Request) -> Answer:
    """Parse, evaluate and serialise one query. Raises ``ServeError``, ``StoreError``."""
    raw = store.raw
    try:
        result = raw.query(request.query, prefixes=PREFIXES, **_dataset(request))  # type: ignore[arg-type]
        kind = "graph" if isinstance(result, QueryTriples) else "results"
        fmt = choose(kind, accept=request.accept, formats=request.formats)
        return Answer(_serialize(result, fmt), fmt)
    except SyntaxError as err:
        raise ServeError(400, f"SPARQL query is malformed: {one_line(err, 1000)}", code=QueryError.code,
                         fix=f"correct the query (predeclared prefixes: {', '.join(PREFIXES)})") from None
    except NotAcceptable as err:
        raise ServeError(406, str(err), fix="ask for one of the listed formats (Accept header or format=)") from None
    except (OSError, RuntimeError) as err:
        raise ServeError(500, f"SPARQL query failed: {one_line(err)}", fix="simplify the query") from None


def _serialize(result: object, fmt: Format) -> bytes:
    if isinstance(result, QueryTriples):
        triples = list(dict.fromkeys(result))         # the union default graph is a bag: dedupe
        prefixes = PREFIXES if fmt.name in ("turtle", "rdfxml") else None
        return serialize(triples, format=fmt.oxigraph, prefixes=prefixes) or b""  # type: ignore[arg-type]
    return result.serialize(format=fmt.oxigraph) or b""  # type: ignore[union-attr]


__all__ = ["Answer", "Engine", "Request", "ServeError"]
