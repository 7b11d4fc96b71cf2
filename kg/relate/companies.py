"""``subsidiaryOf`` and ``investsIn``.

subsidiaryOf: ``X是Y的控股子公司``, ``X作为Y最重要的业务版块之一``, ``Y旗下(的/现有)A、B``,
``由其全资子公司X…``, ``在…设立控股子公司X`` (Y the sentence's company).
investsIn: ``由X投资建设的P``, ``X投资…建设的P``, ``X实施的P``, ``X年产…项目`` / ``X的P``,
``X宣布，把P…落地``, a project named after the company (``远川`` → ``远川智控未来产业中心``), and
an executive's ``我们…再建一座P`` (the company he works for).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.records import Entity, Relation, Span
from kg.relate import cues
from kg.relate.roles import after
from kg.relate.view import DocView, Hit, Rule, apply_rules, names

QUOTE_INVEST_RE = re.compile(r"我们[^。”]{0,12}?(?:再建|新建|投资|投建|建设|建|打造)")
SPEECH_RE = re.compile(r"(?:说|表示|介绍|透露|告诉)")


def _rel(kind: str, head: Entity, tail: Entity, sent: Span, rule: str, conf: float) -> Relation:
    return Relation(type=kind, head=head.id, tail=tail.id, evidence=sent, confidence=conf, rule=f"{kind}.{rule}")


# ------------------------------------------------------------------ subsidiaryOf
def _company_ending(view: DocView, pos: int, sent: Span) -> Entity | None:
    """The company named (or ``公司``/``集团``/``其``) right before ``pos``."""
    h = view.hit_ending_at(pos, "Company")
    if h is None and view.text[pos - 1:pos] in "（(":
        h = view.hit_ending_at(pos - 1, "Company")
    if h is None:
        m = AFTER_PAREN_END_RE.search(view.text, max(sent.start, pos - 40), pos)
        h = view.hit_ending_at(m.start(), "Company") if m else None
    if h is not None:
        return h.entity
    word = re.search(r"(?:该公司|该企业|该集团|公司|企业|集团|其)$", view.text[max(sent.start, pos - 3):pos])
    if word is None:
        return None
    if word.group() == "其":
        subj = view.subject(pos, "Company")
        found = subj or view.last_before(pos, "Company", floor=sent.start)
        return found.entity if found else None
    found = view.last_company(pos, word.group())
    return found.entity if found else None


AFTER_PAREN_END_RE = re.compile(r"(?:[（(][^（）()]{0,40}[）)])+$")


def _sentence_company(view: DocView, sent: Span, pos: int) -> Entity | None:
    """The company a sentence is about: its subject, or ``公司``/``该企业`` opening it."""
    subj = view.subject(pos, "Company")
    if subj is not None:
        return subj.entity
    m = cues.TIME_PREFIX_RE.match(view.text, sent.start, pos)
    at = m.end() if m else sent.start
    if re.match(r"(?:该公司|该企业|该集团|公司|企业|集团)", view.text[at:at + 3]):
        found = view.last_company(at)
        return found.entity if found else None
    return None


def subsidiary_is(view: DocView, sent: Span) -> Iterator[Relation]:
    """``X是/作为 Y(的|旗下的)…子公司/业务版块/核心企业``."""
    if not view.hits_in(sent.start, sent.end, "Company"):
        return
    for mark in cues.SUB_MARK_RE.finditer(view.text, sent.start, sent.end):
        c_start, _ = view.clause_at(mark.start(), sent)
        verb = None
        for v in cues.SUB_IS_RE.finditer(view.text, c_start, mark.start()):
            if not any(h.start <= v.start() < h.end for h in view.hits_in(max(0, v.start() - 40), v.end() + 40)):
                verb = v
                break
        if verb is None:
            continue
        child = _company_ending(view, verb.start(), sent)
        parents = view.hits_in(verb.end(), mark.start(), "Company")
        if child is not None and parents and parents[-1].id != child.id:
            yield _rel("subsidiaryOf", child, parents[-1].entity, sent, "is", 0.85)


def subsidiary_owner(view: DocView, sent: Span) -> Iterator[Relation]:
    """``Y旗下(的|现有)A、B…`` → A, B subsidiaryOf Y; ``Y拥有/下设A、B两家子公司`` likewise."""
    for m in cues.OWNER_RE.finditer(view.text, sent.start, sent.end):
        parent = _company_ending(view, m.start(), sent)
        if parent is None:
            continue
        _, c_end = view.clause_at(m.end(), sent)
        head = re.match(r"(?:的|现有|拥有|有|共有)?", view.text[m.end():c_end])
        start = m.end() + (head.end() if head else 0)
        first = view.hit_at(start)
        if first is None or first.type != "Company":
            continue
        children = _list(view, first, c_end)
        if m.group() not in ("旗下", "下属") and not cues.COUNTED_SUBS_RE.match(view.text, after(view, children[-1])):
            continue
        for child in children:
            if child.id != parent.id:
                yield _rel("subsidiaryOf", child.entity, parent, sent, "owner", 0.8)


def _list(view: DocView, first: Hit, limit: int) -> list[Hit]:
    out = [first]
    while True:
        pos = after(view, out[-1])
        nxt = view.first_after(pos, "Company", ceil=limit)
        if nxt is None or not cues.LIST_SEP_RE.fullmatch(view.text[pos:nxt.start] or "x"):
            return out
        out.append(nxt)


def _opens_sentence(view: DocView, sent: Span, pos: int) -> bool:
    m = cues.TIME_PREFIX_RE.match(view.text, sent.start, pos)
    return (m.end() if m else sent.start) == pos - (2 if view.text[pos - 2:pos] in ("全资", "控股") else 0)


def _paragraph_company(view: DocView, pos: int, child: Hit) -> Entity | None:
    """The company a paragraph is about: the first company opening a clause in it."""
    p_start, _ = view.paragraph_at(pos)
    found = [h for h in view.subject_hits(p_start, pos, "Company") if h.id != child.id]
    return found[0].entity if found else None


SET_UP_RE = re.compile(r"(?:设立|成立|组建|拥有|有|新设)(?:了|的)?(?:一家|海外|境外)?$")
"""Before 子公司: the sentence's company set it up (设立了海外子公司X, 新设的控股子公司X)."""


