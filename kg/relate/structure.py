"""Document structure: a newspaper page is several stories, each opened by a headline block
and a byline (or ``本报讯``), each about its own platform.

A story's *platform* is the park named in its headline block, else the park that dominates its
mentions. Rules use it for the companies and projects an article presents as the platform's own.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.relate import cues

if TYPE_CHECKING:
    from kg.relate.view import DocView, Story

HEADLINE_MAX = 42
BODY_PUNCT_RE = re.compile(r"[，。！？；,!?;]")


@lru_cache(maxsize=8192)
def is_byline(line: str) -> bool:
    """A byline, source or photo credit line (``■记者 林知远``, ``林 岚 宋 哲``, ``… 摄``)."""
    line = line.strip()
    if len(line) > 70 or BODY_PUNCT_RE.search(line):
        return False
    if cues.BYLINE_RE.search(line) or cues.BYLINE_NAMES_RE.match(line):
        return True
    if len(line) <= 24 and cues.SPACED_NAMES_RE.match(line):
        return True
    return len(line) <= 30 and bool(cues.PHOTO_CREDIT_RE.search(line))


@lru_cache(maxsize=8192)
def is_headline(line: str) -> bool:
    """A short line without final punctuation that is not a byline or a bracketed credit."""
    line = line.strip()
    if not line or len(line) > HEADLINE_MAX or is_byline(line):
        return False
    if line[0] in "(（-·◆●■□" or line[-1] in cues.SENTENCE_END.replace("：", "").replace(":", ""):
        return False
    return not cues.NEWS_LEAD_RE.search(line)


def _starts(view: DocView) -> list[tuple[int, int, bool]]:
    """(paragraph index, headline end offset, related?) of every story opening."""
    paras, text = view.paragraphs, view.text
    lines = [text[s:e] for s, e in paras]
    heads = [is_headline(x) for x in lines]
    out: list[tuple[int, int, bool]] = [(0, _head_end(view, 0), False)]
    body = False   # has the current story a paragraph of text yet?
    for i in range(1, len(paras)):
        lead = cues.NEWS_LEAD_RE.search(lines[i])
        opened = len(out)
        if body and cues.RELATED_RE.match(lines[i]):
            out.append((i, paras[i][1], True))
        elif body and lead and lead.start() > 0 and not heads[i - 1]:
            out.append((i, paras[i][0] + lead.start(), False))
        elif body and heads[i] and not heads[i - 1] and _opens_story(lines, heads, i):
            out.append((i, _head_end(view, i), False))
        elif body and _photo_story(lines, heads, i):
            out.append((i, paras[i][1], False))
        if len(out) > opened:
            body = bool(lead) and lead.start() > 0
        elif not heads[i] and not is_byline(lines[i]):
            body = True
    return out


def _opens_story(lines: list[str], heads: list[bool], i: int) -> bool:
    """Whether the headline run starting at ``i`` is followed by a byline or a news lead."""
    j = i
    while j < len(lines) and heads[j] and j - i < 4:
        j += 1
    if j >= len(lines) or j == i:
        return False
    return is_byline(lines[j]) or bool(cues.NEWS_LEAD_RE.match(lines[j].lstrip("■□ ")))


def _photo_story(lines: list[str], heads: list[bool], i: int) -> bool:
    """A headline, one paragraph of text and a photo credit: a picture story of its own."""
    return (heads[i] and not heads[i - 1] and i + 2 < len(lines) and not heads[i + 1]
            and not is_byline(lines[i + 1]) and bool(cues.PHOTO_CREDIT_RE.search(lines[i + 2]))
            and is_byline(lines[i + 2]))


def _head_end(view: DocView, i: int) -> int:
    """End of the headline block opened by paragraph ``i``: headlines and bylines that follow."""
    paras, text = view.paragraphs, view.text
    end = paras[i][1]
    for s, e in paras[i:]:
        line = text[s:e]
        lead = cues.NEWS_LEAD_RE.search(line)
        if lead:
            return max(end, s + lead.start())
        if not (is_headline(line) or is_byline(line)):
            break
        end = e
    return end


def find_stories(view: DocView) -> list[Story]:
    """The stories of the page with their platforms (one story for an ordinary article)."""
    from kg.relate.view import Story

    if not view.paragraphs:
        return [Story(0, len(view.text), 0)]
    opens = _starts(view)
    out = []
    for k, (i, head_end, related) in enumerate(opens):
        start = 0 if k == 0 else view.paragraphs[i][0]
        end = view.paragraphs[opens[k + 1][0]][0] if k + 1 < len(opens) else len(view.text)
        if related:
            out.append(Story(start, end, head_end, related=True))
            continue
        platform, strength = _platform(view, start, end, head_end, title=view.title if k == 0 else "")
        out.append(Story(start, end, head_end, platform, strength))
    return out


@lru_cache(maxsize=4096)
def park_core(name: str) -> str:
    """A park's name without place prefix and kind (``嘉兴云澜湾高新技术产业园区`` → 云澜湾), as
    headlines write it; ``""`` when fewer than two characters are left."""
    from kg.nlp.context import rule_context

    gaz = rule_context().places.entries
    core = cues.PARK_KIND_RE.sub("", name)
    for _ in range(2):
        step = next((core[:k] for k in (4, 3, 2) if len(core) - k >= 2 and core[:k] in gaz), "")
        core = core[len(step):]
    return core if len(core) >= 2 and core not in gaz else ""


def _headline_parks(view: DocView, start: int, head_end: int, title: str, parks: list) -> list:
    """Parks named in the headline block (or the title), by full name, alias or core name."""
    headed = [h.entity for h in view.hits_in(start, head_end, "Park")]
    block = view.text[start:head_end] + "\n" + title
    for e in parks:
        forms = (*names_of(e), *map(park_core, names_of(e)))
        if e not in headed and any(len(n) >= 2 and n in block for n in forms):
            headed.append(e)
    return headed


def names_of(entity) -> tuple[str, ...]:
    return (entity.label, *entity.aliases)


def _platform(view: DocView, start: int, end: int, head_end: int, title: str):
    """The park of the headline block (or title), else the dominant park of the story."""
    counts = Counter(h.id for h in view.hits_in(start, end, "Park"))
    by_id = {h.id: h.entity for h in view.hits_in(start, end, "Park")}
    headed = _headline_parks(view, start, head_end, title, list(by_id.values()))
    if headed:
        return max(headed, key=lambda e: counts.get(e.id, 0)), "headline"
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or 2 * ranked[0][1] >= 3 * ranked[1][1]):
        top = by_id[ranked[0][0]]
        if any(h.id == top.id for h in view.hits_in(start, _lead_end(view, head_end, end), "Park")):
            return top, "dominant"
    return None, ""


def _lead_end(view: DocView, head_end: int, end: int) -> int:
    """End of the story's lead: its first two paragraphs of text after the headline block."""
    body = [p for p in view.paragraphs if head_end <= p[0] < end and not is_headline(view.text[p[0]:p[1]])
            and not is_byline(view.text[p[0]:p[1]])]
    return body[min(1, len(body) - 1)][1] if body else end
