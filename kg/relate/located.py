"""``locatedIn`` rules: sentence patterns (``X落户Y``, ``位于Y的X``, ``Y内的X``, ``Y拥有A、B等企业``,
``作为Y的…，X``, ``“一核”便是X``) and the document-structure rule (the companies and projects a
story presents as its platform's own)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from kg.records import Entity, Relation, Span
from kg.relate import cues
from kg.relate.roles import after, blocked
from kg.relate.view import (
    LOCATED_HEADS,
    DocView,
    Hit,
    Rule,
    apply_rules,
    names,
    org_class,
)

CHAIN_FIRST_GAPS = ("", "了", "在", "于", "到", "至", "了在", "到了")
CHAIN_NEXT_RE = re.compile(r"^(?:(?:区域内|境内|内|东部|西部|南部|北部|中部)?的)?$")
L2_GAP_RE = re.compile(r"^(?:区域内|境内|内|里)?[^，。；：、,;:]{0,8}?的$")
HEAD_GAP_MAX = 16
THIS_ONE_RE = re.compile(r"(?:这家|该|这个|此)$")
THIS_NOUN_RE = re.compile(r"[^，。；,;]{0,6}?的(企业|公司|项目)")
FORMER_RE = re.compile(r"(?:原|曾|曾经|此前|原先|以前)$")
ANAPHOR_OPENER_RE = re.compile(
    r"(该企业|该公司|该集团|公司|企业)(?:将|已|还|也|又|正|于|在)*(?:\d{4}年(?:底|初|末)?|\d{1,2}月|今年|去年|明年)?"
    r"(?:将|已|还|也|又|正|于|在)*")
INSIDE_HINT_RE = re.compile(r"[内里中侧]|部的|片区的|境内")
BA_OPENER_RE = re.compile(r"(?:把|将)")
IS_MEMBER_TAIL_RE = re.compile(r"的[^，。；,;]{0,16}?(?:企业|公司|项目|平台|园区|基地|载体|中心|之一)$")
CATEGORY_RE = re.compile(r"的?[^，。；、,;]{0,6}?(?:项目|企业|平台|载体)(?:——|—|：|:)“?")
RANKING_RE = re.compile(r"(?:前列|前茅|第[一二三四五六七八九十\d]|首位|榜首|前[三五十]|全[市省国区]第)")
CONF = {"cue": 0.8, "cue_after": 0.8, "inside": 0.8, "zai": 0.75, "member": 0.7, "category": 0.7,
        "member_implicit": 0.6, "is": 0.65, "zuowei": 0.65, "core": 0.65, "adjacent": 0.65, "name_prefix": 0.5,
        "platform_headline": 0.55, "platform_dominant": 0.45}
"""Confidence by rule: sentence patterns above the document-structure rules (platform, name)."""


@dataclass(frozen=True)
class Located:
    """A locatedIn edge before it becomes a ``Relation``: which rule, which sentence."""

    head: Entity
    tail: Entity
    evidence: Span
    rule: str
    moved: bool = False

    def relation(self) -> Relation:
        return Relation(type="locatedIn", head=self.head.id, tail=self.tail.id, evidence=self.evidence,
                        confidence=CONF[self.rule], rule=f"locatedIn.{self.rule}")


def can_be_located(hit: Hit, *, explicit: bool = True) -> bool:
    """Company, project, park, or an organisation that is not an authority, school, medium …"""
    if hit.type not in LOCATED_HEADS:
        return False
    if hit.type == "Organization":
        kind = org_class(hit.entity)
        return kind == "research" or (explicit and kind == "other")
    return True


def place_chain(view: DocView, pos: int, limit: int) -> list[Hit]:
    """Parks/places in a row from ``pos`` (``江岸新区云溪小镇``, ``某某区某某镇``, ``Y内的Z``)
    (``limit``: the end of the sentence)."""
    out: list[Hit] = []
    cur = pos
    sent = view.sentence_at(pos - 1)
    for ref in view.places_in(sent.start, limit):
        if ref.start < cur or ref.end > limit:
            continue
        gap = view.text[cur:ref.start]
        if (not out and gap in CHAIN_FIRST_GAPS) or (out and CHAIN_NEXT_RE.match(gap)):
            out.append(ref)
            cur = ref.end
        else:
            break
    return out


def list_left(view: DocView, hit: Hit) -> list[Hit]:
    """``hit`` and the items of the enumeration it closes (``A、B和C``), in order."""
    out = [hit]
    while True:
        prev = view.last_before(out[0].start, floor=max(0, out[0].start - 40))
        if prev is None or prev.type != hit.type or not cues.LIST_SEP_RE.fullmatch(
                view.text[prev.end:out[0].start] or "x"):
            return out
        out.insert(0, prev)


def list_right(view: DocView, hit: Hit) -> list[Hit]:
    """``hit`` and the items that follow it in an enumeration."""
    out = [hit]
    while True:
        pos = after(view, out[-1])
        nxt = view.next_hit(pos, within=4)
        if nxt is None or nxt.type != hit.type or not cues.LIST_SEP_RE.fullmatch(
                view.text[pos:nxt.start] or "x"):
            return out
        out.append(nxt)


def project_anaphor(view: DocView, start: int, end: int) -> Hit | None:
    """``该项目`` / ``项目`` opening ``[start, end)`` resolved to the last project named before it."""
    t = cues.TIME_PREFIX_RE.match(view.text, start, end)
    m = cues.PROJECT_ANAPHOR_RE.match(view.text, t.end() if t else start, end)
    if m is None:
        return None
    story = view.story_at(m.start())
    prev = view.last_before(m.start(), "Project", floor=max(story.start, m.start() - 500))
    return None if prev is None else Hit(prev.entity, m.start(), m.end(), via=m.group())


def head_before(view: DocView, pos: int, sent: Span) -> list[Hit]:
    """The subject of a cue at ``pos``: the nearest located-kind mention before it in the clause
    (with the enumeration it closes), a ``该项目``, or the sentence subject when the clause has none."""
    c_start, _ = view.clause_at(pos, sent)
    in_sentence = view.hits_in(sent.start, sent.end)
    cands = [h for h in in_sentence if c_start <= h.start and h.end <= pos and h.type != "Place"]
    if cands:
        h = cands[-1]
        gap = view.text[after(view, h):pos]
        if h.type == "Company" and cues.FACILITY_RE.search(gap):
            return []
        if can_be_located(h) and len(gap) <= HEAD_GAP_MAX and not any(
                h.end <= r.start and r.end <= pos for r in view.places_in(sent.start, sent.end)):
            return list_left(view, h)
        return []
    opener = view.text[c_start:pos]
    zone = [a for a in view.places_in(sent.start, sent.end) if a.via and a.type == "Park"
            and c_start <= a.start and a.end <= pos]
    if zone and cues.ADVERB_GAP_RE.fullmatch(view.text, zone[-1].end, pos):
        return [zone[-1]]
    anaphor = project_anaphor(view, c_start, pos)
    if anaphor is not None and len(opener) <= 12:
        return [anaphor]
    company = ANAPHOR_OPENER_RE.fullmatch(opener)
    if company:
        found = view.last_company(pos)
        return [Hit(found.entity, c_start, pos, via=company.group(1))] if found else []
    m = cues.TIME_PREFIX_RE.match(view.text, c_start, pos)
    if m and m.end() >= pos - 4 or BA_OPENER_RE.match(view.text, c_start, pos):
        subj = view.subject(c_start)
        if subj is not None and can_be_located(subj):
            return [subj]
    return []


def _emit(heads: list[Hit], tail: Entity, sent: Span, rule: str, moved: bool = False) -> Iterator[Located]:
    for h in heads:
        if h.id != tail.id and can_be_located(h):
            yield Located(h.entity, tail, sent, rule, moved)


def by_cue(view: DocView, sent: Span) -> Iterator[Located]:
    """``X落户/入驻/位于Y`` (X before the cue) and ``位于Y的X`` (X after it)."""
    for cue in cues.LOCATED_CUE_RE.finditer(view.text, sent.start, sent.end):
        word = cue.group()
        if view.hits_in(cue.start(), cue.end()) or _inside_any(view, cue.start()) or \
                FORMER_RE.search(view.text, max(sent.start, cue.start() - 2), cue.start()):
            continue
        chain = place_chain(view, cue.end(), sent.end)
        heads = head_before(view, cue.start(), sent)
        if not heads and chain and THIS_ONE_RE.search(view.text, max(sent.start, cue.start() - 3), cue.start()):
            heads = _this_one(view, chain[-1].end, cue.start())
            if heads:
                yield from _emit(heads, chain[-1].entity, sent, "cue_after")
                continue
        if not heads and chain:
            yield from _cue_head_after(view, sent, chain)
            continue
        if word == "签约" and not chain or chain and RANKING_RE.match(view.text, chain[-1].end):
            continue
        tail = chain[-1].entity if chain else None
        if tail is None and word in cues.IMPLICIT_TAIL_CUES and not _object_follows(view, cue.end(), sent):
            tail = view.topic_park(cue.start())
            rule = "member_implicit"
        else:
            rule = "cue"
        if tail is not None:
            yield from _emit(heads, tail, sent, rule, moved=word in cues.MOVED_CUES)


def _this_one(view: DocView, chain_end: int, pos: int) -> list[Hit]:
    """``这家位于Y的企业``: the company (or project) the article just named."""
    m = THIS_NOUN_RE.match(view.text, chain_end)
    if m is None:
        return []
    kind = "Project" if m.group(1) == "项目" else "Company"
    prev = view.last_before(pos, kind, floor=max(view.story_at(pos).start, pos - 300))
    return [Hit(prev.entity, pos, chain_end, via=m.group(1))] if prev else []


def _inside_any(view: DocView, pos: int) -> bool:
    return view.inside_mention(pos, pos + 1) and view.hit_at(pos) is None


def _object_follows(view: DocView, pos: int, sent: Span) -> bool:
    """Something other than punctuation follows the cue in its clause (``落地新一代工厂``)."""
    _, c_end = view.clause_at(pos, sent)
    return bool(view.text[pos:c_end].strip("了。，；等 "))


def _cue_head_after(view: DocView, sent: Span, chain: list[Hit]) -> Iterator[Located]:
    """``位于Y的X`` / ``落户Y三年的X`` / ``来自Y的X``: the located thing follows the place."""
    pos = chain[-1].end
    nxt = view.next_hit(pos, within=min(sent.end - pos, 12))
    if nxt is not None and L2_GAP_RE.match(view.text[pos:nxt.start]) and can_be_located(nxt):
        yield from _emit(list_right(view, nxt), chain[-1].entity, sent, "cue_after")
    elif len(chain) >= 2 and chain[-1].type == "Park" and re.search(r"的$", view.text[chain[-2].end:chain[-1].start]):
        yield from _emit([chain[-1]], chain[-2].entity, sent, "cue_after")


def by_zai(view: DocView, sent: Span) -> Iterator[Located]:
    """``X在Y开工/注册成立`` → X in Y; ``X在Y投资/设立Z`` → Z in Y."""
    if "在" not in sent.text:
        return
    for m in re.finditer("在", view.text[sent.start:sent.end]):
        pos = sent.start + m.start()
        chain = place_chain(view, pos + 1, sent.end)
        if not chain or chain[0].start != pos + 1:
            continue
        verb = cues.ZAI_VERB_RE.search(view.text, chain[-1].end, min(sent.end, chain[-1].end + 8))
        if verb is None or re.search(r"[，。；：,;:]", view.text[chain[-1].end:verb.start()]):
            continue
        tail = chain[-1].entity
        objects = []
        if verb.group() in cues.OBJECT_VERBS:
            _, c_end = view.clause_at(verb.end(), sent)
            objects = [h for h in view.hits_in(verb.end(), c_end, "Project", "Company")][:1]
        heads = objects or head_before(view, pos, sent)
        yield from _emit(heads, tail, sent, "zai")


def by_inside(view: DocView, sent: Span) -> Iterator[Located]:
    """``Y内的A、B等企业`` / ``在Y东部的Z里，X…`` → A, B (and Z, X) in Y."""
    if not INSIDE_HINT_RE.search(sent.text):
        return
    for ref in view.places_in(sent.start, sent.end):
        m = cues.INSIDE_RE.match(view.text, ref.end)
        if m and m.end() > ref.end + 1:
            nxt = view.hit_at(m.end())
            if nxt is not None and can_be_located(nxt):
                yield from _emit(list_right(view, nxt), ref.entity, sent, "inside")
        c = cues.INSIDE_COMMA_RE.match(view.text, ref.end)
        if c:
            _, c_end = view.clause_at(c.end(), sent)
            first = view.first_after(c.end(), ceil=c_end)
            if first is not None and first.type == "Company":
                nxt = view.next_hit(after(view, first), "Project", within=2)
                first = nxt or first
            if first is not None:
                yield from _emit([first], ref.entity, sent, "inside")


def by_membership(view: DocView, sent: Span) -> Iterator[Located]:
    """``Y拥有/集聚/引进/孕育出 A、B等企业`` → A, B in Y (Y named, ``这里``, or the platform)."""
    for verb in cues.MEMBER_VERB_RE.finditer(view.text, sent.start, sent.end):
        if _inside_any(view, verb.start()):
            continue
        objects = [h for h in view.hits_in(verb.end(), sent.end) if can_be_located(h) and not blocked(view, h)]
        if not objects:
            continue
        y, rule = _member_subject(view, sent, verb.start(), objects[-1]), "member"
        if y is None:
            y, rule = view.topic_park(verb.start()), "member_implicit"
        if y is not None:
            yield from _emit(objects, y, sent, rule)


def _member_subject(view: DocView, sent: Span, pos: int, last_object: Hit) -> Entity | None:
    """The park/place that has the members: before the verb, or opening the clause after the list."""
    refs = view.places_in(sent.start, pos)
    if refs:
        return refs[-1].entity
    _, c_end = view.clause_at(last_object.end, sent)
    nxt = view.places_in(c_end + 1, sent.end)
    if nxt and nxt[0].start == c_end + 1:
        return nxt[0].entity
    return None


def by_zuowei(view: DocView, sent: Span) -> Iterator[Located]:
    """``作为Y的…平台，X…`` and ``X作为Y的…园区`` → X in Y."""
    if "作为" not in sent.text:
        return
    for m in cues.ZUOWEI_RE.finditer(view.text, sent.start, sent.end):
        refs = view.places_in(m.end(), min(sent.end, m.end() + 30))
        if not refs or refs[0].start != m.end():
            continue
        y = refs[0]
        _, c_end = view.clause_at(y.end, sent)
        if "的" not in view.text[y.end:c_end]:
            continue
        before = view.hit_ending_at(m.start()) or view.hit_ending_at(m.start() - 1)
        if before is not None and before.type in LOCATED_HEADS:
            x = before
        else:
            x = view.first_after(c_end + 1, ceil=view.clause_at(c_end + 1, sent)[1]) if c_end < sent.end else None
        if x is not None and x.type in LOCATED_HEADS and x.id != y.id:
            yield from _emit([x], y.entity, sent, "zuowei")


def by_core(view: DocView, sent: Span) -> Iterator[Located]:
    """``其中“一核”便是X`` → X in the zone named before; ``这里…成为Y…的核心区块`` → here in Y."""
    if "核" not in sent.text and "部分" not in sent.text:
        return
    for m in cues.CORE_WORDS_RE.finditer(view.text, sent.start, sent.end):
        x = view.next_hit(m.end(), within=3)
        refs = [r for r in view.places_in(sent.start, m.start()) if x is None or r.id != x.id]
        if x is not None and refs and x.type in LOCATED_HEADS:
            yield from _emit([x], refs[-1].entity, sent, "core")
    for m in cues.PART_OF_RE.finditer(view.text, sent.start, sent.end):
        ys = view.places_in(m.start("rest"), m.end("rest"))
        subject = _subject_ref(view, sent, m.start())
        if ys and subject is not None and subject.id != ys[0].id and subject.type == "Park":
            yield from _emit([subject], ys[0].entity, sent, "core")


def _subject_ref(view: DocView, sent: Span, pos: int) -> Hit | None:
    """The park that opens a clause before ``pos``: a mention or a resolved ``这里``/``园区``."""
    for c_start, _ in view.clauses(sent):
        if c_start >= pos:
            break
        m = cues.TIME_PREFIX_RE.match(view.text, c_start, pos)
        at = m.end() if m else c_start
        for ref in view.places_in(at, at + 12):
            if ref.start == at:
                return ref
    return None


def by_adjacency(view: DocView, sent: Span) -> Iterator[Located]:
    """``江岸新区云溪小镇``, ``云溪小镇星火中心``: a park named right after its container
    (a city or province before a park name is part of how the park is named, not its container)."""
    hits = view.hits_in(sent.start, sent.end)
    for a, b in pairwise(hits):
        if a.end == b.start and b.type == "Park" and (a.type == "Park" or a.type == "Place" and not _coarse(a.entity)):
            yield Located(b.entity, a.entity, sent, "adjacent")


def _coarse(place: Entity) -> bool:
    """A province, a city or a country: too coarse to be the annotated container of a park."""
    from kg.nlp.context import rule_context

    gaz = rule_context().places.entries
    levels = {gaz[n].level for n in names(place) if n in gaz}
    return bool(levels & {"province", "city"}) or not levels and place.label.endswith(("国", "省", "市"))


def by_is(view: DocView, sent: Span) -> Iterator[Located]:
    """``X是钱塘新区最早一批成立的…企业`` / ``该项目是钱塘落地的首个…基地`` → X in the place."""
    for ref in view.places_in(sent.start, sent.end):
        if ref.start == 0 or view.text[ref.start - 1] not in "是系为" or _inside_any(view, ref.start - 1):
            continue
        _, c_end = view.clause_at(ref.end, sent)
        if not IS_MEMBER_TAIL_RE.search(view.text, ref.end, c_end):
            continue
        heads = [h for h in head_before(view, ref.start - 1, sent) if h.type != "Park"]
        yield from _emit(heads[-1:], ref.entity, sent, "is")


def by_category(view: DocView, sent: Span) -> Iterator[Located]:
    """``云溪小镇储备项目——“远川智控未来产业中心”`` → the named project is the park's."""
    if "—" not in sent.text and "：" not in sent.text and ":" not in sent.text:
        return
    for ref in view.places_in(sent.start, sent.end):
        if ref.type != "Park":
            continue
        m = CATEGORY_RE.match(view.text, ref.end, sent.end)
        if m is None:
            continue
        nxt = view.hit_at(m.end())
        if nxt is not None and can_be_located(nxt):
            yield from _emit(list_right(view, nxt), ref.entity, sent, "category")


