"""Check a store against the SHACL shapes of ``ontology/park-kg-shapes.ttl`` (``kg validate``).

Each document graph is validated on its own: it is self-contained (it types and labels every
entity it mentions), and a document is the unit a violation is reported against. The shapes
typed ``kgsh:UnionShape`` are about what documents say together (one label per entity across
documents, every label read somewhere); they run once on the union of the entity types,
labels and mentions of all document graphs. pyshacl runs without inference, with SHACL-AF
(``advanced``) for the SPARQL targets of the shapes file.

>>> from kg.rdf.store import KGStore
>>> with KGStore.open(None) as store:
...     validate_store(store).summary()
'0 documents (0 quads): conforms'
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.namespace import PREFIXES
from kg.settings import ONTOLOGY_DIR

if TYPE_CHECKING:
    import pyoxigraph

    from kg.rdf.store import KGStore

log = logging.getLogger(__name__)

SHAPES_FILE = ONTOLOGY_DIR / "park-kg-shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"
KGSH = "https://w3id.org/park-kg/shapes#"
UNION = "(union of all documents)"
UNION_PREDICATES = frozenset({
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
    PREFIXES["itsrdf"] + "taIdentRef", PREFIXES["nif"] + "anchorOf",
})
"""What the union shapes read: types, labels and mentions (the rest of the union is not built)."""
LABEL_PATHS = ("http://www.w3.org/2000/01/rdf-schema#label", PREFIXES["nif"] + "anchorOf",
               PREFIXES["schema"] + "variableMeasured")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: where (document, focus node), what (path, message) and how bad."""

    document: str            # the document's source path, or UNION
    focus: str               # IRI of the focus node
    label: str               # a readable name of the focus node
    path: str                # the property, prefixed (``kgo:worksFor``, ``^schema:mentions``), or "-"
    message: str
    severity: str            # "Violation", "Warning" or "Info"
    value: str | None = None  # the offending value, when SHACL names one
    shape: str = ""          # the named shape that failed, e.g. "kgsh:WorksForShape"

    def line(self) -> str:
        """One line for the terminal: severity, document, focus label, path, message, value."""
        value = f" [{self.value}]" if self.value else ""
        return f"{self.severity.upper()} {self.document}: {self.label} {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Every result of validating a store, sorted (severity, document, focus label, path)."""

    documents: int
    quads: int
    results: tuple[Violation, ...]
    seconds: float = 0.0

    @property
    def violations(self) -> list[Violation]:
        """The results of severity ``Violation`` (``kg validate`` exits 1 when there are any)."""
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        """No violation (warnings allowed)."""
        return not self.violations

    def summary(self) -> str:
        """One line: documents, quads, number of violations and warnings."""
        head = f"{self.documents} documents ({self.quads} quads)"
        if not self.results:
            return f"{head}: conforms"
        warnings = len(self.results) - len(self.violations)
        return f"{head}: {len(self.violations)} violations, {warnings} warnings"


def load_shapes(path: Path = SHAPES_FILE) -> Graph:
    """The shapes graph. Raises ``StoreError`` if the file is missing or not valid Turtle."""
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"cannot read the SHACL shapes {path}: {' '.join(str(err).split())}",
                         fix="restore ontology/park-kg-shapes.ttl") from err


def shape_names(shapes: Graph, *, union: bool) -> list[str]:
    """The named node shapes that run per document (``union=False``) or on the union."""
    node_shape, marker = URIRef(SH + "NodeShape"), URIRef(KGSH + "UnionShape")
    names = {s for s in shapes.subjects(RDF.type, node_shape) if isinstance(s, URIRef)}
    return sorted(str(s) for s in names if ((s, RDF.type, marker) in shapes) == union)


