"""Names found by their head word: legal forms, park, organisation and project suffixes.

For each suffix the name's left edge is found by walking left over name characters and
cutting at the last verb, function word, time word or title (``当天杭州某某…`` → ``杭州某某…``),
then at stacked place names; a prefix made only of generic words is not a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.nlp.context import NUMBER_RE, SPEC_UNIT_RE, RuleContext
from kg.nlp.lexicon import SuffixRule
from kg.nlp.textutil import CJK, CLAUSE_BREAK_RE
from kg.records import Mention

TOWNSHIP_RE = re.compile(f"[{CJK}]{{1,4}}?(?:街道|镇|乡)(?=[{CJK}]{{2}})")
FACILITY_ENDS = ("中心", "基地", "大楼", "大厦", "总部", "园", "公寓", "工厂", "厂房", "研究院", "医院", "学校", "花园",
                 "广场", "综合体", "产业园", "港", "城")

FACILITY_WORDS = frozenset(FACILITY_ENDS)

WORKS_ENDS = ("基础设施", "道路", "大道", "管廊", "管网", "桥", "隧道", "安置房", "配套", "改造", "扩建", "堤防", "水厂",
              "站", "楼", "馆", "社区")
"""Nouns of construction works that end the name of a 工程 project (某某综合管廊工程)."""

NAME_UNIT = f"[{CJK}A-Za-z0-9·&]"
DECIMAL = r"[0-9]\.[0-9]"     # a decimal point inside a number (年产1.2亿支…) does not end the run
# A run of name characters, decimal numbers and bracketed groups such as (杭州), read backwards: each position
# allows one kind of unit only, so one greedy match finds the run's leftmost start.
NAME_RUN_REVERSED_RE = re.compile(f"(?:{DECIMAL}|{NAME_UNIT}|\\){NAME_UNIT}{{1,7}}\\(|）{NAME_UNIT}{{1,7}}（)+")


@lru_cache(maxsize=4)
def _reversed(text: str) -> str:
    return text[::-1]


def walk_left(text: str, pos: int, limit: int) -> int:
    """Leftmost index reachable from ``pos`` (at most ``limit`` back) over name characters
    and bracketed groups such as （杭州）."""
    size = len(text)
    found = NAME_RUN_REVERSED_RE.match(_reversed(text), size - pos, size - max(0, pos - limit))
    return size - found.end() if found else pos


COMPLEMENTS = "起出了着过"


def cut_at_stops(text: str, start: int, end: int, ctx: RuleContext, *, skip_adjacent: bool = False) -> int:
    """Start after the last stop word, number/date or title inside ``text[start:end]``.

    Numbers that measure a product (年产3000万套…, 12英寸…) stay in the name."""
    cut = ctx.last_stop_end(text, start, end, skip_adjacent=skip_adjacent)
    cut = _stop_not_in_place(text, start, end, cut, ctx, skip_adjacent)
    if cut == start + 1 and text[start] in CLAUSE_INITIAL and (start == 0 or not text[start - 1].isalnum()):
        cut = start                              # 之江…: 之 opening a clause starts a name
    if start < cut < end - 2 and text[cut - 1:cut + 1] in ctx.words("verbs") and not ctx.stop_at(text, cut):
        cut += 1                                 # 毕业后进|入之江…: the verb 进入 was read as 后进
    if cut > start and cut < end - 2 and text[cut] in COMPLEMENTS:
        cut += 1                                 # 聚集起某某 → 某某
    if cut and text[cut - 1] in ADVERBS:
        cut = _after_adverb_verb(text, cut, end, ctx)
    elif text[cut:cut + 2] in ctx.words("verbs_in_names") and _place_at(text, cut + 2, end, ctx):
        cut += 2                                 # 联合区科技局…, 联合某某区人社局: a verb before a body
    for m in NUMBER_RE.finditer(text, cut, end):
        if m.end() < end and not text[m.end()].isascii() and not _measures_product(text, m, end) \
                and not _ordinal_after_place(text, m, cut, ctx):
            cut = max(cut, m.end())
    for m in ctx.title_re.finditer(text, cut, end):
        cut = max(cut, m.end())
    if text.endswith("年产", start, cut):
        cut -= 2
    return cut


def _stop_not_in_place(text: str, start: int, end: int, cut: int, ctx: RuleContext, skip_adjacent: bool) -> int:
    """A stop word that is (the end of) a county's name starts no name after it: the name starts
    with the place (开化|有机硅材料创新中心, 云和|木玩智造产业园, 奉化|气动智造产业园)."""
    if cut <= start:
        return cut
    for _, s, e in ctx.places.find(text[start:end]):
        if start + s < cut <= start + e < end:
            return ctx.last_stop_end(text, start, start + s, skip_adjacent=skip_adjacent)
    return cut


CLAUSE_INITIAL = "之"      # a stop character that cannot be a particle at the start of a clause
ADVERBS = frozenset("将还也已并正再又均都亦曾拟")


def _after_adverb_verb(text: str, cut: int, end: int, ctx: RuleContext) -> int:
    """After an adverb (the caller checks) a word that may sit inside names (联合, 携手) is a verb:
    还将联合某某大学 → 某某大学."""
    for size in (2, 3):
        if text[cut:cut + size] in ctx.words("verbs_in_names") and (cut + size < end - 1 or cut + size == end):
            return cut + size                    # 将联合医药港: the bare suffix is left, no name
    return cut


def _place_at(text: str, pos: int, end: int, ctx: RuleContext) -> bool:
    """Whether a place name (or a bare 区/市/县 of 区科技局) starts at ``pos`` before ``end``."""
    if pos >= end:
        return False
    if text[pos] in "区市县":
        return True
    return leading_place(text[pos:end], ctx) > 0


def leading_place(name: str, ctx: RuleContext) -> int:
    """Length of the place name ``name`` starts with (0 when it starts with none)."""
    found = ctx.places.find(name)
    return found[0][2] if found and found[0][1] == 0 else 0


def _ordinal_after_place(text: str, m: re.Match[str], cut: int, ctx: RuleContext) -> bool:
    """An ordinal right after a place is part of the name (某县第二造纸厂, 某市第一人民医院)."""
    if not ORDINAL_RE.fullmatch(m.group()) or m.start() <= cut:
        return False
    found = ctx.places.find(text[cut:m.start()])
    return any(e == m.start() - cut for _, _, e in found)


ORDINAL_RE = re.compile("第[一二三四五六七八九十]{1,2}")


def _measures_product(text: str, m: re.Match[str], end: int) -> bool:
    return bool(SPEC_UNIT_RE.match(text, m.end(), end) or SPEC_UNIT_RE.match(text, m.end() - 1, end)
                or text.endswith("年产", 0, m.start()))


def cut_at_places(text: str, start: int, end: int, ctx: RuleContext, *, stacked: bool = True,
                  strip_stacked: bool = True) -> int:
    """Skip generic words before a place (民营企业杭州某某 → 杭州某某), township prefixes and,
    with ``stacked`` and ``strip_stacked`` (parks: 杭州某某区某某小镇 → 某某小镇), two or more stacked
    place names; registered names, bodies and project names keep them (杭州某区某某投资合伙企业,
    杭州市某区数据资源管理局)."""
    places = ctx.places.find(text[start:end])
    for _, s, _ in places:
        before = text[start:start + s]
        if before.endswith("("):
            break                                 # 某某光电(合肥)有限公司: a bracketed place follows its brand
        rest, placed = leftover(before, ctx)
        if s > 0 and ((len(rest) <= 1 and not placed) or before in ctx.words("verbs_in_names")
                      or (stacked and before[-2:] in ctx.words("verbs_in_names"))):   # 小镇联合某区科技局
            return cut_at_places(text, start + s, end, ctx, stacked=stacked, strip_stacked=strip_stacked)
    if not stacked:
        return after_township(text, start, end, ctx)
    if not strip_stacked:
        return start                              # 某某镇经济发展办公室 keeps its township
    pos, count = start, 0
    for _, s, e in places:
        if start + s != pos:
            break
        pos, count = start + e, count + 1
    if count >= 2 and end - pos >= 2 and len(leftover(text[pos:end], ctx)[0]) >= 2:
        start = pos
    return after_township(text, start, end, ctx)


def after_township(text: str, start: int, end: int, ctx: RuleContext) -> int:
    """After a township prefix (某某镇某某公司), unless a larger place the gazetteer knows starts
    there and covers it (桐乡市经信局: 桐乡 is a city, not a 乡)."""
    township = TOWNSHIP_RE.match(text, start, end)
    if township is None or township.group().endswith("小镇"):
        return start                              # 某尚小镇人才公寓二期工程: a 特色小镇 is no township
    found = ctx.places.find(text[start:end])
    if found and found[0][1] == 0 and found[0][0].level in ("city", "county") and start + found[0][2] >= township.end() - 1:
        return start
    return township.end()


def leftover(prefix: str, ctx: RuleContext) -> tuple[str, bool]:
    """The part of ``prefix`` that is neither generic, a number nor a place; and whether a place was seen."""
    cached = ctx.memo.get(prefix)
    if cached is None:
        if len(ctx.memo) > 200_000:
            ctx.memo.clear()
        cached = ctx.memo[prefix] = _leftover(prefix, ctx)
    return cached


def _leftover(prefix: str, ctx: RuleContext) -> tuple[str, bool]:
    rest = NUMBER_RE.sub("", prefix).replace("(", "").replace(")", "")   # (二)重大项目: an outline number
    without = _without_places(rest, ctx)
    return ctx.generic_re.sub("", without), len(without) < len(rest)


def ends_collective(prefix: str, ctx: RuleContext) -> bool:
    """Whether a project prefix is a collective mention: it ends in a collective modifier
    (重大, 人才, 技改 …), not a facility noun, and nothing proper stands before it."""
    if prefix.endswith(FACILITY_ENDS):
        return False
    prefix = _without_trailing_industry(prefix, ctx)        # 省重大集成电路项目 is 省重大项目 too
    word = longest_ending(prefix, ctx.words("collective"))
    if word is None:
        return False
    owner = prefix[: -len(word)]
    while (word := longest_ending(owner, ctx.words("collective"))) is not None:
        owner = owner[: -len(word)]              # 最大单体外资项目, 高能级外资项目: modifiers in a row
    return len(leftover(owner, ctx)[0]) < 2 or owner.endswith(OWNER_ENDS)   # 某开发区重大项目


def _without_trailing_industry(prefix: str, ctx: RuleContext) -> str:
    """``prefix`` without the industry words it ends with, when a collective modifier stands
    right before them (重大集成电路 → 重大); otherwise unchanged."""
    rest = prefix
    while (word := longest_ending(rest, ctx.words("industry"), 8)) is not None and len(word) < len(rest):
        rest = rest[: -len(word)]
        if longest_ending(rest, ctx.words("collective")) is not None:
            return rest
    return prefix


def longest_ending(text: str, words: frozenset[str], longest: int = 16) -> str | None:
    """The longest word of ``words`` (at most ``longest`` characters) that ``text`` ends with."""
    for n in range(min(len(text), longest), 0, -1):
        if text[-n:] in words:
            return text[-n:]
    return None


def acceptable(prefix: str, rule: SuffixRule, ctx: RuleContext) -> bool:
    """Whether ``prefix`` + suffix is a name rather than a generic mention (remembered: the
    same prefix is asked again by ``bridge_modifier`` and for every repeated name)."""
    key = ("acceptable", prefix, rule.suffix)
    found = ctx.memo.get(key)
    if found is None:
        if len(ctx.memo) > 200_000:
            ctx.memo.clear()
        found = ctx.memo[key] = _acceptable(prefix, rule, ctx)
    return found


def _acceptable(prefix: str, rule: SuffixRule, ctx: RuleContext) -> bool:
    if len(prefix) < rule.min_prefix or (rule.exclude_prev and prefix[-1] in rule.exclude_prev) or prefix.endswith("·"):
        return False                              # 区县·园区: a column's heading
    if prefix in LEVELS:
        return rule.place_prefix_ok or rule.generic_ok   # 市发改委, 区科技局: the level stands for the place
    if rule.suffix == "集团" and prefix[:1] in LEVELS and 3 <= len(prefix) <= 4 and not ctx.stops_inside(prefix[1:]):
        return True                               # 区科创集团, 县国投集团: a government's own group
    if rule.no_digits and any(c.isdigit() for c in prefix):
        return False                              # 12英寸晶圆厂: a kind of plant
    if rule.facility and not prefix.endswith(PHASES) and not prefix.endswith(FACILITY_ENDS + WORKS_ENDS):
        return False                              # 一号工程, 民心工程: slogans, not works
    if COUNTED_END_RE.search(prefix):
        return False                              # 某园两大项目, 三个小镇: a count, not a name
    if rule.type == "Project" and (prefix[-1] in VERB_BEFORE_PROJECT or prefix.endswith("类")
                                   or CAPITAL_ORIGIN_RE.match(prefix)):
        return False                              # 跑项目 (a verb and its object), 装备类项目, 韩资光学膜项目 (a kind)
    if rule.type == "Project" and is_park_phase(prefix + rule.suffix, ctx):
        return False                              # 某某产业园一期: a phase of the park, not a project
    if prefix + rule.suffix in ctx.words("generic"):
        return False
    if rule.suffix in ZONE_BODIES and prefix in ctx.words("nouns"):
        return False                              # 能协调的事情管委会都帮: a common noun is no zone
    if rule.generic_ok and prefix not in ctx.words("generic") and \
            ctx.last_stop_end(prefix, 0, len(prefix), skip_adjacent=rule.verb_modifier) == 0:
        return True                               # no stop word but a verb next to the suffix (某区建设局)
    if rule.type == "Project" and ends_collective(prefix, ctx):
        return False
    if rule.suffix in UNIT_SUFFIXES and industry_named(prefix, ctx) and _without_places(prefix, ctx) == prefix:
        return False                              # 磁材研究院, 特种纸联合实验室: a firm's unit named by its trade
    if rule.type == "Project" and (facility := longest_ending(unphased := _without_phase(prefix), FACILITY_WORDS)) \
            and industry_named(unphased[: -len(facility)], ctx):
        return True                               # 智能照明产业园项目, 智能制造基地三期项目: a facility named by its trade
    rest, has_place = leftover(prefix, ctx)
    if len(rest) >= 2 or (len(rest) == 1 and has_place):
        return True
    if rule.type == "Park" and len(rest) <= 1 and industry_named(prefix, ctx):
        return True                               # 人工智能小镇, 信息港小镇: platforms are named by their industry
    if not has_place:
        return False
    placeless = _without_places(prefix, ctx)
    if rule.type == "Park" and (placeless in ctx.words("industry")
                                or rule.suffix in BUILDING_PARKS and 2 <= len(placeless) <= 4 and not ctx.stops_inside(placeless)):
        return True                               # 某清电气科创园, 瑞安智造科创中心: a place and its trade
    if rule.suffix in UNIT_SUFFIXES and industry_named(placeless, ctx):
        return True                               # 缙云智能制造研究院: a place's institute of a trade
    if rule.suffix == "厂" and _place_then_product(prefix, placeless, ctx):
        return True                               # 宁波机床厂, 某县第二造纸厂: a state factory named by place and product
    if placeless.endswith("级"):
        return False                              # 浙江省五星级小微企业园: a rating, not a name
    if rule.suffix.endswith(LEGAL_ENDS) and len(placeless) >= 2:
        return True                               # 某市某区产业发展集团有限公司: a registered name
    business = placeless[len(zone):] if (zone := next((z for z in ZONE_KINDS if placeless.startswith(z)), "")) else placeless
    if rule.suffix == "集团" and 2 <= len(business) <= 4 and not ctx.stops_inside(business):
        return True                               # 某盐县城投集团, 某水经开区城投集团: a local government's or zone's group
    return rule.place_prefix_ok or (rule.type == "Project" and _without_phase(prefix).endswith(FACILITY_ENDS))   # 某兴经开区科创大厦二期工程


def _place_then_product(prefix: str, placeless: str, ctx: RuleContext) -> bool:
    """Whether ``prefix`` starts with a place and, without its places (``placeless``), has 2–5
    characters with no stop word (宁波 + 机床)."""
    return leading_place(prefix, ctx) > 0 and 2 <= len(placeless) <= 5 and not ctx.stops_inside(placeless)


def industry_named(prefix: str, ctx: RuleContext) -> bool:
    """Whether ``prefix`` (without places) is three or more characters made only of industry
    words and platform words (``park_content``): 人工智能, 信息港, 新能源汽车零部件; not 特色, 该, 省级."""
    bare = _without_places(prefix, ctx)
    if len(bare) < 3:
        return False
    content = ctx.memo.get("park_content_words")
    if content is None:                           # built once per context (the memo may be cleared)
        content = ctx.memo["park_content_words"] = ctx.words("industry") | ctx.words("industry_nouns") | ctx.words("park_content")
    pos = 0
    while pos < len(bare):
        size = next((n for n in range(min(6, len(bare) - pos), 1, -1) if bare[pos:pos + n] in content), 0)
        if not size and bare[pos] not in content:
            return False
        pos += size or 1
    return True


LEVELS = frozenset("省市区县镇乡")
ZONE_KINDS = ("经开区", "高新区", "开发区", "新区")   # a zone's kind after its place (某水经开区城投集团)
LEGAL_ENDS = ("有限公司", "有限责任公司", "股份公司", "(有限合伙)")


def _without_places(prefix: str, ctx: RuleContext) -> str:
    """``prefix`` without the place names in it."""
    for _, s, e in reversed(ctx.places.find(prefix)):
        prefix = prefix[:s] + prefix[e:]
    return prefix


def bridge_modifier(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """Undo a cut at a word used as a modifier of a facility noun (某某未来产业中心项目,
    某某交付中心项目): the cut leaves only generic words ending in a facility noun, and
    real name characters stand before the cut word."""
    prefix = text[cut:sfx_start]
    if cut == walk or not prefix.endswith(FACILITY_ENDS) or acceptable(prefix, rule, ctx):
        return cut
    stop_start = max((walk + s for i, s, e in ctx.stops.find_matches_as_indexes(text[walk:cut])
                      if ctx.stop_words[i] and walk + e == cut), default=cut)
    head = text[walk:stop_start]
    if len(leftover(head, ctx)[0]) >= 2 and not ctx.stops_inside(head):
        return walk
    return cut


OWNER_ENDS = tuple("区城镇园县市省所院局委")
PHASES = ("一期", "二期", "三期", "四期")


def _without_phase(prefix: str) -> str:
    """``prefix`` without a phase at its end (某某人才公寓二期 → 某某人才公寓)."""
    return prefix[:-2] if prefix.endswith(PHASES) else prefix


def is_park_phase(name: str, ctx: RuleContext) -> bool:
    """Whether ``name`` is a park's name with a phase (某某产业园一期): a part of the park."""
    return name.endswith(PHASES) and _ends_with_park(name[:-2], ctx)


