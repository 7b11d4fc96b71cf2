"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store (standard library HTTP server).

>>> from kg.serve import make_server                                   # doctest: +SKIP
>>> server = make_server("kg-data", port=0)   # read-only, 127.0.0.1, any free port
>>> server.url, server.serve_forever()        # blocks; server.shutdown() from another thread

``formats`` negotiates the answer format, ``engine`` owns the store handle and the query
deadline (pyoxigraph cannot cancel a query: see its docstring), ``server`` speaks HTTP,
``pages`` writes the usage page, the service description and the list of named queries.
Usage with curl, rdflib, SPARQLWrapper and pandas: docs/sparql.md.
"""
from __future__ import annotations

from kg.serve.engine import Engine, ServeError
from kg.serve.server import SparqlServer, make_server

__all__ = ["Engine", "ServeError", "SparqlServer", "make_server"]
