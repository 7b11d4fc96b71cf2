"""Rule files are validated on load; errors name the file, the line and the fix."""
import shutil

import pytest

from kg.errors import RuleError
from kg.nlp.lexicon import load_lexicon, load_suffixes, load_word_list
from kg.settings import RULES_DIR


def test_shipped_rules_load():
    lex = load_lexicon(RULES_DIR)
    assert any(r.suffix == "有限公司" and r.type == "Company" for r in lex.suffixes)
    assert "董事长" in lex.words("titles")


@pytest.mark.parametrize("line, problem", [
    ('{"suffix": "园", "type": "Garden"}', "not an entity type"),
    ('{"suffix": "园"}', "needs the keys"),
    ('not json', "not valid JSON"),
    ('{"suffix": "园", "type": "Park", "colour": 1}', "unknown keys"),
])
def test_bad_suffix_line_names_file_and_line(tmp_path, line, problem):
    path = tmp_path / "suffixes.jsonl"
    path.write_text('{"suffix": "小镇", "type": "Park"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_suffixes(path)
    assert f"{path}:2" in str(err.value) and problem in str(err.value) and "fix" in str(err.value)


def test_bad_word_list_line(tmp_path):
    path = tmp_path / "titles.txt"
    path.write_text("# comment\n董事长\n总 经理\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"titles.txt:3"):
        load_word_list(path)


def test_missing_list_is_reported(tmp_path):
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    (tmp_path / "rules" / "lists" / "titles.txt").unlink()
    with pytest.raises(RuleError, match="titles.txt"):
        load_lexicon(tmp_path / "rules")