def _ends_with_park(prefix: str, ctx: RuleContext) -> bool:
    found = ctx.suffix_end_re.search(prefix)
    return found is not None and ctx.suffix_rules[found.group()].type == "Park"
LIST_BREAK_RE = re.compile("等|、|项目")   # 年产…项目等14个配套项目: the capacity name ends before
# A count right before the suffix makes a collective mention (两大项目, 3个园区, 多家公司, 两轮项目).
UNIT_SUFFIXES = frozenset({"研究院", "实验室", "研究中心"})
BUILDING_PARKS = frozenset({"科创中心", "科创园", "科创港"})   # incubator buildings named by place and a word
VERB_BEFORE_PROJECT = frozenset("跑抓谈盯")
CAPITAL_ORIGIN_RE = re.compile("[外内中韩日德美法英意欧台港澳侨民国]资")   # 韩资光学膜项目: where the money is from
COUNTED_END_RE = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十百几多数]+)[余多]?(?:大|个|项|批|类|家|座|轮|次|间|所|趟|处|串|揽子)$")
AWARD_AFTER_RE = re.compile(r"(?:质量奖|奖|杯|称号)")
LEGAL_FORM_RE = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|株式会社)(?=.)")


def after_subject_company(text: str, walk: int, sfx_start: int) -> int:
    """A project named after its investor's legal name (某某有限公司年产5万吨…项目) starts after
    the legal name (and a bracket right after it); a legal name right before 项目 stays
    (…暨某某有限公司项目)."""
    last = None
    for m in LEGAL_FORM_RE.finditer(text, walk, sfx_start):
        if m.end() < sfx_start:
            last = m
    if last is None:
        return walk
    pos = last.end()
    if text[pos] in "(（":
        close = min((i for i in (text.find(")", pos), text.find("）", pos)) if i > 0), default=-1)
        pos = close + 1 if 0 < close < sfx_start else pos
    return pos


