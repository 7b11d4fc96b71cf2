"""kg/data/well_known.jsonl: well-known companies, a general-knowledge gazetteer."""
import json
from pathlib import Path

from kg.nlp.context import rule_context
from kg.nlp.gazetteer import load_user_gazetteer
from kg.settings import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
PATH = DATA_DIR / "well_known.jsonl"


def entries():
    return [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_it_loads_as_a_user_gazetteer():
    gaz = load_user_gazetteer(PATH)
    assert gaz.entries and all(e.type == "Company" for e in gaz.entries.values())


def test_no_name_of_the_sample_articles_is_in_it():
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    named = [n for e in entries() for n in (e["name"], *e["aliases"]) if n in seeds]
    assert named == []


def test_every_name_is_listed_once_and_no_alias_is_a_common_word():
    names = [n for e in entries() for n in (e["name"], *e["aliases"])]
    assert len(names) == len(set(names))
    ctx = rule_context()
    common = ctx.words("verbs") | ctx.words("generic") | ctx.words("not_person")
    assert [n for n in names if n in common] == []


def test_a_brand_in_running_text_is_a_company():
    from kg.nlp.recognise import find_mentions
    from kg.nlp.spacy_pipeline import user_gazetteer
    from kg.settings import Settings
    text = "产品主要配套比亚迪、零跑等整车企业，曾在海康威视做了8年算法工程师。"
    found = {m.text: m.type for m in find_mentions(text, rule_context(), user_gazetteer(Settings()))}
    assert found.get("比亚迪") == "Company" and found.get("海康威视") == "Company"
