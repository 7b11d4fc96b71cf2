"""Project sizes as ``Attribute`` records: land area, floor area and annual capacity.

* ``landArea`` / ``floorArea`` — ``总用地面积约3.5万平方米``, ``占地120亩`` (用地/占地: the land),
  ``总建筑面积约18.8万平方米``, ``建筑面积5000多平方米`` (建筑/建面: the floor area). The value is in
  square metres (万 ×10⁴, 亿 ×10⁸; 亩 = 10000/15 m², 公顷 = 10⁴ m², 平方公里 = 10⁶ m², rounded
  to 0.01 m²), ``unit`` is ``平方米`` and the hedge is normalised (约/近/超/余; 多 → 余).
  Parts of an area (``地上/地下建筑面积``, ``一期用地``) and other areas (孵化面积, 产业空间,
  规划面积) are not read.
* ``capacity`` — ``年产7万台全地形车``, ``年产能20GWh``: the quantity produced per year (万, 亿 …
  applied), ``unit`` as written (台, 套, 吨, GWh …; Latin units normalised: GWh, MWh, kWh, GW,
  MW) and ``product`` when the text names it after the unit (trailing 项目, 技改, 生产线, 基地 …
  dropped). ``年产值`` (output value, money) is never a capacity. A project named after its
  capacity (``年产8万吨生物基材料项目``) gets it from its name (rule ``attribute.capacity_in_name``).

The subject is always a project (the same reading as investment amounts,
``kg.relate.attributes``): the project written ``的`` after the figure (``占地120亩的P``), a
project earlier in the clause, the project ``该项目``/``此项目`` stands for, the one project of
the paragraph for a bare ``项目建成后…`` / ``建成后…``, or the project subject of the sentence.
Sizes of companies, parks and groups of projects (``12个项目总用地…``) are not attached.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from kg.records import Attribute, Span
from kg.relate import cues
from kg.relate.amounts import hedge, parse_number, plain_number
from kg.relate.attributes import AGGREGATE_RE, LEAD_PROJECT_RE
from kg.relate.view import DocView, Hit

_NUM = r"(?P<num>\d+(?:\.\d+)?|[零一二三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?)"
_MULT = r"(?P<more>余|多)?(?P<mult>千万|百万|万|亿)?(?P<more2>余|多)?"
_LEAD = r"(?P<lead>(?:约为|约|近|超过|超|逾|达到|达|可达|将达|为|共|总计|合计|便|就|已|将|可|有|\s)*)"

AREA_RE = re.compile(
    r"(?P<cue>(?:总|净|规划)?(?:用地面积|占地面积|建筑面积|用地|占地|建面))" + _LEAD + _NUM + _MULT
    + r"(?P<unit>平方公里|平方米|平米|公顷|㎡|m²|m2|km²|亩)")
CAPACITY_RE = re.compile(
    r"年(?:设计)?(?:产能|生产能力|产)" + _LEAD + _NUM + _MULT
    + r"(?P<unit>(?i:gwh|mwh|kwh|gw|mw)|千瓦时|兆瓦时|台套|台|套|辆|件|片|颗|只|个|支|条|块|张|部|根|瓶|箱|盒|"
    r"双|粒|枚|组|架|艘|万吨|吨|千克|公斤|平方米|立方米|千升|升|米)"
    r"(?P<product>[\u4e00-\u9fffA-Za-z0-9]{0,30})")
AREA_CUE_RE = re.compile(r"用地|占地|建筑面积|建面")
CAPACITY_CUE_RE = re.compile(r"年(?:设计)?(?:产|生产能力)")
"""Words every area / capacity match contains inside its sentence."""
MULTIPLIERS = {None: 1, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8}
SQUARE_METRES = {"平方米": Decimal(1), "平米": Decimal(1), "㎡": Decimal(1), "m²": Decimal(1), "m2": Decimal(1),
                 "亩": Decimal(10000) / Decimal(15), "公顷": Decimal(10**4), "平方公里": Decimal(10**6),
                 "km²": Decimal(10**6)}
"""Area units in square metres (1 市亩 = 10000/15 m² ≈ 666.67 m²)."""
LATIN_UNITS = {"gwh": "GWh", "mwh": "MWh", "kwh": "kWh", "gw": "GW", "mw": "MW"}
HEDGE_RE = re.compile(r"约|近|超过|超|逾")
PART_BEFORE_RE = re.compile(r"(?:地上|地下|期|其中|新增|累计|孵化)$")
"""Before an area cue: a part of the area (``地上``, ``一期``) or another measure."""
NOT_YEAR_RE = re.compile(r"[\d今去明前全当同上近多往历该]$")
"""Before ``年产``: ``2023年产…``, ``去年产…`` are a year's production, not a capacity."""
PRODUCT_CUT_RE = re.compile(
    r"(?:的|项目|生产|产能|规模|能力|以及|及|和|与|等|为|将|可|预计|计划|建成|投产|达产|落户|落地|在|于|，)")
