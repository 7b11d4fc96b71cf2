"""Title and publication date of a cleaned article (pure functions over ``str``)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

TITLE_MAX = 80          # characters
DATELINE_WINDOW = 400   # a dateline or timestamp is looked for in the first chars only
DATELINE_MAX = 40       # a line this short that holds a 年月日 date is a dateline
YEAR_MIN, YEAR_MAX = 1990, 2100

_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?:"
    r"(?P<sep>[-/.])\s*(?P<m1>\d{1,2})\s*(?P=sep)\s*(?P<d1>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?"
    r")(?!\d)(?P<time>\s*\d{1,2}[:：]\d{2})?"
)
_LABEL_RE = re.compile(
    r"(?:^|[\s|丨【\[(（])(?:来源|发布时间|发布日期|发表时间|发稿时间|更新时间|日期|时间)\s*[:：]"
)


@dataclass(frozen=True, kw_only=True)
class Cleaned:
    """Cleaned text of a document and the title/date its markup declares, if any."""

    text: str
    title: str | None = None
    date: str | None = None


def parse_date(year: str, month: str, day: str) -> str | None:
    """ISO ``YYYY-MM-DD`` if the parts form a real calendar date in 1990–2100, else None.

    >>> parse_date("2023", "5", "5"), parse_date("2023", "2", "30")
    ('2023-05-05', None)
    """
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date.isoformat() if YEAR_MIN <= date.year <= YEAR_MAX else None


def _iso(match: re.Match[str]) -> str | None:
    """The valid ISO date of one ``_DATE_RE`` match, or None."""
    month, day = match["m1"] or match["m2"], match["d1"] or match["d2"]
    return parse_date(match["y"], month, day)


def find_dates(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Every valid date in ``text`` with its match, in order (2023-05-05, 2023年5月5日 …)."""
    for match in _DATE_RE.finditer(text):
        iso = _iso(match)
        if iso is not None:
            yield match, iso


def _labelled_date(text: str) -> str | None:
    """The first date after a 来源:/发布时间:/日期: … label (the label starts a line or field)."""
    for line in text.splitlines():
        label = _LABEL_RE.search(line)
        found = next(find_dates(line[label.end():]), None) if label else None
        if found is not None:
            return found[1]
    return None


def _line_of(text: str, pos: int) -> str:
    """The line of ``text`` around offset ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:] if end < 0 else text[start:end]


def _is_dateline(text: str, match: re.Match[str]) -> bool:
    """Numeric dates and timestamps always count; 年月日 dates only on a short line."""
    if match["sep"] or match["time"]:
        return True
    return len(_line_of(text, match.start())) <= DATELINE_MAX


def extract_date(text: str) -> str | None:
    """Publication date (ISO) from a labelled line anywhere or a dateline near the top.

    Accepts ``2023-05-05 08:09:33``, ``2023年5月5日``, ``2023/5/5`` and ``2023.05.05``; only
    real calendar dates in 1990–2100. Never raises.

    >>> extract_date("标题\\n\\n2023-05-05 08:09:33\\n\\n正文。")
    '2023-05-05'
    """
    labelled = _labelled_date(text)
    if labelled is not None:
        return labelled
    head = text[:DATELINE_WINDOW]
    return next((iso for m, iso in find_dates(head) if _is_dateline(head, m)), None)


def extract_title(text: str) -> str:
    """The first non-empty line, at most ``TITLE_MAX`` characters ('' for blank text).

    >>> extract_title("\\n  云澜智慧城下好“先手棋”  \\n正文")
    '云澜智慧城下好“先手棋”'
    """
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "…"