IMPLICIT_RULES: tuple[Rule, ...] = ((by_cue, cues.LOCATED_CUE_RE), (by_membership, cues.MEMBER_VERB_RE))
"""The rules that may place something without a park or place named in the sentence."""
SENTENCE_RULES: tuple[Rule, ...] = IMPLICIT_RULES + (
    (by_zai, re.compile("在")), (by_inside, INSIDE_HINT_RE), (by_zuowei, cues.ZUOWEI_RE),
    (by_core, re.compile("核|部分")), (by_adjacency, None), (by_is, re.compile("[是系为]")),
    (by_category, re.compile("[—：:]")))


PLACE_TYPES = frozenset(("Park", "Place"))


def sentence_edges(view: DocView) -> list[Located]:
    """Every sentence-pattern locatedIn edge of the document."""
    kinds = ("Company", "Project", "Park", "Organization")
    busy = view.sentences_with(*kinds, words=cues.PROJECT_ANAPHOR_RE)
    placed = [s for s in busy if not PLACE_TYPES.isdisjoint(view.types_in(s))]
    unplaced = [s for s in busy if PLACE_TYPES.isdisjoint(view.types_in(s))]
    return apply_rules(view, placed, SENTENCE_RULES) + apply_rules(view, unplaced, IMPLICIT_RULES)