PRODUCT_SUFFIXES = (
    "技术改造", "技改", "改造", "扩建", "扩产", "新建", "建设", "工程", "生产线", "产线", "生产基地", "制造基地",
    "基地", "智能工厂", "工厂", "数字化车间", "智能化车间", "车间", "厂房", "智能制造", "数字化", "智能化",
    "一期", "二期", "三期",
)
BARE_PROJECT_RE = re.compile(r"(?:项目|建成|投产|达产|全面投产|全部投产|全面达产|竣工)[^，,。；;]{0,6}后")
"""A clause opening with ``项目建成后``/``建成后``: the project of the paragraph."""
FOREIGN_RE = re.compile(r"(?:该公司|该企业|该集团|公司|企业|集团)")


def area_value(num: str, mult: str | None, unit: str) -> Decimal:
    """An area in square metres, to 0.01 m².

    >>> [plain_number(area_value(*a)) for a in (("3.5", "万", "平方米"), ("120", None, "亩"), ("3.5", None, "亩"))]
    ['35000', '80000', '2333.33']
    """
    value = parse_number(num) * MULTIPLIERS[mult] * SQUARE_METRES[unit]
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def product_name(raw: str) -> str | None:
    """The product after a capacity unit: cut at ``的``/``项目``/``生产规模`` …, trailing words of
    the project kind dropped.

    >>> product_name("全地形车的生产规模"), product_name("定制家居数字化车间技改项目"), product_name("")
    ('全地形车', '定制家居', None)
    """
    m = PRODUCT_CUT_RE.search(raw)
    name = raw[:m.start()] if m else raw
    changed = True
    while changed and name:
        changed = False
        for suffix in PRODUCT_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name, changed = name[:-len(suffix)], True
    return name if len(name) >= 2 and not name.isdigit() else None


def _hedge(m: re.Match[str]) -> str | None:
    words = HEDGE_RE.findall(m.group("lead"))
    return hedge(words[-1] if words else (m.group("more") or m.group("more2")))


def _opening(view: DocView, c_start: int, c_end: int) -> Hit | None:
    """The mention or resolved place word (``园区``) opening a clause, after time words."""
    m = cues.TIME_PREFIX_RE.match(view.text, c_start, c_end)
    at = m.end() if m else c_start
    places = view.places_in(at, c_end)
    return view.hit_at(at) or (places[0] if places and places[0].start == at else None)


def _target(view: DocView, sent: Span, start: int, end: int) -> tuple[Hit, float] | None:
    """The project a figure at ``start:end`` describes and the confidence of that reading."""
    c_start, c_end = view.clause_at(start, sent)
    if AGGREGATE_RE.search(view.text, c_start, start) or FOREIGN_RE.match(view.text, c_start):
        return None
    opening = _opening(view, c_start, c_end)
    if opening is not None and opening.start < start and opening.type != "Project":
        return None                       # 云溪小镇占地3平方公里, 园区占地…: another subject
    m = re.match(r"(?:的|，建设|,建设|建设的)", view.text[end:end + 5])
    if m:
        nxt = view.hit_at(end + m.end())
        if nxt is not None and nxt.type == "Project":
            return nxt, 0.75
    inside = view.hits_in(c_start, start, "Project")
    if inside:
        return inside[-1], 0.75
    if LEAD_PROJECT_RE.match(view.text, c_start) or LEAD_PROJECT_RE.match(view.text, sent.start):
        story = view.story_at(start)
        found = view.last_before(start, "Project", floor=max(story.start, start - 600))
        return (found, 0.7) if found is not None else None
    if BARE_PROJECT_RE.match(view.text, sent.start) or BARE_PROJECT_RE.match(view.text, c_start):
        p_start, _ = view.paragraph_at(start)
        projects = {h.id: h for h in view.hits_in(p_start, start, "Project")}
        return (list(projects.values())[-1], 0.65) if len(projects) == 1 else None
    subject = view.subject(start)
    if subject is not None and subject.type == "Project":
        return subject, 0.7
    before = view.hits_in(sent.start, start, "Project")
    if before and not view.hits_in(before[-1].end, start, "Company", "Project", "Park", "Organization") \
            and not AGGREGATE_RE.search(
            view.text, before[-1].end, start):
        return before[-1], 0.7
    return None


