"""Money amounts: ``16.5亿元`` → 1650000000 CNY, ``3.24亿美元`` → USD; 近/超/约/余 kept."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

AMOUNT_RE = re.compile(
    r"(?P<qual>近|超过|超|约|逾|达|共计|合计|累计)?"
    r"(?P<num>\d+(?:\.\d+)?|[零一二三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?)"
    r"(?P<more>余|多)?(?P<unit>亿|万|千万|百万)?(?P<cur>元|美元|美金|欧元|港元|日元)")
UNITS = {None: 1, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8}
CURRENCIES = {"元": "CNY", "美元": "USD", "美金": "USD", "欧元": "EUR", "港元": "HKD", "日元": "JPY"}
HEDGES = {"近": "近", "约": "约", "超": "超", "超过": "超", "逾": "超", "余": "余", "多": "余"}
"""Hedge words of amounts, normalised to 近/约/超/余 (达, 共计, 合计, 累计 are verbs, not hedges)."""


@dataclass(frozen=True)
class Amount:
    """A normalised amount of money found at ``start:end``."""

    value: Decimal
    currency: str
    qualifier: str | None
    start: int
    end: int


def hedge(word: str | None) -> str | None:
    """The normalised hedge of an amount (近, 约, 超, 余), or ``None`` for no hedge.

    >>> hedge("超过"), hedge("多"), hedge("达"), hedge(None)
    ('超', '余', None, None)
    """
    return HEDGES.get(word or "")


def plain_number(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros (``5E+9`` → ``5000000000``)."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_number(text: str) -> Decimal:
    """Arabic or Chinese numerals as a Decimal (cn2an for the Chinese ones)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    return Decimal(str(cn2an.cn2an(text, "smart")))


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Every money amount in ``text[start:end]``."""
    out = []
    for m in AMOUNT_RE.finditer(text, start, len(text) if end is None else end):
        try:
            value = parse_number(m.group("num")) * UNITS[m.group("unit")]
        except (ValueError, KeyError):
            continue
        qualifier = m.group("qual") or m.group("more")
        out.append(Amount(value=value.normalize(), currency=CURRENCIES[m.group("cur")],
                          qualifier=qualifier, start=m.start(), end=m.end()))
    return out
