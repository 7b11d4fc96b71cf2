"""Settle overlaps between the recognisers' candidates with small named filters."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.nlp.context import RuleContext
from kg.records import Mention

SOURCE_PRIORITY = {"gazetteer": 3, "person": 2, "suffix": 1}


@lru_cache(maxsize=4096)
def source_priority(rule: str) -> int:
    """The priority of the recogniser that wrote ``rule`` (``suffix:公司`` → suffix → 1)."""
    return SOURCE_PRIORITY.get(rule.split(":")[0].split(".")[0], 0)


def _priority(m: Mention) -> tuple[int, float, int]:
    return (m.end - m.start, m.confidence, source_priority(m.rule))


def longest_first(mentions: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions, longer (then surer) spans first."""
    taken: list[Mention] = []
    occupied = bytearray(max((m.end for m in mentions), default=0))
    for m in sorted(mentions, key=_priority, reverse=True):
        if occupied.find(1, m.start, m.end) < 0:
            taken.append(m)
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(taken, key=lambda m: (m.start, m.end))


def with_country(mentions: list[Mention], text: str, ctx: RuleContext) -> list[Mention]:
    """A well-known company's name written after its country (德国某某子) keeps the country,
    as the article names it; no other name but the country's may end right before it."""
    ends = {m.end for m in mentions if m.type != "Place"}
    out = []
    for m in mentions:
        if m.rule == "gazetteer:user" and m.type == "Company" and m.start not in ends:
            start = ctx.country_before(text, m.start)
            if start is not None:
                m = replace(m, text=text[start:m.end], start=start)
        out.append(m)
    return out


def trim_to_gazetteer(mentions: list[Mention], text: str, ctx: RuleContext) -> list[Mention]:
    """An enumeration's first item, whose left edge was guessed, that ends with a name of the
    user gazetteers (产品主要配套某某 with 某某 listed) is that name; a country before it stays
    (德国某某)."""
    known = {(m.end, m.start): m for m in mentions if m.rule == "gazetteer:user"}
    ends = {end: start for end, start in known}
    out = []
    for m in mentions:
        start = ends.get(m.end)
        if start is not None and start > m.start and m.rule.startswith("enumeration") \
                and not _is_place_prefix(text[m.start:start], ctx):
            m = known[(m.end, start)]
        out.append(m)
    return out


def trim_to_known(mentions: list[Mention], text: str, ctx: RuleContext) -> list[Mention]:
    """A suffix name whose text ends with a cleaner name of the same type found elsewhere
    (``利用某某小镇`` vs ``某某小镇`` after a boundary) is trimmed to that name."""
    clean = {m.text for m in mentions if m.start == 0 or not text[m.start - 1].isalnum()}
    out = []
    for m in mentions:
        best = None
        if m.rule.startswith("suffix"):
            best = next((m.text[-n:] for n in range(len(m.text) - 1, 1, -1) if m.text[-n:] in clean), None)
        if best is not None and not _is_place_prefix(m.text[:-len(best)], ctx, m.type) \
                and not CAPACITY_PREFIX_RE.match(m.text) and not m.text[-len(best) - 1].isascii():   # SiC|模块: one term
            m = Mention(text=best, start=m.end - len(best), end=m.end, type=m.type, rule=m.rule + "+trim",
                        confidence=m.confidence)
        out.append(m)
    return out


# A project named from its capacity or size on (年产5万套…项目, 12英寸…项目) keeps that prefix: the
# same tail written alone elsewhere (…项目) is a shorter name, not a cleaner one.
CAPACITY_PREFIX_RE = re.compile(r"年产|[0-9]")


def _is_place_prefix(prefix: str, ctx: RuleContext, kind: str = "") -> bool:
    """Place prefixes are kept (杭州某某小镇): linking folds them into the same entity; so is
    what follows the place a company's registered name starts with (某某县武康五金配件厂)."""
    places = ctx.places.find(prefix)
    if kind == "Company" and places and places[0][1] == 0:
        return True
    return bool(places) and sum(e - s for _, s, e in places) == len(prefix)


def drop_persons_named_like_orgs(mentions: list[Mention]) -> list[Mention]:
    """A person candidate whose text is also a company/organisation name is not a person."""
    orgs = {m.text for m in mentions if m.type in ("Company", "Organization", "Park", "Project")}
    return [m for m in mentions if not (m.type == "Person" and m.text in orgs)]


PROJECT_ANAPHOR_RE = re.compile(r"[。，；,;]?\s*(?:该项目|这个项目|此项目|项目)")
PLACE_CUE_RE = re.compile(r"(?:落地|落户|位于|入驻|坐落|在|于|到)[^，。；,;]{0,12}$")   # 落户某某经开区内的|某某产业园


def projects_by_anaphor(mentions: list[Mention], text: str) -> list[Mention]:
    """A park-like name that the next clause calls 该项目 is a project (…就包括某某生态园。
    该项目由…); not when it is where something else lands (落地某某汽车港。该项目…)."""
    return [Mention(text=m.text, start=m.start, end=m.end, type="Project", rule=m.rule + "+anaphor",
                    confidence=m.confidence)
            if m.type == "Park" and PROJECT_ANAPHOR_RE.match(text, m.end)
            and not PLACE_CUE_RE.search(text, max(0, m.start - 14), m.start) else m for m in mentions]


def persons_to_known(mentions: list[Mention]) -> list[Mention]:
    """A name read only before a cue verb that is a name the document already knows plus one
    character is that name: in ``某某常说`` the 常 belongs to the verb (某某 found after a title
    elsewhere). Names found by other rules are left as they are."""
    known = {m.text for m in mentions if m.type == "Person" and not m.rule.startswith("person.cue_after")}
    return [Mention(text=m.text[:-1], start=m.start, end=m.end - 1, type="Person", rule=m.rule + "+known",
                    confidence=m.confidence)
            if m.type == "Person" and m.rule.startswith("person.cue_after") and m.text not in known
            and m.text[:-1] in known else m for m in mentions]


def resolve(mentions: list[Mention], text: str, ctx: RuleContext) -> list[Mention]:
    """Apply the filters in order and return sorted, non-overlapping mentions."""
    mentions = trim_to_gazetteer(trim_to_known(projects_by_anaphor(mentions, text), text, ctx), text, ctx)
    mentions = with_country(mentions, text, ctx)
    mentions = drop_persons_named_like_orgs(projects_without_leading_verb(mentions))
    return longest_first(persons_to_known(mentions))


LEADING_VERBS = ("建设", "投资", "投建")    # sit inside company names (某某建设集团), never start a project's
PROJECT_MIN = 6


def projects_without_leading_verb(mentions: list[Mention]) -> list[Mention]:
    """A project name does not start with the verb that builds it: 在某镇建设某某研发中心项目 →
    某某研发中心项目 (the verb was kept because names such as 某某建设集团 hold it)."""
    out = []
    for m in mentions:
        verb = next((v for v in LEADING_VERBS if m.text.startswith(v)), None) if m.type == "Project" else None
        if verb is not None and len(m.text) - len(verb) >= PROJECT_MIN:
            m = replace(m, text=m.text[len(verb):], start=m.start + len(verb), rule=m.rule + "+verb")
        out.append(m)
    return out
