"""Link stage: mentions → entities within a document (``link_document``) and across
documents (``link_corpus``)."""
from kg.link.cluster import link_document
from kg.link.corpus import link_corpus

__all__ = ["link_document", "link_corpus"]
