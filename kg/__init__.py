"""park-kg: Chinese news about industrial parks → an RDF knowledge graph.

The package tree is the pipeline map (open the file for the stage of your bug):

- ``kg.ingest``  files → cleaned ``Article`` (encodings, HTML, PDF line breaks, title, date)
- ``kg.nlp``     spaCy ``zh`` pipeline + rule components → ``Mention``/sentence records
- ``kg.link``    mentions → ``Entity`` (short ↔ full names) in a document and across documents
- ``kg.relate``  entities → ``Relation``/``Attribute`` records with evidence sentences
- ``kg.rdf``     records → RDF quads (ontology in ``ontology/``), the Oxigraph store, exports
- ``kg.viz``     store → self-contained pyvis HTML explorer
- ``kg.pipeline`` composes the stages; ``kg.cli`` is the command line; ``kg.settings`` the defaults.

Notebook API (imported lazily, ``import kg`` loads nothing heavy): ``kg.build``,
``kg.extract_text``, ``kg.open_store``, ``kg.open_rdflib``, ``kg.sparql_frame``, ``kg.to_networkx``.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "build": "kg.pipeline",
    "extract_text": "kg.pipeline",
    "extract_paths": "kg.pipeline",
    "Settings": "kg.settings",
    "open_store": "kg.api",
    "open_rdflib": "kg.api",
    "sparql_frame": "kg.api",
    "to_networkx": "kg.api",
    "write_explorer": "kg.api",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = list(_API)
