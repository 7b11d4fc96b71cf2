"""A read-only view of one linked document for the relation rules: sentences, clauses,
paragraphs, stories and the entity mentions ("hits") inside each, plus resolved anaphora
(``园区``, ``这里``, ``该公司``, ``他``)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kg.records import Entity, Span
from kg.relate import cues

LOCATED_HEADS = ("Company", "Project", "Park", "Organization")
PLACES = ("Park", "Place")
ORGS = ("Company", "Organization", "Park")


class Hit:
    """One mention of an entity in the text; ``via`` is the anaphor word when resolved from one.

    Equal (and hashed) by entity IRI, offsets and ``via``.
    """

    __slots__ = ("end", "entity", "id", "start", "type", "via")

    def __init__(self, entity: Entity, start: int, end: int, via: str = "") -> None:
        self.entity, self.start, self.end, self.via = entity, start, end, via
        self.type, self.id = entity.type, entity.id

    def _key(self) -> tuple[str, int, int, str]:
        return self.id, self.start, self.end, self.via

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Hit({self.entity.label!r}, {self.start}, {self.end}{', ' + self.via if self.via else ''})"


@dataclass(frozen=True)
class Story:
    """One story of the page: its span, the end of its headline block and its platform."""

    start: int
    end: int
    head_end: int
    platform: Entity | None = None
    strength: str = ""      # "headline", "dominant" or "" (no platform)
    related: bool = False   # a "related reading" list, not a story


def org_class(entity: Entity) -> str:
    """``government``, ``media``, ``school``, ``exchange``, ``association``, ``research`` or ``other``."""
    return _org_class(entity.label)


@lru_cache(maxsize=4096)
def _org_class(name: str) -> str:
    for kind, regex in (("exchange", cues.ORG_EXCHANGE_RE), ("school", cues.ORG_SCHOOL_RE),
                        ("research", cues.ORG_RESEARCH_RE), ("media", cues.ORG_MEDIA_RE),
                        ("association", cues.ORG_ASSOCIATION_RE), ("government", cues.ORG_GOVERNMENT_RE)):
        if regex.search(name):
            return kind
    return "other"


def names(entity: Entity) -> tuple[str, ...]:
    """Label and aliases."""
    return (entity.label, *entity.aliases)


@dataclass
class DocView:
    """Sentences, paragraphs, stories and entity mentions of one document, ordered by position."""

    text: str
    title: str
    sentences: list[Span]
    entities: list[Entity]
    date: str | None = None
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sentences = sorted(self.sentences, key=lambda s: s.start)
        self._sent_starts = [s.start for s in self.sentences]
        self.hits = _outermost(sorted((Hit(e, m.start, m.end) for e in self.entities for m in e.mentions
                                       if 0 <= m.start < m.end <= len(self.text)),
                                      key=lambda h: (h.start, -h.end)), self.text)
        self._starts = [h.start for h in self.hits]
        self.by_id = {e.id: e for e in self.entities}
        self._punct = [m.start() for m in PUNCT_RE.finditer(self.text)]
        self._clauses: dict[int, list[tuple[int, int]]] = {}
        self._memo: dict[tuple, list[Hit]] = {}
        self._sentence_types: dict[int, frozenset[str]] = {}
        self.memo: dict[str, dict] = {}   # per-document caches of the rule modules

    # ------------------------------------------------------------ positions
    def hits_in(self, start: int, end: int, *types: str) -> list[Hit]:
        """Mentions inside ``[start, end)``, optionally of the given types (memoised; do not modify)."""
        key = (start, end, types)
        found = self._memo.get(key)
        if found is None:
            i = bisect_left(self._starts, start)
            found = []
            while i < len(self.hits) and self.hits[i].start < end:
                h = self.hits[i]
                if h.end <= end and (not types or h.type in types):
                    found.append(h)
                i += 1
            self._memo[key] = found
        return found

    def hit_at(self, pos: int) -> Hit | None:
        """The mention starting exactly at ``pos``."""
        i = bisect_left(self._starts, pos)
        return self.hits[i] if i < len(self.hits) and self.hits[i].start == pos else None

    def hit_ending_at(self, pos: int, *types: str) -> Hit | None:
        """The mention ending exactly at ``pos`` (of the given types)."""
        i = bisect_left(self._starts, pos) - 1
        while i >= 0 and self.hits[i].start >= pos - 60:
            h = self.hits[i]
            if h.end == pos and (not types or h.type in types):
                return h
            i -= 1
        return None

    def last_before(self, pos: int, *types: str, floor: int = 0) -> Hit | None:
        """The last mention of the given types ending at or before ``pos`` (not before ``floor``)."""
        found = self.hits_in(floor, pos, *types)
        return found[-1] if found else None

    def first_after(self, pos: int, *types: str, ceil: int | None = None) -> Hit | None:
        """The first mention of the given types starting at or after ``pos`` (ending before ``ceil``)."""
        found = self.hits_in(pos, len(self.text) if ceil is None else ceil, *types)
        return found[0] if found else None

    def next_hit(self, pos: int, *types: str, within: int = 3) -> Hit | None:
        """The first mention (of the given types) starting in ``[pos, pos + within)``."""
        i = bisect_left(self._starts, pos)
        while i < len(self.hits) and self.hits[i].start < pos + within:
            if not types or self.hits[i].type in types:
                return self.hits[i]
            i += 1
        return None

    def sentence_at(self, pos: int) -> Span:
        """The sentence around ``pos`` (a one-character span when no sentence covers it)."""
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return Span(text=self.text[pos:pos + 1], start=pos, end=pos + 1)

    def sentences_matching(self, regex: re.Pattern[str]) -> list[Span]:
        """The sentences in which ``regex`` finds a match, in order: one scan of the text instead
        of one search per sentence (a match across a sentence end sends both sentences to the
        exact check)."""
        found: set[int] = set()
        for m in regex.finditer(self.text):
            for pos in (m.start(), m.end() - 1):
                i = bisect_right(self._sent_starts, pos) - 1
                if i >= 0 and pos < self.sentences[i].end:
                    found.add(i)
        return [s for s in (self.sentences[i] for i in sorted(found)) if regex.search(self.text, s.start, s.end)]

    def clause_at(self, pos: int, sent: Span | None = None) -> tuple[int, int]:
        """Bounds of the clause (between ，；：。 …) around ``pos`` inside its sentence."""
        sent = sent or self.sentence_at(pos)
        i = bisect_left(self._punct, pos)
        start = self._punct[i - 1] + 1 if i > 0 and self._punct[i - 1] >= sent.start else sent.start
        end = self._punct[i] if i < len(self._punct) and self._punct[i] < sent.end else sent.end
        return start, end

    def clauses(self, sent: Span) -> list[tuple[int, int]]:
        """The clauses of a sentence, in order."""
        if sent.start in self._clauses:
            return self._clauses[sent.start]
        out, start = [], sent.start
        i = bisect_left(self._punct, sent.start)
        while i < len(self._punct) and self._punct[i] < sent.end:
            if self._punct[i] > start:
                out.append((start, self._punct[i]))
            start = self._punct[i] + 1
            i += 1
        if start < sent.end:
            out.append((start, sent.end))
        self._clauses[sent.start] = out
        return out

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Blank-line separated blocks (a single line break also ends a paragraph)."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = pos + line.index(stripped)
                out.append((start, start + len(stripped)))
            pos += len(line) + 1
        return out

    @cached_property
    def _para_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph_at(self, pos: int) -> tuple[int, int]:
        """Bounds of the paragraph around ``pos``."""
        i = bisect_right(self._para_starts, pos) - 1
        return self.paragraphs[max(i, 0)] if self.paragraphs else (0, len(self.text))

    # ------------------------------------------------------------ stories and anaphora
    @cached_property
    def stories(self) -> list[Story]:
        """The stories of the page (see ``kg.relate.structure``)."""
        from kg.relate.structure import find_stories

        return find_stories(self)

    @cached_property
    def _story_starts(self) -> list[int]:
        return [s.start for s in self.stories]

    def story_at(self, pos: int) -> Story:
        """The story around ``pos``."""
        return self.stories[max(0, bisect_right(self._story_starts, pos) - 1)]

    def inside_mention(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one mention."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self.hits[i].end >= end

    @cached_property
    def byline_spans(self) -> list[tuple[int, int]]:
        """Paragraphs that are bylines or credits (their persons are authors)."""
        from kg.relate.structure import is_byline

        return [p for p in self.paragraphs if is_byline(self.text[p[0]:p[1]])]

    def in_byline(self, pos: int) -> bool:
        """Whether ``pos`` lies in a byline or credit line."""
        return any(s <= pos < e for s, e in self.byline_spans)

    @cached_property
    def anaphors(self) -> list[Hit]:
        """Generic place words (``园区``, ``新城``, ``这里``) resolved to a park or place."""
        from kg.relate.anaphora import location_anaphors

        return location_anaphors(self)

    @cached_property
    def _anaphor_starts(self) -> list[int]:
        return [a.start for a in self.anaphors]

    def places_in(self, start: int, end: int) -> list[Hit]:
        """Park/Place mentions and resolved place anaphora inside ``[start, end)``, in order
        (memoised; do not modify)."""
        key = (start, end, "places")
        if key not in self._memo:
            self._memo[key] = self._places_in(start, end)
        return self._memo[key]

    def _places_in(self, start: int, end: int) -> list[Hit]:
        found = self.hits_in(start, end, *PLACES)
        i = bisect_left(self._anaphor_starts, start)
        extra = []
        while i < len(self.anaphors) and self.anaphors[i].start < end:
            if self.anaphors[i].end <= end:
                extra.append(self.anaphors[i])
            i += 1
        return sorted(found + extra, key=lambda h: h.start) if extra else found

    def types_in(self, sent: Span) -> frozenset[str]:
        """The entity types named in a sentence (anaphora included)."""
        found = self._sentence_types.get(sent.start)
        if found is None:
            found = self._sentence_types[sent.start] = frozenset(
                h.type for h in self.places_in(sent.start, sent.end)) | frozenset(
                h.type for h in self.hits_in(sent.start, sent.end))
        return found

    def sentences_with(self, *types: str, words: re.Pattern[str] | None = None) -> list[Span]:
        """Busy sentences naming one of ``types`` (or, when given, matching ``words``)."""
        wanted = frozenset(types)
        return [s for s, found in self._busy_types
                if not wanted.isdisjoint(found) or (words is not None and words.search(s.text))]

    @cached_property
    def busy_sentences(self) -> list[Span]:
        """Sentences that name an entity (or a place anaphor): the others match no rule."""
        return [s for s, _ in self._busy_types]

    @cached_property
    def _busy_types(self) -> list[tuple[Span, frozenset[str]]]:
        """The busy sentences with the types they name, in one sweep over mentions and anaphora
        (a mention counts for a sentence's types when it ends inside it)."""
        out = []
        hits, anaphors, cache = self.hits, self.anaphors, self._sentence_types
        i = j = 0
        for sent in self.sentences:
            start, end = sent.start, sent.end
            i = bisect_left(self._starts, start, i)
            j = bisect_left(self._anaphor_starts, start, j)
            if not ((i < len(hits) and hits[i].start < end) or (j < len(anaphors) and anaphors[j].start < end)):
                continue
            types = cache.get(start)
            if types is None:
                types = {h.type for h in hits[i:bisect_left(self._starts, end, i)] if h.end <= end}
                types.update(a.type for a in anaphors[j:bisect_left(self._anaphor_starts, end, j)] if a.end <= end)
                types = cache[start] = frozenset(types)
            out.append((sent, types))
        return out

    def topic_park(self, pos: int) -> Entity | None:
        """The park a paragraph is about: the first park that is the subject of a clause in it
        (``7月成立的X，…``, ``据了解，X位于…``), else its story's platform."""
        p_start, p_end = self.paragraph_at(pos)
        parks = self.subject_hits(p_start, p_end, "Park") or [
            h for h in self.places_in(p_start, p_end) if h.via and h.type == "Park"]
        if parks:
            return parks[0].entity
        return self.story_at(pos).platform

    def subject_hits(self, start: int, end: int, *types: str) -> list[Hit]:
        """Mentions in ``[start, end)`` that open their clause (after time words, a quote or a
        ``…的`` modifier): the subjects, not the objects (``赴X考察``)."""
        return [h for h in self.hits_in(start, end, *types) if self._opens_clause(h)]

    def _opens_clause(self, h: Hit) -> bool:
        memo = self.memo.setdefault("opens", {})
        if h.start not in memo:
            c_start, _ = self.clause_at(h.start)
            m = cues.TIME_PREFIX_RE.match(self.text, c_start, h.start)
            at = m.end() if m else c_start
            lead = self.text[at:h.start].lstrip("“\"‘")
            memo[h.start] = not lead or lead.endswith("的") and len(lead) <= 12 and not self.hits_in(at, h.start)
        return memo[h.start]

    def last_person(self, pos: int) -> Hit | None:
        """The last person named before ``pos`` in the story (bylines excluded)."""
        story = self.story_at(pos)
        for h in reversed(self.hits_in(story.start, pos, "Person")):
            if not self.in_byline(h.start):
                return h
        return None

    def last_company(self, pos: int, word: str = "") -> Hit | None:
        """The company an anaphor (``公司``, ``该企业``, ``集团``) at ``pos`` stands for."""
        story = self.story_at(pos)
        p_start, _ = self.paragraph_at(pos)
        found = self.hits_in(max(story.start, pos - 600), pos, "Company")
        local = [h for h in found if h.start >= p_start]
        found = local or found
        if word.endswith("集团"):
            groups = [h for h in found if any(n.endswith("集团") or "集团" in n for n in names(h.entity))]
            found = groups or found
        return found[-1] if found else None

    def subject(self, pos: int, *types: str) -> Hit | None:
        """The subject of the sentence up to ``pos``: a mention opening a clause (after time words)."""
        sent = self.sentence_at(pos)
        best = None
        for c_start, c_end in self.clauses(sent):
            if c_start >= pos:
                break
            m = cues.TIME_PREFIX_RE.match(self.text, c_start, c_end)
            at = m.end() if m else c_start
            if self.text[at:at + 1] in "“\"‘":
                at += 1
            h = self.hit_at(at) or self._after_modifier(at, min(c_end, pos))
            if h is not None and (not types or h.type in types):
                best = h
        return best

    def _after_modifier(self, start: int, end: int) -> Hit | None:
        """``寻求转变的“星辰”…``: the first mention of a clause after a ``…的`` modifier."""
        found = self.hits_in(start, end)
        if not found:
            return None
        lead = self.text[start:found[0].start].rstrip("“\"‘")
        return found[0] if lead.endswith("的") and len(lead) <= 12 and not self.hits_in(start, found[0].start) else None


Rule = tuple[Callable[["DocView", Span], Iterable], "re.Pattern[str] | None"]
"""A sentence rule and the trigger its sentence must contain (``None``: always run)."""


def apply_rules(view: DocView, sentences: Iterable[Span], rules: Iterable[Rule]) -> list:
    """Run every rule whose trigger the sentence contains, on every sentence; all results."""
    out: list = []
    rules = tuple(rules)
    for sent in sentences:
        text = sent.text
        for rule, trigger in rules:
            if trigger is None or trigger.search(text):
                out.extend(rule(view, sent))
    return out


def _outermost(hits: list[Hit], text: str) -> list[Hit]:
    """Drop mentions nested in a longer one (``云溪小镇`` inside ``云溪小镇管理办公室``) and the
    short name an article defines in brackets right after the full one (``X（以下简称“Y”）``)."""
    out: list[Hit] = []
    reach = -1
    for h in hits:
        if h.start < reach:
            continue
        if out and BRACKET_ALIAS_RE.fullmatch(text, out[-1].end, h.start) and (
                out[-1].id == h.id or DEFINED_RE.match(text, out[-1].end)):
            continue
        out.append(h)
        reach = h.end
    return out


PUNCT_RE = re.compile("[" + re.escape(cues.CLAUSE_PUNCT) + "]")
BRACKET_ALIAS_RE = re.compile(r"[（(](?:以下简称|下称|简称|以下称)?[“\"]?")
DEFINED_RE = re.compile(r"[（(](?:以下简称|下称|简称|以下称)")
