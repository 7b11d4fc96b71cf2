"""Relation stage: typed edges and attributes with their evidence sentences.

``relate(text, title, sentences, entities)`` → (relations, attributes).
"""
from __future__ import annotations

from kg.nlp.context import rule_context
from kg.records import Attribute, Entity, Relation, Span
from kg.relate import rules
from kg.relate.amounts import find_amounts, plain_number
from kg.relate.view import DocView


def _sentence_rules(view: DocView) -> list[Relation]:
    ctx = rule_context()
    out: list[Relation] = []
    last_person = last_project = None
    for sent in view.sentences:
        out += rules.works_for(view, sent, ctx)
        out += rules.involved_in(view, sent, ctx, last_person)
        out += rules.located_by_cue(view, sent)
        out += rules.located_in_main_park(view, sent)
        out += rules.invests_by_cue(view, sent, last_project)
        out += rules.awards(view, sent)
        out += rules.subsidiaries(view, sent)
        last_person = (view.hits_in(sent.start, sent.end, "Person") or [last_person])[-1]
        last_project = (view.hits_in(sent.start, sent.end, "Project") or [last_project])[-1]
    return out


def dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, head, tail, role): the most confident, earliest evidence."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        k = (r.type, r.head, r.tail, r.role)
        if k not in best or (r.confidence, -r.evidence.start) > (best[k].confidence, -best[k].evidence.start):
            best[k] = r
    return sorted(best.values(), key=lambda r: (r.evidence.start, r.type, r.head, r.tail))


def investments(view: DocView) -> list[Attribute]:
    """Investment amounts attached to the project of their sentence (or 该项目's)."""
    out, last = [], None
    for sent in view.sentences:
        projects = view.hits_in(sent.start, sent.end, "Project")
        target = projects[0] if projects else (last if "该项目" in sent.text else None)
        for amount in find_amounts(view.text, sent.start, sent.end):
            if target is not None and "投资" in view.text[max(sent.start, amount.start - 6):amount.start]:
                out.append(Attribute(subject=target.entity.id, name="investment", value=plain_number(amount.value),
                                     unit=amount.currency, qualifier=amount.qualifier, evidence=sent,
                                     rule="attribute.investment", confidence=0.7))
        last = projects[-1] if projects else last
    return out


def relate(text: str, title: str, sentences: list[Span], entities: list[Entity], *, date: str | None = None) -> tuple[list[Relation], list[Attribute]]:
    """Relations and attributes of one linked document."""
    view = DocView(text=text, title=title, sentences=sentences, entities=entities)
    found = _sentence_rules(view) + list(rules.park_in_place(view)) + list(rules.invests_by_name(view))
    return dedupe([r for r in found if r.head != r.tail]), investments(view)
