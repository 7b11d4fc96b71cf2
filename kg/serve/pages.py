"""Pages of ``kg serve`` that are not query answers: the usage page, the service description, the
list of named queries. Pure functions of the server URL and the query library."""
from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from kg.queries import NamedQuery, list_queries
from kg.serve.formats import FORMATS

_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "code,pre{background:#f4f4f4;padding:.1rem .3rem}pre{padding:.6rem;overflow:auto}"
        "td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}")


def _query_rows(url: str, queries: list[NamedQuery]) -> str:
    rows = []
    for q in queries:
        params = ", ".join(f"<code>{escape(p.name)}</code> ({escape(p.type)}{', required' if p.required else ''})"
                           for p in q.params) or "none"
        link = f"{url}queries/{quote(q.name)}"
        rows.append(f"<tr><td><a href=\"{escape(link)}\">{escape(q.name)}</a></td>"
                    f"<td>{escape(q.description)}</td><td>{params}</td></tr>")
    return "\n".join(rows)


def usage_page(url: str, *, read_only: bool, timeout: float) -> bytes:
    """The HTML page of ``GET /`` without a query: how to call the endpoint."""
    endpoint = f"{url}sparql"
    example = quote("SELECT ?park ?name WHERE { ?park a kgo:Park ; rdfs:label ?name } LIMIT 5")
    results = ", ".join(f.name for f in FORMATS["results"])
    graphs = ", ".join(f.name for f in FORMATS["graph"])
    mode = ("read-only: updates are refused (start with <code>kg serve --allow-update</code> to accept them)"
            if read_only else "updates accepted (POST <code>update=</code> or <code>application/sparql-update</code>)")
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>park-kg SPARQL endpoint</title><style>{_CSS}</style></head>
<body><h1>park-kg SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol endpoint: <code>{escape(endpoint)}</code> ({mode}; query timeout {timeout:g} s).
The default graph is the union of every document graph and the ontology; the prefixes
<code>kgo: kgid: rdf: rdfs: owl: xsd: skos: prov: dcterms: schema: org: nif: itsrdf:</code> are predeclared.</p>
<h2>Calling it</h2>
<pre>curl '{escape(endpoint)}?query={escape(example)}'
curl {escape(endpoint)} -H 'Accept: text/csv' --data-urlencode 'query=ASK {{ ?s ?p ?o }}'
curl {escape(endpoint)} -H 'Content-Type: application/sparql-query' --data-binary @query.rq</pre>
<p>Formats (<code>Accept</code> header or <code>format=</code>): SELECT/ASK {results};
CONSTRUCT/DESCRIBE {graphs}. Malformed queries answer 400 with the parser message.</p>
<h2>Named queries</h2>
<p><code>GET {escape(url)}queries/NAME?param=value</code> runs a documented query with its parameters bound
safely; <a href="{escape(url)}queries">{escape(url)}queries</a> lists them as JSON.</p>
<table><tr><th>name</th><th>description</th><th>parameters</th></tr>
{_query_rows(url, list_queries())}
</table>
<p><a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1 Protocol</a> · see docs/sparql.md of park-kg.</p>
</body></html>
"""
    return html.encode("utf-8")


def service_description(url: str, *, read_only: bool) -> bytes:
    """A SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    languages = "sd:SPARQL11Query" if read_only else "sd:SPARQL11Query, sd:SPARQL11Update"
    formats = ", ".join(f"<http://www.w3.org/ns/formats/{name}>" for name in
                        ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                         "Turtle", "N-Triples", "JSON-LD", "RDF_XML"))
    ttl = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
[] a sd:Service ;
  sd:endpoint <{url}sparql> ;
  sd:supportedLanguage {languages} ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat {formats} .
"""
    return ttl.encode("utf-8")


def query_list(url: str) -> bytes:
    """The named queries as JSON: name, description, parameters, URL."""
    items = [{"name": q.name, "description": q.description, "url": f"{url}queries/{q.name}",
              "params": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                          "description": p.description} for p in q.params]}
             for q in list_queries()]
    return json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8")


__all__ = ["query_list", "service_description", "usage_page"]