def legal_name_fallback(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A company name cut by a verb inside it down to one character (某松下马达有限公司: 下马)
    or, before a legal form, to no name at all (某某封装材料有限公司: 材料) starts further left:
    after the last stop word before it that leaves a name, never across a one-character
    function word (这家…的集团), a number or a title; the whole run only from a clear edge."""
    if rule.type != "Company" or cut == walk:
        return cut
    legal = rule.suffix.endswith(LEGAL_ENDS)
    if not (rule.verb_modifier and sfx_start - cut < 2) and not (legal and not acceptable(text[cut:sfx_start], rule, ctx)):
        return cut
    stops = [(walk + s, walk + e) for i, s, e in ctx.stops.find_matches_as_indexes(text[walk:cut]) if ctx.stop_words[i]]
    if any(e - s < 2 for s, e in stops) or NUMBER_RE.search(text, walk, cut) or ctx.title_re.search(text, walk, cut):
        return cut
    for start in reversed([x for x in (walk, *(e for _, e in stops)) if x < cut]):
        if sfx_start - start > 12 or start == walk and walk > 0 and text[walk - 1].isalnum():
            break
        if acceptable(text[start:sfx_start], rule, ctx):
            return start
    return cut


def place_led_function_char(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A registered name whose brand holds a function character or a verb within its first
    characters after its place (杭州向某科技有限公司, 浙江立新电气股份有限公司: 向 and 立新 are no
    preposition or verb there) starts at the place."""
    if rule.type != "Company" or not rule.suffix.endswith(LEGAL_ENDS) or cut - walk < 3 or sfx_start - cut < 1:
        return cut
    for size in (1, 2):
        if not brand_stop_word(text[cut - size:cut], ctx):
            continue
        base = ctx.last_stop_end(text, walk, cut - size)     # the edge before the place
        places = ctx.places.find(text[base:cut - size])
        if len(places) == 1 and places[0][1] == 0 and 0 <= cut - size - base - places[0][2] <= 2:
            return base
    return cut


PARTICLES = frozenset("的地得了着过和与及在是等之")
BRACKETED_RE = re.compile(r"(.+?)\([^()]{2,6}\)$")


def bracketed_brand(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A regional company 某某光电(合肥)有限公司 whose brand the cut left less than two name
    characters of (向某光电, 立新电气: 向 read as a preposition, 立新 as a verb) starts at that
    function character or verb, unless it is a particle (的, 和 …) or a time word."""
    found = BRACKETED_RE.match(text, cut, sfx_start)
    if rule.type != "Company" or cut <= walk or found is None or len(leftover(found.group(1), ctx)[0]) >= 2:
        return cut
    for size in (1, 2):
        if cut - size >= walk and brand_stop_word(text[cut - size:cut], ctx):
            return cut - size
    return cut


def brand_stop_word(word: str, ctx: RuleContext) -> bool:
    """Whether ``word`` (one or two characters) is a stop word that may begin a brand: a verb or
    a function character, not a particle (的, 和 …) or a time word (今年)."""
    if word in PARTICLES if len(word) == 1 else word in ctx.words("left_stop"):
        return False
    return any(ctx.stop_words[i] and e - s == len(word) for i, s, e in ctx.stops.find_matches_as_indexes(word))


NOT_BRAND_CHARS = frozenset("后前中时里内外上下的了和与及等新老大小")
"""Characters that, left alone after a verb, make no brand (建成后小镇)."""


def verb_led_brand(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A brand that begins with a two-character verb (的远航湾众创空间: 远航 is read as a stop word
    and leaves one character) starts at the verb when a 的 or a clear edge stands before it."""
    if rule.type not in ("Park", "Company") or sfx_start - cut != 1 or cut - walk < 2 or text[cut] in NOT_BRAND_CHARS:
        return cut
    verb = text[cut - 2:cut]
    found = ctx.stops.find_matches_as_indexes(verb)
    if not any(s == 0 and e == 2 and ctx.stop_words[i] for i, s, e in found):
        return cut
    before = text[cut - 3:cut - 2] if cut >= 3 else ""
    return cut - 2 if not before or before == "的" or not before.isalnum() else cut


JOINT_HEADS = ("大学", "学院", "研究院", "研究所", "公司", "集团")


def across_dash(text: str, walk: int) -> int:
    """Joint bodies are written 某某大学—某某联合研究中心: walk on over the dash when an
    institution's name ends right before it."""
    if walk > 2 and text[walk - 1] in "—-":
        before = walk_left(text, walk - 1, 12)
        if text[before:walk - 1].endswith(JOINT_HEADS):
            return before
    return walk


def after_container_park(text: str, start: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A park named after the park that holds it (某某科技城某某海创园) starts after the
    container's suffix, when what remains is a name itself."""
    prefix = text[start:sfx_start]
    key = ("container", prefix, rule.suffix)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = next((m.end() for m in reversed(list(ctx.suffix_re.finditer(prefix)))
                                      if ctx.suffix_rules[m.group()].type == "Park" and m.end() < len(prefix)
                                      and acceptable(prefix[m.end():], rule, ctx)), 0)
    return start + found


def name_start(text: str, sfx_start: int, rule: SuffixRule, ctx: RuleContext, *, walk: int | None = None) -> int:
    """Where the name ending in the suffix at ``sfx_start`` begins (``walk``: the run start,
    when the caller has it)."""
    walk = walk_left(text, sfx_start, rule.max_prefix) if walk is None else walk
    if rule.type == "Organization":
        walk = across_dash(text, walk)
    if rule.type == "Project":
        walk = after_subject_company(text, walk, sfx_start)
    start = cut_at_stops(text, walk, sfx_start, ctx, skip_adjacent=rule.verb_modifier)
    capacity = text.rfind("年产", walk, sfx_start)
    if rule.type == "Project" and capacity >= 0 and not LIST_BREAK_RE.search(text, capacity, sfx_start):
        # capacity projects are named from 年产 on, or from the company short name before it
        start = start if start < capacity and short_company(text[start:capacity], ctx) else capacity
    start = bridge_modifier(text, walk, start, sfx_start, rule, ctx)
    if rule.type == "Project":
        start = project_after_particle(text, walk, start, sfx_start, rule, ctx)
    if rule.type in CONJUNCTIONS:
        start = across_conjunction(text, walk, start, sfx_start, rule, ctx)
    start = legal_name_fallback(text, walk, start, sfx_start, rule, ctx)
    start = verb_led_brand(text, walk, start, sfx_start, rule, ctx)
    start = place_led_function_char(text, walk, start, sfx_start, rule, ctx)
    start = bracketed_brand(text, walk, start, sfx_start, rule, ctx)
    start = cut_at_places(text, start, sfx_start, ctx, stacked=rule.type not in ("Company", "Project"),
                          strip_stacked=rule.type != "Organization")   # 杭州市某区数据资源管理局 keeps its places
    if rule.type == "Park":
        start = after_container_park(text, start, sfx_start, rule, ctx)
    while start < sfx_start and text[start] in "·&":
        start += 1
    return start


def short_company(name: str, ctx: RuleContext) -> bool:
    """Whether ``name`` has the shape of a company's short name: a brand and an industry word
    (某远精密年产50万套…项目, 某博新能源年产…项目)."""
    found = ctx.brand_prefix_re.fullmatch(name)
    return bool(found) and len(leftover(found.group(1), ctx)[0]) >= 2 and not ctx.stops_inside(found.group(1))


def project_after_particle(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A project name after 的 or 了 whose cut fell on a verb used as a modifier inside it
    (总投资5亿元的高端介入耗材研发生产基地项目, 领衔的mRNA递送平台项目: 介入, 递送) starts after the
    particle: when only such verbs stand between, each followed by two or more name characters,
    none next to another, and what is left is a name."""
    if cut >= sfx_start - 1:
        return cut
    edge = max(text.rfind("的", walk, cut) + 1, text.rfind("了", walk, cut) + 1, _after_project_verb(text, walk, cut, ctx))
    if edge == 0 or edge >= cut or NUMBER_RE.search(text, edge, cut) or ctx.title_re.search(text, edge, cut):
        return cut
    stops = [(edge + s, edge + e) for i, s, e in ctx.stops.find_matches_as_indexes(text[edge:cut])
             if ctx.stop_words[i] and text[edge + s:edge + e] not in CONJUNCTIONS["Project"]]   # 某某中心及某某项目
    verbs, left = ctx.words("verbs"), ctx.words("left_stop")
    if any(text[s:e] not in verbs or text[s:e] in left for s, e in stops) \
            or any(a[1] == b[0] for a, b in zip(stops, stops[1:])):
        return cut                                # a function or time word (首批), or two verbs in a row (投资建设)
    return edge if acceptable(text[edge:sfx_start], rule, ctx) else cut


def _after_project_verb(text: str, walk: int, cut: int, ctx: RuleContext) -> int:
    """End of the last verb in ``text[walk:cut]`` whose object is a project's name (建设, 实施 …), or 0."""
    verbs = ctx.words("project_verbs")
    ends = [walk + e for i, s, e in ctx.stops.find_matches_as_indexes(text[walk:cut])
            if text[walk + s:walk + e] in verbs]
    return max(ends, default=0)


FIELD_ENDS = ("技术", "科学", "工程", "经济", "管理", "信息", "材料", "环境", "能源", "化学", "物理", "电子", "通信", "控制",
              "系统", "装备", "设计", "应用", "安全", "健康", "医学", "生物")
"""Fields of study that institutes and schools join with 与/和 (材料科学与工程学院, 某某技术与系统研究所)."""
CONJUNCTIONS = {"Project": "及", "Organization": "与和"}
"""Conjunctions that may join two fields inside a name of the type (某某总部及研发中心项目,
某某材料技术与工程研究所)."""


def across_conjunction(text: str, walk: int, cut: int, sfx_start: int, rule: SuffixRule, ctx: RuleContext) -> int:
    """A name of two things joined with a conjunction (某某总部及研发中心项目, 某某材料技术与工程研究所)
    starts at the first one's left edge, unless that one ends in a name suffix of its own
    (某某大学与…研究院: two bodies)."""
    if cut - walk < 3 or text[cut - 1] not in CONJUNCTIONS[rule.type] or sfx_start - cut < 2:
        return cut
    first = cut_at_stops(text, walk, cut - 1, ctx)
    head = text[first:cut - 1]
    if len(head) < 2 or ctx.suffix_end_re.search(BRACKET_END_RE.sub("", head)) or NUMBER_RE.search(head):
        return cut
    if rule.type == "Organization" and not head.endswith(FIELD_ENDS) and longest_ending(head, ctx.words("industry"), 4) is None:
        return cut                                # 工作人员迅速与某某局: a clause, not a field of study
    second = text[cut:sfx_start]
    if rule.type == "Organization" and len(leftover(second, ctx)[0]) >= 2 and not second.endswith(FIELD_ENDS):
        return cut                                # 某翎航空与之江实验室: the second one has a name of its own
    return first if acceptable(text[first:sfx_start], rule, ctx) else cut


BRACKET_END_RE = re.compile(r"\([^()]*\)$")
BRACKET_RE = re.compile(r"\(([\u4e00-\u9fff]{2,4})\)")


def is_place(name: str, ctx: RuleContext) -> bool:
    """Whether ``name`` is exactly one place of the gazetteer."""
    found = ctx.places.find(name)
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(name)


INSTITUTION_RE = re.compile("大学|学院|研究院|科学院")
PHASE_RE = re.compile(r"\((?:一|二|三|四|首)期\)")
ISSUER_OFFICE_RE = re.compile(r"办公室\s*\d{4}年\d{1,2}月\d{1,2}日印发")
"""The issuing office on the last line of an official document (公文的版记)."""
PROJECT_TITLES = ("长", "经理")
COUNT_AFTER_RE = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十百几多数]+)[余多]?[个项批]")


def find_suffix_names(text: str, ctx: RuleContext) -> list[Mention]:
    """Every name in ``text`` (already width-folded) that ends in a known suffix."""
    found = []
    for m in ctx.suffix_re.finditer(text):
        rule = ctx.suffix_rules[m.group()]
        if rule.exclude_next and text[m.end():m.end() + 1] in tuple(rule.exclude_next):
            continue
        if rule.exclude_prev and m.start() and text[m.start() - 1] in rule.exclude_prev:
            continue                              # 布局, 展厅: what ``acceptable`` would refuse, decided at once
        if AWARD_AFTER_RE.match(text, m.end()):
            continue                              # 某某市政府质量奖 is an award, not a body
        if rule.suffix in PHASES and text.endswith("项目", 0, m.start()):
            continue                              # 某某项目二期: a phase of the project named before it
        if rule.type == "Project" and (COUNT_AFTER_RE.match(text, m.end()) or text.startswith(PROJECT_TITLES, m.end())):
            continue                              # 新引育高层次人才项目34个: a count; 项目长, 项目经理: a post
        walk = walk_left(text, m.start(), rule.max_prefix)
        if m.start() - walk < rule.min_prefix:
            continue                              # too few name characters before it at all
        start = name_start(text, m.start(), rule, ctx, walk=walk)
        if rule.type == "Company" and text[start:start + 1] == "(" and start > walk:
            start = _before_region(text, walk, start, ctx)
        if rule.type in ("Park", "Organization") and text[start - 2:start] in DIRECTIONS \
                and (start == m.start() or text[start:m.start()] in ctx.suffix_rules):
            start = _place_before_direction(text, start - 2, walk, ctx, start)
        if COUNTED_END_RE.search(text, max(0, start - 8), m.start()):
            continue                              # 等300余家医院: a count before the suffix
        if acceptable(text[start:m.start()], rule, ctx) and not (rule.type == "Park" and counted_before(text, start, m.start(), ctx)):
            kind = rule.type
            if rule.supported:
                kind = supported_type(text, text[start:m.end()], rule, ctx)
                if kind is None:
                    continue
            if kind == "Park" and INSTITUTION_RE.search(text, start, m.start()) and not rule.suffix.endswith("园"):
                kind = "Organization"             # 某江大学杭州国际科创中心: a university's institute
            end = m.end()
            if kind == "Project" and (phase := PHASE_RE.match(text, end)):
                end = phase.end()                 # 某某项目(一期) names the phase
            elif kind == "Organization" and ISSUER_OFFICE_RE.match(text, end):
                end += len("办公室")              # 某某管理委员会办公室 2025年1月10日印发: the issuing office
            elif kind in ("Park", "Organization") and (seat := BRACKET_RE.match(text, end)) and is_place(seat.group(1), ctx) \
                    and seat.group(1)[-1] not in LEVELS:
                end = seat.end()                  # 杭州高新区(滨江), 某某大学浙江研究院(绍兴) name the seat; 某某新区(某东区) pairs two areas
            found.append(Mention(text=text[start:end], start=start, end=end, type=kind,
                                 rule=f"suffix:{rule.suffix}", confidence=rule.confidence))
    return found


DIRECTIONS = ("东部", "西部", "南部", "北部", "中部")
ZONE_BODIES = ("管委会", "管理委员会")


def _before_region(text: str, walk: int, bracket: int, ctx: RuleContext) -> int:
    """The start of a legal name cut right before its region in brackets (某山化成|（杭州）有限公司:
    化成 read as a verb): the word before the bracket belongs to the brand."""
    start = ctx.last_stop_end(text, walk, bracket, skip_adjacent=True)
    return start if bracket - start >= 2 else bracket


def _place_before_direction(text: str, pos: int, walk: int, ctx: RuleContext, start: int) -> int:
    """The start of a place written right before a direction word at ``pos`` (某岭东部新区, 某岭东部
    新区管委会: the direction, right before the zone word, is part of the zone's name), else ``start``."""
    for _, s, e in ctx.places.find(text[walk:pos]):
        if walk + e == pos:
            return walk + s
    return start


def counted_before(text: str, start: int, sfx_start: int, ctx: RuleContext) -> bool:
    """Whether a park named only by its trade follows a determiner or count (建设一批数字经济产业园,
    两个人工智能小镇) or a verb of planning (加快建设具身智能产业园): a kind of platform, or a
    plan, not one platform."""
    prefix = text[start:sfx_start]
    if not industry_named(prefix, ctx):
        return False
    before = text[max(0, start - 3):start]
    if before.endswith(PLAN_VERBS):
        return _without_places(prefix, ctx) == prefix      # 建设杭州某某小镇 names one
    if len(leftover(prefix, ctx)[0]) > 1:
        return False
    clause = CLAUSE_BREAK_RE.split(text[max(0, start - 30):start])[-1]
    return bool(COUNTED_END_RE.search(before)) or before.endswith(DETERMINERS) or \
        (before.endswith("的") and DESCRIBED_RE.search(clause) is not None)


DESCRIBED_RE = re.compile("是|成为|建设成|打造成|建成")
"""A copula before ``…的`` + a trade-named park (是我市重点打造的某某产业集聚区): a description."""
PLAN_VERBS = ("建设", "打造", "规划", "谋划", "筹建", "布局")


DETERMINERS = ("一批", "一些", "该", "各", "这", "那", "每", "这个", "那个", "多个", "这些", "那些", "首个", "一个",
               "其他", "相关", "特色")


def supported_type(text: str, name: str, rule: SuffixRule, ctx: RuleContext) -> str | None:
    """The type of a name whose suffix needs support: ``Place`` when it ends in an administrative
    division (杭州某某新区 with 某某新区 in the place gazetteer), the rule's type when a place
    stands before it or the document uses it twice, else ``None`` (补齐新区短板: a verb phrase)."""
    places = ctx.places.find(name)
    if any(e == len(name) and e - s > len(rule.suffix) and (
            s == 0 or places[0][1] > 0 or name[:s] in entry.parent or entry.parent[:2] in name[:s])
           for entry, s, e in places):
        return "Place"                            # 杭州钱塘新区, not 某兴滨海新区 (滨海新区 is in 天津)
    if (places and places[0][1] == 0) or text.count(name) >= 2:
        return rule.type
    return None