def subsidiary_named(view: DocView, sent: Span) -> Iterator[Relation]:
    """``由其全资子公司X``, ``Y的控股子公司X``, ``设立控股子公司X``."""
    if "公司" not in sent.text:
        return
    for m in re.finditer(r"(?:全资|控股)?(?:子公司|分公司)", view.text[sent.start:sent.end]):
        start, end = sent.start + m.start(), sent.start + m.end()
        child = view.hit_at(end)
        if child is None or child.type != "Company":
            continue
        before = view.text[max(sent.start, start - 8):start]
        if SET_UP_RE.search(before):
            parent = _sentence_company(view, sent, start)
            if parent is None:                   # 由某某…注册成立的全资子公司X: the founder in the clause
                c_start, _ = view.clause_at(start, sent)
                found = view.last_before(start, "Company", floor=c_start)
                parent = found.entity if found is not None else None
        else:
            parent = _company_ending(view, start - (1 if before.endswith("的") else 0), sent)
        if parent is None and _opens_sentence(view, sent, start):
            parent = _paragraph_company(view, start, child)   # 旗下拥有多家子公司。全资子公司X负责…
        if parent is not None and parent.id != child.id:
            yield _rel("subsidiaryOf", child.entity, parent, sent, "named", 0.8)


# ------------------------------------------------------------------ investsIn
def invest_by(view: DocView, sent: Span) -> Iterator[Relation]:
    """``(该项目)由X投资建设/发起`` → X investsIn the project of the sentence."""
    if "由" not in sent.text:
        return
    for m in cues.BY_RE.finditer(view.text, sent.start, sent.end):
        _, c_end = view.clause_at(m.end(), sent)
        verb = cues.INVEST_VERB_RE.search(view.text, m.end(), min(c_end, m.end() + 40))
        if verb is None or verb.group() in ("推进", "启动", "实施", "打造", "开发"):
            continue
        investors = view.hits_in(m.end(), verb.start(), "Company")
        if not investors:
            continue
        project = _project_of(view, sent, m.start(), verb.end())
        if project is not None:
            yield _rel("investsIn", investors[-1].entity, project, sent, "by", 0.85)


def _project_of(view: DocView, sent: Span, before: int, after_pos: int) -> Entity | None:
    """The project a ``由…投资`` clause is about: named after the verb, before ``由``, or ``该项目``."""
    later = view.hits_in(after_pos, sent.end, "Project")
    if later and not re.search(r"[。；;]", view.text[after_pos:later[0].start]):
        return later[0].entity
    earlier = view.hits_in(sent.start, before, "Project")
    if earlier:
        return earlier[-1].entity
    m = cues.PROJECT_ANAPHOR_RE.search(view.text, sent.start, before)
    if m:
        prev = view.last_before(m.start(), "Project", floor=max(view.story_at(m.start()).start, m.start() - 500))
        return prev.entity if prev else None
    return None


def invest_verb(view: DocView, sent: Span) -> Iterator[Relation]:
    """``X(在Y)投资…建设的P`` / ``X实施的P`` / ``X在Y开发建设了…P``."""
    for company in view.hits_in(sent.start, sent.end, "Company"):
        pos = after(view, company)
        m = cues.INVESTOR_AFTER_RE.match(view.text, pos, sent.end)
        if m is None:
            continue
        _, c_end = view.clause_at(m.end(), sent)
        project = view.first_after(m.end(), "Project", ceil=c_end)
        if project is None or project.start - m.end() > 30:
            continue
        if view.hits_in(m.end(), project.start) or re.search(r"[、，,]", view.text[m.end():project.start]):
            continue
        yield _rel("investsIn", company.entity, project.entity, sent, "verb", 0.8)


