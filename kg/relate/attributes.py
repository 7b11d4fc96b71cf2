"""Project facts as ``Attribute`` records: investment amounts and stage dates.

* ``investment`` — an amount right after ``投资``/``总投资`` belongs to the project it describes:
  ``投资6.8亿元的P``, ``P，总投资约32亿元``, ``该项目总投资50亿元``, ``投资1.2亿美元，建设P``.
  Totals over several projects (``共计``, ``12个项目``, ``两宗地块``) are not attached. The
  hedge is normalised (近/约/超/余) and the stage the sentence reports (``…全面开工``) kept.
* ``date`` with ``stage`` — ``6月20日…P签约/开工/投产/竣工`` when the date resolves to a day
  (relative dates need the article date) and the stage is not a plan (``计划``, ``预计``).
"""
from __future__ import annotations

import re

from kg.records import Attribute, Span
from kg.relate import cues
from kg.relate.amounts import find_amounts, hedge, plain_number
from kg.relate.dates import find_dates
from kg.relate.view import DocView, Hit

INVEST_CUE_RE = re.compile(r"(?:总投资额?|投资总额|计划投资|投资额|投资|总投入|投入)(?:约|近|超过|超|逾|达|为|共)?$")
AGGREGATE_RE = re.compile(r"(?:共计|合计|累计|\d+个|[两三四五六七八九十]+个|\d+宗|两宗|多个|一批|等|共有|全年|今年以来|上半年)")
SHIFT_RE = re.compile(r"时隔|次日|第二天|隔天|翌日|此后|随后|后来|日前|近日|此前")
"""Words that move the event away from the date that opens the paragraph."""
LEAD_PROJECT_RE = re.compile(r"(?:该项目|此项目|这个项目|该工程)")


def _target(view: DocView, sent: Span, start: int, end: int) -> Hit | None:
    """The project an amount at ``start:end`` describes."""
    c_start, _ = view.clause_at(start, sent)
    if AGGREGATE_RE.search(view.text, c_start, start):
        return None
    m = re.match(r"(?:的|，建设|,建设|建设的|，用于建设)", view.text[end:end + 5])
    if m:
        nxt = view.hit_at(end + m.end())
        if nxt is not None and nxt.type == "Project":
            return nxt
    inside = view.hits_in(c_start, start, "Project")
    if inside:
        return inside[-1]
    if LEAD_PROJECT_RE.match(view.text, c_start) or LEAD_PROJECT_RE.match(view.text, sent.start):
        story = view.story_at(start)
        return view.last_before(start, "Project", floor=max(story.start, start - 600))
    before = view.hits_in(sent.start, start, "Project")
    if before and not view.hits_in(before[-1].end, start, "Company", "Project") and not AGGREGATE_RE.search(
            view.text, before[-1].end, start):
        return before[-1]
    return None


def investments(view: DocView) -> list[Attribute]:
    """Investment amounts attached to the project they describe."""
    out = []
    for sent in view.sentences:
        if "元" not in sent.text:
            continue
        for amount in find_amounts(view.text, sent.start, sent.end):
            lead = view.text[max(sent.start, amount.start - 7):amount.start]
            if not INVEST_CUE_RE.search(lead):
                continue
            target = _target(view, sent, amount.start, amount.end)
            if target is not None:
                out.append(Attribute(subject=target.id, name="investment", value=plain_number(amount.value),
                                     unit=amount.currency, qualifier=hedge(amount.qualifier),
                                     stage=investment_stage(view, sent), evidence=sent,
                                     rule="attribute.investment", confidence=0.75))
    return _unique(out)


def investment_stage(view: DocView, sent: Span) -> str | None:
    """The stage the sentence reports the project at (``…项目全面开工`` → 开工): its first stage
    word that no plan word (``计划``, ``预计`` …) precedes; ``None`` for plans and plain amounts."""
    for stage in cues.STAGE_RE.finditer(view.text, sent.start, sent.end):
        if not cues.FUTURE_RE.search(view.text, sent.start, stage.start()):
            return cues.STAGE_NAMES[stage.group()]
    return None


def stage_dates(view: DocView) -> list[Attribute]:
    """``date`` attributes with their ``stage`` for projects signed, started, put into production."""
    if not view.date:
        return []
    out = []
    for sent in view.busy_sentences:
        for stage in cues.STAGE_RE.finditer(view.text, sent.start, sent.end):
            c_start, _ = view.clause_at(stage.start(), sent)
            if cues.FUTURE_RE.search(view.text, c_start, stage.start()):
                continue
            date = _date_before(view, sent, stage.start())
            projects = view.hits_in(sent.start, sent.end, "Project")
            if date is None or not projects:
                continue
            for p in {h.id: h for h in projects}.values():
                out.append(Attribute(subject=p.id, name="date", value=date, stage=cues.STAGE_NAMES[stage.group()],
                                     evidence=sent, rule="attribute.stage_date", confidence=0.65))
    return _unique(out)


def _date_before(view: DocView, sent: Span, pos: int) -> str | None:
    """The day the event happened: the last date before ``pos`` in the sentence, or a date that
    opens the paragraph (``6月20日，…举行…。A、B项目现场签约``)."""
    found = find_dates(view.text, view.date, sent.start, pos)
    if found:
        return found[-1].iso
    if SHIFT_RE.search(view.text, sent.start, pos):
        return None
    p_start, _ = view.paragraph_at(pos)
    opening = find_dates(view.text, view.date, p_start, min(p_start + 14, pos))
    return opening[0].iso if opening and opening[0].start == p_start else None


def _unique(attrs: list[Attribute]) -> list[Attribute]:
    seen, out = set(), []
    for a in attrs:
        key = (a.subject, a.name, a.value, a.stage)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def attributes(view: DocView) -> list[Attribute]:
    """Every attribute of the document."""
    return investments(view) + stage_dates(view)
