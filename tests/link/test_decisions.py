"""kg.link.decisions: the decisions file format and its effect on cross-document merges."""
from __future__ import annotations

import pytest

from kg.errors import RuleError
from kg.iri import entity_iri
from kg.link.corpus import explained_merges
from kg.link.decisions import append_decision, load_decisions
from kg.records import Article, Entity, Extraction


def _doc(i: int, *entities: tuple[str, str, tuple[str, ...]]) -> Extraction:
    art = Article(doc_id=f"d{i}", path=f"d{i}.txt", source=f"/d{i}.txt", title="", text="")
    return Extraction(article=art, entities=tuple(Entity(id=entity_iri(t, label), type=t, label=label, aliases=al)
                                                  for t, label, al in entities))


SHORT = _doc(1, ("Company", "某某科技", ()))
FULL = _doc(2, ("Company", "杭州某某科技有限公司", ("某某科技", "某某")))
OTHER = _doc(3, ("Company", "某某集团", ()))


def test_rule_merge_and_not_same(tmp_path):
    merges = explained_merges([SHORT, FULL])
    assert merges == {entity_iri("Company", "某某科技"): (entity_iri("Company", "杭州某某科技有限公司"), "某某科技",
                                                          "link.corpus.name")}
    path = tmp_path / "d.jsonl"
    append_decision(path, ("某某科技", "杭州某某科技有限公司"), same=False)
    assert explained_merges([SHORT, FULL], decisions=load_decisions(path)) == {}


def test_same_merges_what_the_rules_keep_apart(tmp_path):
    path = tmp_path / "d.jsonl"
    assert explained_merges([FULL, OTHER]) == {}
    decision = append_decision(path, ("某某集团", "某某"), same=True, kind="Company")
    merges = explained_merges([FULL, OTHER], decisions=load_decisions(path))
    assert merges == {entity_iri("Company", "某某集团"): (entity_iri("Company", "杭州某某科技有限公司"), "某某集团",
                                                          decision.rule)}
    assert decision.rule == f"decision.same ({path}:1)"


@pytest.mark.parametrize("line, message", [
    ("{not json", "not JSON"),
    ('{"same": ["a"]}', "list of two names"),
    ('{"same": ["a", "b"], "not_same": ["a", "b"]}', "exactly one"),
    ('{"same": ["a", "b"], "type": "Planet"}', "unknown type"),
    ('{"same": ["a", "b"], "why": 1}', "unknown key"),
    ('{"same": ["甲", " 甲"]}', "the same"),
])
def test_malformed_lines_name_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "d.jsonl"
    path.write_text('# comment\n{"same": ["x", "y"]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match=rf"{path}:3: .*{message}.*fix:"):
        load_decisions(path)


def test_missing_file_means_no_decisions(tmp_path):
    assert load_decisions(tmp_path / "none.jsonl") == () and load_decisions(None) == ()
