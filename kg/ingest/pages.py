"""Page furniture of text extracted from PDF pages: page numbers, jump lines and running
headers, which would otherwise sit inside the sentences a page break cut in two
(``…两个方 / — 7 — / 宁波日报 2024年1月5日 星期五 … 8 / 向，…``).

Dropped, on cleaned non-empty lines:

* page numbers: a line that is only a number of up to four digits, dashed or not
  (``— 7 —``, ``- 12 -``, ``3``, ``第3页``, ``3/12``);
* jump lines: ``（下转第4版）``, ``（上接第3版）``;
* running headers: a short line that comes back on later pages with only its digits changed
  and carries a date or a page number (``某某日报 2024年5月14日 星期二 经济·3``) or stands
  next to a page number (``— 1 — / 某某2024年工作总结``) — every occurrence but a first one
  that opens the document, which is the masthead (title, date).
"""
from __future__ import annotations

import re
from collections import Counter

PAGE_NUMBER_RE = re.compile(r"[-—–－~ ]*(?:第 ?\d{1,4} ?页|\d{1,4}(?: ?/ ?\d{1,4})?)[-—–－~ ]*")
JUMP_RE = re.compile(r"[（(] ?(?:下转|上接|转|接)第? ?\d{1,3} ?[版页] ?[）)]")
FURNITURE_MAX = 20     # page numbers and jump lines are short
HEADER_MAX = 80
HEADER_MARK_RE = re.compile(r"\d{4} ?[年/.-] ?\d{1,2} ?[月/.-] ?\d{1,2}|星期[一二三四五六日天]|第 ?\d+ ?版|\d{1,3}$")
DIGITS_RE = re.compile(r"\d+")


def is_page_furniture(line: str) -> bool:
    """A page number or a jump line (``— 7 —``, ``（下转第4版）``)."""
    return len(line) <= FURNITURE_MAX and bool(PAGE_NUMBER_RE.fullmatch(line) or JUMP_RE.fullmatch(line))


def running_headers(lines: list[str]) -> set[int]:
    """Indices of the lines that repeat as page headers or footers (same line but for its
    digits, with a date or a page number, or next to a page number), but for a first one on
    the first line."""
    marked = [i for i, line in enumerate(lines) if len(line) <= HEADER_MAX and (
        HEADER_MARK_RE.search(line) or _next_to_page_number(lines, i))]
    if len(marked) < 2:
        return set()
    shapes = {i: DIGITS_RE.sub("#", lines[i]) for i in marked}
    repeated = {shape for shape, n in Counter(shapes.values()).items() if n >= 2}
    return {i for i, shape in shapes.items() if i and shape in repeated}


def _next_to_page_number(lines: list[str], i: int) -> bool:
    """Whether a page number stands right before or after line ``i`` (— 1 — / 某某工作总结)."""
    return any(0 <= j < len(lines) and is_page_furniture(lines[j]) for j in (i - 1, i + 1))


def drop_page_furniture(lines: list[str]) -> list[str]:
    """``lines`` without page numbers, jump lines and repeated running headers (a header
    on the first line stays: it is the masthead).

    >>> drop_page_furniture(["某报 2024年1月5日 星期五 7", "正文两个方", "— 7 —", "某报 2024年1月5日 星期五 8", "向。"])
    ['某报 2024年1月5日 星期五 7', '正文两个方', '向。']
    """
    headers = running_headers(lines)
    return [line for i, line in enumerate(lines) if not is_page_furniture(line) and i not in headers]
