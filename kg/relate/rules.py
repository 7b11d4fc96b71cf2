"""Relation rules over a ``DocView``. Each rule yields ``Relation`` records with the
sentence it read as evidence, the rule's name and a confidence."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.nlp.context import RuleContext
from kg.records import Relation, Span
from kg.relate.view import DocView, Hit

ORGS = ("Company", "Organization", "Park")
LOCATED_CUES = re.compile(r"落户|入驻|落地|签约落地|位于|选址|坐落于|坐落在|扎根|进驻|搬到|迁入")
INVEST_BY = re.compile(r"由[^，。]{0,20}?(?:发起|投资|投建|建设|打造|出资)")
AWARD_RE = re.compile(r"(?:荣获|获评|荣膺|被评为|获得|获)(?:了)?(“[^”]{2,40}”(?:称号|奖)?|[\u4e00-\u9fff]{2,16}?(?:奖|称号))")
SUBSIDIARY_RE = re.compile(r"(?:作为|是)(?P<parent>[^，。]{0,12}?)(?:最重要的|重要的)?(?:业务版块|业务板块|控股子公司|全资子公司|子公司|分公司)")
INVOLVE_CUES = re.compile(r"总指挥|指挥长|负责|牵头|主持|带队|招商")
PRONOUN = re.compile(r"[他她]")


def _rel(kind: str, head: str, tail: str, sent: Span, rule: str, conf: float, role: str | None = None) -> Relation:
    return Relation(type=kind, head=head, tail=tail, role=role, evidence=sent, confidence=conf, rule=rule)


def _title_before(view: DocView, pos: int, ctx: RuleContext) -> tuple[str, int] | None:
    """The title (or titles joined by 兼/、) ending right at ``pos``, with its start."""
    end, titles, start = pos, [], pos
    while True:
        m = next((t for t in sorted(ctx.words("titles"), key=len, reverse=True)
                  if view.text.endswith(t, 0, end)), None)
        if m is None:
            break
        start = end - len(m)
        titles.insert(0, m)
        end = start - 1 if view.text[start - 1:start] in ("兼", "、") else start
        if end == start:
            break
    if view.text[start - 1:start] == "”" and view.text.rfind("“", 0, start) > start - 6:
        start = view.text.rfind("“", 0, start)
    return ("兼".join(titles), start) if titles else None


def works_for(view: DocView, sent: Span, ctx: RuleContext) -> Iterator[Relation]:
    """``某公司董事长某某`` / ``企业总裁某某`` (the company just named) → worksFor with role."""
    for person in view.hits_in(sent.start, sent.end, "Person"):
        found = _title_before(view, person.start, ctx)
        if found is None:
            continue
        role, tstart = found
        org = view.last_before(tstart, *ORGS, "Project", floor=max(sent.start, tstart - 12))
        if org is None and re.search(r"(?:企业|公司|该公司|该企业)$", view.text[max(sent.start, tstart - 3):tstart]):
            org = view.last_before(tstart, "Company", floor=view.paragraph_of(tstart)[0])
        if org is None or re.search(r"[，。；]", view.text[org.end:tstart]):
            continue
        kind = "involvedIn" if org.type == "Project" else "worksFor"
        yield _rel(kind, person.entity.id, org.entity.id, sent, f"{kind}.title", 0.8, role)


def involved_in(view: DocView, sent: Span, ctx: RuleContext, last_person: Hit | None) -> Iterator[Relation]:
    """A person (or 他/她 for the last person named) who led, ran or commanded a zone or project."""
    cue = INVOLVE_CUES.search(view.text, sent.start, sent.end)
    if cue is None:
        return
    persons = view.hits_in(sent.start, sent.end, "Person")
    person = persons[0] if persons else (last_person if PRONOUN.search(view.text, sent.start, sent.end) else None)
    if person is None:
        return
    for target in view.hits_in(sent.start, sent.end, "Park", "Project"):
        yield _rel("involvedIn", person.entity.id, target.entity.id, sent, "involvedIn.cue", 0.6, cue.group())


def located_by_cue(view: DocView, sent: Span) -> Iterator[Relation]:
    """``X落户/入驻/位于 Y`` → X locatedIn Y (Y a park or place)."""
    for cue in LOCATED_CUES.finditer(view.text, sent.start, sent.end):
        head = view.last_before(cue.start(), "Company", "Project", "Organization", "Park", floor=sent.start)
        tails = view.hits_in(cue.end(), sent.end, "Park", "Place")
        if head is not None and tails and tails[0].entity.id != head.entity.id:
            yield _rel("locatedIn", head.entity.id, tails[0].entity.id, sent, "locatedIn.cue", 0.75)


def located_in_main_park(view: DocView, sent: Span) -> Iterator[Relation]:
    """Companies and projects named in a paragraph about the article's platform."""
    park = view.main_park()
    if park is None:
        return
    para = view.paragraph_of(sent.start)
    if not view.hits_in(para[0], para[1], "Park") or not any(
            h.entity.id == park.id for h in view.hits_in(para[0], para[1], "Park")):
        return
    for h in view.hits_in(sent.start, sent.end, "Company", "Project"):
        yield _rel("locatedIn", h.entity.id, park.id, sent, "locatedIn.article_platform", 0.5)


