"""Content negotiation of the SPARQL endpoint: ``Accept`` header or ``format`` parameter → format.

Two families: results of SELECT/ASK (``json`` ``xml`` ``csv`` ``tsv``) and graphs of
CONSTRUCT/DESCRIBE (``turtle`` ``ntriples`` ``jsonld`` ``rdfxml``). A ``format`` value is a short
name or a media type; ``json`` and ``xml`` name the JSON and XML format of either family (JSON-LD
and RDF/XML for graphs), as clients such as SPARQLWrapper send them for both.

>>> choose("results", accept="text/csv;q=0.5, application/sparql-results+json").name
'json'
>>> choose("graph", formats=["json"]).media_type
'application/ld+json'
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat


@dataclass(frozen=True)
class Format:
    """A serialisation: its short ``name``, the media type it is sent as, and the pyoxigraph format."""

    name: str
    media_type: str
    oxigraph: QueryResultsFormat | RdfFormat
    aliases: tuple[str, ...] = ()

    def matches(self, value: str) -> bool:
        """True if ``value`` (a short name or media type, any case) names this format."""
        value = value.strip().lower()
        return value == self.name or value == self.media_type or value in self.aliases


FORMATS: dict[str, tuple[Format, ...]] = {
    "results": (    # the first is the default
        Format("json", "application/sparql-results+json", QueryResultsFormat.JSON, ("application/json",)),
        Format("xml", "application/sparql-results+xml", QueryResultsFormat.XML, ("application/xml", "text/xml")),
        Format("csv", "text/csv", QueryResultsFormat.CSV),
        Format("tsv", "text/tab-separated-values", QueryResultsFormat.TSV),
    ),
    "graph": (
        Format("turtle", "text/turtle", RdfFormat.TURTLE, ("application/turtle", "application/x-turtle", "ttl", "n3", "text/n3")),
        Format("ntriples", "application/n-triples", RdfFormat.N_TRIPLES, ("nt", "n-triples", "text/plain")),
        Format("jsonld", "application/ld+json", RdfFormat.JSON_LD, ("json-ld", "json", "application/json")),
        Format("rdfxml", "application/rdf+xml", RdfFormat.RDF_XML, ("rdf+xml", "xml", "application/xml", "text/xml")),
    ),
}
FORMAT_NAMES = {kind: [f.name for f in formats] for kind, formats in FORMATS.items()}


class NotAcceptable(ValueError):
    """No format of the family satisfies the request; the message lists the ones there are."""


def _accept_entries(accept: str) -> list[tuple[float, int, str]]:
    """``(q, position, media range)`` of an Accept header, best first; ``q=0`` entries dropped."""
    entries = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            entries.append((-q, position, media.lower()))
    return [(-q, pos, media) for q, pos, media in sorted(entries)]


def _by_range(formats: tuple[Format, ...], media_range: str) -> Format | None:
    if media_range in ("*/*", "*"):
        return formats[0]
    if media_range.endswith("/*"):
        major = media_range[:-1]
        return next((f for f in formats if f.media_type.startswith(major)), None)
    return next((f for f in formats if f.media_type == media_range or media_range in f.aliases), None)


def choose(kind: str, *, accept: str | None = None, formats: list[str] | None = None) -> Format:
    """The format to answer a ``kind`` ("results" or "graph") query in.

    ``formats`` (values of the ``format``/``output`` parameters) win over ``accept``; the first
    value this family knows is used. No preference at all gives the default (JSON, Turtle).
    Raises ``NotAcceptable`` when values were given and none is known.
    """
    family = FORMATS[kind]
    if formats:
        for value in formats:
            found = next((f for f in family if f.matches(value)), None)
            if found:
                return found
        raise NotAcceptable(f"format {', '.join(formats)} is not one of {', '.join(FORMAT_NAMES[kind])} "
                            f"(for {'SELECT/ASK' if kind == 'results' else 'CONSTRUCT/DESCRIBE'})")
    if not accept or not accept.strip():
        return family[0]
    for _, _, media_range in _accept_entries(accept):
        found = _by_range(family, media_range)
        if found:
            return found
    raise NotAcceptable(f"Accept: {accept} allows none of {', '.join(f.media_type for f in family)}")


__all__ = ["FORMATS", "FORMAT_NAMES", "Format", "NotAcceptable", "choose"]
