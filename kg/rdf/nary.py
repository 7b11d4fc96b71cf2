"""n-ary facts in standard vocabularies, next to the plain triples (docs/rdf-model.md):

* an investment amount  -> ``schema:MonetaryAmount`` hanging off ``kgo:investment``;
* a post (``worksFor`` with a role) -> W3C ORG ``org:Membership`` with an ``org:Role``;
* a park metric          -> ``schema:Observation`` (variable, value, unit, date and period);
* a project size         -> ``schema:QuantitativeValue`` hanging off ``kgo:landArea``,
  ``kgo:floorArea`` or ``kgo:capacity`` (value, unit text and UN/CEFACT code, product).

The plain triples (``<p> kgo:worksFor <o>``) stay, so simple queries never need these nodes.
"""
from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from kg.iri import node_iri
from kg.rdf.provenance import evidence_triples, provenance_triples
from kg.rdf.terms import XSD_GYEAR, XSD_GYEARMONTH, T, Triple3, number_literal, zh
from kg.records import Attribute, Relation

ROLE_SPLIT_RE = re.compile(r"\s*(?:[、，,/／;；]|兼)\s*")
"""What joins several posts in one title (``副董事长兼总裁``, ``联合创始人、COO``)."""

PERIOD_WINDOWS: dict[str, tuple[int, int]] = {
    "全年": (12, 12), "上半年": (6, 6), "下半年": (12, 6), "前三季度": (9, 9),
    "一季度": (3, 3), "二季度": (6, 3), "三季度": (9, 3), "四季度": (12, 3),
}
"""Normalised period label (``kg.records.Attribute.period``) -> (last month, number of months)."""
_MONTHS_RE = re.compile(r"^(?:(?P<first>\d{1,2})-)?(?P<last>\d{1,2})月$")


def role_titles(role: str) -> list[str]:
    """The posts of a title, in order and without duplicates.

    >>> role_titles("副董事长兼总裁"), role_titles("联合创始人、COO"), role_titles("总经理")
    (['副董事长', '总裁'], ['联合创始人', 'COO'], ['总经理'])
    """
    return list(dict.fromkeys(t for t in ROLE_SPLIT_RE.split(role.strip()) if t))


def membership_triples(rel: Relation, stmt: NamedNode) -> list[Triple3]:
    """One ``org:Membership`` per post of a ``worksFor`` relation with a role (none without).

    membership = ``node_iri("membership", person, organization, title)`` and role =
    ``node_iri("role", title)``: the same post read in two documents is one node (each document
    graph says it was derived from its own statement).
    """
    if rel.type != "worksFor" or not rel.role:
        return []
    person, org = NamedNode(rel.head), NamedNode(rel.tail)
    out: list[Triple3] = []
    for title in role_titles(rel.role):
        mem = NamedNode(node_iri("membership", rel.head, rel.tail, title))
        role = NamedNode(node_iri("role", title))
        out += [(mem, T.a, T.membership), (mem, T.member, person), (mem, T.organization, org),
                (mem, T.org_role, role), (mem, T.was_derived_from, stmt),
                (role, T.a, T.role_class), (role, T.label, zh(title))]
    return out


