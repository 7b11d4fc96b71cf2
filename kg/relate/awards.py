"""``receivedAward``: ``某公司荣获/获评 某奖``, ``荣获某奖的某公司``; the tail is the award's name.

A quoted honour with ``称号`` gives the quoted name (``荣获“最美杭州人”称号`` → 最美杭州人); several
honours joined by ``、`` give one edge each. ``获得``/``获`` count only for names ending in 奖/称号.
The head is a company or person right before the verb (adverbs between), or the subject of the
sentence when the clause leaves it out (``…，2023年还荣获…``); parks get no edge.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Relation, Span
from kg.relate import cues
from kg.relate.roles import after
from kg.relate.view import DocView, Hit

HEADS = ("Company", "Person")
QUOTED_TITLE_RE = re.compile(r"^[^“”]*“(?P<name>[^“”]{2,40})”(?:荣誉)?称号$")
TRAILING_RE = re.compile(r"(?:等)?(?:荣誉称号|称号|殊荣|荣誉)$")
GENERIC_AWARDS = frozenset({"优秀", "好评", "认可", "一致好评", "肯定", "支持", "批复", "成功"})


def award_names(phrase: str) -> list[str]:
    """The award names in the text after the verb (``A、B`` → two names)."""
    out = []
    for part in phrase.split("、"):
        part = part.strip().lstrip("了为")
        quoted = QUOTED_TITLE_RE.match(part)
        if quoted:
            part = quoted.group("name")
        elif "“" not in part or part.endswith("”称号"):
            part = TRAILING_RE.sub("", part)
        if 2 <= len(part) <= 40 and part not in GENERIC_AWARDS:
            out.append(part.strip("“”\""))
    return out


LIST_TAIL_RE = re.compile(r"等(?:\d+|[一二三四五六七八九十几多]+)[家个名](?:企业|公司)?")
LIST_JOINT_RE = re.compile("、|和|及|以及")


def _heads_before(view: DocView, sent: Span, pos: int) -> list[Hit]:
    """``A、B、C等9家企业获评…``: every company of the list before the verb; else the one head."""
    c_start, _ = view.clause_at(pos, sent)
    hits = view.hits_in(c_start, pos)
    if hits and hits[-1].type == "Company":
        tail = LIST_TAIL_RE.match(view.text, after(view, hits[-1]), pos)
        if tail and cues.ADVERB_GAP_RE.fullmatch(view.text, tail.end(), pos):
            heads = [hits[-1]]
            for a, b in zip(reversed(hits[:-1]), reversed(hits[1:])):
                if a.type != "Company" or not LIST_JOINT_RE.fullmatch(view.text, after(view, a), b.start):
                    break
                heads.append(a)
            return heads[::-1]
    head = _head_before(view, sent, pos)
    return [head] if head is not None else []


def _head_before(view: DocView, sent: Span, pos: int) -> Hit | None:
    """The company/person right before the verb, or the sentence subject for an elliptical clause."""
    c_start, _ = view.clause_at(pos, sent)
    hits = view.hits_in(c_start, pos)
    if hits:
        h = hits[-1]
        gap = view.text[after(view, h):pos]
        return h if h.type in HEADS and cues.ADVERB_GAP_RE.fullmatch(gap) else None
    opener = view.text[c_start:pos]
    pronoun = re.fullmatch(r"(?:[她他])" + cues.ADVERB_GAP_RE.pattern, opener)
    if pronoun:
        return view.last_person(pos)
    company = re.fullmatch(r"(?:该公司|该企业|公司|企业)" + cues.ADVERB_GAP_RE.pattern, opener)
    if company:
        return view.last_company(pos)
    elliptical = cues.TIME_PREFIX_RE.fullmatch(opener) or cues.ADVERB_GAP_RE.fullmatch(opener)
    return view.subject(c_start, *HEADS) if elliptical and c_start > sent.start else None


def awards(view: DocView, sent: Span) -> Iterator[Relation]:
    """Every award edge of a sentence."""
    for m in cues.AWARD_VERB_RE.finditer(view.text, sent.start, sent.end):
        verb = m.group()
        _, c_end = view.clause_at(m.end(), sent)
        phrase_end, head = c_end, None
        for h in view.hits_in(m.end(), c_end, *HEADS):
            if view.text[h.start - 1:h.start] == "的":
                phrase_end, head = h.start - 1, h
                break
        phrase = view.text[m.end():phrase_end]
        if verb not in cues.STRONG_AWARD_VERBS and not cues.AWARD_NAME_END_RE.search(phrase):
            continue
        if verb in cues.STRONG_AWARD_VERBS and len(phrase) < 3:
            continue
        heads = [head] if head is not None else _heads_before(view, sent, m.start())
        for h in heads:
            for name in award_names(phrase):
                yield Relation(type="receivedAward", head=h.id, tail=name, evidence=sent,
                               confidence=0.8 if verb in cues.STRONG_AWARD_VERBS else 0.6,
                               rule="receivedAward.verb" if len(heads) == 1 else "receivedAward.list")


def award_relations(view: DocView) -> list[Relation]:
    """Every receivedAward edge of the document."""
    out: list[Relation] = []
    for sent in view.sentences:                 # all: ``2023年，他获评…`` names no entity itself
        if cues.AWARD_VERB_RE.search(sent.text):
            out.extend(awards(view, sent))
    return out