def areas(view: DocView) -> list[Attribute]:
    """Land and floor areas attached to the project they describe."""
    out = []
    for sent in view.sentences_matching(AREA_CUE_RE):
        for m in AREA_RE.finditer(view.text, sent.start, sent.end):
            if PART_BEFORE_RE.search(view.text, max(sent.start, m.start() - 2), m.start()):
                continue
            if view.inside_mention(m.start(), m.start() + 1):
                continue
            try:
                value = area_value(m.group("num"), m.group("mult"), m.group("unit"))
            except (ValueError, KeyError, ArithmeticError):
                continue
            found = _target(view, sent, m.start(), m.end())
            if found is None:
                continue
            name = "floorArea" if "建" in m.group("cue") else "landArea"
            out.append(Attribute(subject=found[0].id, name=name, value=plain_number(value), unit="平方米",
                                 qualifier=_hedge(m), evidence=sent, rule=f"attribute.{_snake(name)}",
                                 confidence=found[1]))
    return out


def _capacity(m: re.Match[str]) -> tuple[str, str, str | None] | None:
    """(value, unit, product) of a capacity match, or ``None`` when it is not one."""
    try:
        value = parse_number(m.group("num")) * MULTIPLIERS[m.group("mult")]
    except (ValueError, KeyError, ArithmeticError):
        return None
    unit = m.group("unit")
    if unit == "万吨":
        value, unit = value * 10**4, "吨"
    unit = LATIN_UNITS.get(unit.lower(), unit)
    return plain_number(value), unit, product_name(m.group("product"))


def _product_end(view: DocView, m: re.Match[str]) -> int:
    """Where the product of a capacity ends: before the first mention after the unit."""
    after = view.first_after(m.start("product"), ceil=None)
    return min(m.end(), after.start) if after is not None else m.end()


def capacities(view: DocView) -> list[Attribute]:
    """Annual capacities read in sentences, attached to the project they describe."""
    out = []
    for sent in view.sentences_matching(CAPACITY_CUE_RE):
        for m in CAPACITY_RE.finditer(view.text, sent.start, sent.end):
            if NOT_YEAR_RE.search(view.text, max(0, m.start() - 1), m.start()):
                continue
            if view.inside_mention(m.start(), m.start() + 1):
                continue                              # read from the project's name below
            m = CAPACITY_RE.match(view.text, m.start(), _product_end(view, m)) or m
            fact = _capacity(m)
            end = m.start("product") + len(fact[2] or "") if fact else m.end()
            found = _target(view, sent, m.start(), end) if fact else None
            if fact is None or found is None:
                continue
            value, unit, product = fact
            out.append(Attribute(subject=found[0].id, name="capacity", value=value, unit=unit, product=product,
                                 qualifier=_hedge(m), evidence=sent, rule="attribute.capacity",
                                 confidence=found[1]))
    return out


def named_capacities(view: DocView) -> list[Attribute]:
    """The capacity a project's name states (``年产2000万套汽车轴承项目``), with the sentence
    of its first mention as evidence."""
    out = []
    for entity in view.entities:
        if entity.type != "Project":
            continue
        for mention in sorted(entity.mentions, key=lambda s: s.start):
            m = CAPACITY_RE.search(view.text, mention.start, mention.end)
            if m is None or (m.start() > mention.start and NOT_YEAR_RE.search(view.text, m.start() - 1, m.start())):
                continue
            fact = _capacity(m)
            if fact is None:
                continue
            sent = view.sentence_at(mention.start)
            if not (sent.start <= mention.start and mention.end <= sent.end):
                sent = Span(text=mention.text, start=mention.start, end=mention.end)
            value, unit, product = fact
            out.append(Attribute(subject=entity.id, name="capacity", value=value, unit=unit, product=product,
                                 qualifier=_hedge(m), evidence=sent, rule="attribute.capacity_in_name",
                                 confidence=0.8))
            break
    return out


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _unique(attrs: list[Attribute]) -> list[Attribute]:
    """One fact per (project, name, value, unit), the earliest; a product read later fills in
    a missing one."""
    best: dict[tuple, Attribute] = {}
    for a in sorted(attrs, key=lambda a: a.evidence.start):
        key = (a.subject, a.name, a.value, a.unit)
        if key not in best:
            best[key] = a
        elif best[key].product is None and a.product is not None:
            best[key] = replace(best[key], product=a.product)
    return list(best.values())


def project_sizes(view: DocView) -> list[Attribute]:
    """Every land area, floor area and capacity of the document's projects, in text order."""
    return _unique(areas(view) + capacities(view) + named_capacities(view))


__all__ = ["project_sizes", "areas", "capacities", "named_capacities", "area_value", "product_name",
           "AREA_RE", "CAPACITY_RE"]
