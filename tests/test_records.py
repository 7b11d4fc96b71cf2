"""Records round-trip through JSON-compatible dicts; the extract JSON keeps its contract."""
import json

from kg.records import Article, Attribute, Entity, Extraction, Relation, Span, from_dict, to_dict


def sample() -> Extraction:
    ev = Span(text="某某公司落户某某小镇。", start=0, end=11)
    return Extraction(
        article=Article(doc_id="d1", path="a.txt", source="/x/a.txt", title="标题", text="某某公司落户某某小镇。"),
        entities=(Entity(id="https://w3id.org/park-kg/id/company/x", type="Company", label="某某公司",
                         mentions=(Span(text="某某公司", start=0, end=4),), aliases=("某某",)),),
        relations=(Relation(type="locatedIn", head="https://w3id.org/park-kg/id/company/x",
                            tail="https://w3id.org/park-kg/id/park/y", evidence=ev, confidence=0.8, rule="r"),),
        attributes=(Attribute(subject="https://w3id.org/park-kg/id/company/x", name="investment", value="100",
                              evidence=ev, unit="CNY"),),
    )


def test_round_trip():
    ex = sample()
    assert from_dict(Extraction, json.loads(json.dumps(to_dict(ex), ensure_ascii=False))) == ex


def test_extract_json_contract():
    obj = sample().to_json()
    assert {"doc", "title", "entities", "relations"} <= obj.keys()
    assert set(obj["entities"][0]) >= {"id", "type", "label", "mentions"}
    assert set(obj["entities"][0]["mentions"][0]) == {"text", "start", "end"}
    assert set(obj["relations"][0]) >= {"type", "head", "tail", "role", "evidence", "confidence"}
