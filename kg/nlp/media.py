"""Government news accounts named after their place (某某发布: the WeChat and Weibo accounts of
districts and counties), found where a credit or an account line names them."""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import is_place
from kg.records import Mention

ACCOUNT_RE = re.compile(r"(?:^|原创[ \t]*|来源[ \t]*[:：｜|]?[ \t]*)([\u4e00-\u9fff]{2,4}?发布)(?=[ \t]|$)", re.M)


TODAY_RE = re.compile(r"(?:来源|信息来源|稿源)[ \t]*[:：｜|]?[ \t]*(今日[\u4e00-\u9fff]{2,3})(?=[ \t]|$)", re.M)


def media_accounts(text: str, ctx: RuleContext) -> list[Mention]:
    """``某某发布`` after 原创 or 来源, or alone at a line start, when 某某 is a place (西湖发布,
    来源：某某发布); not 正式发布 or 成果发布 (no place); and the county papers ``今日某某`` named as
    a source (来源：今日临安)."""
    out = []
    for m in ACCOUNT_RE.finditer(text):
        if _is_local(m.group(1)[:-2], ctx):
            out.append(_outlet(m))
    out += [_outlet(m) for m in TODAY_RE.finditer(text) if _is_local(m.group(1)[2:], ctx)]
    return sorted(out, key=lambda m: m.start)


def _is_local(place: str, ctx: RuleContext) -> bool:
    return any(is_place(place + level, ctx) for level in ("", "区", "县", "市"))   # 西湖 of 西湖区


def _outlet(m: re.Match[str]) -> Mention:
    return Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Organization", rule="media.account",
                   confidence=0.75)
