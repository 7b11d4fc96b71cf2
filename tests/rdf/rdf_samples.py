"""Hand-built and synthetic ``Extraction`` records for the kg.rdf tests and benchmark."""
from __future__ import annotations

import hashlib
import random

import pyoxigraph as ox

from kg.iri import entity_iri
from kg.records import Article, Attribute, Entity, Extraction, Relation, Span

TEXT = (
    "杭州某某科技股份有限公司落户某某小镇。"
    "某某小镇位于杭州市余杭区。"
    "张某某任某某科技总经理。"
    "某某科技投资16.5亿元建设年产十万台机器人项目，项目于2024年1月19日签约。"
    "某某科技荣获国家级专精特新小巨人企业称号。"
)


def span(text: str, needle: str) -> Span:
    """The first occurrence of ``needle`` in ``text`` as a ``Span``."""
    start = text.index(needle)
    return Span(text=needle, start=start, end=start + len(needle))


def sentence(text: str, needle: str) -> Span:
    """The sentence (ending with 。) that contains ``needle``."""
    start = text.rfind("。", 0, text.index(needle)) + 1
    end = text.index("。", start) + 1
    return Span(text=text[start:end], start=start, end=end)


COMPANY = entity_iri("Company", "杭州某某科技股份有限公司")
PARK = entity_iri("Park", "某某小镇")
PLACE = entity_iri("Place", "杭州市余杭区")
PERSON = entity_iri("Person", "张某某")
PROJECT = entity_iri("Project", "年产十万台机器人项目")
AWARD = "国家级专精特新小巨人企业"


def sample_extraction(*, doc_id: str = "doc-0001", title: str = "某某小镇迎来机器人项目") -> Extraction:
    """One small article with every kind of entity, relation and attribute."""
    t = TEXT
    article = Article(
        doc_id=doc_id, path=f"seeds/{doc_id}.txt", source=f"/data/seeds/{doc_id}.txt",
        title=title, text=t, date="2024-01-20", sha256=hashlib.sha256(t.encode()).hexdigest(),
    )
    entities = (
        Entity(id=COMPANY, type="Company", label="杭州某某科技股份有限公司",
               mentions=(span(t, "杭州某某科技股份有限公司"), span(t, "某某科技")),
               aliases=("某某科技", "某某")),
        Entity(id=PARK, type="Park", label="某某小镇", mentions=(span(t, "某某小镇"),)),
        Entity(id=PLACE, type="Place", label="杭州市余杭区", mentions=(span(t, "杭州市余杭区"),)),
        Entity(id=PERSON, type="Person", label="张某某", mentions=(span(t, "张某某"),)),
        Entity(id=PROJECT, type="Project", label="年产十万台机器人项目",
               mentions=(span(t, "年产十万台机器人项目"),)),
    )
    relations = (
        Relation(type="locatedIn", head=COMPANY, tail=PARK, evidence=sentence(t, "落户"),
                 confidence=0.8, rule="located_in.settle_cue"),
        Relation(type="locatedIn", head=PARK, tail=PLACE, evidence=sentence(t, "位于"),
                 confidence=0.9, rule="located_in.sentence_cue"),
        Relation(type="worksFor", head=PERSON, tail=COMPANY, evidence=sentence(t, "总经理"),
                 role="总经理", confidence=0.7, rule="works_for.title"),
        Relation(type="investsIn", head=COMPANY, tail=PROJECT, evidence=sentence(t, "投资"),
                 confidence=0.75, rule="invests_in.amount"),
        Relation(type="receivedAward", head=COMPANY, tail=AWARD, evidence=sentence(t, "荣获"),
                 confidence=0.6, rule="award.title"),
    )
    attributes = (
        Attribute(subject=PROJECT, name="investment", value="1650000000", unit="CNY",
                  evidence=sentence(t, "投资"), stage="签约", rule="amount.yi"),
        Attribute(subject=PROJECT, name="date", value="2024-01-19",
                  evidence=sentence(t, "签约"), rule="date.full"),
    )
    return Extraction(article=article, entities=entities, relations=relations, attributes=attributes)


_TYPES = ("Park", "Company", "Organization", "Project", "Person", "Place")
_RELS = ("locatedIn", "investsIn", "worksFor", "involvedIn", "subsidiaryOf")


def synthetic_extraction(i: int, *, n_entities: int = 30, n_relations: int = 20,
                         pool: int = 20_000, seed: int = 0) -> Extraction:
    """Document ``i`` of a synthetic corpus: entities drawn from a shared pool of names."""
    rnd = random.Random(seed * 1_000_003 + i)
    text = "某" * 2000
    ents = []
    for k in rnd.sample(range(pool), n_entities):
        etype = _TYPES[k % len(_TYPES)]
        name = f"某某{etype}{k}号"
        ents.append(Entity(id=entity_iri(etype, name), type=etype, label=name,
                           mentions=(Span(text=name, start=k % 1900, end=k % 1900 + 5),),
                           aliases=(f"某{k}",)))
    rels = []
    for j in range(n_relations):
        head, tail = rnd.sample(ents, 2)
        start = rnd.randrange(1900)
        rels.append(Relation(type=rnd.choice(_RELS), head=head.id, tail=tail.id,
                             evidence=Span(text=text[start:start + 60], start=start, end=start + 60),
                             confidence=rnd.random(), rule=f"rule.{j % 7}",
                             role="总经理" if j % 5 == 0 else None))
    article = Article(doc_id=f"syn-{seed}-{i}", path=f"syn/{i}.txt", source=f"/syn/{i}.txt",
                      title=f"合成新闻{i}", text=text, date="2024-03-01")
    return Extraction(article=article, entities=tuple(ents), relations=tuple(rels))


def objects(quads: list[ox.Quad], subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
    """Objects of ``subject predicate ?o`` among ``quads``."""
    return [q.object for q in quads if q.subject.value == subject and q.predicate.value == predicate]


def subjects(quads: list[ox.Quad], predicate: str, obj: ox.NamedNode | ox.Literal) -> list[str]:
    """Subjects of ``?s predicate obj`` among ``quads``."""
    return [q.subject.value for q in quads if q.predicate.value == predicate and q.object == obj]
