"""What both stores (``KGStore`` on disk, ``RemoteStore`` on a SPARQL server) do the same way:
reads expressed in SPARQL over ``select``, and the digest check before rewriting documents."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

from pyoxigraph import Quad, QueryBoolean, QueryResultsFormat, QueryTriples, RdfFormat, serialize

from kg.errors import QueryError, StoreError
from kg.iri import document_iri
from kg.rdf.convert import extraction_digest, kb_quads, merge_quads
from kg.rdf.lock import one_line
from kg.rdf.namespace import KB_IRI, MERGES_IRI, PREFIXES, kgo_values
from kg.rdf.results import py_value
from kg.records import RELATION_TYPES, Article, Extraction, Merge

RDF_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE, "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS, "jsonld": RdfFormat.JSON_LD,
}
RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV, "xml": QueryResultsFormat.XML,
}
DOCUMENTS = (
    "SELECT ?iri ?doc_id ?title ?path ?source ?date ?sha256 WHERE { GRAPH ?iri {"
    " ?iri a kgo:Document . OPTIONAL { ?iri dcterms:identifier ?doc_id }"
    " OPTIONAL { ?iri dcterms:title ?title } OPTIONAL { ?iri dcterms:source ?path }"
    " OPTIONAL { ?iri kgo:sourcePath ?source } OPTIONAL { ?iri dcterms:date ?date }"
    " OPTIONAL { ?iri kgo:sha256 ?sha256 } } } ORDER BY ?path ?iri")
ARTICLES = (
    "SELECT ?doc_id ?path ?source ?title ?text ?date ?sha256 WHERE { GRAPH ?g {"
    " ?g a kgo:Document ; dcterms:identifier ?doc_id ; kgo:text ?text ."
    " OPTIONAL { ?g dcterms:source ?path } OPTIONAL { ?g kgo:sourcePath ?source }"
    " OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:date ?date }"
    " OPTIONAL { ?g kgo:sha256 ?sha256 } } } ORDER BY ?path ?doc_id")
DIGESTS = "SELECT ?g ?d WHERE { GRAPH ?g { ?g kgo:extractionDigest ?d } }"


class SparqlReads:
    """Mixin: needs ``query``, ``replace_documents``, ``replace_graph``, ``close`` and ``abort``;
    a store is a context manager that closes (publishes) on success and aborts on an error."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def close(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def abort(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def query(self, sparql: str):  # pragma: no cover - each store runs queries its own way
        raise NotImplementedError

    def select(self, sparql: str) -> tuple[list[str], list[list[object]]]:
        """Variable names and rows of Python values (see ``kg.rdf.results.py_value``).

        An ASK query gives ``(["ask"], [[bool]])``; CONSTRUCT/DESCRIBE give subject, predicate,
        object rows. Raises ``QueryError`` / ``StoreError`` like ``query``.
        """
        result = self.query(sparql)
        if isinstance(result, QueryBoolean):
            return ["ask"], [[bool(result)]]
        if isinstance(result, (QueryTriples, list)):
            return ["subject", "predicate", "object"], [[py_value(t) for t in tr] for tr in result]
        names = [v.value for v in result.variables]
        return names, [[py_value(solution[i]) for i in range(len(names))] for solution in result]

    def serialize_results(self, sparql: str, fmt: str = "json") -> bytes:
        """SELECT/ASK results in a W3C results format (json, csv, tsv, xml); CONSTRUCT/DESCRIBE as
        Turtle (a remote answer is re-serialized by pyoxigraph: the same bytes as a local store's).

        Raises ``QueryError`` on an unknown format or a bad query.
        """
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"unknown results format {fmt!r}", fix=f"use one of {', '.join(RESULT_FORMATS)}")
        result = self.query(sparql)
        if isinstance(result, (QueryTriples, list)):
            return serialize(sorted(set(result), key=str), format=RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        return result.serialize(format=RESULT_FORMATS[fmt]) or b""

    def replace_documents(self, extractions: Iterable[Extraction]) -> int:  # pragma: no cover
        raise NotImplementedError

    def replace_graph(self, graph: str, quads: list[Quad]) -> int:  # pragma: no cover
        raise NotImplementedError

    def replace_corpus_graphs(self, extractions: list[Extraction], merges: Iterable[Merge]) -> int:
        """Rewrite the graphs computed from the whole corpus: the knowledge-base graph (one copy
        of every entity and relation edge) and the merges graph; returns their quads."""
        return self.replace_graph(KB_IRI, kb_quads(extractions)) + self.replace_graph(MERGES_IRI, merge_quads(merges))

    def update_documents(self, extractions: Iterable[Extraction]) -> tuple[int, int]:
        """``replace_documents`` for the documents whose extraction differs from the one their
        stored graph was written from (``kgo:extractionDigest``); returns (rewritten, unchanged)."""
        stored = self.digests()
        changed, same = [], 0
        for ex in extractions:
            if stored.get(document_iri(ex.article.doc_id)) == extraction_digest(ex):
                same += 1
            else:
                changed.append(ex)
        self.replace_documents(changed)
        return len(changed), same

    def digests(self) -> dict[str, str]:
        """document IRI → the ``kgo:extractionDigest`` its graph was written from."""
        _, rows = self.select(DIGESTS)
        return {str(g): str(d) for g, d in rows}

    def stored_articles(self) -> list[Article]:
        """The articles of every stored document, rebuilt from their graphs (sorted by path)."""
        _, rows = self.select(ARTICLES)
        return [Article(doc_id=str(doc_id), path=str(path or ""), source=str(source or ""),
                        title=str(title or ""), text=str(text),
                        date=date.isoformat() if date else None,  # type: ignore[attr-defined]
                        sha256=str(sha256 or ""))
                for doc_id, path, source, title, text, date, sha256 in rows]

    def documents(self) -> list[dict[str, object]]:
        """Every stored document, sorted by path.

        Keys: ``iri``, ``doc_id``, ``title``, ``path``, ``source``, ``date`` (``datetime.date`` or
        ``None``), ``sha256``, ``entities`` and ``relations`` (counts). Raises ``StoreError`` when closed.
        """
        _, rows = self.select(DOCUMENTS)
        entities = self._counts("?g schema:mentions ?x")
        relations = self._counts(f"?x rdf:predicate ?p VALUES ?p {{ {kgo_values(RELATION_TYPES)} }}")
        keys = ("iri", "doc_id", "title", "path", "source", "date", "sha256")
        return [dict(zip(keys, row), entities=entities.get(row[0], 0), relations=relations.get(row[0], 0))
                for row in rows]

    def _counts(self, pattern: str) -> dict[str, int]:
        _, rows = self.select(f"SELECT ?g (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?g")
        return {str(g): int(n) for g, n in rows}  # type: ignore[call-overload]


def sort_key(quad: Quad) -> tuple[str, str, str, str]:
    """Export order of quads: graph, subject, predicate, object."""
    return str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder. Raises ``StoreError``."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {one_line(err)}", fix="check the folder exists and is writable") from err


__all__ = ["RDF_FORMATS", "RESULT_FORMATS", "SparqlReads", "sort_key", "write_atomically"]