# ------------------------------------------------------------------ name prefix
def name_prefix(view: DocView, placed: set[str]) -> Iterator[Located]:
    """A park whose name starts with a district (``杭州滨江星湾科创中心`` → 滨江区), when the text
    gives it no container at all; cities and provinces are too coarse to be the container."""
    from kg.nlp.context import rule_context

    gaz = rule_context().places.entries
    places = [e for e in view.entities if e.type == "Place"]
    for park in (e for e in view.entities if e.type == "Park" and e.id not in placed and e.mentions):
        found = _district_prefix(park.label, places, gaz)
        if found is not None:
            m = park.mentions[0]
            yield Located(park, found, view.sentence_at(m.start), "name_prefix")


def _district_prefix(label: str, places: list[Entity], gaz: dict) -> Entity | None:
    """The most specific county/township place the name begins with (after its city)."""
    rest, best = label, None
    while rest:
        step = max((n for p in places for n in names(p) if len(n) >= 2 and rest.startswith(n)), key=len, default="")
        step = step or next((rest[:k] for k in range(min(6, len(rest) - 2), 1, -1) if rest[:k] in gaz), "")
        if not step:
            break
        entry = gaz.get(step)
        if entry is not None and entry.level in ("county", "township"):
            best = next((p for p in places if step in names(p) or entry.canonical in names(p)), best)
        rest = rest[len(step):]
    return best


