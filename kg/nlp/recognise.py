"""All recognisers over one text: suffix names, persons, enumerations, gazetteers."""
from __future__ import annotations

from dataclasses import replace

from kg.nlp.context import RuleContext
from kg.nlp.enumerations import find_enumerated
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.media import media_accounts
from kg.nlp.persons import find_persons
from kg.nlp.resolve import resolve
from kg.nlp.short_names import short_companies
from kg.nlp.suffix_names import find_suffix_names
from kg.nlp.textutil import fold
from kg.records import Mention


def gazetteer_mentions(text: str, gaz: Gazetteer, rule: str, inside: bytearray | None = None) -> list[Mention]:
    """Mentions of every gazetteer name in ``text`` (leftmost-longest); with ``inside``, names
    lying wholly within a longer mention already found are skipped (they would lose anyway)."""
    return [Mention(text=text[s:e], start=s, end=e, type=entry.type, rule=f"gazetteer:{rule}",
                    confidence=0.9 if entry.type != "Place" else 0.8,
                    canonical=entry.canonical if entry.canonical != entry.name else None)
            for entry, s, e in gaz.find(text) if inside is None or inside.find(0, s, e) >= 0]


def covered(mentions: list[Mention], size: int) -> bytearray:
    """1 where a mention lies, 0 elsewhere."""
    mask = bytearray(size)
    for m in mentions:
        mask[m.start:m.end] = b"\x01" * (m.end - m.start)
    return mask


def find_mentions(text: str, ctx: RuleContext, user: Gazetteer | None = None) -> list[Mention]:
    """Every entity mention in ``text``; offsets refer to ``text`` itself."""
    folded = fold(text)
    found = find_suffix_names(folded, ctx) + find_persons(folded, ctx) + find_enumerated(folded, ctx)
    found += short_companies(folded, ctx) + media_accounts(folded, ctx)
    found += gazetteer_mentions(folded, ctx.all_places, "place", covered(found, len(folded)))
    if user is not None:
        found += gazetteer_mentions(folded, user, "user")
    return [_unfold(m, text) for m in resolve(found, folded, ctx)]


def _unfold(m: Mention, text: str) -> Mention:
    """Give a mention the original (unfolded) characters of its span."""
    original = text[m.start:m.end]
    return m if original == m.text else replace(m, text=original)
