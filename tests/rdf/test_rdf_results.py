"""kg.rdf.results: Python values of result terms and the wide-character aware table."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.rdf.results import format_table, py_value, text_width

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(("term", "value"), [
    (ox.NamedNode("https://w3id.org/park-kg/id/x"), "https://w3id.org/park-kg/id/x"),
    (ox.Literal("某某", language="zh"), "某某"),
    (ox.Literal("plain"), "plain"),
    (ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")), 42),
    (ox.Literal("0.8", datatype=ox.NamedNode(XSD + "decimal")), Decimal("0.8")),
    (ox.Literal("1.5E0", datatype=ox.NamedNode(XSD + "double")), 1.5),
    (ox.Literal("2024-01-19", datatype=ox.NamedNode(XSD + "date")), dt.date(2024, 1, 19)),
    (ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), True),
    (ox.Literal("abc", datatype=ox.NamedNode(XSD + "integer")), "abc"),
    (None, None),
])
def test_py_value(term: ox.NamedNode | ox.Literal | None, value: object) -> None:
    assert py_value(term) == value
    assert type(py_value(term)) is type(value)


def test_text_width_counts_cjk_as_two() -> None:
    assert text_width("某某a") == 5
    assert text_width("ＡＢ") == 4  # full width


def test_format_table_aligns_wide_characters() -> None:
    table = format_table(["名称", "类型", "n"], [["杭州某某科技股份有限公司", "Company", 1], ["某某小镇", None, 22]])
    lines = table.splitlines()
    assert lines[0].startswith("名称")
    column = [text_width(line[: line.index(" " * 2)]) for line in lines[2:]]
    assert column == [24, 8]
    assert lines[3].startswith("某某小镇" + " " * 18)  # padded to the widest cell (24 columns)
    assert lines[3].endswith("22")


def test_format_table_clips_long_cells_and_flattens_newlines() -> None:
    table = format_table(["s"], [["第一行\n第二行" + "字" * 100]], max_width=20)
    row = table.splitlines()[2]
    assert "\n" not in row and row.endswith("…") and text_width(row) <= 20
