"""Project sizes: a table of invented Chinese sentences → land area, floor area and capacity.

Entities are given (no NER involved, see ``test_rules.run``); names are invented and occur
neither in the seeds nor in the gold articles.
"""
from __future__ import annotations

import doctest

import pytest
from test_rules import run

from kg.records import Article, Attribute, Extraction, Span
from kg.relate.quantities import area_value, product_name

SPEC = {"Park": ["云溪小镇", "青禾高新区|青禾"], "Place": ["富阳"],
        "Company": ["云溪动力科技有限公司|云溪动力", "青禾材料股份有限公司|青禾材料"],
        "Project": ["云溪科创中心项目", "青禾整车基地项目", "星屿研发楼项目", "年产3000万套汽车精密轴承项目",
                    "年产20GWh储能电池系统项目", "年产30万套定制家居数字化车间技改项目", "星屿物流园项目",
                    "年产十万台机器人项目"]}
SIZES = ("landArea", "floorArea", "capacity")

Row = tuple[str, str, str, str, str | None, str | None]
"""(project, name, value, unit, qualifier, product) of one fact."""

FACTS: list[tuple[str, set[Row]]] = [
    # both areas in one sentence; 万 applied; the hedge kept
    ("云溪科创中心项目位于云溪小镇，总用地面积约3.5万平方米，总建筑面积约18.8万平方米。",
     {("云溪科创中心项目", "landArea", "35000", "平方米", "约", None),
      ("云溪科创中心项目", "floorArea", "188000", "平方米", "约", None)}),
    # 该项目 stands for the project of the previous sentence; 亩 in m²; 多 → 余
    ("投资12亿元的云溪科创中心项目在云溪小镇开工。该项目占地120亩，建筑面积5000多平方米。",
     {("云溪科创中心项目", "landArea", "80000", "平方米", None, None),
      ("云溪科创中心项目", "floorArea", "5000", "平方米", "余", None)}),
    # the project written 的 after the figure; a fraction of a 亩 rounded to 0.01 m²
    ("占地3.5亩的星屿研发楼项目于昨日封顶。",
     {("星屿研发楼项目", "landArea", "2333.33", "平方米", None, None)}),
    ("星屿物流园项目规划用地面积近12公顷。",
     {("星屿物流园项目", "landArea", "120000", "平方米", "近", None)}),
    # capacity with its product, per year
    ("青禾整车基地项目建成后，将形成年产7万台全地形车的生产规模。",
     {("青禾整车基地项目", "capacity", "70000", "台", None, "全地形车")}),
    # a bare 项目建成后 is the one project of the paragraph, not the company that invests
    ("年初，云溪动力又在青禾投资新建青禾整车基地项目。项目建成后，将形成年产7万台全地形车的生产规模。",
     {("青禾整车基地项目", "capacity", "70000", "台", None, "全地形车")}),
    # 年产能, 万吨, a hedge; 亿 and a Latin unit
    ("青禾整车基地项目达产后年产能约5万吨生物基尼龙。",
     {("青禾整车基地项目", "capacity", "50000", "吨", "约", "生物基尼龙")}),
    ("云溪科创中心项目全部投产后可年产1.2亿颗车规级芯片、年产能8gwh。",
     {("云溪科创中心项目", "capacity", "120000000", "颗", None, "车规级芯片"),
      ("云溪科创中心项目", "capacity", "8", "GWh", None, None)}),
    # a project named after its capacity: read from the name (trailing 数字化车间技改 dropped)
    ("云溪动力投资1.2亿美元，建设年产3000万套汽车精密轴承项目。",
     {("年产3000万套汽车精密轴承项目", "capacity", "30000000", "套", None, "汽车精密轴承")}),
    ("青禾材料投资建设的年产20GWh储能电池系统项目，总投资约32亿元。",
     {("年产20GWh储能电池系统项目", "capacity", "20", "GWh", None, "储能电池系统")}),
    ("青禾材料实施的年产30万套定制家居数字化车间技改项目全面投用。",
     {("年产30万套定制家居数字化车间技改项目", "capacity", "300000", "套", None, "定制家居")}),
    ("年产十万台机器人项目落户云溪小镇。",
     {("年产十万台机器人项目", "capacity", "100000", "台", None, "机器人")}),
    # the name and a sentence saying the same capacity: one fact
    ("年产十万台机器人项目落户云溪小镇。项目建成后将形成年产10万台机器人的生产能力。",
     {("年产十万台机器人项目", "capacity", "100000", "台", None, "机器人")}),
]

NOT_FACTS = [
    "云溪动力科技有限公司年产能达5万台电机。",                          # a company's capacity
    "云溪动力已具备年产7万台全地形车的能力。",                           # idem
    "云溪小镇规划面积3.2平方公里，首期运营地址建筑面积5000多平方米。",   # a park's area
    "青禾整车基地项目预计投产后年产值约80亿元。",                        # output value, not a capacity
    "云溪小镇今年新开工12个项目，总用地面积约500亩。",                   # a total over projects
    "云溪科创中心项目地上建筑面积3万平方米。",                           # a part of the floor area
    "云溪科创中心项目新增孵化面积3万平方米。",                           # another area
    "云溪科创中心项目和星屿研发楼项目同日开工。项目建成后，将形成年产7万台电机的生产规模。",  # which one?
    "青禾整车基地项目由云溪动力投资，该公司年产5万台电机。",             # 该公司: the company's
    "云溪动力2023年产5万台全地形车。",                                   # a year's production
    "云溪科创中心项目开工仪式举行，云溪小镇占地3平方公里。",             # the park's area
    "该项目落户云溪小镇，园区占地3平方公里。",                           # 园区: the park's area
]


