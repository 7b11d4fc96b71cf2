"""Link stage: mentions → entities within a document (``link_document``) and across
documents (``corpus_gazetteer``: what one document finds is looked for in the others;
``link_corpus``: one IRI per entity)."""
from kg.link.cluster import link_document
from kg.link.corpus import adds_names, corpus_gazetteer, link_corpus, link_corpus_explained
from kg.link.decisions import load_decisions

__all__ = ["link_document", "link_corpus", "link_corpus_explained", "corpus_gazetteer", "adds_names",
           "load_decisions"]
