"""Park metrics as dated observations (``Attribute(name="metric")``).

``全年实现规上工业总产值1294.2亿元，同比增长1.1%`` gives two observations of the park the
sentence is about: the level (``规上工业总产值`` = 129420000000 CNY) and its year-on-year change
(``同比增速`` = 1.1 %), both for the period ``全年`` of the year the text or the article date
gives (``kg.relate.periods``).

Precision first:

* the metric is a statistical noun phrase ending in one of ``METRIC_HEADS`` (产值, 增加值, 营收,
  固定资产投资, 制造业投资 …), read back to a boundary word (实现, 完成, 其中, a time word, a
  mention); project investments (``投资6.8亿元的P``, ``总投资50亿元``) never match;
* it belongs to a park: the park opening the clause, else (no other subject) the park the
  paragraph or story is about (``DocView.topic_park``); figures of districts (``全区``), places,
  companies and projects are skipped;
* plans and forecasts (``预计``, ``力争``, ``目标`` …) are skipped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from kg.records import Attribute, Entity, Span
from kg.relate import cues
from kg.relate.amounts import AMOUNT_RE, Amount, find_amounts, hedge, plain_number
from kg.relate.periods import find_periods, find_years, resolve_year
from kg.relate.view import DocView, Hit

METRIC_HEADS = (
    "工业总产值", "工业产值", "总产值", "产值", "工业增加值", "服务业增加值", "增加值", "营业收入", "营收",
    "主营业务收入", "固定资产投资", "制造业投资", "工业投资", "工业性投资", "技改投资", "有效投资",
    "税收收入", "税收", "财政总收入", "一般公共预算收入", "进出口总额", "出口总额", "出口额",
    "实际利用外资", "实际使用外资", "地区生产总值", "社会消费品零售总额",
)
HEAD_RE = re.compile(cues.words_re(METRIC_HEADS) + r"(?:额)?")
MODIFIER_MAX = 10
"""At most this many characters of modifiers before the head (``其他营利性服务业``)."""
STOP_BEFORE_RE = re.compile(
    r"(?:实现|完成|累计|其中|以来|新增|共|达|的|为|是|在|了|和|与|、|[年月份度底初]|季度)$")
"""Words a metric phrase starts after."""
DISTRICT_RE = re.compile(r"(?:全区|全市|全县|全省|全国|全镇|全街道)$")
"""A figure of the whole district or city, not of the park."""
SCALE_NAMES = (("规模以上", "规上"), ("限额以上", "限上"))
VALUE_LEAD_RE = re.compile(r"(?:完成了?|实现了?|达到了?|共计|总计|合计|累计|(?P<over>突破|超过|超)|为)?")
GROWTH_RE = re.compile(
    r"[，,]?\s*(?P<basis>同比|比上年同期|比去年同期|较上年同期|较去年同期|比上年|较上年|环比)?"
    r"(?P<dir>增长了?|增加了?|提高了?|上升了?|下降了?|减少了?|回落了?|增幅达?|增幅为|增速达?|增速为)"
    r"(?P<qual>约|近|超过|超)?(?P<num>\d+(?:\.\d+)?)\s*[%％]")
NEGATIVE = ("下降", "减少", "回落")
FOREIGN_CLAUSE_RE = re.compile(r"(?:该公司|该企业|该集团|该项目|公司|企业的|项目的|户均|家均|亩均|人均)")
"""A clause about a company, a project or a per-unit ratio, not about the park."""
COMPANY_SUBJECT_RE = re.compile(r"这家[^，。；,;]{0,16}?(?:企业|公司|集团)")
"""A sentence about 这家…企业 (the company just described) gives that company's figures."""
SPEECH_END_RE = re.compile(r"(?:介绍|表示|说|指出|透露|称|坦言|提到|告诉记者)$")


@dataclass(frozen=True)
class Figure:
    """One number read for a metric: level (``statistic=None``) or change."""

    value: str
    unit: str
    statistic: str | None
    qualifier: str | None
    rule: str


