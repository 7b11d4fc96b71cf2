"""Reporting periods of statistics in Chinese news: ``1至5月``, ``上半年``, ``一季度``, ``全年``,
``今年以来`` and the year they belong to (``2023年``, ``去年`` against the article date).

Periods are normalised to the labels of ``kg.records.Attribute.period``:

>>> [p.label for p in find_periods("1至5月，上半年，第一季度，全年，今年以来，5月份")]
['1-5月', '上半年', '一季度', '全年', '年初至今', '5月']
>>> resolve_year([], "1-5月", "2023-06-20"), resolve_year([], "全年", "2024-01-19")
('2023', '2023')
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PERIOD_RE = re.compile(
    r"(?P<range>(?<![\d.])(?P<m1>\d{1,2})\s*月?\s*(?:至|到|-|—|–|~|～|－|－)\s*(?P<m2>\d{1,2})\s*月份?)"
    r"|(?P<named>上半年|下半年|前三季度|第?[一二三四]季度|全年度?|今年以来|年初以来|年初至今)"
    r"|(?P<month>(?<![\d.])(?P<m>\d{1,2})月份?(?![\d日号]))")
YEAR_RE = re.compile(r"(?P<y>(?<!\d)(?:19|20)\d{2})年(?!\d)|(?P<rel>今年|去年|前年|上年|明年)")
REL_YEARS = {"今年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
NAMED = {"全年度": "全年", "今年以来": "年初至今", "年初以来": "年初至今"}
LAST_MONTH = {"全年": 12, "上半年": 6, "下半年": 12, "前三季度": 9, "一季度": 3, "二季度": 6, "三季度": 9,
              "四季度": 12}


@dataclass(frozen=True)
class Found:
    """A period label or a year expression at ``start:end`` of the text."""

    label: str
    start: int
    end: int


def _period_label(m: re.Match[str]) -> str | None:
    if m.group("range"):
        first, last = int(m.group("m1")), int(m.group("m2"))
        return f"{first}-{last}月" if 1 <= first < last <= 12 else None
    if m.group("named"):
        name = m.group("named").removeprefix("第")
        return NAMED.get(name, name)
    month = int(m.group("m"))
    return f"{month}月" if 1 <= month <= 12 else None


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    """Every reporting period in ``text[start:end]``, as normalised labels."""
    out = []
    for m in PERIOD_RE.finditer(text, start, len(text) if end is None else end):
        label = _period_label(m)
        if label is not None:
            out.append(Found(label, m.start(), m.end()))
    return out


def find_years(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    """Every year expression in ``text[start:end]``: ``"2023"`` or a relative word (``去年``)."""
    return [Found(m.group("y") or m.group("rel"), m.start(), m.end())
            for m in YEAR_RE.finditer(text, start, len(text) if end is None else end)]


def _article_day(article_date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article_date) if article_date else None
    except ValueError:
        return None


def last_month(period: str | None) -> int | None:
    """The last month of a period label (``1-5月`` → 5, ``全年`` → 12); ``None`` for ``年初至今``."""
    if period is None:
        return None
    if period in LAST_MONTH:
        return LAST_MONTH[period]
    m = re.fullmatch(r"(?:\d{1,2}-)?(\d{1,2})月", period)
    return int(m.group(1)) if m else None


def resolve_year(years: list[Found], period: str | None, article_date: str | None) -> str | None:
    """The year of a figure: the last year expression before it (``years``, in text order), else
    the article date.

    A relative word needs the article date (``今年`` falls back to an explicit year written
    before it: ``截至2023年底，…今年以来``). Without any year word a realised figure's period
    has ended by the article date: ``1-5月`` in an article of June 2023 is 2023, ``全年`` in an
    article of January 2024 is 2023. ``None`` when nothing decides.
    """
    day = _article_day(article_date)
    if years:
        last = years[-1].label
        if last.isdigit():
            return last
        if day is not None:
            return str(day.year + REL_YEARS[last])
        explicit = [y.label for y in years if y.label.isdigit()]
        return explicit[-1] if last == "今年" and explicit else None
    if day is None or period is None:
        return None
    if period == "年初至今":
        return str(day.year)
    end = last_month(period)
    if end is None:
        return None
    return str(day.year if end <= day.month else day.year - 1)


__all__ = ["Found", "find_periods", "find_years", "resolve_year", "last_month"]