# ------------------------------------------------------------------ document structure
def platform_edges(view: DocView, explicit: list[Located]) -> Iterator[Located]:
    """Companies, projects, sub-parks and research institutes named in a story about platform P
    are P's own: one edge per entity, evidence the sentence of its first plain mention."""
    elsewhere = {(e.head.id, e.evidence.start) for e in explicit}
    for story in view.stories:
        p = story.platform
        if p is None or story.related:
            continue
        seen: set[str] = {p.id}
        skip: set[str] = set()
        rule = f"platform_{story.strength}"
        for h in view.hits_in(story.start, story.end):
            if h.id in seen or h.id in skip:
                continue
            if not can_be_located(h, explicit=False) or _phase_of(h.entity, p):
                skip.add(h.id)
                continue
            sent = view.sentence_at(h.start)
            if (h.id, sent.start) in elsewhere or blocked(view, h):
                continue
            seen.add(h.id)
            yield Located(h.entity, p, sent, rule)


def _phase_of(entity: Entity, platform: Entity) -> bool:
    """``星湾科创中心二期``: a later phase of the platform itself, built beside it."""
    return any(n.startswith(pn) and cues.PHASE_RE.match(n[len(pn):]) for n in names(entity) for pn in names(platform)
               if len(pn) >= 2)