def facts(text: str) -> tuple[set[Row], list[Attribute]]:
    _, _, attributes, ents = run(text, SPEC, title="", date="2024-01-19")
    labels = {e.id: e.label for e in ents}
    found = [a for a in attributes if a.name in SIZES]
    return {(labels[a.subject], a.name, a.value, a.unit, a.qualifier, a.product) for a in found}, found


@pytest.mark.parametrize(("text", "expected"), FACTS)
def test_project_sizes(text: str, expected: set[Row]) -> None:
    rows, found = facts(text)
    assert rows == expected
    for a in found:
        assert text[a.evidence.start:a.evidence.end] == a.evidence.text
        assert a.rule.startswith("attribute.") and 0 < a.confidence <= 1


@pytest.mark.parametrize("text", NOT_FACTS)
def test_not_project_sizes(text: str) -> None:
    assert facts(text)[0] == set()


def test_rules_and_evidence() -> None:
    text = "年初，云溪动力在青禾投资新建青禾整车基地项目。项目建成后，将形成年产7万台全地形车的生产规模。"
    _, [cap] = facts(text)
    assert cap.rule == "attribute.capacity" and cap.evidence.text == "项目建成后，将形成年产7万台全地形车的生产规模。"
    _, [named] = facts("云溪动力投资1.2亿美元，建设年产3000万套汽车精密轴承项目。")
    assert named.rule == "attribute.capacity_in_name" and named.evidence.text.startswith("云溪动力投资")
    _, found = facts("云溪科创中心项目位于云溪小镇，总用地面积约3.5万平方米，总建筑面积约18.8万平方米。")
    assert sorted(a.rule for a in found) == ["attribute.floor_area", "attribute.land_area"]


def test_investments_stay_investments() -> None:
    text = "青禾材料投资6.8亿元的年产20GWh储能电池系统项目全面开工，项目占地约200亩。"
    _, _, attributes, _ = run(text, SPEC, title="", date="2024-01-19")
    by_name = {a.name: a for a in attributes}
    assert (by_name["investment"].value, by_name["investment"].unit) == ("680000000", "CNY")
    assert (by_name["capacity"].value, by_name["capacity"].unit) == ("20", "GWh")
    assert (by_name["landArea"].value, by_name["landArea"].qualifier) == ("133333.33", "约")
    assert not any(a.unit in ("元", "亿元") for a in attributes)


def test_product_in_the_extract_json_is_additive() -> None:
    attr = Attribute(subject="https://w3id.org/park-kg/id/project/x", name="capacity", value="70000", unit="台",
                     product="全地形车", evidence=Span(text="x", start=0, end=1))
    art = Article(doc_id="d", path="a.txt", source="/a.txt", title="", text="x")
    [out] = Extraction(article=art, attributes=(attr,)).to_json()["attributes"]
    assert (out["name"], out["value"], out["unit"], out["product"]) == ("capacity", "70000", "台", "全地形车")
    assert {"subject", "evidence", "qualifier", "stage", "rule", "confidence", "metric", "period", "year"} <= set(out)


@pytest.mark.parametrize(("args", "value"), [
    (("3.5", "万", "平方米"), "35000"), (("120", None, "亩"), "80000"), (("1", None, "亩"), "666.67"),
    (("2", None, "公顷"), "20000"), (("0.5", None, "平方公里"), "500000"), (("十二", "万", "平方米"), "120000"),
])
def test_area_value(args: tuple, value: str) -> None:
    from kg.relate.amounts import plain_number

    assert plain_number(area_value(*args)) == value


@pytest.mark.parametrize(("raw", "name"), [
    ("全地形车的生产规模", "全地形车"), ("汽车精密轴承项目", "汽车精密轴承"), ("定制家居数字化车间技改项目", "定制家居"),
    ("高端数控机床主轴生产线", "高端数控机床主轴"), ("", None), ("的生产能力", None),
])
def test_product_name(raw: str, name: str | None) -> None:
    assert product_name(raw) == name


def test_doctests() -> None:
    import kg.relate.quantities

    assert doctest.testmod(kg.relate.quantities).failed == 0


@pytest.mark.slow
def test_seed_project_sizes(seed_extractions: list[Extraction]) -> None:
    """Seed 000 gives 钱塘科创中心项目 its land and floor area; seed 001's 5000多平方米 is a park's
    (not attached); seed 002's 年产7万台全地形车 belongs to a base project the text does not name
    (no Project entity in its paragraph), so it is not attached to the company either."""
    found = set()
    for ex in seed_extractions:
        labels = {e.id: e.label for e in ex.entities}
        types = {e.id: e.type for e in ex.entities}
        for a in ex.attributes:
            if a.name in SIZES:
                assert types[a.subject] == "Project"
                assert ex.article.text[a.evidence.start:a.evidence.end] == a.evidence.text
                found.add((ex.article.path[-24:-21], labels[a.subject], a.name, a.value, a.unit, a.qualifier,
                           a.product))
    assert found == {("000", "钱塘科创中心项目", "landArea", "35000", "平方米", "约", None),
                     ("000", "钱塘科创中心项目", "floorArea", "188000", "平方米", "约", None)}
