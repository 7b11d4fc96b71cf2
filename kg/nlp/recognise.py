"""All recognisers over one text: suffix names, persons, enumerations, gazetteers."""
from __future__ import annotations

from kg.nlp.context import RuleContext
from kg.nlp.enumerations import find_enumerated
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.persons import find_persons
from kg.nlp.resolve import resolve
from kg.nlp.short_names import short_companies
from kg.nlp.suffix_names import find_suffix_names
from kg.nlp.textutil import fold
from kg.records import Mention


def gazetteer_mentions(text: str, gaz: Gazetteer, rule: str) -> list[Mention]:
    """Mentions of every gazetteer name in ``text`` (leftmost-longest)."""
    return [Mention(text=text[s:e], start=s, end=e, type=entry.type, rule=f"gazetteer:{rule}",
                    confidence=0.9 if entry.type != "Place" else 0.8)
            for entry, s, e in gaz.find(text)]


def find_mentions(text: str, ctx: RuleContext, user: Gazetteer | None = None) -> list[Mention]:
    """Every entity mention in ``text``; offsets refer to ``text`` itself."""
    folded = fold(text)
    found = find_suffix_names(folded, ctx) + find_persons(folded, ctx) + find_enumerated(folded, ctx)
    found += short_companies(folded, ctx)
    found += gazetteer_mentions(folded, ctx.places, "place")
    if user is not None:
        found += gazetteer_mentions(folded, user, "user")
    return [_unfold(m, text) for m in resolve(found, folded)]


def _unfold(m: Mention, text: str) -> Mention:
    """Give a mention the original (unfolded) characters of its span."""
    original = text[m.start:m.end]
    return m if original == m.text else Mention(text=original, start=m.start, end=m.end, type=m.type,
                                                rule=m.rule, confidence=m.confidence)
