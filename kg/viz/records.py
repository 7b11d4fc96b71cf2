"""The frozen records the explorer shows (read by ``kg.viz.data``, drawn by ``kg.viz.explorer``)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kg.records import ENTITY_TYPES

AWARD = "Award"
OTHER = "Other"  # an IRI used in a relation but typed in no document
NODE_TYPES: tuple[str, ...] = (*ENTITY_TYPES, AWARD, OTHER)


@dataclass(frozen=True)
class Document:
    iri: str
    title: str | None = None
    source: str | None = None          # dcterms:source, the path or URL as given
    path: str | None = None            # kgo:sourcePath, the absolute path when known
    date: str | None = None            # dcterms:date (YYYY-MM-DD)


@dataclass(frozen=True)
class Evidence:
    sentence: str
    document: Document | None = None


@dataclass(frozen=True)
class Investment:
    value: Decimal
    currency: str | None = None
    qualifier: str | None = None      # 近, 超, 约 …
    stage: str | None = None          # 签约, 开工 …
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class DatedStage:
    """``<project> kgo:date "2024-01-19"`` with the stage its statement names (签约 …)."""

    date: str
    stage: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Node:
    id: str                            # entity IRI (awards: a minted IRI of the award name)
    type: str                          # one of NODE_TYPES
    label: str
    aliases: tuple[str, ...] = ()
    investments: tuple[Investment, ...] = ()
    documents: tuple[Document, ...] = ()  # where it is mentioned
    dates: tuple[DatedStage, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Edge:
    head: str                          # node ids
    tail: str
    relation: str                      # kgo local name: locatedIn, worksFor …
    roles: tuple[str, ...] = ()        # kgo:role of the statements (总经理 …)
    confidence: float | None = None    # highest kgo:confidence of the statements
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class GraphData:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