@lru_cache(maxsize=256)
def _prepared(sparql: str) -> object:
    """A parsed SPARQL query (rdflib's parser takes 20-80 ms per query; pyshacl sends the same
    constraint text once per focus node)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(sparql)


class CachedQueryGraph(Graph):
    """An rdflib ``Graph`` whose ``query`` parses each distinct query text once."""

    def query(self, query_object, processor="sparql", result="sparql",  # type: ignore[no-untyped-def, override]
              initNs=None, initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803 (rdflib's names)
        """``Graph.query``, with a query text (and no extra namespaces) parsed once per text."""
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def to_rdflib(triples: Iterable[pyoxigraph.Quad | pyoxigraph.Triple]) -> Graph:
    """pyoxigraph quads or triples as an rdflib ``Graph`` (graph names dropped) that parses each
    distinct SPARQL query once."""
    graph = CachedQueryGraph()
    for t in triples:
        graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    return graph


def _term(term: object) -> Node:
    """One pyoxigraph term as an rdflib term (``xsd:string`` literals become plain literals)."""
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if not isinstance(term, ox.Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype.endswith("#string") else Literal(term.value, datatype=URIRef(datatype))


def validate_graph(data: Graph, shapes: Graph, *, document: str, use_shapes: list[str]) -> list[Violation]:
    """Run ``use_shapes`` of ``shapes`` on one data graph; every result as a ``Violation``."""
    import pyshacl

    if not use_shapes:
        return []
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                     allow_warnings=True, use_shapes=use_shapes, inplace=True)
    return [_violation(results, r, data, shapes, document) for r in _results(results)]


def _results(results: Graph) -> list[Node]:
    return list(results.subjects(RDF.type, URIRef(SH + "ValidationResult")))


def _violation(results: Graph, node: Node, data: Graph, shapes: Graph, document: str) -> Violation:
    def one(name: str) -> Node | None:
        found = sorted(results.objects(node, URIRef(SH + name)), key=str)
        return found[0] if found else None

    focus, value, shape = one("focusNode"), one("value"), _named_shape(shapes, one("sourceShape"))
    path = one("resultPath") or shapes.value(shape, URIRef(SH + "targetSubjectsOf"))
    return Violation(document=document, focus=str(focus), label=focus_label(data, focus),
                     path=_path(results, path), message=str(one("resultMessage") or ""),
                     severity=str(one("resultSeverity") or SH + "Violation").removeprefix(SH),
                     value=None if value is None or value == focus else _value(data, value),
                     shape=str(shape).replace(KGSH, "kgsh:"))


def _named_shape(shapes: Graph, shape: Node | None) -> Node | None:
    """The named node shape a result comes from (the owner of an anonymous property shape)."""
    owner = shapes.value(predicate=URIRef(SH + "property"), object=shape) if isinstance(shape, BNode) else None
    return owner if owner is not None else shape


def _path(results: Graph, path: Node | None) -> str:
    """A result path as text: ``kgo:worksFor``, ``^schema:mentions``, or ``-``. A node shape's
    result has no path; its ``sh:targetSubjectsOf`` property stands for it."""
    if path is None:
        return "-"
    inverse = results.value(path, URIRef(SH + "inversePath"))
    return "^" + prefixed(str(inverse)) if inverse is not None else prefixed(str(path))


def prefixed(iri: str) -> str:
    """``https://w3id.org/park-kg/ontology#worksFor`` → ``kgo:worksFor`` (other IRIs unchanged).

    >>> prefixed("https://schema.org/value"), prefixed("urn:x")
    ('schema:value', 'urn:x')
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "kgid":
            return f"{prefix}:{iri.removeprefix(ns)}"
    return iri


def focus_label(data: Graph, node: Node | None) -> str:
    """A readable name of a node: its label (with its type), the text of a span, the variable of an
    observation, ``head predicate tail`` of a statement, else the IRI."""
    if node is None:
        return "?"
    for path in LABEL_PATHS:
        text = data.value(node, URIRef(path))
        if text is not None:
            kind = _kind(data, node)
            return f"“{_short(str(text))}”" + (f" ({kind})" if kind else "")
    subject = data.value(node, RDF.subject)
    if subject is not None:
        parts = (subject, data.value(node, RDF.predicate), data.value(node, RDF.object))
        return "statement " + " ".join(_value(data, p) for p in parts if p is not None)
    return _nary_label(data, node) or str(node)


def _nary_label(data: Graph, node: Node) -> str | None:
    """``investment of “P”``, ``membership “张某” in “某某科技” as 总经理`` or ``None``."""
    org = PREFIXES["org"]
    owner = data.value(predicate=URIRef(PREFIXES["kgo"] + "investment"), object=node)
    if owner is not None:
        return f"investment of “{_value(data, owner)}”"
    member = data.value(node, URIRef(org + "member"))
    if member is None:
        return None
    role = data.value(data.value(node, URIRef(org + "role")), RDFS.label)
    where = data.value(node, URIRef(org + "organization"))
    return (f"membership “{_value(data, member)}”" + (f" in “{_value(data, where)}”" if where else "")
            + (f" as {role}" if role else ""))


def _kind(data: Graph, node: Node) -> str:
    types = sorted(prefixed(str(t)) for t in data.objects(node, RDF.type))
    return ", ".join(types)


def _value(data: Graph, term: Node) -> str:
    """A value as text: the label of a labelled node, else its prefixed IRI or lexical form."""
    if isinstance(term, URIRef):
        label = data.value(term, RDFS.label)
        return _short(str(label)) if label is not None else prefixed(str(term))
    return _short(str(term))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _document_name(data: Graph, graph: str) -> str:
    source = data.value(URIRef(graph), DCTERMS.source)
    return str(source) if source is not None else graph


def validate_store(store: KGStore, *, shapes: Graph | None = None) -> ValidationReport:
    """Validate every document graph of ``store`` and the union of their entities.

    Raises ``StoreError`` if the shapes cannot be read or the store is closed.
    """
    started = time.perf_counter()
    shapes = load_shapes() if shapes is None else shapes
    per_doc, union = shape_names(shapes, union=False), shape_names(shapes, union=True)
    results: list[Violation] = []
    graphs, quads, union_data = store.document_graphs(), 0, to_rdflib([])
    for graph in graphs:
        data = to_rdflib(store.graph_quads(graph))
        quads += len(data)
        results += validate_graph(data, shapes, document=_document_name(data, graph), use_shapes=per_doc)
        union_data += (t for t in data if str(t[1]) in UNION_PREDICATES)
        log.info("validated %s", graph)
    if graphs:
        results += validate_graph(union_data, shapes, document=UNION, use_shapes=union)
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    results.sort(key=lambda v: (order.get(v.severity, 3), v.document, v.label, v.path, v.message, v.value or ""))
    return ValidationReport(documents=len(graphs), quads=quads, results=tuple(results),
                            seconds=round(time.perf_counter() - started, 2))


__all__ = ["Violation", "ValidationReport", "validate_store", "validate_graph", "load_shapes",
           "shape_names", "to_rdflib", "focus_label", "prefixed", "SHAPES_FILE", "UNION"]
