"""Names from enumerations and quotes.

- ``A、B、C等N家企业`` / ``A、B、C3家整车企业``: the items are companies (projects, parks …
  by the head noun after the list);
- ``“某某”正式签约`` / ``“某某”将作为…项目``: a quoted name marked as a project by its verb.
"""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import cut_at_stops, leftover, walk_left
from kg.nlp.textutil import CJK
from kg.records import Mention

ITEM = rf"[{CJK}A-Za-z0-9·&]{{2,12}}?"
LIST_RE = re.compile(
    rf"((?:{ITEM}、)+(?:{ITEM}(?:和|及|以及))?{ITEM})"
    r"(?:(等)?(?:\d+|[一二三四五六七八九十几数]+)[余多]?(?:家|个|批)|(等))")
HEADS = {"Company": "org_company_heads"}
PROJECT_HEAD_RE = re.compile(r"^[^，。；！？\n]{0,12}?(?:项目)")
CUE_START_RE = re.compile(r"^(?:正式|已|将|成功|顺利|宣布|率先)?")
QUOTED_RE = re.compile(rf"[“\"]([{CJK}A-Za-z0-9·&]{{2,16}})[”\"]")


def _head_type(text: str, end: int, ctx: RuleContext, counted: bool) -> str | None:
    """The type the head noun after a list gives its items (within 10 characters)."""
    window = text[end:end + 10]
    cut = re.search(r"[，。；！？\n]", window)
    window = window[:cut.start()] if cut else window
    if PROJECT_HEAD_RE.match(window):
        return "Project" if counted else None
    for h in ctx.words("org_company_heads"):
        pos = window.find(h)
        if pos >= 0 and not ctx.stops_inside(window[:pos]):
            return "Company"
    return None


def _first_item_start(text: str, start: int, end: int, ctx: RuleContext) -> int:
    return cut_at_stops(text, walk_left(text, end, 12), end, ctx) if start < end else start


def _list_items(text: str, m: re.Match[str], ctx: RuleContext) -> list[tuple[int, int]]:
    spans = [(i.start(), i.end()) for i in re.finditer(rf"[^、]+?(?=、|(?:和|及|以及)(?={ITEM}$)|$)", m.group(1))]
    spans = [(m.start(1) + s, m.start(1) + e) for s, e in spans]
    spans = [(s + 2, e) if m.string.startswith("以及", s) else (s + 1, e) if m.string[s] in "和及" and s > m.start(1)
             else (s, e) for s, e in spans]
    s, e = spans[0]
    spans[0] = (_first_item_start(text, s, e, ctx), e)
    return spans


def _good_item(item: str, ctx: RuleContext) -> bool:
    rest, has_place = leftover(item, ctx)
    return 2 <= len(item) <= 12 and len(rest) >= 2 and not has_place and not ctx.stops_inside(item)


def enumerations(text: str, ctx: RuleContext) -> list[Mention]:
    """Items of ``A、B、C等N家企业`` lists, typed by the head noun after the list."""
    out = []
    for m in LIST_RE.finditer(text):
        kind = _head_type(text, m.end(), ctx, counted=m.group(3) is None)
        if kind is None:
            continue
        for s, e in _list_items(text, m, ctx):
            if _good_item(text[s:e], ctx):
                out.append(Mention(text=text[s:e], start=s, end=e, type=kind, rule="enumeration", confidence=0.7))
    return out


def quoted_projects(text: str, ctx: RuleContext) -> list[Mention]:
    """Quoted names followed by a project verb (签约, 开工 …) or ``作为…项目``."""
    cues = ctx.words("project_cues")
    out = []
    for m in QUOTED_RE.finditer(text):
        after = text[m.end():m.end() + 16]
        clause = re.split(r"[，。；！？\n]", after, maxsplit=1)[0]
        if CUE_START_RE.match(clause) and any(clause.lstrip("正式已将成功顺利宣布率先").startswith(c) for c in cues) \
                or re.match(r"将?作为[^，。]{0,8}项目", clause):
            out.append(Mention(text=m.group(1), start=m.start(1), end=m.end(1), type="Project",
                               rule="quoted.project_cue", confidence=0.75))
    return out


def find_enumerated(text: str, ctx: RuleContext) -> list[Mention]:
    """Names from enumerations and quoted project names."""
    return enumerations(text, ctx) + quoted_projects(text, ctx)
