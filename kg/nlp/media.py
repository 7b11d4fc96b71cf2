"""Government news accounts named after their place (某某发布: the WeChat and Weibo accounts of
districts and counties), found where a credit or an account line names them."""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import is_place
from kg.records import Mention

ACCOUNT_RE = re.compile(r"(?:^|原创[ \t]*|来源[ \t]*[:：｜|]?[ \t]*)([\u4e00-\u9fff]{2,4}?发布)(?=[ \t]|$)", re.M)


def media_accounts(text: str, ctx: RuleContext) -> list[Mention]:
    """``某某发布`` after 原创 or 来源, or alone at a line start, when 某某 is a place (西湖发布,
    来源：某某发布); not 正式发布 or 成果发布 (no place)."""
    out = []
    for m in ACCOUNT_RE.finditer(text):
        place = m.group(1)[:-2]
        if any(is_place(place + level, ctx) for level in ("", "区", "县", "市")):   # 西湖 of 西湖区
            out.append(Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Organization",
                               rule="media.account", confidence=0.75))
    return out