def amount_triples(attr: Attribute, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """``<subject> kgo:investment <amt>`` and the ``schema:MonetaryAmount`` node.

    amt = ``node_iri("amt", doc_id, subject, start, value, currency, stage)`` (start of the
    evidence sentence): two amounts of one project in one sentence are two nodes.
    """
    parts = (attr.subject, str(attr.evidence.start), attr.value, attr.unit or "", attr.stage or "")
    amt = NamedNode(node_iri("amt", doc_id, *parts))
    ev, ev_triples = evidence_triples(attr.evidence, doc_id, doc)
    out: list[Triple3] = [
        (NamedNode(attr.subject), T.investment, amt),
        (amt, T.a, T.monetary_amount),
        (amt, T.value, number_literal(attr.value)),
    ]
    optional = ((T.currency, attr.unit, Literal), (T.qualifier, attr.qualifier, zh),
                (T.stage, attr.stage, zh))
    out.extend((amt, p, make(v)) for p, v, make in optional if v)
    prov = provenance_triples(amt, ev=ev, doc=doc, confidence=attr.confidence, rule=attr.rule)
    return out + prov + ev_triples


QUANTITY_PROPERTIES: dict[str, NamedNode] = {
    "landArea": T.land_area, "floorArea": T.floor_area, "capacity": T.capacity}
"""``Attribute.name`` of a project size -> the kgo property its ``schema:QuantitativeValue`` hangs off."""

UNIT_CODES: dict[str, str] = {
    "平方米": "MTK", "立方米": "MTQ", "米": "MTR", "吨": "TNE", "千克": "KGM", "公斤": "KGM", "升": "LTR",
    "千升": "KLT", "kWh": "KWH", "千瓦时": "KWH", "MWh": "MWH", "兆瓦时": "MWH", "GWh": "GWH", "MW": "MAW",
    "GW": "A90", "套": "SET", "双": "PR",
    **dict.fromkeys(("台", "辆", "件", "片", "颗", "只", "个", "支", "条", "块", "张", "部", "根", "粒", "枚",
                     "架", "艘"), "H87"),
}
"""Unit as written (``Attribute.unit``) -> UN/CEFACT Recommendation 20 code (``schema:unitCode``):
MTK square metre, TNE tonne, GWH gigawatt hour, SET set, H87 piece (counted items: 台, 辆, 片 …).
Units without a code here (瓶, 箱, 台套 …) keep only ``schema:unitText``."""


def quantity_triples(attr: Attribute, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """``<project> kgo:landArea|kgo:floorArea|kgo:capacity <qv>`` and the ``schema:QuantitativeValue``.

    qv = ``node_iri("qv", doc_id, name, subject, start, value, unit, product)`` (start of the
    evidence sentence).
    """
    parts = (attr.name, attr.subject, str(attr.evidence.start), attr.value, attr.unit or "", attr.product or "")
    qv = NamedNode(node_iri("qv", doc_id, *parts))
    ev, ev_triples = evidence_triples(attr.evidence, doc_id, doc)
    out: list[Triple3] = [
        (NamedNode(attr.subject), QUANTITY_PROPERTIES[attr.name], qv),
        (qv, T.a, T.quantitative_value),
        (qv, T.value, number_literal(attr.value)),
    ]
    code = UNIT_CODES.get(attr.unit or "")
    optional = ((T.unit_text, attr.unit, Literal), (T.unit_code, code, Literal),
                (T.qualifier, attr.qualifier, zh), (T.product, attr.product, zh))
    out.extend((qv, p, make(v)) for p, v, make in optional if v)
    prov = provenance_triples(qv, ev=ev, doc=doc, confidence=attr.confidence, rule=attr.rule)
    return out + prov + ev_triples


def period_window(period: str | None) -> tuple[int, int] | None:
    """(last month, months) of a normalised period label; ``None`` when it has no fixed window.

    >>> period_window("1-5月"), period_window("5月"), period_window("上半年"), period_window("年初至今")
    ((5, 5), (5, 1), (6, 6), None)
    """
    if not period:
        return None
    if period in PERIOD_WINDOWS:
        return PERIOD_WINDOWS[period]
    m = _MONTHS_RE.match(period)
    if m is None:
        return None
    last, first = int(m.group("last")), int(m.group("first") or m.group("last"))
    return (last, last - first + 1) if 1 <= first <= last <= 12 else None


def date_terms(period: str | None, year: str | None) -> list[tuple[NamedNode, Literal]]:
    """``schema:observationDate`` (the last year or month of the window: ``xsd:gYear`` /
    ``xsd:gYearMonth``, only with a year) and ``schema:observationPeriod`` (its length, ``P5M``)."""
    window = period_window(period)
    out: list[tuple[NamedNode, Literal]] = []
    if year:
        if window is None or window[1] == 12:
            out.append((T.observation_date, Literal(year, datatype=XSD_GYEAR)))
        else:
            out.append((T.observation_date, Literal(f"{year}-{window[0]:02d}", datatype=XSD_GYEARMONTH)))
    if window is not None:
        out.append((T.observation_period, Literal("P1Y" if window[1] == 12 else f"P{window[1]}M")))
    return out


def observation_triples(attr: Attribute, doc_id: str, doc: NamedNode) -> list[Triple3]:
    """A park metric as a ``schema:Observation`` about ``attr.subject``.

    obs = ``node_iri("obs", doc_id, subject, metric, statistic, period, year, value, start)``.
    """
    parts = (attr.subject, attr.metric, attr.statistic, attr.period, attr.year, attr.value)
    obs = NamedNode(node_iri("obs", doc_id, *(p or "" for p in parts), str(attr.evidence.start)))
    ev, ev_triples = evidence_triples(attr.evidence, doc_id, doc)
    out: list[Triple3] = [
        (obs, T.a, T.observation),
        (obs, T.observation_about, NamedNode(attr.subject)),
        (obs, T.variable_measured, zh(attr.metric or attr.name)),
        (obs, T.value, number_literal(attr.value)),
    ]
    optional = ((T.unit_text, attr.unit, Literal), (T.statistic, attr.statistic, zh),
                (T.period, attr.period, zh), (T.qualifier, attr.qualifier, zh))
    out.extend((obs, p, make(v)) for p, v, make in optional if v)
    out.extend((obs, p, lit) for p, lit in date_terms(attr.period, attr.year))
    prov = provenance_triples(obs, ev=ev, doc=doc, confidence=attr.confidence, rule=attr.rule)
    return out + prov + ev_triples


__all__ = ["role_titles", "membership_triples", "amount_triples", "observation_triples", "quantity_triples",
           "period_window", "date_terms", "PERIOD_WINDOWS", "QUANTITY_PROPERTIES", "UNIT_CODES"]
