"""Cross-document linking: the same entity in several articles gets one IRI.

A short-name entity (立昂微-style) merges into the one entity of the same type elsewhere in
the corpus that has it among its names; when two entities claim the name, nothing merges.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from kg.iri import normalise_key
from kg.nlp.context import RuleContext
from kg.nlp.gazetteer import Entry, Gazetteer
from kg.link.decisions import Decision
from kg.records import Entity, Extraction, Merge

GROWN_TYPES = ("Company", "Organization", "Park", "Project", "Person")


def _all_entities(extractions: list[Extraction]) -> list[Entity]:
    return [e for ex in extractions for e in ex.entities]


def _name_index(entities: list[Entity]) -> dict[tuple[str, str], set[str]]:
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entities:
        for name in (e.label, *e.aliases):
            index[(e.type, normalise_key(name))].add(e.id)
    return index


def _best(entities: list[Entity]) -> dict[str, Entity]:
    """For every IRI the entity record with the longest label (the fullest view)."""
    best: dict[str, Entity] = {}
    for e in entities:
        if e.id not in best or len(e.label) > len(best[e.id].label):
            best[e.id] = e
    return best


def explained_merges(extractions: list[Extraction],
                     decisions: Sequence[Decision] = ()) -> dict[str, tuple[str, str, str]]:
    """old IRI → (final IRI, the shared name, the rule that merged them).

    Rule ``link.corpus.name``: the old entity's label is a name of exactly one other entity of
    its type, which has a longer label (a short name and its full name). A ``not_same``
    decision forbids a merge between entities carrying its two names; a ``same`` decision
    merges them (the shorter label into the longer)."""
    entities = _all_entities(extractions)
    index, best = _name_index(entities), _best(entities)
    names = _names_of(entities)
    forbidden = [d for d in decisions if not d.same]
    merges: dict[str, tuple[str, str, str]] = {}
    for iri, e in best.items():
        others = index[(e.type, normalise_key(e.label))] - {iri}
        fuller = [o for o in others if len(best[o].label) > len(e.label)]
        if len(fuller) == 1 and len(others) == 1 and not _forbidden(names[iri], names[fuller[0]], e.type, forbidden):
            merges[iri] = (fuller[0], e.label, "link.corpus.name")
    for d in decisions:
        if d.same:
            _apply_same(d, index, best, merges)
    mapping = {old: new for old, (new, _, _) in merges.items()}
    return {old: (_follow(new, mapping), name, rule) for old, (new, name, rule) in merges.items()
            if _follow(new, mapping) != old}


def _names_of(entities: list[Entity]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        out[e.id].update(normalise_key(n) for n in (e.label, *e.aliases))
    return out


def _forbidden(a: set[str], b: set[str], kind: str, forbidden: Sequence[Decision]) -> bool:
    return any(d.applies(kind) and ((d.keys[0] in a and d.keys[1] in b) or (d.keys[1] in a and d.keys[0] in b))
               for d in forbidden)


def _apply_same(d: Decision, index: dict[tuple[str, str], set[str]], best: dict[str, Entity],
                merges: dict[str, tuple[str, str, str]]) -> None:
    """Merge every entity carrying one name of a ``same`` decision into the fullest one."""
    for kind in GROWN_TYPES if d.type is None else (d.type,):
        iris = index.get((kind, d.keys[0]), set()) | index.get((kind, d.keys[1]), set())
        if len(iris) < 2:
            continue
        target = max(iris, key=lambda i: (len(best[i].label), best[i].label))
        for iri in sorted(iris - {target}):
            merges[iri] = (target, best[iri].label, d.rule)


def _follow(iri: str, mapping: dict[str, str]) -> str:
    seen = set()
    while iri in mapping and iri not in seen:
        seen.add(iri)
        iri = mapping[iri]
    return iri


def _remap_entity(e: Entity, mapping: dict[str, str], best: dict[str, Entity]) -> Entity:
    target = mapping.get(e.id)
    if target is None:
        return e
    full = best[target]
    names = (set(e.aliases) | {e.label} | set(full.aliases)) - {full.label}
    return replace(e, id=target, label=full.label, aliases=tuple(sorted(names)))


def link_corpus(extractions: list[Extraction], decisions: Sequence[Decision] = ()) -> list[Extraction]:
    """Give entities that are the same across documents one IRI and one label."""
    return link_corpus_explained(extractions, decisions)[0]


def link_corpus_explained(extractions: list[Extraction],
                          decisions: Sequence[Decision] = ()) -> tuple[list[Extraction], list[Merge]]:
    """``link_corpus`` and the merges it made (sorted by old IRI)."""
    explained = explained_merges(extractions, decisions)
    mapping = {old: new for old, (new, _, _) in explained.items()}
    if not mapping:
        return extractions, []
    best = _best(_all_entities(extractions))
    out = []
    for ex in extractions:
        ents = tuple(_remap_entity(e, mapping, best) for e in ex.entities)
        rels = tuple(replace(r, head=mapping.get(r.head, r.head), tail=mapping.get(r.tail, r.tail))
                     for r in ex.relations)
        attrs = tuple(replace(a, subject=mapping.get(a.subject, a.subject)) for a in ex.attributes)
        out.append(replace(ex, entities=_merge_same(ents), relations=rels, attributes=attrs))
    kinds = {e.id: e.type for e in _all_entities(extractions)}
    merges = [Merge(old=old, new=new, type=kinds[old], name=name, rule=rule)
              for old, (new, name, rule) in sorted(explained.items())]
    return out, merges


def _merge_same(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """Entities of one document that now share an IRI become one record."""
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            m = merged[e.id]
            names = (set(m.aliases) | set(e.aliases) | {e.label}) - {m.label}
            spans = tuple(sorted(set(m.mentions) | set(e.mentions), key=lambda s: s.start))
            e = replace(m, aliases=tuple(sorted(names)), mentions=spans)
        merged[e.id] = e
    return tuple(merged.values())


def _grown_names(entity: Entity, ctx: RuleContext) -> list[str]:
    """The names of ``entity`` safe to look for in other documents."""
    if entity.type == "Person":
        return [entity.label] if entity.label not in ctx.words("not_person") else []
    names = (entity.label, *entity.aliases)
    return [n for n in names if len(n) >= 3 and n not in ctx.words("generic") and n not in ctx.suffix_rules]


def corpus_gazetteer(entity_lists: list[list[Entity]] | list[tuple[Entity, ...]], ctx: RuleContext) -> Gazetteer:
    """A gazetteer of what the documents found (the gazetteer grows with the corpus): names
    claimed by entities of two different types are left out."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for entities in entity_lists:
        for e in entities:
            if e.type in GROWN_TYPES:
                for name in _grown_names(e, ctx):
                    kinds[name].add(e.type)
    gaz = Gazetteer()
    for name, types in sorted(kinds.items()):
        if len(types) == 1:
            gaz.add(Entry(name, next(iter(types)), name, "corpus"))
    return gaz


def adds_names(known: Gazetteer, text: str, entities: Sequence[Entity]) -> bool:
    """Whether ``known`` finds in ``text`` a name the document's own linking did not (another
    span, or the same span with another type); if not, linking again would change nothing."""
    from kg.nlp.textutil import fold

    found = {(m.start, m.end, e.type) for e in entities for m in e.mentions}
    return any((s, e, entry.type) not in found for entry, s, e in known.find(fold(text)))
