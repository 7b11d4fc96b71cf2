"""Company short names that news writes as brand + industry word (某某科技, 某某电子, 某某新能源)
without a legal form. Both edges must be clear: a boundary, stop word or title before the
brand, and a boundary, function word or verb after the industry word."""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import cut_at_stops, leftover
from kg.nlp.textutil import CJK, is_name_char
from kg.records import Mention

AFTER_CHARS = set("等和与及、在的已也还将是为于从向对把被让都均再又就则")
BRAND_RE = re.compile(f"^[{CJK}A-Za-z]{{2,6}}$")


def _brand_start(text: str, end: int, ctx: RuleContext) -> int | None:
    """Start of a 2–4 character brand ending at ``end`` with a clear left edge."""
    floor = max(0, end - 8)
    i = end
    while i > floor and is_name_char(text[i - 1]):
        i -= 1
    start = cut_at_stops(text, i, end, ctx)
    if start == i and i > floor and i > 0 and is_name_char(text[i - 1]):
        return None                              # no edge within reach: unclear
    if end - start > 4 and not _place_led(text, start, end, ctx):
        return None                              # a brand has 2–4 characters after its place
    return start if BRAND_RE.match(text[start:end]) else None


def _place_led(text: str, start: int, end: int, ctx: RuleContext) -> bool:
    """Whether ``text[start:end]`` is a place followed by a 2–4 character brand (浙江某某)."""
    found = ctx.places.find(text[start:end])
    return bool(found) and found[0][1] == 0 and 2 <= end - start - found[0][2] <= 4


def _clear_after(text: str, pos: int, ctx: RuleContext) -> bool:
    if pos >= len(text) or not is_name_char(text[pos]):
        return True
    if text[pos] in AFTER_CHARS or ctx.title_re.match(text, pos):
        return True
    if text.startswith("企业", pos):
        return False                              # 一批晶圆制造企业: a kind of firm, not a name
    found = ctx.stops.find_matches_as_indexes(text[pos:pos + 6])
    return any(s == 0 and ctx.stop_words[i] for i, s, _ in found)


def _good_brand(brand: str, name: str, ctx: RuleContext) -> bool:
    rest, _ = leftover(brand, ctx)
    if brand[-2:] in ctx.words("generic") or brand[-1] in GRADE_ENDS or ctx.generic_re.match(brand) \
            or ACRONYM_RE.fullmatch(brand):       # LED芯片: a technology, not a brand
        return False                              # 某城数字能源: the industry is 数字能源; 车规级芯片: a grade; 高效无刷电机
    return (len(rest) >= 2 and brand not in ctx.words("not_person")
            and name not in ctx.words("nouns") and brand not in ctx.words("nouns")
            and name not in ctx.words("industry_nouns")
            and not ctx.stops_inside(brand))


GRADE_ENDS = frozenset("级型式类性")
ACRONYM_RE = re.compile("[A-Z0-9]{1,4}")
SECTOR_LIST_RE = re.compile(
    r"(?:[、和及][^，。；、\n,;]{2,12}?)*(?:等(?:领域|产业|行业|赛道|方向|板块|环节|方面|产品|技术|业务)"
    r"|[、和及][^，。；、\n,;]{2,10}?企业)")
"""A list of sectors after a candidate (…、港航物流等领域, …、封装测试企业): kinds of business, not firms."""


def short_companies(text: str, ctx: RuleContext) -> list[Mention]:
    """Brand + industry word names with clear edges on both sides, not in a list of sectors."""
    out = []
    for m in ctx.industry_any_re.finditer(text):
        if not _clear_after(text, m.end(), ctx) or SECTOR_LIST_RE.match(text, m.end()):
            continue
        start = _brand_start(text, m.start(), ctx)
        if start is None:
            continue
        name = text[start:m.end()]
        if _good_brand(text[start:m.start()], name, ctx):
            out.append(Mention(text=name, start=start, end=m.end(), type="Company",
                               rule="short_name.industry", confidence=0.55))
    return out
