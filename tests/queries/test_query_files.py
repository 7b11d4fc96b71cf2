"""The header of a .rq file is validated on load; errors name the file, the line and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import RuleError
from kg.queries import list_queries, load_queries, load_query, markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "sparql.md"
BEGIN, END = "<!-- named-queries:begin -->", "<!-- named-queries:end -->"
GOOD = """# name: {name}
# description: Companies of a park,
#   on two lines.
# param: park | literal | required | the park's name
# param: kind | iri | default kgo:Company | the class
SELECT ?e WHERE {{
  VALUES (?park ?kind) {{ (UNDEF UNDEF) }}
  ?e a ?kind ; kgo:locatedIn/rdfs:label ?park .
}}
"""


def write(tmp_path: Path, text: str, name: str = "sample-query") -> Path:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    q = load_query(write(tmp_path, GOOD.format(name="sample-query")))
    assert q.name == "sample-query" and q.description == "Companies of a park, on two lines."
    assert [(p.name, p.type, p.required, p.default) for p in q.params] == [
        ("park", "literal", True, None), ("kind", "iri", False, "kgo:Company")]


def _variant(old: str, new: str) -> str:
    text = GOOD.format(name="sample-query")
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize("text, line, problem", [
    (_variant("# name: sample-query", "# name: other-name"), 1, "differs from the file name"),
    (_variant("# name: sample-query\n", ""), 1, "the header has no name"),
    (_variant("# description: Companies of a park,\n#   on two lines.\n", ""), 1, "the header has no description"),
    (_variant("# param: park | literal | required | the park's name",
              "# param: park | literal | required"), 4, "needs 4 fields"),
    (_variant("| literal |", "| text |"), 4, "parameter type 'text' is unknown"),
    (_variant("| required | the park's name", "| mandatory | the park's name"), 4, "default 'mandatory' is not understood"),
    (_variant("| default kgo:Company |", "| default not an iri |"), 5, "default of kind is invalid"),
    (_variant("# param: park |", "# param: the-park |"), 4, "is not a SPARQL variable name"),
    (_variant("| the park's name", "| "), 4, "has no description"),
    (_variant("# description:", "# summary: x\n# description:"), 2, "header key 'summary' is unknown"),
    (_variant("# description:", "# just words\n# description:"), 2, "is not 'KEY: VALUE'"),
    (_variant("(?park ?kind)", "(?kind ?park)"), 7, "differ from the header's"),
    (_variant("  VALUES (?park ?kind) { (UNDEF UNDEF) }\n", ""), 1, "0 parameter blocks"),
    (_variant("?e a ?kind", "VALUES (?park ?kind) { (UNDEF UNDEF) } ?e a ?kind"), 7, "2 parameter blocks"),
    (_variant("?e a ?kind ;", "?e a ?kind ) ;"), 8, "SPARQL syntax: error at 8:"),
    (_variant("# param: kind | iri | default kgo:Company | the class",
              "# param: park | iri | default kgo:Company | the class"), 1, "declared twice"),
])
def test_header_errors_name_file_line_and_fix(tmp_path, text, line, problem):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_query(path)
    message = str(err.value)
    assert f"{path}:{line}:" in message, message
    assert problem in message and "; fix: " in message and "\n" not in message


def test_a_block_without_params_is_refused(tmp_path):
    path = write(tmp_path, "# name: sample-query\n# description: d\nSELECT * WHERE { VALUES (?a) { (UNDEF) } }\n")
    with pytest.raises(RuleError, match="no '# param:' line"):
        load_query(path)


def test_a_folder_loads_sorted_and_the_first_bad_file_fails(tmp_path):
    write(tmp_path, GOOD.format(name="b-query"), "b-query")
    write(tmp_path, GOOD.format(name="a-query"), "a-query")
    assert list(load_queries(tmp_path)) == ["a-query", "b-query"]
    write(tmp_path, "SELECT * WHERE {}", "c-query")
    with pytest.raises(RuleError, match="c-query.rq:1: the header has no name"):
        load_queries(tmp_path)


def test_docs_list_every_named_query():
    text = DOCS.read_text(encoding="utf-8")
    generated = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert generated == markdown().strip(), (
        "docs/sparql.md is out of date: replace the section between the named-queries markers by "
        "the output of python -c 'import kg.queries as q; print(q.markdown())'")
    assert all(f"`{q.name}`" in generated for q in list_queries())


def test_the_wheel_ships_the_query_files():
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["kg"]' in pyproject    # hatch ships every file under kg/, .rq included
    assert list_queries()[0].path.suffix == ".rq"