def metric_name(raw: str) -> str:
    """``规模以上工业总产值`` → ``规上工业总产值`` (the scale words as statistics abbreviate them).

    >>> metric_name("规模以上工业总产值"), metric_name("限额以上消费品零售额")
    ('规上工业总产值', '限上消费品零售额')
    """
    for long, short in SCALE_NAMES:
        raw = raw.replace(long, short)
    return raw


def _phrase_start(view: DocView, head: int, floor: int) -> int | None:
    """Where the metric phrase ending in the head at ``head`` starts; ``None`` when it runs into
    a district word or has no boundary within ``MODIFIER_MAX`` characters."""
    pos = head
    while pos > floor:
        before = view.text[max(floor, pos - 4):pos]
        if DISTRICT_RE.search(before):
            return None
        if STOP_BEFORE_RE.search(before) or not ("\u4e00" <= before[-1] <= "\u9fff"):
            return pos
        if view.hit_ending_at(pos) is not None:
            return pos
        if head - pos >= MODIFIER_MAX:
            return None
        pos -= 1
    return pos


def _phrases(view: DocView, sent: Span) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of every metric phrase in the sentence."""
    for m in HEAD_RE.finditer(view.text, sent.start, sent.end):
        start = _phrase_start(view, m.start(), sent.start)
        if start is not None and not view.inside_mention(m.start(), m.end()):
            yield start, m.end(), metric_name(view.text[start:m.end()].removesuffix("额"))


def _level(text: str, pos: int, end: int) -> tuple[Amount, int] | None:
    """The money amount right after a metric phrase (``…产值达75.02亿元``) and where it ends."""
    lead = VALUE_LEAD_RE.match(text, pos, end)
    m = AMOUNT_RE.match(text, lead.end() if lead else pos, end)
    found = find_amounts(text, m.start(), m.end()) if m else []
    if not found:
        return None
    if lead and lead.group("over") and not found[0].qualifier:   # 突破600亿元: over 600亿
        return replace(found[0], qualifier="超"), m.end()
    return found[0], m.end()


def _growth(text: str, pos: int, end: int) -> tuple[Figure, int] | None:
    """A percentage change right after ``pos`` (``，同比增长8.2%``) and where it ends."""
    m = GROWTH_RE.match(text, pos, end)
    if m is None:
        return None
    value = Decimal(m.group("num")) * (-1 if m.group("dir").startswith(NEGATIVE) else 1)
    basis = m.group("basis") or ""
    statistic = "环比增速" if basis == "环比" else "同比增速" if basis else "增速"
    return Figure(plain_number(value), "%", statistic, hedge(m.group("qual")), "metric.growth"), m.end()


def figures(text: str, pos: int, end: int) -> list[Figure]:
    """The level and/or change written right after a metric phrase ending at ``pos``."""
    out: list[Figure] = []
    level = _level(text, pos, end)
    if level is not None:
        amount, pos = level
        out.append(Figure(plain_number(amount.value), amount.currency, None, hedge(amount.qualifier),
                          "metric.level"))
    growth = _growth(text, pos, end)
    if growth is not None:
        out.append(growth[0])
    return out


def _opening(view: DocView, c_start: int, c_end: int) -> Hit | None:
    """The mention or resolved place word (``园区``, ``这里``) opening a clause, after time words."""
    m = cues.TIME_PREFIX_RE.match(view.text, c_start, c_end)
    at = m.end() if m else c_start
    at += view.text[at:at + 1] in "“\"‘"
    places = view.places_in(at, c_end)
    return view.hit_at(at) or (places[0] if places and places[0].start == at else None)


def _clause_subject(view: DocView, sent: Span, start: int) -> Hit | None:
    """The mention opening the metric's clause or, going back, an earlier clause of the sentence
    (``X已集聚企业40家，2023年实现产值…``). The search stops at a speech clause (``X介绍，…``:
    the speaker is not the subject) and at an ellipsis, which ends a list that is not the subject
    (``A技改、B技改……截至2023年底，…``)."""
    floor = max(sent.start, view.text.rfind("…", sent.start, start) + 1)
    for c_start, c_end in reversed([c for c in view.clauses(sent) if floor <= c[0] <= start]):
        if c_end <= start and SPEECH_END_RE.search(view.text, c_start, c_end):
            return None
        hit = _opening(view, c_start, c_end)
        if hit is not None:
            return hit
    return None


def _park(view: DocView, sent: Span, start: int) -> Entity | None:
    """The park a metric phrase at ``start`` is about, or ``None`` (another subject, a plan)."""
    c_start, _ = view.clause_at(start, sent)
    if cues.FUTURE_RE.search(view.text, sent.start, start) or FOREIGN_CLAUSE_RE.search(view.text, c_start, start) \
            or COMPANY_SUBJECT_RE.search(view.text, sent.start, start):
        return None
    owner = view.hit_ending_at(start - 1) if view.text[start - 1:start] == "的" else view.hit_ending_at(start)
    subject = owner or _clause_subject(view, sent, start)
    if subject is not None:
        return subject.entity if subject.type == "Park" else None
    return view.topic_park(start)


def _when(view: DocView, sent: Span, start: int) -> tuple[str | None, str | None]:
    """(period, year) of a figure at ``start``: written in its sentence before it, else earlier in
    its paragraph; the year may come from the article date (``kg.relate.periods.resolve_year``)."""
    p_start, _ = view.paragraph_at(start)
    periods = find_periods(view.text, sent.start, start) or find_periods(view.text, p_start, sent.start)
    years = find_years(view.text, sent.start, start) or find_years(view.text, p_start, sent.start)
    period = periods[-1].label if periods else None
    return period, resolve_year(years, period, view.date)


def sentence_metrics(view: DocView, sent: Span) -> list[Attribute]:
    """Every park metric of one sentence."""
    out = []
    for start, end, name in _phrases(view, sent):
        found = figures(view.text, end, sent.end)
        park = _park(view, sent, start) if found else None
        if park is None:
            continue
        period, year = _when(view, sent, start)
        out += [Attribute(subject=park.id, name="metric", metric=name, value=f.value, unit=f.unit,
                          statistic=f.statistic, qualifier=f.qualifier, period=period, year=year,
                          evidence=sent, rule=f.rule, confidence=0.7) for f in found]
    return out


def _key(a: Attribute) -> tuple:
    return a.subject, a.metric, a.statistic, a.period, a.year


def agree(a: str, b: str) -> bool:
    """Whether two values are the same figure at different precision (``53.93`` and ``53.9``).

    >>> agree("53.93", "53.9"), agree("53.93", "54.9"), agree("1370000000", "1370000000")
    (True, False, True)
    """
    x, y = sorted((Decimal(a), Decimal(b)), key=lambda d: d.as_tuple().exponent)
    return x.quantize(y) == y if y.as_tuple().exponent > x.as_tuple().exponent else x == y


def _unique(attrs: list[Attribute]) -> list[Attribute]:
    """One observation per (park, metric, statistic, period, year) and value: a repeat (a headline
    echoing the body, a rounded recap) is dropped, a different figure is kept (a conflict the
    SHACL shapes report). A figure without a period is dropped when the same park, metric and
    value is known with one."""
    dated = {(a.subject, a.metric, a.statistic, a.value) for a in attrs if a.period}
    out: list[Attribute] = []
    for a in attrs:
        if a.period is None and (a.subject, a.metric, a.statistic, a.value) in dated:
            continue
        if not any(_key(b) == _key(a) and agree(a.value, b.value) for b in out):
            out.append(a)
    return out


def park_metrics(view: DocView) -> list[Attribute]:
    """Every park metric of the document, in text order."""
    out: list[Attribute] = []
    for sent in view.sentences_matching(HEAD_RE):
        out += sentence_metrics(view, sent)
    return _unique(out)


__all__ = ["park_metrics", "sentence_metrics", "figures", "metric_name", "agree", "METRIC_HEADS", "Figure"]
