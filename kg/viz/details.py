"""The JSON the page's script reads: names, facts, evidence, documents and park filters.

Everything here is plain data; ``assets/explorer.js`` puts it into the DOM with
``textContent`` only, and links documents only through ``file:``/``http(s):`` hrefs.

>>> park_members(["Park", "Company", "Project", "Park"], [(1, 0), (2, 1), (3, 2)])
{0: [0, 1, 2], 3: [1, 2, 3]}
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.viz.records import DatedStage, Document, Evidence, GraphData, Investment
from kg.viz.style import TYPE_STYLES, money_zh, relation_zh

PARK = "Park"
# a park's members are reached through other nodes, but not through another park or a place
_NOT_THROUGH = frozenset({"Park", "Place"})
PARK_HOPS = 2
_LINKABLE = ("file:", "http:", "https:")


def details(data: GraphData, links: list[tuple[int, int]]) -> dict[str, Any]:
    """The ``#kg-data`` object: types, relations, docs, nodes, edges and parks."""
    docs = _DocTable()
    nodes = [{"iri": n.id, "type": n.type, "names": list(n.names),
              "facts": _facts(n.investments, n.dates),
              "evidence": [docs.evidence(ev) for ev in _fact_evidence(n.investments, n.dates)],
              "docs": [docs.id(d) for d in n.documents]} for n in data.nodes]
    edges = [{"rel": e.relation, "from": a, "to": b, "roles": list(e.roles),
              "conf": e.confidence, "evidence": [docs.evidence(ev) for ev in e.evidence]}
             for e, (a, b) in zip(data.edges, links)]
    members = park_members([n.type for n in data.nodes], links)
    parks = sorted(members, key=lambda i: (data.nodes[i].label, i))
    return {"types": {t: {"zh": s.zh, "color": s.color} for t, s in TYPE_STYLES.items()},
            "relations": {r: relation_zh(r) for r in sorted({e.relation for e in data.edges})},
            "docs": docs.rows, "nodes": nodes, "edges": edges,
            "parks": [{"node": i, "members": members[i]} for i in parks]}


def park_members(types: list[str], links: list[tuple[int, int]]) -> dict[int, list[int]]:
    """For each park node: itself and the nodes within ``PARK_HOPS`` links of it, walking
    through companies, projects, people … but not through another park or a place (so a
    city does not pull in the parks of the whole city)."""
    adjacent: dict[int, set[int]] = defaultdict(set)
    for a, b in links:
        adjacent[a].add(b)
        adjacent[b].add(a)
    return {i: _reach(i, adjacent, types) for i, t in enumerate(types) if t == PARK}


def _reach(park: int, adjacent: dict[int, set[int]], types: list[str]) -> list[int]:
    seen, frontier = {park}, [park]
    for _ in range(PARK_HOPS):
        nxt = [n for f in frontier if f == park or types[f] not in _NOT_THROUGH
               for n in adjacent[f] if n not in seen]
        seen.update(nxt)
        frontier = nxt
    return sorted(seen)


# --- facts -------------------------------------------------------------------------------


def _facts(investments: tuple[Investment, ...], dates: tuple[DatedStage, ...]) -> list[str]:
    return [investment_fact(inv) for inv in investments] + [date_fact(d) for d in dates]


def _fact_evidence(investments: tuple[Investment, ...], dates: tuple[DatedStage, ...]
                   ) -> list[Evidence]:
    return [ev for item in (*investments, *dates) for ev in item.evidence]


def investment_fact(inv: Investment) -> str:
    """``投资额：近16.5亿元（签约）``"""
    stage = f"（{inv.stage}）" if inv.stage else ""
    return f"投资额：{inv.qualifier or ''}{money_zh(inv.value, inv.currency)}{stage}"


def date_fact(dated: DatedStage) -> str:
    """``签约日期：2024-01-19`` (``日期：…`` when the stage is unknown)."""
    return f"{dated.stage or ''}日期：{dated.date}"


# --- documents ---------------------------------------------------------------------------


class _DocTable:
    """Documents numbered in order of first use: ``[title, source, href, date]`` rows."""

    def __init__(self) -> None:
        self._ids: dict[tuple, int] = {}
        self.rows: list[list[str | None]] = []

    def id(self, doc: Document) -> int:
        row = [doc.title or "", doc.source or "", doc_href(doc), doc.date]
        key = tuple(row)
        if key not in self._ids:
            self._ids[key] = len(self.rows)
            self.rows.append(row)
        return self._ids[key]

    def evidence(self, ev: Evidence) -> list:
        return [ev.sentence, None if ev.document is None else self.id(ev.document)]


def doc_href(doc: Document) -> str | None:
    """A link to the source: ``file:`` URI of an absolute path, or an ``http(s):`` source.

    >>> doc_href(Document("urn:d", source="https://example.org/a?b=1"))
    'https://example.org/a?b=1'
    >>> doc_href(Document("urn:d", source="seeds/a.txt")) is None
    True
    """
    return _href(doc.path, doc.source)


@lru_cache(maxsize=65536)
def _href(path: str | None, source: str | None) -> str | None:
    for candidate in (path, source):
        if candidate and candidate.lower().startswith(_LINKABLE[1:]):
            return candidate
        if candidate and Path(candidate).is_absolute():
            return Path(candidate).as_uri()
    return None
