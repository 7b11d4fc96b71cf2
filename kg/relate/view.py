"""A read-only view of one linked document for the relation rules: sentences, paragraphs
and the entity mentions inside each."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from kg.records import Entity, Span


@dataclass(frozen=True)
class Hit:
    """One mention of an entity in the text."""

    entity: Entity
    start: int
    end: int

    @property
    def type(self) -> str:
        return self.entity.type


@dataclass
class DocView:
    """Sentences and entity mentions of one document, ordered by position."""

    text: str
    title: str
    sentences: list[Span]
    entities: list[Entity]
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.hits = sorted((Hit(e, m.start, m.end) for e in self.entities for m in e.mentions),
                           key=lambda h: (h.start, h.end))
        self._starts = [h.start for h in self.hits]

    def hits_in(self, start: int, end: int, *types: str) -> list[Hit]:
        """Mentions inside ``[start, end)``, optionally of the given types."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.hits) and self.hits[i].start < end:
            h = self.hits[i]
            if h.end <= end and (not types or h.type in types):
                out.append(h)
            i += 1
        return out

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        """Bounds of the paragraph (blank-line separated) around ``pos``."""
        start = self.text.rfind("\n\n", 0, pos)
        end = self.text.find("\n\n", pos)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)

    def last_before(self, pos: int, *types: str, floor: int = 0) -> Hit | None:
        """The last mention of the given types ending before ``pos`` (not before ``floor``)."""
        candidates = [h for h in self.hits_in(floor, pos, *types)]
        return candidates[-1] if candidates else None

    def main_park(self) -> Entity | None:
        """The platform the article is about: a park in the title, else the most mentioned."""
        parks = [e for e in self.entities if e.type == "Park"]
        titled = [e for e in parks if any(n and n in self.title for n in (e.label, *e.aliases))]
        pool = titled or parks
        return max(pool, key=lambda e: len(e.mentions), default=None)
