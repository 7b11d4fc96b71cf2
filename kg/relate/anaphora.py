"""Generic place words used as anaphora (``园区``, ``新城``, ``小镇``, ``这里``, ``于此``) resolved to
the park or place they stand for: the park the paragraph is about, else the story's platform,
when its name fits the word (``新城`` → a park named …新城)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.records import Entity
from kg.relate import cues
from kg.relate.view import Hit, names

if TYPE_CHECKING:
    from kg.relate.view import DocView


VISITED_RE = re.compile(r"(?:赴|到|去|往|访|学习|考察)$")


def fits(entity: Entity, word: str) -> bool:
    """Whether a park or place can be called ``word`` (neutral words fit every park)."""
    if word in cues.NEUTRAL_ANAPHORS:
        return entity.type == "Park"
    if word == "新区":
        return any(n.endswith("新区") for n in names(entity))
    if entity.type != "Park":
        return False
    tail = {"经开区": ("经开区", "开发区"), "开发区": ("开发区", "经开区"), "高新区": ("高新区", "园区"),
            "产业园": ("产业园", "园区", "园"), "科创园": ("科创园", "园"), "科技园": ("科技园", "园")}
    return any(n.endswith(t) for n in names(entity) for t in tail.get(word, (word,)))


def resolve(view: DocView, word: str, pos: int) -> Entity | None:
    """The park (or place, for ``新区``) the word at ``pos`` stands for."""
    p_start, _ = view.paragraph_at(pos)
    for h in view.subject_hits(p_start, pos, "Park", "Place"):
        if fits(h.entity, word):
            return h.entity
    story = view.story_at(pos)
    if story.platform is not None and fits(story.platform, word):
        return story.platform
    for h in view.hits_in(p_start, pos, "Park", "Place"):
        if fits(h.entity, word) and not VISITED_RE.search(view.text, max(0, h.start - 2), h.start):
            return h.entity
    candidates = [h.entity for h in view.hits_in(story.start, story.end, "Park", "Place") if fits(h.entity, word)
                  and not VISITED_RE.search(view.text, max(0, h.start - 2), h.start)]
    if candidates and len({e.id for e in candidates}) == 1:
        return candidates[0]
    return None


def location_anaphors(view: DocView) -> list[Hit]:
    """Every resolvable place anaphor outside entity mentions, as a ``Hit`` with ``via`` set."""
    out = []
    text = view.text
    for m in cues.ANAPHOR_RE.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if view.inside_mention(start, end):
            continue
        left = text[start - 1:start] if start else "\n"
        if word not in ("这里", "于此", "在此") and left not in cues.ANAPHOR_LEFT_OK:
            continue
        entity = resolve(view, word, start)
        if entity is not None:
            out.append(Hit(entity, start, end, via=word))
    return out

