"""What a store already knows: its entities with their names, as ``Entity`` records.

Used by ``kg build`` so that a growing knowledge base recognises, in this week's articles,
names found in last week's (and gives them the same IRIs)."""
from __future__ import annotations

from collections import defaultdict

from kg.records import ENTITY_TYPES, Entity

NAMES_QUERY = """
SELECT DISTINCT ?e ?type ?label ?alt WHERE {
  GRAPH ?g { ?e a ?type ; rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?alt } }
  VALUES ?type { %s }
}"""


def stored_entities(store) -> list[Entity]:
    """Every entity of ``store`` (a ``KGStore``) with its label and aliases, sorted by IRI."""
    types = " ".join(f"kgo:{t}" for t in ENTITY_TYPES)
    _vars, rows = store.select(NAMES_QUERY % types)
    label: dict[str, tuple[str, str]] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for iri, kind, name, alt in rows:
        kind = str(kind).rsplit("#", 1)[-1]
        if iri not in label or len(str(name)) > len(label[iri][1]):
            label[iri] = (kind, str(name))
        if alt:
            aliases[iri].add(str(alt))
    return [Entity(id=iri, type=kind, label=name, aliases=tuple(sorted(aliases[iri] - {name})))
            for iri, (kind, name) in sorted(label.items())]
