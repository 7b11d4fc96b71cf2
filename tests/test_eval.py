"""``kg eval``: one-to-one entity matching, relation scoring, misses and false alarms, the
gold file checks, and the scores of the pipeline on the project's own gold sets."""
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.eval import Report, evaluate, format_report, load_gold, score_document
from kg.iri import entity_iri
from kg.pipeline import extract_paths
from kg.records import Article, Entity, Extraction, Relation, Span

ROOT = Path(__file__).resolve().parents[1]


def _entity(kind, label, *mentions):
    return Entity(id=entity_iri(kind, label), type=kind, label=label,
                  mentions=tuple(Span(text=m, start=0, end=len(m)) for m in mentions or (label,)))


def _extraction(entities, relations=()):
    article = Article(doc_id="d", path="d.txt", source="/d.txt", title="", text="")
    return Extraction(article=article, entities=tuple(entities), relations=tuple(relations))


GOLD = {"doc": "d.txt",
        "entities": [{"type": "Company", "name": "杭州某澜科技有限公司", "aliases": ["某澜科技"]},
                     {"type": "Park", "name": "某澜小镇", "aliases": []}],
        "relations": [{"type": "locatedIn", "head": "杭州某澜科技有限公司", "tail": "某澜小镇", "role": None}]}


def test_matching_is_one_to_one_and_by_any_name():
    legal, short = _entity("Company", "杭州某澜科技有限公司"), _entity("Company", "某澜", "某澜科技")
    report = Report()
    score_document(_extraction([legal, short]), GOLD, report)
    company = report.entities["Company"]
    assert (company.tp, company.fp, company.fn) == (1, 1, 0)      # two nodes for one company
    assert (report.entities["Park"].tp, report.entities["Park"].fn) == (0, 1)
    assert report.misses == ["d.txt: Park 某澜小镇", "d.txt: locatedIn 杭州某澜科技有限公司 → 某澜小镇"]


def test_relations_match_through_the_entity_matching_and_false_alarms_are_listed():
    company = _entity("Company", "某澜科技")                        # matched by its alias
    park = _entity("Park", "某澜小镇")
    other = _entity("Park", "某川产业园")
    rel = [Relation(type="locatedIn", head=company.id, tail=park.id, evidence=Span(text="", start=0, end=0)),
           Relation(type="locatedIn", head=company.id, tail=other.id, evidence=Span(text="", start=0, end=0))]
    report = Report()
    score_document(_extraction([company, park, other], rel), GOLD, report)
    located = report.relations["locatedIn"]
    assert (located.tp, located.fp, located.fn) == (1, 1, 0)
    assert "d.txt: locatedIn 某澜科技 → 某川产业园" in report.false_alarms
    text = format_report(report)
    assert "locatedIn" in text and "false alarms" in text


def test_widths_and_white_space_are_folded():
    report = Report()
    score_document(_extraction([_entity("Company", "杭州某澜科技 有限公司")]),
                   {"doc": "d.txt", "entities": [{"type": "Company", "name": "杭州某澜科技有限公司"}]}, report)
    assert report.entities["Company"].tp == 1


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ('{"entities": []}', "needs a 'doc' field"),
    ('{"doc": "d", "entities": [{"type": "Thing", "name": "x"}]}', "bad entity"),
    ('{"doc": "d", "relations": [{"type": "likes"}]}', "bad relation type"),
])
def test_a_bad_gold_line_names_file_and_line(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"gold.jsonl:2: {problem}"):
        load_gold(path)


def test_a_gold_document_without_extraction_is_an_error():
    with pytest.raises(InputError, match="no extraction"):
        evaluate([GOLD], {})


# Entity F1 (micro over Park, Company, Organization, Project, Person) the pipeline reaches on
# the project's gold sets, with a small margin below the scores in the README: a rule change
# that costs more than that fails here. The blind set was scored 0.830 before any rule was
# changed for it (it is no longer blind: its errors were studied); blind2 0.898 the same way.
# blind3 scored 0.839 and blind4 0.862 before any rule was changed for them (see README);
# blind5 0.871, blind6 0.854, blind7 0.886, blind8 0.862, blind9 0.899, blind10 0.881, blind11 0.885
# and blind12 0.914.
FLOORS = {"seeds.jsonl": 0.93, "others.jsonl": 0.97, "blind.jsonl": 0.95, "blind2.jsonl": 0.95,
          "blind3.jsonl": 0.95, "blind4.jsonl": 0.96, "blind5.jsonl": 0.96, "blind6.jsonl": 0.94,
          "blind7.jsonl": 0.93, "blind8.jsonl": 0.93, "blind9.jsonl": 0.93, "blind10.jsonl": 0.92,
          "blind11.jsonl": 0.91, "blind12.jsonl": 0.93, "blind13.jsonl": 0.94, "blind14.jsonl": 0.94,
          "blind15.jsonl": 0.94, "blind16.jsonl": 0.94, "blind17.jsonl": 0.95, "blind18.jsonl": 0.94,
          "blind19.jsonl": 0.93, "blind20.jsonl": 0.93, "blind21.jsonl": 0.93, "blind22.jsonl": 0.91,
          "blind23.jsonl": 0.92, "blind24.jsonl": 0.94, "blind25.jsonl": 0.95, "blind26.jsonl": 0.96,
          "blind27.jsonl": 0.95, "blind28.jsonl": 0.95, "blind29.jsonl": 0.95, "blind30.jsonl": 0.95,
          "blind31.jsonl": 0.93, "blind32.jsonl": 0.96, "blind33.jsonl": 0.95, "blind34.jsonl": 0.91,
          "blind35.jsonl": 0.94, "blind36.jsonl": 0.92, "blind37.jsonl": 0.92, "blind38.jsonl": 0.92,
          "blind39.jsonl": 0.95}


@pytest.mark.parametrize("gold_file", sorted(FLOORS))
def test_entity_scores_on_the_gold_sets(gold_file, monkeypatch):
    monkeypatch.chdir(ROOT)
    gold = load_gold(ROOT / "tests/gold" / gold_file)
    batch = extract_paths([d["doc"] for d in gold])
    report = evaluate(gold, {ex.article.path: ex for ex in batch.extractions})
    micro = report.micro(("Park", "Company", "Organization", "Project", "Person"), report.entities)
    assert micro.f1 >= FLOORS[gold_file], format_report(report)
