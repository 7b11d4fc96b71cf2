"""``KGStore``: the park-kg knowledge graph in a pyoxigraph (RocksDB) store folder.

One named graph per document (its IRI is the document IRI) plus the ontology graph
``https://w3id.org/park-kg/ontology``. Queries see the union of all graphs as their default
graph; the prefix table of ``kg.rdf.namespace`` is predeclared.

A store folder holds published, immutable versions (``kg.rdf.versions``). A read-write open takes
the writer lock (a second writer gets a ``StoreError`` at once) and writes a new version, which
``close`` publishes atomically; leaving the ``with`` block by an exception (or a crash, or a
kill) publishes nothing, so the store stays as it was before. A read-only open reads the
published version: consistent answers while a build writes the next one; reopen to see it
(``is_stale`` tells when).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
    serialize,
)

from kg.errors import QueryError, StoreError
from kg.rdf.batch import Batch
from kg.rdf.convert import extraction_quads, ontology_quads
from kg.rdf import versions
from kg.rdf.reads import RDF_FORMATS, RESULT_FORMATS, SparqlReads, sort_key, write_atomically
from kg.rdf.lock import LOCKED_FIX, WriterLock
from kg.rdf.lock import one_line as _one_line
from kg.rdf.namespace import CORPUS_GRAPHS, ONTOLOGY_IRI, PREFIXES
from kg.rdf.results import format_table
from kg.records import Extraction

log = logging.getLogger(__name__)

BATCH_QUADS = 20_000
"""Changed quads per write transaction; a document is never split across transactions."""
FLUSH_QUADS = 50_000
"""Changed quads written between two flushes of RocksDB's memtables: without them the memtables
grow by about 1 KiB per quad written (measured: 447 k quads, +480 MB RSS unflushed, +125 MB
flushed every 50 k quads, and no slower)."""
WAL_REOPEN_BYTES = 64 * 2**20
"""``close`` reopens the store once to let RocksDB delete write-ahead logs above this size."""




class KGStore(SparqlReads):
    """The knowledge graph store. Build it with ``KGStore.open``; use it as a context manager."""

    def __init__(self, raw: Store, *, path: Path | None, read_only: bool,
                 version: Path | None = None, lock: WriterLock | None = None) -> None:
        self._raw: Store | None = raw
        self.path = path              # the store folder (None: in memory)
        self.version = version        # the database folder this handle reads or writes
        self.read_only = read_only
        self._lock = lock
        self._unflushed = 0   # changed quads committed since the last flush

    @classmethod
    def open(cls, path: Path | str | None, *, read_only: bool = False) -> KGStore:
        """Open (creating the folder) the store at ``path``; ``None`` is a new in-memory store.

        Read-write: takes the writer lock and starts a new version from the published one; the
        ontology graph is loaded or refreshed when it differs from ``ontology/park-kg.ttl``.
        Raises ``StoreError`` if another writer holds the store, if a read-only store does not
        exist, or if the folder is not a readable store.
        """
        if path is None:
            if read_only:
                raise StoreError("an in-memory store cannot be opened read-only", fix="give a store folder")
            store = cls(Store(), path=None, read_only=False)
        elif read_only:
            store = cls._open_read_only(Path(path))
        else:
            store = cls._open_writer(Path(path))
        if not read_only:
            store._sync_ontology()
        return store

    @classmethod
    def _open_read_only(cls, folder: Path) -> KGStore:
        version = versions.active_dir(folder) if folder.is_dir() else None
        if version is None:
            raise StoreError(f"no store at {folder}", fix="run kg build first or use --store")
        return cls(_raw_store(version, read_only=True), path=folder, read_only=True, version=version)

    @classmethod
    def _open_writer(cls, folder: Path) -> KGStore:
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"cannot open store {folder}: it is a file",
                             fix="give a folder (a new one is created)")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create store folder {folder}: {_one_line(err)}",
                             fix="check the path and permissions") from err
        lock = WriterLock(folder).acquire()
        try:
            version = versions.begin(folder)
            return cls(_raw_store(version, read_only=False), path=folder, read_only=False,
                       version=version, lock=lock)
        except BaseException:
            lock.release()
            raise

    # ------------------------------------------------------------------ access
    @property
    def is_open(self) -> bool:
        """False once ``close`` was called."""
        return self._raw is not None

    @property
    def raw(self) -> Store:
        """The underlying ``pyoxigraph.Store`` (``StoreError`` when closed)."""
        if self._raw is None:
            raise StoreError(f"store {self.path or '(memory)'} is closed", fix="open it again")
        return self._raw

    def is_stale(self) -> bool:
        """For a read-only handle: whether a newer version was published since it was opened."""
        if not self.read_only or self.path is None:
            return False
        try:
            return versions.active_dir(self.path) != self.version
        except StoreError:
            return True

    def _writable(self) -> Store:
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only", fix="open it without read_only")
        return self.raw

    def __len__(self) -> int:
        """Number of quads in every graph, the ontology included."""
        return len(self.raw)

    # ------------------------------------------------------------------ writing
    def replace_documents(self, extractions: Iterable[Extraction]) -> int:
        """Make each document's named graph hold exactly ``extraction_quads(ex)``.

        Only the difference with the stored graph is written (rebuilding unchanged documents
        writes nothing). Documents are grouped into transactions of about ``BATCH_QUADS``
        changed quads and never split: after any failure each document is either as before or
        fully replaced, and every document that came before the failing one is written.
        Returns the number of quads of the given documents. Raises ``StoreError`` if the store
        is read-only, a record cannot be converted or the disk write fails; exceptions of the
        ``extractions`` iterable itself propagate after the pending documents are written.
        """
        store = self._writable()
        batch, total, done = Batch(), 0, 0
        try:
            for ex in extractions:
                quads = self._quads(ex)
                graph = quads[0].graph_name
                if graph in batch.graphs or batch.size >= BATCH_QUADS:
                    done += self._commit(batch)
                    batch = Batch()
                batch.add(store, graph, quads)
                total += len(quads)
        except BaseException:
            if not batch.attempted:
                self._commit(batch)
            raise
        done += self._commit(batch)
        log.info("replaced %d documents (%d quads) in %s", done, total, self.path or "memory")
        return total

    def replace_graph(self, graph: str, quads: list[Quad]) -> int:
        """Make one corpus-level graph hold exactly ``quads`` (diff-based); returns their number."""
        batch = Batch()
        batch.add(self._writable(), NamedNode(graph), quads)
        self._commit(batch)
        return len(quads)

    @staticmethod
    def _quads(ex: Extraction) -> list[Quad]:
        try:
            return extraction_quads(ex)
        except ValueError as err:
            raise StoreError(f"document {ex.article.path} cannot be stored: {_one_line(err)}",
                             fix="fix the extraction stage; documents before it were written") from err

    def _sync_ontology(self) -> None:
        """Load the ontology graph, or rewrite the part that differs from the ontology file."""
        batch = Batch()
        batch.add(self.raw, NamedNode(ONTOLOGY_IRI), ontology_quads())
        self._commit(batch)

    def _commit(self, batch: Batch) -> int:
        try:
            batch.commit(self.raw, bulk=self.version is not None)
        except (OSError, SyntaxError, RuntimeError) as err:
            names = ", ".join(sorted(g.value for g in batch.graphs)[:3])
            raise StoreError(f"writing {len(batch.graphs)} graphs ({names} …) to "
                             f"{self.path or 'memory'} failed: {_one_line(err)}",
                             fix="check disk space and permissions, then rerun kg build") from err
        log.debug("committed %d graphs, %d changed quads", len(batch.graphs), batch.size)
        self._unflushed += batch.size
        if self._unflushed >= FLUSH_QUADS:
            self.flush()
            self._unflushed = 0
        return len(batch.graphs)

    def remove_document(self, doc_iri: str) -> bool:
        """Remove the named graph of a document; ``False`` if it was not there.

        Raises ``StoreError`` for a read-only store, an invalid IRI or the ontology graph.
        """
        store = self._writable()
        if doc_iri in (ONTOLOGY_IRI, *CORPUS_GRAPHS):
            raise StoreError("the ontology graph is not a document", fix="give a document IRI")
        try:
            graph = NamedNode(doc_iri)
        except ValueError as err:
            raise StoreError(f"{doc_iri!r} is not a document IRI", fix="use an IRI listed by kg documents") from err
        if not store.contains_named_graph(graph):
            return False
        store.remove_graph(graph)
        return True

    # ------------------------------------------------------------------ reading
    def document_graphs(self) -> list[str]:
        """The names of every document graph (not the ontology's nor the merges'), sorted
        (``StoreError`` when closed)."""
        special = {NamedNode(g) for g in (ONTOLOGY_IRI, *CORPUS_GRAPHS)}
        return sorted(g.value for g in self.raw.named_graphs() if isinstance(g, NamedNode) and g not in special)

    def graph_quads(self, graph: str) -> list[Quad]:
        """Every quad of one named graph (``StoreError`` when closed)."""
        return list(self.raw.quads_for_pattern(None, None, None, NamedNode(graph)))

    def query(self, sparql: str) -> QuerySolutions | QueryBoolean | QueryTriples:
        """Run a SPARQL 1.1 query over the union of all graphs, with ``PREFIXES`` predeclared.

        Prefixes the query declares itself take precedence. Raises ``QueryError`` if the query
        is malformed or fails, ``StoreError`` when the store is closed.
        """
        store = self.raw
        try:
            return store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as err:
            raise QueryError(f"SPARQL query is malformed: {_one_line(err)}",
                             fix=f"correct the query (predeclared prefixes: {', '.join(PREFIXES)})") from err
        except (OSError, RuntimeError) as err:
            raise QueryError(f"SPARQL query failed: {_one_line(err)}", fix="simplify the query") from err

    # ------------------------------------------------------------------ export
    def export(self, fmt: str, out: BinaryIO | Path | str) -> None:
        """Write the graph sorted (byte-identical for identical stores) as turtle, trig, nquads or jsonld.

        trig, nquads and jsonld write every named graph, the ontology included; turtle writes
        the deduplicated union of the document graphs. A path is written atomically (temporary
        file, then rename). Raises ``StoreError`` on an unknown format or a write failure.
        """
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}", fix=f"use one of {', '.join(RDF_FORMATS)}")
        data = serialize(self._sorted_terms(fmt), format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
        if isinstance(out, (str, Path)):
            write_atomically(Path(out), data)
        else:
            out.write(data)

    def _sorted_terms(self, fmt: str) -> list[Quad] | list[Triple]:
        store = self.raw
        if fmt != "turtle":
            return sorted(store, key=sort_key)
        onto = NamedNode(ONTOLOGY_IRI)
        triples = {q.triple for q in store if q.graph_name != onto}
        return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    # ------------------------------------------------------------------ lifecycle
    def flush(self) -> None:
        """Make every write durable on disk. Raises ``StoreError`` when closed or on an I/O error."""
        if self.read_only or self.path is None:
            return
        try:
            self.raw.flush()
        except OSError as err:
            raise StoreError(f"flushing {self.path} failed: {_one_line(err)}", fix="check disk space") from err

    def close(self) -> None:
        """Flush, publish the written version and release the writer lock; for a read-only
        handle just let it go. Closing twice is harmless."""
        if self._raw is None:
            return
        if self.read_only or self.path is None or self.version is None:
            self._raw = None
            return
        try:
            self.flush()
            self._raw = None
            _drop_stale_wal(self.version)
            versions.publish(self.path, self.version)
        except BaseException:
            self.abort()
            raise
        finally:
            self._release()

    def abort(self) -> None:
        """Drop what this writer wrote: the published version stays as it was."""
        self._raw = None
        if not self.read_only and self.path is not None and self.version is not None \
                and versions.active_dir(self.path) != self.version:
            versions.discard(self.version)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"KGStore({str(self.path) if self.path else 'memory'!r}, {mode})"


def _raw_store(version: Path, *, read_only: bool) -> Store:
    """Open one version's database. Raises ``StoreError`` if it is not a readable store."""
    try:
        return Store.read_only(str(version)) if read_only else Store(str(version))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreError(f"store {version} is locked by another writer", fix=LOCKED_FIX) from err
        raise StoreError(f"cannot open store {version}: {_one_line(err)}",
                         fix="check the folder is a park-kg store, or delete it and rebuild") from err
    except RuntimeError as err:  # RocksDB corruption
        raise StoreError(f"store {version} is unreadable: {_one_line(err)}",
                         fix="delete the folder and rebuild") from err


def _drop_stale_wal(path: Path) -> None:
    """Reopen and close a store whose write-ahead log outgrew ``WAL_REOPEN_BYTES``.

    RocksDB keeps every WAL file while some column family (here the unused default-graph
    indexes) has not flushed past it; only an open deletes them. After 480 k quads the folder
    is 500 MiB before and 149 MiB after this 0.1 s reopen. Skipped silently if the store is
    held again (another writer, or query results of ours still alive).
    """
    wal = sum(f.stat().st_size for f in path.glob("*.log"))
    if wal < WAL_REOPEN_BYTES:
        return
    try:
        Store(str(path))
    except OSError as err:
        log.debug("could not reopen %s to drop %d bytes of WAL: %s", path, wal, err)




__all__ = ["KGStore", "format_table", "RDF_FORMATS", "RESULT_FORMATS"]
