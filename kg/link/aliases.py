"""Names of one entity: short names derived from full names, and declared aliases
(``某某公司（以下简称“某某”）``)."""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import short_company, is_park_phase
from kg.nlp.textutil import CJK
from kg.records import Mention

DECLARED_RE = re.compile(
    r"\s*[（(，,]\s*(?:[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9 .&'\-]{1,40}[，,]\s*)?"   # a Latin original first
    r"(?:以下简称|以下称|下称|简称|原名|原)\s*[:：]?\s*[“\"「『]?"
    rf"([{CJK}A-Za-z0-9·&]{{2,16}})[”\"」』]?\s*[）)，,]")   # （以下简称“X”）, or ，以下简称“X”， in a bracket
REGION_RE = re.compile(rf"[（(][{CJK}]{{2,4}}[）)]")
RANK_RE = re.compile("国家级|省级|市级|区级|县级")
ZONE_ABBREVIATIONS = (("经济技术开发区", "经开区"), ("经济开发区", "经开区"), ("高新技术产业开发区", "高新区"),
                      ("高新技术产业园区", "高新区"), ("综合保税区", "综保区"))
"""The standard short forms of the kinds of zone (longest first)."""
PARK_SUFFIXES = ("特色小镇", "小镇", "新城", "智慧城", "科技城")


def declared_alias(text: str, m: Mention) -> str | None:
    """The alias declared right after mention ``m`` (以下简称“X”), or its former name (（原X）), if any."""
    found = DECLARED_RE.match(text, m.end)
    return found.group(1) if found else None


def place_steps(name: str, ctx: RuleContext) -> list[str]:
    """``name`` without its first place, without its first two places, … while two or more
    characters are left (湖州吴兴某某园区 → 吴兴某某园区, 某某园区)."""
    steps = []
    while (found := ctx.places.find(name)) and found[0][1] == 0 and len(name) - found[0][2] >= 2:
        name = name[found[0][2]:]
        steps.append(name)
    return steps


def strip_places(name: str, ctx: RuleContext) -> str:
    """``name`` without the place names it starts with (杭州某某 → 某某)."""
    steps = place_steps(name, ctx)
    return steps[-1] if steps else name


def _endings(name: str, words: frozenset[str]) -> list[int]:
    """Lengths of the words of ``words`` that ``name`` ends with, longest first, leaving ≥ 2 characters."""
    return [n for n in range(min(8, len(name) - 2), 0, -1) if name[-n:] in words]


def _strip_end(name: str, words: frozenset[str]) -> str:
    found = _endings(name, words)
    return name[: -found[0]] if found else name


def _industry_cuts(form: str, ctx: RuleContext) -> list[str]:
    """``form`` with each industry word it ends in removed, repeatedly (微电子 and 电子 both)."""
    out, todo = [], [form]
    while todo:
        current = todo.pop()
        for n in _endings(current, ctx.words("industry")):
            shorter = current[:-n]
            if shorter not in out:
                out.append(shorter)
                todo.append(shorter)
    return out


def company_aliases(name: str, ctx: RuleContext) -> list[str]:
    """Short names of a company: place prefix, region in brackets, legal form and industry
    words removed (杭州某某电子股份有限公司 → 某某电子, 某某)."""
    core = _strip_end(REGION_RE.sub("", name), ctx.words("legal_forms"))
    bare = strip_places(core, ctx)
    brands = _industry_cuts(bare, ctx)
    out = [core, bare, *brands, strip_places(name, ctx)]    # 美国某某工具公司 is also 某某工具公司
    if "集团" in name:                      # 某某科技集团 is also written 某某集团
        out += [b + "集团" for b in (bare, *brands) if not b.endswith("集团")]
    return [a for a in dict.fromkeys(out) if a != name and _usable(a, ctx) and _has_brand(a, ctx)]


ZONE_WORDS = ("经开区", "高新区", "开发区", "新区", "园区", "新城")


def _has_brand(alias: str, ctx: RuleContext) -> bool:
    """Whether a company alias keeps something of its own: not only business words (城投集团,
    国投集团 of 某县城投集团), nor a zone's bare kind in front (经开区城投集团 of 某水经开区城投集团)."""
    if alias.startswith(ZONE_WORDS):
        return False
    return len(ctx.generic_re.sub("", alias).replace("集团", "")) >= 2


def legal_core(name: str, ctx: RuleContext) -> str:
    """A legal name without its legal form: 某某股份有限公司 and 某某有限公司 share it."""
    return _strip_end(REGION_RE.sub("", name), ctx.words("legal_forms"))


ORG_OWN_NAMES = ("大学", "学院", "研究院", "研究所", "医院", "学校", "中学", "小学", "科学院", "工程院")
"""Bodies whose name without its middle names another body (某州大学 vs 某州医科大学)."""


