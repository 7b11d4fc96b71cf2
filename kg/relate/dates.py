"""Dates in Chinese news text, resolved to ISO ``YYYY-MM-DD`` against the article date.

``2024年3月18日`` is absolute; ``3月18日``, ``今年3月18日``, ``去年6月1日`` and ``19日`` need the
article date (``None`` → skipped). Month-only dates (``2023年9月``) have no ISO day and are skipped.

>>> [d.iso for d in find_dates("2024年3月18日上午，去年6月1日，19日", "2024-06-21")]
['2024-03-18', '2023-06-01', '2024-06-19']
>>> [d.iso for d in find_dates("3月18日签约", None)]
[]
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DATE_RE = re.compile(
    r"(?:(?P<year>\d{4})年|(?P<rel>今年|去年|明年|前年))?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日")
REL_YEARS = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}


@dataclass(frozen=True)
class Date:
    """A resolved date at ``start:end`` of the text."""

    iso: str
    start: int
    end: int


def _resolve(m: re.Match[str], today: dt.date | None) -> str | None:
    day = int(m.group("day"))
    month = int(m.group("month")) if m.group("month") else None
    if m.group("year"):
        year = int(m.group("year"))
    elif today is None:
        return None
    else:
        year = today.year + REL_YEARS.get(m.group("rel") or "今年", 0)
    if month is None:
        if today is None or m.group("year") or m.group("rel"):
            return None
        month = today.month
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, article_date: str | None, start: int = 0, end: int | None = None) -> list[Date]:
    """Every full date in ``text[start:end]`` that resolves to a calendar day."""
    try:
        today = dt.date.fromisoformat(article_date) if article_date else None
    except ValueError:
        today = None
    out = []
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        iso = _resolve(m, today)
        if iso is not None:
            out.append(Date(iso, m.start(), m.end()))
    return out
