"""Relation stage: typed edges and attributes with their evidence sentences.

``relate(text, title, sentences, entities, date=None)`` → (relations, attributes).

Rules (one module per family): ``located`` (sentence patterns and the document-structure rule
that gives a story's companies and projects to its platform), ``people`` (worksFor/involvedIn),
``companies`` (subsidiaryOf/investsIn), ``awards`` (receivedAward), ``attributes``
(investment amounts, stage dates), ``quantities`` (land area, floor area and annual capacity of
projects) and ``metrics`` (park statistics as dated observations, with
``periods``). ``view`` and ``structure`` read the document: sentences,
clauses, paragraphs, stories with their platforms, anaphora.
"""
from __future__ import annotations

from kg.records import Attribute, Entity, Relation, Span
from kg.relate import located
from kg.relate.attributes import attributes
from kg.relate.awards import award_relations
from kg.relate.companies import company_relations, invest_quoted
from kg.relate.metrics import park_metrics
from kg.relate.people import people_relations
from kg.relate.quantities import project_sizes
from kg.relate.view import DocView

HEAD_TYPES = {
    "locatedIn": ("Company", "Project", "Park", "Organization"),
    "investsIn": ("Company",),
    "worksFor": ("Person",),
    "involvedIn": ("Person",),
    "receivedAward": ("Company", "Person"),
    "subsidiaryOf": ("Company",),
}
TAIL_TYPES = {
    "locatedIn": ("Park", "Place"),
    "investsIn": ("Project",),
    "worksFor": ("Company", "Organization", "Park"),
    "involvedIn": ("Project", "Park"),
    "subsidiaryOf": ("Company",),
}


def resolve_located(explicit: list[located.Located], platform: list[located.Located]) -> list[located.Located]:
    """Sentence edges plus the structure edges that say something new.

    A structure edge X → P is dropped when the text places X in P already, in a park inside P
    (the most specific container wins), or somewhere else it moved to; and when X contains P.
    """
    tails: dict[str, set[str]] = {}
    for e in explicit:
        tails.setdefault(e.head.id, set()).add(e.tail.id)
    inside: dict[str, set[str]] = {}
    for e in explicit + platform:
        inside.setdefault(e.tail.id, set()).add(e.head.id)
    moved = {e.head.id: e.tail.id for e in explicit if e.moved}
    kept = []
    for e in platform:
        p, own = e.tail.id, tails.get(e.head.id, set())
        if p in own or e.head.id in tails.get(p, set()):
            continue
        if any(t in inside.get(p, set()) for t in own):
            continue
        if e.head.id in moved and moved[e.head.id] != p and moved[e.head.id] not in inside.get(p, set()):
            continue
        kept.append(e)
    return _acyclic(explicit + kept)


def _acyclic(edges: list[located.Located]) -> list[located.Located]:
    """Of ``A in B`` and ``B in A`` keep the more confident (the earlier on a tie)."""
    best: dict[tuple[str, str], located.Located] = {}
    for e in edges:
        key = (e.head.id, e.tail.id)
        if key not in best or located.CONF[e.rule] > located.CONF[best[key].rule]:
            best[key] = e
    out = []
    for (h, t), e in best.items():
        rev = best.get((t, h))
        if rev is None or located.CONF[e.rule] > located.CONF[rev.rule] or (
                located.CONF[e.rule] == located.CONF[rev.rule] and e.evidence.start <= rev.evidence.start):
            out.append(e)
    return out


def valid(r: Relation, types: dict[str, str]) -> bool:
    """Head and tail of the allowed types, and not the same entity."""
    if r.head == r.tail or types.get(r.head) not in HEAD_TYPES[r.type]:
        return False
    return r.type == "receivedAward" or types.get(r.tail) in TAIL_TYPES[r.type]


def dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, head, tail): the most confident, earliest evidence."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        k = (r.type, r.head, r.tail)
        if k not in best or (r.confidence, -r.evidence.start) > (best[k].confidence, -best[k].evidence.start):
            best[k] = r
    return sorted(best.values(), key=lambda r: (r.evidence.start, r.type, r.head, r.tail))


def relate(text: str, title: str, sentences: list[Span], entities: list[Entity], *,
           date: str | None = None) -> tuple[list[Relation], list[Attribute]]:
    """Relations and attributes of one linked document (``date``: the article's ISO date, for
    relative dates)."""
    view = DocView(text=text, title=title, sentences=list(sentences), entities=list(entities), date=date)
    explicit = located.sentence_edges(view)
    edges = resolve_located(explicit, list(located.platform_edges(view, explicit)))
    edges += located.name_prefix(view, {e.head.id for e in edges})
    people = people_relations(view)
    found = [e.relation() for e in edges] + people + company_relations(view) + award_relations(view)
    found += invest_quoted(view, people)
    types = {e.id: e.type for e in entities}
    return dedupe([r for r in found if valid(r, types)]), attributes(view) + project_sizes(view) + park_metrics(view)
