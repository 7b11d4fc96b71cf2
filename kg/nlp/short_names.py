"""Company short names that news writes as brand + industry word (某某科技, 某某电子, 某某新能源)
without a legal form. Both edges must be clear: a boundary, stop word or title before the
brand, and a boundary, function word or verb after the industry word."""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import cut_at_stops, leading_place, leftover
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
    place = leading_place(text[start:end], ctx)
    return place > 0 and 2 <= end - start - place <= 4


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
            and name not in ctx.words("industry_nouns") and not _holds_industry_term(brand, ctx)
            and not ctx.stops_inside(brand))


def _holds_industry_term(brand: str, ctx: RuleContext) -> bool:
    """Whether ``brand`` holds an industry term (光计算芯片: 计算 is the technology's, no brand's)."""
    terms = ctx.words("industry_nouns")
    return any(brand[i:i + n] in terms for n in (2, 3, 4) for i in range(len(brand) - n + 1))


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
    written = {name: text.count(name) for name in {m.text for m in out}}
    return [m for m in out if written[m.text] > 1 or _vouched_once(text, m, ctx)]


LIST_SEPARATORS = "、和与及"
VOUCH_AFTER_RE = re.compile(r"\s*[(（][A-Za-z]|获评|荣获|获得|入选|控股|旗下|成功|投资|成立|实施|是|创始人|总部|位于|落户|入驻|签约"
                            r"|公司|集团|有限")
VOUCH_BEFORE_RE = re.compile(r"(?:引进|落地|签约|携手|与|由|像|如|——)$")


def _vouched_once(text: str, m: Mention, ctx: RuleContext) -> bool:
    """Whether a brand + industry name written only once in the document reads as a firm: a
    list mate, a title or a firm's verb after it (某某电子总经理, 某某科技获评, 某某泵业实施), or
    a verb that brings in firms before it (引进某某能源). Written once with none of these it
    is mostly a product or a field (磁芯材料, 涂层材料, 车规芯片)."""
    if text[m.start - 1:m.start] in LIST_SEPARATORS or text[m.end:m.end + 1] in LIST_SEPARATORS + "等":
        return True
    return bool(ctx.title_re.match(text, m.end) or VOUCH_AFTER_RE.match(text, m.end)
                or VOUCH_BEFORE_RE.search(text, max(0, m.start - 4), m.start))
