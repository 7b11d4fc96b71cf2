"""``worksFor`` and ``involvedIn``: a person's title or post at an organisation, park or project.

Patterns: ``某公司副董事长兼总裁某某`` (organisation, title, person; ``公司``/``该企业``/``集团`` resolved),
``某某出任/担任/被任命为 某单位+职务``, ``某某进入/在/前往 某单位 工作/报到/负责``, ``某某创办了某公司``
(创始人), and for projects and zones ``总指挥``/``招商`` with the person who led them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Entity, Relation, Span
from kg.relate import cues
from kg.relate.roles import TITLE_GAP_MAX, role_gap
from kg.relate.view import DocView, Hit, Rule, apply_rules, names

WORK_TAILS = ("Company", "Organization", "Park", "Project")
COMPANY_WORD_FIND_RE = re.compile(r"(?:该公司|该企业|该集团|本公司|公司|企业|集团)")
APPOSITION_RE = re.compile(r"[，,（(]")
APPOSITION_END = set("，,）)。；")
PARTY_ORG_RE = re.compile(r"(?:党工委|党委|党组|工委)$")


def _rel(kind: str, person: Hit, tail: Entity, sent: Span, rule: str, conf: float, role: str | None) -> Relation:
    if tail.type == "Project" and kind == "worksFor":
        kind = "involvedIn"
    return Relation(type=kind, head=person.id, tail=tail.id, role=role or None, evidence=sent,
                    confidence=conf, rule=f"{kind}.{rule}")


def park_of_party_org(view: DocView, org: Entity) -> tuple[Entity, str]:
    """``某园区党工委`` stands for the park itself (its 党工委书记 leads the park): (the park, the
    party word that belongs to the title), else (org, "")."""
    m = PARTY_ORG_RE.search(org.label)
    if org.type != "Organization" or m is None:
        return org, ""
    stem = org.label[:m.start()]
    park = next((e for e in view.entities if e.type == "Park" and any(
        len(n) >= 3 and (stem.endswith(n) or n.endswith(stem)) for n in names(e))), None)
    return (park, m.group()) if park is not None else (org, "")


def org_before(view: DocView, pos: int, floor: int) -> tuple[Entity, int, str] | None:
    """The organisation whose name (or ``公司``/``园区``-type word) ends the text closest before a
    title at ``pos``: (entity, end of the name, a word of the name that belongs to the title)."""
    floor = max(floor, pos - TITLE_GAP_MAX - 20)
    best: tuple[int, Hit] | None = None
    for h in view.hits_in(floor, pos, *WORK_TAILS):
        if h.end >= pos - TITLE_GAP_MAX and (best is None or h.end > best[0]):
            best = (h.end, h)
    for a in view.places_in(floor, pos):
        if a.via and a.type == "Park" and a.end >= pos - TITLE_GAP_MAX and (best is None or a.end > best[0]):
            best = (a.end, a)
    for m in COMPANY_WORD_FIND_RE.finditer(view.text, max(floor, pos - TITLE_GAP_MAX - 3), pos):
        if (best is None or m.end() > best[0]) and m.end() < pos and not view.inside_mention(m.start(), m.end()) \
                and _word_boundary_ok(view, m.start()):
            found = view.last_company(m.start(), m.group())
            if found is not None:
                best = (m.end(), Hit(found.entity, m.start(), m.end(), via=m.group()))
    return None if best is None else _org(view, best[1], best[0])


def _org(view: DocView, hit: Hit, end: int) -> tuple[Entity, int, str]:
    org, party = park_of_party_org(view, hit.entity)
    return org, end, party


def _word_boundary_ok(view: DocView, pos: int) -> bool:
    """``公司``/``企业`` as a word of its own (after punctuation, ``该``, or a clause start)."""
    left = view.text[pos - 1:pos] if pos else "，"
    return view.text.startswith("该", pos) or left in "，,。；：、“”\n 其" or left == ""


def titled(view: DocView, sent: Span) -> Iterator[Relation]:
    """``某公司董事长某某`` / ``公司总经理某某`` / ``某某管委会常务副主任某某``, and the apposition
    ``某某，某公司总经理，…`` / ``某某（某公司董事长）``."""
    for person in view.hits_in(sent.start, sent.end, "Person"):
        if view.in_byline(person.start):
            continue
        found = org_before(view, person.start, max(sent.start, person.start - 40))
        role = role_gap(view, found[1], person.start) if found is not None else None
        if found is not None and role is not None:
            yield _rel("worksFor", person, found[0], sent, "title", 0.85, found[2] + role)
        elif found is None and (bare := _bare_title(view, sent, person)) is not None:
            yield _rel("worksFor", person, bare[0], sent, "bare_title", 0.6, bare[1])
        else:
            yield from _apposition(view, sent, person)


_COMPANY_TITLE = ("(?:副?董事长|副?总经理|副?总裁|首席(?:执行|技术|运营|财务)官|首席科学家|CEO|CTO|COO|CFO"
                  "|联合创始人|创始人|总工程师|技术总监|董事)")
COMPANY_TITLE_RE = re.compile(f"{_COMPANY_TITLE}(?:[、兼]{_COMPANY_TITLE})*")


def _bare_title(view: DocView, sent: Span, person: Hit) -> tuple[Entity, str] | None:
    """``…。董事长某某表示``: a company title alone opening the clause belongs to the company
    the paragraph last named (not across paragraphs): (the company, the title)."""
    c_start, _ = view.clause_at(person.start, sent)
    if c_start == person.start and c_start > sent.start and view.text[c_start - 1] in "：:":
        c_start, _ = view.clause_at(c_start - 1, sent)     # the colon ends a clause of its own
    lead = view.text[c_start:person.start].lstrip("“”\"‘’ ")
    listed = lead.endswith(("：", ":"))           # a profile's line 创始人、总经理：某某 …
    lead = lead.rstrip("：: ")
    if not COMPANY_TITLE_RE.fullmatch(lead):
        return None
    company = view.last_company(person.start)
    p_start = view.paragraph_at(person.start)[0]
    floor = view.paragraph_at(p_start - 1)[0] if listed and p_start else p_start   # … under the company's heading
    if company is None or company.start < floor:
        return None
    return company.entity, lead


def _apposition(view: DocView, sent: Span, person: Hit) -> Iterator[Relation]:
    """``某某，某公司总经理，…`` / ``某某（某公司董事长）``: organisation and title right after the name."""
    opener = APPOSITION_RE.match(view.text, person.end)
    org = view.hit_at(opener.end()) if opener else None
    if org is None or org.type not in WORK_TAILS:
        return
    end = _role_end(view, org.end, sent)
    if end is None or view.text[end:end + 1] not in APPOSITION_END:
        return
    role = role_gap(view, org.end, end)
    if role is not None:
        tail, party = park_of_party_org(view, org.entity)
        yield _rel("worksFor", person, tail, sent, "apposition", 0.75, party + role)


def appointed(view: DocView, sent: Span) -> Iterator[Relation]:
    """``某某出任/担任/升任/被任命为 某单位+职务`` (person or 他/她 before the verb)."""
    if "任" not in sent.text:
        return
    for m in cues.APPOINT_RE.finditer(view.text, sent.start, sent.end):
        if m.group() == "任" and view.text[m.start() - 1:m.start()] in "主责信重担兼现曾":
            continue
        person = _person_before(view, sent, m.start())
        org = view.hit_at(m.end())
        if person is None:
            continue
        if org is not None and org.type in WORK_TAILS:
            end = _role_end(view, org.end, sent)
            role = role_gap(view, org.end, end) if end else None
            if role is not None:
                tail, party = park_of_party_org(view, org.entity)
                yield _rel("worksFor", person, tail, sent, "appointed", 0.8, party + role)
                continue
        command = cues.COMMAND_RE.search(view.text, m.end(), view.clause_at(m.end(), sent)[1])
        if command:
            yield from _commanded(view, sent, person, command.group(), m.end())


def _role_end(view: DocView, pos: int, sent: Span) -> int | None:
    """End of the title that follows an organisation name (at most a few words)."""
    _, c_end = view.clause_at(pos, sent)
    best = None
    for end in range(pos + 1, min(c_end, pos + 14) + 1):
        if cues.ROLE_HEAD_RE.search(view.text, pos, end) and not cues.ROLE_GAP_BAD_RE.search(view.text, pos, end):
            best = end
    return best


def _commanded(view: DocView, sent: Span, person: Hit, role: str, at: int) -> Iterator[Relation]:
    """``他担任…指挥部的总指挥，统一协调保税区…`` → involvedIn the zone or project named;
    ``某某担任该项目攻坚专班总指挥`` → the project that ``该项目`` stands for."""
    if view.text.startswith("该项目", at):
        project = view.last_before(at, "Project", floor=view.story_at(at).start)
        if project is not None:
            yield _rel("involvedIn", person, project.entity, sent, "command", 0.7, role)
            return
    targets = view.hits_in(sent.start, sent.end, "Project", "Park")
    if targets:
        yield _rel("involvedIn", person, targets[0].entity, sent, "command", 0.7, role)


def _person_before(view: DocView, sent: Span, pos: int) -> Hit | None:
    """The person a verb at ``pos`` belongs to: named before it in the sentence, or 他/她."""
    persons = [h for h in view.hits_in(sent.start, pos, "Person") if not view.in_byline(h.start)]
    pronoun = None
    for m in cues.PERSON_PRONOUN_RE.finditer(view.text, sent.start, pos):
        pronoun = m
    if persons and (pronoun is None or persons[-1].start > pronoun.start()):
        return persons[-1]
    if pronoun is not None:
        return view.last_person(pronoun.start())
    return None


def works_at(view: DocView, sent: Span) -> Iterator[Relation]:
    """``某某进入/在/前往 某单位 工作/报到/负责…`` → worksFor (role from the title, if any)."""
    if not view.hits_in(sent.start, sent.end, "Person") and not cues.PERSON_PRONOUN_RE.search(sent.text):
        return
    for m in cues.WORK_AT_RE.finditer(view.text, sent.start, sent.end):
        org = view.hit_at(m.end())
        if org is None or org.type not in ("Company", "Organization"):
            continue
        tail = cues.WORK_TAIL_RE.match(view.text, org.end, sent.end)
        if tail is None and m.group() not in cues.STRONG_WORK_AT:
            continue
        person = _person_before(view, sent, m.start())
        if person is None or view.clause_at(person.start, sent) != view.clause_at(m.start(), sent) and \
                not _pronoun_in_clause(view, sent, m.start()):
            continue
        role = _post_role(view.text[org.end:tail.end() + 6]) if tail else None
        yield _rel("worksFor", person, org.entity, sent, "works_at", 0.7, role)


def _pronoun_in_clause(view: DocView, sent: Span, pos: int) -> bool:
    c_start, _ = view.clause_at(pos, sent)
    return bool(cues.PERSON_PRONOUN_RE.search(view.text, c_start, pos)) or bool(
        cues.TIME_PREFIX_RE.fullmatch(view.text, c_start, pos))


def _post_role(text: str) -> str | None:
    """The post named after the place of work: ``做博士后`` → 博士后, ``全面负责`` → 负责人."""
    m = re.search(r"(?:做|任|担任|当)([^，。；,;]{1,8}?)(?:[，。；,;]|$)", text)
    if m and cues.ROLE_HEAD_RE.search(m.group(1)):
        return m.group(1)
    if "负责" in text:
        return "负责人"
    return None


def founders(view: DocView, sent: Span) -> Iterator[Relation]:
    """``某某（与某某共同）创办/创立了某公司`` → worksFor, role 创始人 / 联合创始人."""
    if "创" not in sent.text and "组建" not in sent.text:
        return
    for m in cues.FOUND_RE.finditer(view.text, sent.start, sent.end):
        company = view.first_after(m.end(), "Company", ceil=min(sent.end, m.end() + 2 + 40))
        if company is None or company.start > m.end() + 1:
            continue
        c_start, _ = view.clause_at(m.start(), sent)
        persons = [h for h in view.hits_in(c_start, m.start(), "Person") if not view.in_byline(h.start)]
        if persons and re.search(r"与|和", view.text[c_start:persons[0].start]):
            subj = view.subject(c_start, "Person")
            persons = ([subj] if subj is not None and subj.start < c_start else []) + persons
        if not persons:
            subj = _person_before(view, sent, m.start())
            persons = [subj] if subj is not None else []
        joint = len(persons) > 1 or bool(re.search(r"共同|联合|与|和", view.text[c_start:m.end()]))
        for person in persons:
            yield _rel("worksFor", person, company.entity, sent, "founder", 0.75, "联合创始人" if joint else "创始人")


def led(view: DocView, sent: Span) -> Iterator[Relation]:
    """A person who led the investment drive of a zone (``…开发区“老将”某某在招商路上``), in one clause."""
    if "招商" not in sent.text or not view.hits_in(sent.start, sent.end, "Person"):
        return
    for c_start, c_end in view.clauses(sent):
        cue = cues.LEAD_CUES_RE.search(view.text, c_start, c_end)
        if cue is None or cue.group() != "招商":
            continue
        persons = [h for h in view.hits_in(c_start, c_end, "Person") if not view.in_byline(h.start)]
        parks = view.hits_in(c_start, c_end, "Park", "Project")
        if persons and parks:
            yield _rel("involvedIn", persons[0], parks[0].entity, sent, "lead", 0.6, cue.group())


SENTENCE_RULES: tuple[Rule, ...] = (
    (titled, None), (appointed, re.compile("任|当选")), (works_at, cues.WORK_AT_RE),
    (founders, re.compile("创|组建")), (led, re.compile("招商")))


def people_relations(view: DocView) -> list[Relation]:
    """Every worksFor / involvedIn edge of the document."""
    return apply_rules(view, view.sentences_with("Person", words=cues.PERSON_PRONOUN_RE), SENTENCE_RULES)