def park_in_place(view: DocView) -> Iterator[Relation]:
    """A park whose name starts with a place (杭州某某新城) lies in that place."""
    places = {n: e for e in view.entities if e.type == "Place" for n in (e.label, *e.aliases)}
    for park in (e for e in view.entities if e.type == "Park"):
        for name, place in places.items():
            if len(name) >= 2 and park.label.startswith(name) and park.mentions:
                m = park.mentions[0]
                yield _rel("locatedIn", park.id, place.id, Span(text=m.text, start=m.start, end=m.end),
                           "locatedIn.name_prefix", 0.7)
                break


def invests_by_name(view: DocView) -> Iterator[Relation]:
    """A project named after a company (某某智控未来产业中心) is that company's investment."""
    companies = [(n, e) for e in view.entities if e.type == "Company" for n in (e.label, *e.aliases) if len(n) >= 2]
    for project in (e for e in view.entities if e.type == "Project"):
        match = max((c for c in companies if project.label.startswith(c[0])), key=lambda c: len(c[0]), default=None)
        if match and project.mentions:
            m = project.mentions[0]
            sent = next((s for s in view.sentences if s.start <= m.start < s.end), Span(text=m.text, start=m.start, end=m.end))
            yield _rel("investsIn", match[1].id, project.id, sent, "investsIn.project_name", 0.8)


def invests_by_cue(view: DocView, sent: Span, last_project: Hit | None) -> Iterator[Relation]:
    """``该项目由某某发起/投资`` or ``某某投资…项目`` in one sentence."""
    by = INVEST_BY.search(view.text, sent.start, sent.end)
    if by is None:
        return
    investors = view.hits_in(by.start(), by.end(), "Company")
    projects = view.hits_in(sent.start, sent.end, "Project") or ([last_project] if last_project else [])
    for inv in investors:
        for project in projects:
            yield _rel("investsIn", inv.entity.id, project.entity.id, sent, "investsIn.by_cue", 0.7)


def awards(view: DocView, sent: Span) -> Iterator[Relation]:
    """``某某荣获“某某奖”`` / ``荣获某某奖的某公司`` → receivedAward (tail: the award's name)."""
    for m in AWARD_RE.finditer(view.text, sent.start, sent.end):
        award = m.group(1).strip("“”")
        after = view.text[m.end():m.end() + 1] == "的"
        head = (view.hits_in(m.end(), sent.end, "Company", "Person")[:1] if after else
                [view.last_before(m.start(), "Company", "Person", floor=sent.start)])
        if head and head[0] is not None:
            yield _rel("receivedAward", head[0].entity.id, award, sent, "receivedAward.verb", 0.7)


def subsidiaries(view: DocView, sent: Span) -> Iterator[Relation]:
    """``X作为Y最重要的业务版块之一`` / ``X是Y的子公司`` → X subsidiaryOf Y."""
    for m in SUBSIDIARY_RE.finditer(view.text, sent.start, sent.end):
        child = view.last_before(m.start(), "Company", floor=sent.start)
        parents = view.hits_in(m.start("parent"), m.end("parent"), "Company")
        if child and parents and child.entity.id != parents[0].entity.id:
            yield _rel("subsidiaryOf", child.entity.id, parents[0].entity.id, sent, "subsidiaryOf.cue", 0.75)
