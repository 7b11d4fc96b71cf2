"""Plain typed records passed between the pipeline stages.

Every record is a frozen dataclass that round-trips through JSON-compatible
dicts (``to_dict`` / ``from_dict``). spaCy objects never leave ``kg.nlp``.

Offsets are character offsets into ``Article.text`` (the cleaned text).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

EntityType = Literal["Park", "Company", "Organization", "Project", "Person", "Place"]
ENTITY_TYPES: tuple[str, ...] = ("Park", "Company", "Organization", "Project", "Person", "Place")

RelationType = Literal[
    "locatedIn", "investsIn", "worksFor", "involvedIn", "receivedAward", "subsidiaryOf"
]
RELATION_TYPES: tuple[str, ...] = (
    "locatedIn", "investsIn", "worksFor", "involvedIn", "receivedAward", "subsidiaryOf"
)


@dataclass(frozen=True, kw_only=True)
class Article:
    """One cleaned input document."""

    doc_id: str          # stable id (hash of the resolved source path)
    path: str            # the path as the user gave it
    source: str          # resolved absolute path (POSIX)
    title: str
    text: str            # cleaned text; every offset refers to it
    date: str | None = None        # ISO date (YYYY-MM-DD) when the text gives one
    encoding: str = "utf-8"        # encoding the raw bytes were decoded with
    media_type: str = "text/plain"  # text/plain, text/markdown or text/html
    sha256: str = ""               # hash of the raw bytes


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A typed span found by the NLP stage."""

    text: str
    start: int
    end: int
    type: str
    rule: str = ""           # the rule or component that found it
    confidence: float = 1.0
    canonical: str | None = None   # the entity's full name, when a gazetteer alias was read


@dataclass(frozen=True, kw_only=True)
class Span:
    """A piece of the cleaned text: a mention or an evidence sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Analysis:
    """What the NLP stage found in one text: typed mentions and sentence spans."""

    mentions: tuple[Mention, ...] = ()
    sentences: tuple[Span, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Entity:
    """One linked entity of a document: all its mentions and names."""

    id: str                       # IRI
    type: str
    label: str                    # canonical name
    mentions: tuple[Span, ...] = ()
    aliases: tuple[str, ...] = ()  # other names (surface forms and derived short names)


@dataclass(frozen=True, kw_only=True)
class Relation:
    """A typed edge with the sentence it comes from."""

    type: str
    head: str                 # entity IRI
    tail: str                 # entity IRI, or the award's name for receivedAward
    evidence: Span
    role: str | None = None
    confidence: float = 0.5
    rule: str = ""


@dataclass(frozen=True, kw_only=True)
class Attribute:
    """A literal fact about an entity (investment amount, date, park metric, project size …).

    A park metric (``name="metric"``) is one observation: ``metric`` is the variable measured
    (``规上工业总产值``), ``value`` a number in ``unit`` (``CNY`` or ``%``), ``statistic`` says what
    the number is when it is not the level itself (``同比增速``: year-on-year change in %), and
    ``period`` / ``year`` the window it covers. ``period`` is one of the normalised labels
    ``全年``, ``上半年``, ``下半年``, ``一季度`` … ``四季度``, ``前三季度``, ``M月``, ``M-N月``,
    ``年初至今``; ``year`` is ``YYYY`` when the text (or the article date) gives it.

    A project size (``name`` ``landArea``, ``floorArea`` or ``capacity``) is a quantity: ``value``
    a number in ``unit`` (``平方米`` for areas; ``台``, ``吨``, ``GWh`` … for a capacity, which is
    per year) and, for a capacity, the ``product`` when the text names it (``全地形车``).
    """

    subject: str              # entity IRI
    name: str                 # e.g. "investment", "date", "metric", "floorArea", "capacity"
    value: str                # lexical value (number as text, ISO date …)
    evidence: Span
    unit: str | None = None   # e.g. "CNY", "USD", "%"
    qualifier: str | None = None  # e.g. 近, 超, 约
    stage: str | None = None      # e.g. 签约, 开工
    rule: str = ""
    confidence: float = 0.7
    metric: str | None = None     # the variable a metric measures, e.g. 规上工业总产值
    statistic: str | None = None  # e.g. 同比增速 (None: the level itself)
    period: str | None = None     # e.g. 全年, 1-5月, 上半年 (normalised labels above)
    year: str | None = None       # e.g. "2023"
    product: str | None = None    # what a capacity produces, e.g. 全地形车


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The public ``kg extract`` JSON object (stable contract: only add fields)."""
        art = self.article
        return {
            "doc": art.path,
            "title": art.title,
            "date": art.date,
            "entities": [_entity_json(e) for e in self.entities],
            "relations": [_relation_json(r) for r in self.relations],
            "attributes": [_attribute_json(a) for a in self.attributes],
        }


@dataclass(frozen=True, kw_only=True)
class Merge:
    """Cross-document linking made entity ``old`` one with ``new`` (``old`` becomes an
    ``owl:sameAs`` redirect): ``name`` is the name they share, ``rule`` why they merged."""

    old: str                  # IRI that no longer names an entity of its own
    new: str                  # IRI of the entity it is now part of
    type: str
    name: str
    rule: str


def _entity_json(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "label": e.label,
        "aliases": list(e.aliases),
        "mentions": [asdict(m) for m in e.mentions],
    }


def _relation_json(r: Relation) -> dict[str, Any]:
    return {
        "type": r.type,
        "head": r.head,
        "tail": r.tail,
        "role": r.role,
        "evidence": asdict(r.evidence),
        "confidence": round(r.confidence, 3),
        "rule": r.rule,
    }


def _attribute_json(a: Attribute) -> dict[str, Any]:
    out = asdict(a)
    out["evidence"] = asdict(a.evidence)
    return out


def to_dict(record: Any) -> dict[str, Any]:
    """Any record as a JSON-compatible dict (tuples become lists)."""
    return asdict(record)


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a record of type ``cls`` from ``to_dict`` output."""
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "evidence" or (cls is Extraction and f.name == "article"):
            sub = Span if f.name == "evidence" else Article
            value = from_dict(sub, value)
        elif f.name == "mentions":
            value = tuple(from_dict(Span, m) for m in value)
        elif cls is Extraction:
            sub = {"entities": Entity, "relations": Relation, "attributes": Attribute}[f.name]
            value = tuple(from_dict(sub, v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


__all__ = [
    "Merge",
    "Article", "Mention", "Span", "Analysis", "Entity", "Relation", "Attribute", "Extraction",
    "ENTITY_TYPES", "RELATION_TYPES", "to_dict", "from_dict",
]
