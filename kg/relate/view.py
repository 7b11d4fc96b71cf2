"""A read-only view of one linked document for the relation rules: sentences, clauses,
paragraphs, stories and the entity mentions ("hits") inside each, plus resolved anaphora
(``园区``, ``这里``, ``该公司``, ``他``)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from kg.records import Entity, Span
from kg.relate import cues

LOCATED_HEADS = ("Company", "Project", "Park", "Organization")
PLACES = ("Park", "Place")
ORGS = ("Company", "Organization", "Park")


@dataclass(frozen=True)
class Hit:
    """One mention of an entity in the text; ``via`` is the anaphor word when resolved from one."""

    entity: Entity
    start: int
    end: int
    via: str = ""

    @property
    def type(self) -> str:
        return self.entity.type

    @property
    def id(self) -> str:
        return self.entity.id


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
    name = entity.label
    for kind, regex in (("research", cues.ORG_RESEARCH_RE), ("school", cues.ORG_SCHOOL_RE),
                        ("media", cues.ORG_MEDIA_RE), ("exchange", cues.ORG_EXCHANGE_RE),
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
                                      key=lambda h: (h.start, -h.end)))
        self._starts = [h.start for h in self.hits]
        self.by_id = {e.id: e for e in self.entities}

    # ------------------------------------------------------------ positions
    def hits_in(self, start: int, end: int, *types: str) -> list[Hit]:
        """Mentions inside ``[start, end)``, optionally of the given types."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.hits) and self.hits[i].start < end:
            h = self.hits[i]
            if h.end <= end and (not types or h.type in types):
                out.append(h)
            i += 1
        return out

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

    def sentence_at(self, pos: int) -> Span:
        """The sentence around ``pos`` (a one-character span when no sentence covers it)."""
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return Span(text=self.text[pos:pos + 1], start=pos, end=pos + 1)

    def clause_at(self, pos: int, sent: Span | None = None) -> tuple[int, int]:
        """Bounds of the clause (between ，；：。 …) around ``pos`` inside its sentence."""
        sent = sent or self.sentence_at(pos)
        start = max((self.text.rfind(p, sent.start, pos) for p in cues.CLAUSE_PUNCT), default=-1)
        start = sent.start if start < sent.start else start + 1
        ends = [i for i in (self.text.find(p, pos, sent.end) for p in cues.CLAUSE_PUNCT) if i >= 0]
        return start, min(ends, default=sent.end)

    def clauses(self, sent: Span) -> list[tuple[int, int]]:
        """The clauses of a sentence, in order."""
        out, start = [], sent.start
        for i in range(sent.start, sent.end):
            if self.text[i] in cues.CLAUSE_PUNCT:
                if i > start:
                    out.append((start, i))
                start = i + 1
        if start < sent.end:
            out.append((start, sent.end))
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

    def paragraph_at(self, pos: int) -> tuple[int, int]:
        """Bounds of the paragraph around ``pos``."""
        starts = [p[0] for p in self.paragraphs]
        i = bisect_right(starts, pos) - 1
        return self.paragraphs[max(i, 0)] if self.paragraphs else (0, len(self.text))

    # ------------------------------------------------------------ stories and anaphora
    @cached_property
    def stories(self) -> list[Story]:
        """The stories of the page (see ``kg.relate.structure``)."""
        from kg.relate.structure import find_stories

        return find_stories(self)

    def story_at(self, pos: int) -> Story:
        """The story around ``pos``."""
        for story in self.stories:
            if story.start <= pos < story.end:
                return story
        return self.stories[-1]

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

    def places_in(self, start: int, end: int) -> list[Hit]:
        """Park/Place mentions and resolved place anaphora inside ``[start, end)``, in order."""
        found = self.hits_in(start, end, *PLACES)
        found += [a for a in self.anaphors if start <= a.start and a.end <= end]
        return sorted(found, key=lambda h: h.start)

    def topic_park(self, pos: int) -> Entity | None:
        """The park a paragraph is about: its first park mention, else its story's platform."""
        p_start, p_end = self.paragraph_at(pos)
        parks = self.hits_in(p_start, p_end, "Park")
        if parks:
            return parks[0].entity
        return self.story_at(pos).platform

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
        found = self.hits_in(max(story.start, pos - 600), pos, "Company")
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
            h = self.hit_at(at)
            if h is not None and (not types or h.type in types):
                best = h
        return best


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop mentions nested in a longer one (``大创小镇`` inside ``大创小镇管理办公室``)."""
    out: list[Hit] = []
    reach = -1
    for h in hits:
        if h.start < reach:
            continue
        out.append(h)
        reach = h.end
    return out
