"""How each node type and relation looks: colours, shapes, Chinese names (data, not code)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class TypeStyle:
    zh: str
    color: str
    shape: str   # a vis-network shape whose size follows ``size`` (label drawn below)


TYPE_STYLES: dict[str, TypeStyle] = {
    "Park": TypeStyle("园区", "#2e7d32", "hexagon"),
    "Company": TypeStyle("企业", "#1565c0", "dot"),
    "Organization": TypeStyle("机构", "#6a1b9a", "square"),
    "Project": TypeStyle("项目", "#ef6c00", "diamond"),
    "Person": TypeStyle("人物", "#c62828", "triangle"),
    "Place": TypeStyle("地点", "#00838f", "triangleDown"),
    "Award": TypeStyle("奖项", "#c49000", "star"),
    "Other": TypeStyle("其他", "#757575", "dot"),
}

RELATION_ZH: dict[str, str] = {
    "locatedIn": "位于",
    "investsIn": "投资",
    "worksFor": "任职",
    "involvedIn": "参与",
    "receivedAward": "获奖",
    "subsidiaryOf": "隶属",
}

# 16×16 SVG shapes for the legend, matching the vis-network shapes above
SHAPE_SVG: dict[str, str] = {
    "dot": '<circle cx="8" cy="8" r="6.5"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1.5 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14.5"/>',
    "hexagon": '<polygon points="15,8 11.5,14.1 4.5,14.1 1,8 4.5,1.9 11.5,1.9"/>',
    "star": '<polygon points="8,0.5 10,5.8 15.6,6 11.2,9.5 12.7,15 8,11.8 3.3,15 4.8,9.5'
            ' 0.4,6 6,5.8"/>',
}

_CURRENCY_ZH = {"CNY": "元", "RMB": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元"}


def style_of(node_type: str) -> TypeStyle:
    return TYPE_STYLES.get(node_type, TYPE_STYLES["Other"])


def relation_zh(relation: str) -> str:
    return RELATION_ZH.get(relation, relation)


def node_size(degree: int) -> float:
    """Radius grows with the square root of the degree, from 10 to 48 pixels."""
    return round(min(48.0, 10.0 + 4.0 * degree ** 0.5), 1)


def money_zh(value: Decimal, currency: str | None) -> str:
    """``1650000000, CNY`` → ``16.5亿元``; unknown currencies keep their code.

    >>> money_zh(Decimal("1650000000"), "CNY")
    '16.5亿元'
    >>> money_zh(Decimal("30000"), "USD")
    '3万美元'
    """
    unit = _CURRENCY_ZH.get(currency or "CNY", f" {currency}")
    if not value.is_finite():
        return f"?{unit}"
    for scale, name in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(value) >= scale:
            return f"{_plain(value / scale)}{name}{unit}"
    return f"{_plain(value)}{unit}"


def _plain(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
