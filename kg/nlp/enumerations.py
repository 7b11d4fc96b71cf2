"""Names from enumerations, quotes and foreign names with their original in brackets.

- ``A、B、C等N家企业`` / ``A、B、C3家整车企业`` / ``2家上市企业A和B``: the items are companies;
- ``A、B、C等`` with one member known elsewhere: the others share its type (``list_runs``, used
  by the link stage);
- ``“某某”正式签约`` / ``“某某”将作为…项目``: a quoted name marked as a project by its verb.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import FACILITY_ENDS, acceptable, cut_at_stops, leading_place, leftover, walk_left
from kg.nlp.textutil import CJK, CLAUSE_BREAK_RE, words_regex
from kg.records import Mention

ITEM = rf"[{CJK}A-Za-z0-9·&]{{2,12}}?"
BRACKETED_ITEM = rf"{ITEM}(?:\([A-Za-z][A-Za-z .&'-]{{1,30}}\))?"   # 某某（Latin）: the original name
COUNT = r"(?:\d+|[一二三四五六七八九十几数]+)[余多]?(?:家|个|批)"
COUNTED_RE = re.compile(COUNT)
LIST_RE, BRACKETED_LIST_RE = (re.compile(rf"((?:{item}、)*(?:{item}(?:和|及|以及))?{item})(?:(等)?{COUNT}|(等))")
                              for item in (ITEM, BRACKETED_ITEM))
"""Lists of names, and (tried only where a bracket stands) of names with their originals."""
HEAD_BEFORE_RE = re.compile(
    rf"(?:企业|公司|品牌)(?:有|包括|如)?(?!产品|业务|主营|主要)"      # 公司产品主要面向A和B: the firm's products
    rf"((?:{BRACKETED_ITEM}、)*{BRACKETED_ITEM}(?:和|及|以及){BRACKETED_ITEM})(?=[都均等，。；也分,;])")
RUN_RE = re.compile(rf"((?:{BRACKETED_ITEM}、)+(?:{BRACKETED_ITEM}(?:和|及|以及))?{BRACKETED_ITEM})(?=等|[，。；…,;])")
# (not before 、: 分会场项目：磁材、五金… lists trades)
APPOSITIVE_RE = re.compile(rf"(?:项目|工程)(?:——|—|：|:)([{CJK}A-Za-z0-9·]{{2,12}})(?=[。，；！\n,;!])")
PROJECT_HEAD_RE = re.compile(r"^[^，。；！？\n,;!?]{0,12}?(?:项目)")
QUOTED_RE = re.compile(rf"[“\"]([{CJK}A-Za-z0-9·&]{{2,16}})[”\"]")
ASPECT_RE = re.compile("[着了过]")       # aspect particles only follow verbs
PROJECT_WORDS = ("项目", "工程", "技改", "基地", "中心")


def _has_company_head(text: str, end: int, ctx: RuleContext, counted: bool) -> bool:
    """Whether a company head noun (企业, 公司 …) follows within 16 characters of the clause
    with only modifiers before it (等国际知名汽车零部件企业), or a counted project head
    (等19个在建项目: companies named by their projects)."""
    window = CLAUSE_BREAK_RE.split(text[end:end + 16], maxsplit=1)[0]
    if PROJECT_HEAD_RE.match(window):
        return counted
    return any(0 <= window.find(h) and _modifies(window[:window.find(h)], ctx)
               for h in ctx.words("org_company_heads"))


def _modifies(gap: str, ctx: RuleContext) -> bool:
    """Whether ``gap`` (between a list and its head noun) only describes the firms: no stop
    word once the head modifiers (知名, 规模以上 …) are taken out, and no word making the items
    kinds of business (光学镜头、光电模组等上下游企业)."""
    return not gap or not ctx.stops_inside(_head_modifier_re(ctx.words("head_modifiers")).sub("", gap)) \
        and not KIND_GAP_RE.search(gap)


KIND_GAP_RE = re.compile("上下游|产业链|配套|相关|各类|同类")


@lru_cache(maxsize=4)
def _head_modifier_re(words: frozenset[str]) -> re.Pattern[str]:
    return words_regex(words)


LATIN_TAIL_RE = re.compile(r"\([A-Za-z][^()]*\)$")
LEADING_RE = re.compile(r"(?:为代表的|为首的|为主的)$")
"""以A、B为代表的一批企业: the words after the last item are no part of it."""


def item_spans(text: str, start: int, end: int, ctx: RuleContext, *, rewalk: bool = True) -> list[tuple[int, int]]:
    """Spans of the items of the enumeration ``text[start:end]`` (、, 和, 及, 以及), without an
    original name in brackets (某某（Vestas）) or a closing 为代表的."""
    if lead := LEADING_RE.search(text, start, end):
        end = lead.start()
    spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^、]+", text[start:end])]
    spans = [(s, e - len(tail.group())) if (tail := LATIN_TAIL_RE.search(text, s, e)) else (s, e) for s, e in spans]
    last_s, last_e = spans[-1]
    joint = re.search(r"(?:以及|和|及)(?=[^和及]{2,12}$)", text[last_s:last_e])
    if joint and joint.start() >= 2:
        spans[-1:] = [(last_s, last_s + joint.start()), (last_s + joint.end(), last_e)]
    return rewalk_first(text, spans, ctx) if rewalk else spans


def good_item(item: str, ctx: RuleContext, *, first: bool = True, typed_by_mate: bool = False) -> bool:
    """An enumeration item that can be a name: 2–12 characters with at least two that are
    neither generic nor a place (长安某某 is fine, 杭州 is not), no verb and no count; the first
    item, whose left edge was guessed, not even a one-character function word (奥的斯 may
    follow). An item typed only by a list mate (``typed_by_mate``) is no common noun either:
    制造、运营和培训企业 lists sectors (a head noun such as 3家整车企业 vouches for 吉利)."""
    if COUNTED_RE.search(item) or typed_by_mate and item in ctx.words("nouns"):
        return False
    rest, _ = leftover(item, ctx)
    named = len(rest) >= 2 or _place_led_brand(item, ctx)
    return 2 <= len(item) <= 12 and named and not ctx.stops_inside(item, min_len=1 if first else 2) \
        and not ASPECT_RE.search(item) and not item.endswith(PROJECT_WORDS) and not item.endswith(("公司", "集团"))


def _place_led_brand(item: str, ctx: RuleContext) -> bool:
    """A place followed by an industry word names a company in a list (某安汽车 after 长安)."""
    place = leading_place(item, ctx)
    return place > 0 and len(item) - place >= 2


def _items(text: str, start: int, end: int, ctx: RuleContext, rule: str, *, rewalk: bool = True) -> list[Mention]:
    """The items as companies; a list with a head noun before it must be all names."""
    spans = item_spans(text, start, end, ctx, rewalk=rewalk)
    good = [(s, e) for i, (s, e) in enumerate(spans) if good_item(text[s:e], ctx, first=i == 0 or not rewalk)]
    if not rewalk and len(good) < len(spans):
        return []
    return [Mention(text=text[s:e], start=s, end=e, type="Company", rule=rule, confidence=0.7) for s, e in good]


ANCHOR_RE = re.compile(rf"等(?:{COUNT})?|{COUNT}")    # 等, 等3家 or 3家 (等 first: cheaper to scan)


SEPARATOR_RE = re.compile("[、和及]")
CLAUSE_END_RE = re.compile(r"[，。；！？：\n,;!?:]")


def clause_starts(text: str) -> list[int]:
    """Positions right after each clause boundary (lists never cross one)."""
    return [0] + [m.end() for m in CLAUSE_END_RE.finditer(text)]


def _clause_start(starts: list[int], pos: int) -> int:
    return starts[bisect_right(starts, pos) - 1]


def _list_matches(text: str) -> list[re.Match[str]]:
    """``LIST_RE`` matches, searched only in the clause before each anchor (等 or a count):
    the regex alone would try every position of the text."""
    out, floor, starts = [], 0, clause_starts(text)
    for anchor in ANCHOR_RE.finditer(text):
        lo = max(floor, anchor.start() - 80, _clause_start(starts, anchor.start()))
        if anchor.group() == "等" and not SEPARATOR_RE.search(text, lo, anchor.start()):
            continue                              # one item and no count: never a list we use
        list_re = BRACKETED_LIST_RE if "(" in text[lo:anchor.start()] else LIST_RE
        m = list_re.search(text, lo, anchor.end())
        while m and m.end() != anchor.end():
            m = list_re.search(text, m.end(), anchor.end()) if m.end() < anchor.end() else None
        if m:
            out.append(m)
            floor = m.end()
    return out


def enumerations(text: str, ctx: RuleContext) -> list[Mention]:
    """Items of ``A、B、C等N家企业`` (head after) and ``N家企业A和B`` (head before) lists."""
    out = []
    for m in _list_matches(text):
        several = "、" in m.group(1) or re.search("和|及", m.group(1))
        counted = m.group(3) is None
        if (several or (counted and m.group(2))) and _has_company_head(text, m.end(), ctx, counted):
            out += _items(text, m.start(1), m.end(1), ctx, "enumeration.head_after")
    for m in HEAD_BEFORE_RE.finditer(text):
        if not ctx.generic_re.match(m.group(1)):      # 企业配套某某和某某: a verb phrase, not names
            out += _items(text, m.start(1), m.end(1), ctx, "enumeration.head_before", rewalk=False)
    return out


LATIN_BRACKET_RE = re.compile(r"\([A-Za-z][A-Za-z .&'-]{1,40}\)")


def foreign_brands(text: str, ctx: RuleContext) -> list[Mention]:
    """A foreign company written with its country and its original name in brackets
    (德国某某史托斯（KARL STORZ）, 奥地利某某飞机（Diamond Aircraft）): country + brand."""
    out = []
    for m in LATIN_BRACKET_RE.finditer(text):
        for size in range(min(6, m.start()), 1, -1):        # the brand: 2–6 characters after the country
            country = ctx.country_before(text, m.start() - size)
            brand = text[m.start() - size:m.start()]
            if country is not None and not ctx.suffix_end_re.search(brand) and not ctx.stops_inside(brand) \
                    and len(leftover(brand, ctx)[0]) >= 2 and re.fullmatch(f"[{CJK}]+", brand):
                out.append(Mention(text=text[country:m.start()], start=country, end=m.start(), type="Company",
                                   rule="foreign.brand", confidence=0.75))
                break
    return out


def list_runs(text: str, ctx: RuleContext, near: list[int] | None = None) -> list[list[tuple[int, int]]]:
    """Every enumeration ``A、B、C等`` as item spans (typed later by a known member); searched
    only in clauses that hold a 、 (and, with ``near``, hold one of those positions). The first
    item's left edge is the run's: ``rewalk_first`` finds the name's edge (done only for runs
    that are used: it is the costly part)."""
    starts, out, done = clause_starts(text), [], set()
    wanted = None if near is None else {_clause_start(starts, p) for p in near}
    for comma in re.finditer("、", text):
        lo = _clause_start(starts, comma.start())
        if lo in done or (wanted is not None and lo not in wanted):
            continue
        done.add(lo)
        end = CLAUSE_END_RE.search(text, comma.end())
        hi = end.end() if end else len(text)
        first = max(lo, comma.start() - 12)      # an item has at most 12 characters
        out += [item_spans(text, m.start(1), m.end(1), ctx, rewalk=False) for m in RUN_RE.finditer(text, first, hi)]
    return out


def rewalk_first(text: str, spans: list[tuple[int, int]], ctx: RuleContext) -> list[tuple[int, int]]:
    """``spans`` with the first item's left edge found again: walked left over name
    characters and cut at the last stop word (the list may start inside a longer run)."""
    s, e = spans[0]
    return [(cut_at_stops(text, walk_left(text, e, 12), e, ctx), e), *spans[1:]]


@lru_cache(maxsize=4)
def _cue_re(cues: frozenset[str]) -> re.Pattern[str]:
    """Project verbs after a quoted name, after optional adverbs (正式签约, 已开工)."""
    return re.compile(f"^[正式已将成功顺利宣布率先]*(?:{words_regex(cues).pattern})")


def quoted_projects(text: str, ctx: RuleContext) -> list[Mention]:
    """Quoted names followed by a project verb (签约, 开工 …), ``作为…项目``, or 项目 when the
    name is a facility (“某某智算中心”项目)."""
    cue_re = _cue_re(ctx.words("project_cues"))
    out = []
    for m in QUOTED_RE.finditer(text):
        after = text[m.end():m.end() + 16]
        clause = CLAUSE_BREAK_RE.split(after, maxsplit=1)[0]
        named_facility = clause.startswith("项目") and m.group(1).endswith(FACILITY_ENDS)
        if _collective(m.group(1), ctx):
            continue                              # “头号项目”落地: a kind of project in quotes
        if cue_re.match(clause) or re.match(r"将?作为[^，。,]{0,8}项目", clause) or named_facility:
            out.append(Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Project",
                               rule="quoted.project_cue", confidence=0.75))
    return out


def _collective(name: str, ctx: RuleContext) -> bool:
    """Whether a quoted name ending in a project suffix is no name by the suffix rules (头号项目)."""
    found = ctx.suffix_end_re.search(name)
    if found is None:
        return False
    rule = ctx.suffix_rules[found.group()]
    return rule.type == "Project" and not acceptable(name[: found.start()], rule, ctx)


def appositive_projects(text: str, ctx: RuleContext) -> list[Mention]:
    """A name in apposition after 项目 (第一个商品房项目——某某花园)."""
    return [Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Project", rule="appositive.project",
                    confidence=0.7)
            for m in APPOSITIVE_RE.finditer(text)
            if len(leftover(m.group(1), ctx)[0]) >= 2 and not NOT_APPOSITIVE_RE.search(m.group(1))]


NOT_APPOSITIVE_RE = re.compile(r"^\d|\d+[月日号]|企业$|企业[^园]|公司|的")   # 一张手绘的地图: a phrase
"""A heading's text after 大项目： (头部企业加速集聚3月) is no project name: firms or a date in it."""


def find_enumerated(text: str, ctx: RuleContext) -> list[Mention]:
    """Names from enumerations, quoted and appositive project names."""
    return enumerations(text, ctx) + quoted_projects(text, ctx) + appositive_projects(text, ctx) + foreign_brands(text, ctx)
