"""Vocabularies of park-kg: the closed ``KGO`` namespace and the prefix table.

``KGO`` mirrors ``ontology/park-kg.ttl`` term for term (a test checks both directions), and
fails on typos:

>>> KGO.locatedIn
rdflib.term.URIRef('https://w3id.org/park-kg/ontology#locatedIn')
>>> KGO.locatedInn  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'locatedInn' not in namespace 'https://w3id.org/park-kg/ontology#'

``PREFIXES`` is the one prefix table: every serializer and every SPARQL helper uses it.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.settings import ID_BASE, ONTOLOGY_NS

ONTOLOGY_IRI = ONTOLOGY_NS.rstrip("#")
"""IRI of the ontology, and name of the named graph that holds it."""
KB_IRI = "https://w3id.org/park-kg/graph/kb"
"""Name of the knowledge-base graph: one copy of every entity's types, names and relation edges
(document graphs state them once per document; query this graph for fast joins)."""
MERGES_IRI = "https://w3id.org/park-kg/graph/merges"
"""Name of the named graph of cross-document merges (``kgo:Merge`` nodes, ``owl:sameAs``)."""
CORPUS_GRAPHS = (KB_IRI, MERGES_IRI)
"""Graphs computed from the whole corpus by every build (not documents)."""

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
"""W3C Internationalization Tag Set: ``itsrdf:taIdentRef`` links a mention to its entity."""


class KGO(DefinedNamespace):
    """The park-kg ontology (``kgo:``). Unknown attribute names raise ``AttributeError``."""

    _NS = Namespace(ONTOLOGY_NS)
    _fail = True

    # entity classes
    Park: URIRef
    Company: URIRef
    Organization: URIRef
    Project: URIRef
    Person: URIRef
    Place: URIRef
    # provenance classes
    Document: URIRef
    Assertion: URIRef
    Evidence: URIRef
    Merge: URIRef
    # object properties
    locatedIn: URIRef
    investsIn: URIRef
    worksFor: URIRef
    involvedIn: URIRef
    subsidiaryOf: URIRef
    investment: URIRef
    landArea: URIRef
    floorArea: URIRef
    capacity: URIRef
    evidence: URIRef
    mergedEntity: URIRef
    mergedInto: URIRef
    # datatype properties
    receivedAward: URIRef
    role: URIRef
    confidence: URIRef
    rule: URIRef
    qualifier: URIRef
    stage: URIRef
    date: URIRef
    statistic: URIRef
    period: URIRef
    product: URIRef
    sourcePath: URIRef
    sha256: URIRef
    text: URIRef
    sharedName: URIRef
    extractionDigest: URIRef


PREFIXES: dict[str, str] = {
    "kgo": ONTOLOGY_NS,
    "kgid": ID_BASE,
    "kgg": "https://w3id.org/park-kg/graph/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
}
"""prefix -> namespace IRI, in the order serializers write them (see docs/rdf-model.md)."""


def sparql_prefixes() -> str:
    """The prefix table as SPARQL ``PREFIX`` lines, one per prefix, ending with a newline.

    >>> sparql_prefixes().splitlines()[0]
    'PREFIX kgo: <https://w3id.org/park-kg/ontology#>'
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def kgo_values(names: Iterable[str]) -> str:
    """Space-separated ``kgo:`` terms for a SPARQL ``VALUES`` block. Raises ``AttributeError`` on a typo.

    >>> kgo_values(["Park", "Place"])
    'kgo:Park kgo:Place'
    """
    return " ".join(f"kgo:{KGO[name].removeprefix(ONTOLOGY_NS)}" for name in names)


def kgo_terms() -> frozenset[str]:
    """Local names of every ``KGO`` term (for the code/ontology agreement test and converters)."""
    return frozenset(KGO.__annotations__)


__all__ = ["KGO", "NIF", "ITSRDF", "ONTOLOGY_IRI", "MERGES_IRI", "KB_IRI", "CORPUS_GRAPHS", "PREFIXES", "sparql_prefixes", "kgo_terms", "kgo_values"]