def park_aliases(name: str, ctx: RuleContext) -> list[str]:
    """Short names of a park: without place prefix (杭州某某新城 → 某某新城) and, for town-like
    platforms, without the suffix (某某小镇 → 某某) when that is not a place or a common word."""
    steps = place_steps(name, ctx)
    out = [steps[-1] if steps else name, *steps[:-1]]   # 某某园区, and 吴兴某某园区 of 湖州吴兴某某园区
    for long, short in ZONE_ABBREVIATIONS:
        if name.endswith(long) and len(name) > len(long):
            out.append(name[: -len(long)] + short)     # 某兴经济技术开发区 is written 某兴经开区
            break
    unranked = RANK_RE.sub("", name)
    if unranked != name:
        out.append(unranked)                 # 某地省级某某产业园区 is also written 某地某某产业园区
    for suffix in PARK_SUFFIXES:
        if out[0].endswith(suffix):
            out.append(out[0][: -len(suffix)])
            break
    if not name.endswith(ORG_OWN_NAMES):
        out.append(_without_middle(out[0], ctx))   # not 某州医科大学 → 某州大学: another body
    return [a for a in dict.fromkeys(out) if a != name and _usable(a, ctx)]


def _without_middle(name: str, ctx: RuleContext) -> str:
    """A park name without the generic words between its brand and its suffix
    (某川智能制造科创园 → 某川科创园)."""
    found = ctx.suffix_end_re.search(name)
    if not found or found.start() < 4:
        return name
    head = name[: found.start()]
    brand = ctx.generic_re.sub("|", head).split("|")[0]
    middle = head[len(brand):]
    if len(brand) >= 2 and middle and not ctx.generic_re.sub("", middle):
        return brand + found.group()
    return name


def _short_before_suffix(alias: str, ctx: RuleContext) -> bool:
    """Whether ``alias`` is one character plus a name suffix (新城 from 某新城 is no name)."""
    found = ctx.suffix_end_re.search(alias)
    return bool(found) and 0 < found.start() < 2


def _starts_with_suffix(alias: str, ctx: RuleContext) -> bool:
    """Whether ``alias`` starts with an institution word (大学湖畔实验室 from 浙江大学湖畔实验室:
    the place belonged to the university's name)."""
    return any(alias.startswith(w) for w in ("大学", "学院", "研究院", "研究所", "医院", "银行"))


def _usable(alias: str, ctx: RuleContext) -> bool:
    """An alias is usable when it has ≥ 2 characters and is not a place, a generic word or
    a common word of the dictionary (东方 of 东方某某集团)."""
    if len(alias) < 2 or alias in ctx.words("generic") or alias in ctx.words("industry") \
            or alias in ctx.words("nouns") or alias in ctx.words("verbs") \
            or _short_before_suffix(alias, ctx) or _starts_with_suffix(alias, ctx) \
            or (alias in ctx.suffix_rules and len(alias) < 4):
        return False
    return not any(e - s == len(alias) for _, s, e in ctx.places.find(alias))


def derived_aliases(name: str, kind: str, ctx: RuleContext) -> list[str]:
    """Short names derived from a full name of type ``kind`` (remembered per name)."""
    key = ("aliases", name, kind)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _derived_aliases(name, kind, ctx)
    return list(found)


def project_aliases(name: str, ctx: RuleContext) -> list[str]:
    """A project's name without 项目 (某某热管理系统项目 → 某某热管理系统) or, for a phase's works,
    without 工程 (某某人才公寓三期工程 → 某某人才公寓三期), and without the investor's short name
    before its capacity (某远精密年产50万套…项目 → 年产50万套…项目)."""
    out = []
    capacity = name.find("年产")
    if capacity > 0 and short_company(name[:capacity], ctx):
        out.append(name[capacity:])
    if name.endswith(DROPPED_ENDS) and _usable(name[:-2], ctx) and not is_park_phase(name[:-2], ctx):
        out.append(name[:-2])
    return out


DROPPED_ENDS = ("项目", "一期工程", "二期工程", "三期工程", "四期工程")
"""Endings whose last two characters a project's name is also written without (…项目, …三期工程)."""


def _derived_aliases(name: str, kind: str, ctx: RuleContext) -> list[str]:
    if kind == "Company":
        return company_aliases(name, ctx)
    if kind in ("Park", "Organization"):
        return park_aliases(name, ctx)
    if kind == "Project":
        return project_aliases(name, ctx)
    if kind == "Person" and "·" in name:     # 马库斯·某某 is later written by the family name alone
        family = name.rsplit("·", 1)[1]
        return [family] if len(family) >= 2 else []
    if kind == "Place":                      # 杭州某某新区 is also written 某某新区
        bare = strip_places(name, ctx)
        return [bare] if bare != name and len(bare) >= 3 else []
    return []