def invest_adjacent(view: DocView, sent: Span) -> Iterator[Relation]:
    """``X年产…项目`` / ``X的年产…项目`` (a company's name right before its project)."""
    for company in view.hits_in(sent.start, sent.end, "Company"):
        pos = after(view, company)
        project = view.hit_at(pos) or (view.hit_at(pos + 1) if view.text[pos:pos + 1] == "的" else None)
        if project is not None and project.type == "Project":
            yield _rel("investsIn", company.entity, project.entity, sent, "adjacent", 0.75)


def invest_ba(view: DocView, sent: Span) -> Iterator[Relation]:
    """``X宣布，把P与Q双双落地于此`` → X investsIn P (projects only)."""
    if not view.hits_in(sent.start, sent.end, "Project"):
        return
    for m in cues.BA_RE.finditer(view.text, sent.start, sent.end):
        land = cues.BA_LAND_RE.search(view.text, m.end(), min(sent.end, m.end() + 40))
        if land is None:
            continue
        company = view.last_before(m.start(), "Company", floor=sent.start)
        if company is None or re.search(r"[。；;]", view.text[company.end:m.start()]):
            continue
        for project in view.hits_in(m.end(), land.start(), "Project"):
            yield _rel("investsIn", company.entity, project.entity, sent, "ba", 0.7)


def core_names(company: Entity, is_place: Callable[[str], bool]) -> list[str]:
    """Short forms a project name may start with: the company's names and the short names the
    link stage derives from them (place prefix, legal form, industry words removed)."""
    from kg.link.aliases import derived_aliases
    from kg.nlp.context import rule_context
    from kg.nlp.textutil import fold

    ctx, out = rule_context(), set()
    for name in names(company):
        out.add(name)
        out.update(derived_aliases(fold(name), "Company", ctx))      # remembered per name
        for k in (4, 3, 2):                  # places the document itself names
            if len(name) - k >= 2 and is_place(name[:k]):
                out.update(derived_aliases(fold(name[k:]), "Company", ctx))
                break
    return sorted(c for c in out if len(c) >= 2)


def invest_by_name(view: DocView) -> Iterator[Relation]:
    """A project named after a company (``远川微8英寸…技改`` ← 台州远川微电子股份有限公司)."""
    from kg.nlp.context import rule_context

    projects = [e for e in view.entities if e.type == "Project" and e.mentions]
    if not projects:
        return
    gaz = rule_context().places.entries
    doc_places = {n for e in view.entities if e.type == "Place" for n in names(e)}

    def is_place(text: str) -> bool:
        return text in doc_places or text in gaz

    cores = [(core, c) for c in view.entities if c.type == "Company" for core in core_names(c, is_place)]
    for project in projects:
        best = max(((core, c) for core, c in cores for n in names(project)
                    if n.startswith(core) and len(n) > len(core)), key=lambda x: len(x[0]), default=None)
        if best is not None:
            m = project.mentions[0]
            yield _rel("investsIn", best[1], project, view.sentence_at(m.start), "project_name", 0.75)


def invest_quoted(view: DocView, works: list[Relation]) -> Iterator[Relation]:
    """An executive quoted ``我们…再建一座P`` → his company investsIn P."""
    employer = {r.head: r.tail for r in works if r.type == "worksFor"}
    for i, sent in enumerate(view.sentences):
        m = QUOTE_INVEST_RE.search(view.text, sent.start, sent.end)
        if m is None:
            continue
        projects = view.hits_in(m.end(), sent.end, "Project")
        speaker = _speaker(view, sent, i)
        if projects and speaker is not None and speaker.id in employer:
            company = view.by_id.get(employer[speaker.id])
            if company is not None and company.type == "Company":
                yield _rel("investsIn", company, projects[0].entity, sent, "quoted", 0.6)


def _speaker(view: DocView, sent: Span, i: int) -> Hit | None:
    """The person who says the quote: ``…。”某某说`` right after it (or inside the sentence)."""
    window = [sent] + view.sentences[i + 1:i + 2]
    for s in window:
        for person in view.hits_in(s.start, s.end, "Person"):
            if SPEECH_RE.match(view.text, person.end) and person.start - sent.end <= 3:
                return person
    return None


SENTENCE_RULES: tuple[Rule, ...] = (
    (subsidiary_is, cues.SUB_MARK_RE), (subsidiary_owner, cues.OWNER_RE), (subsidiary_named, re.compile("子公司|分公司")),
    (invest_by, cues.BY_RE), (invest_verb, cues.INVEST_VERB_RE), (invest_adjacent, None), (invest_ba, cues.BA_RE))


def company_relations(view: DocView) -> list[Relation]:
    """Every subsidiaryOf / investsIn edge found sentence by sentence, plus project names."""
    return apply_rules(view, view.sentences_with("Company"), SENTENCE_RULES) + list(invest_by_name(view))
