"""Park metrics as dated observations: a table of invented Chinese sentences → observations.

Entities are given (no NER involved, see ``test_rules.run``); names are invented and occur
neither in the seeds nor in the gold articles.
"""
from __future__ import annotations

import doctest

import pytest
from test_rules import run

from kg.records import Attribute, Extraction, Span
from kg.relate.metrics import agree, metric_name
from kg.relate.periods import find_periods, resolve_year

PARKS = {"Park": ["云溪小镇", "青禾高新区|青禾"], "Place": ["富阳", "钱湾区"],
         "Company": ["云溪科技股份有限公司"], "Project": ["云溪科创中心项目", "年产5万台电机项目"]}

Row = tuple[str, str, str | None, str, str, str | None, str | None, str | None, str | None]
"""(park, metric, statistic, value, unit, qualifier, period, year) of one observation."""

METRICS: list[tuple[str, str | None, set[tuple]]] = [
    # a level and its year-on-year change; "2023年，" gives the year, no period word
    ("2023年，云溪小镇实现规上工业总产值120.5亿元，同比增长8.2%。", None,
     {("云溪小镇", "规上工业总产值", None, "12050000000", "CNY", None, None, "2023"),
      ("云溪小镇", "规上工业总产值", "同比增速", "8.2", "%", None, None, "2023")}),
    # months resolved against the article date; a fall is negative; the period carries over ；
    ("1至5月，云溪小镇实现规上工业产值75.02亿元，同比增长8.2%；完成固定资产投资13.7亿元，同比下降3.5%。",
     "2023-06-20",
     {("云溪小镇", "规上工业产值", None, "7502000000", "CNY", None, "1-5月", "2023"),
      ("云溪小镇", "规上工业产值", "同比增速", "8.2", "%", None, "1-5月", "2023"),
      ("云溪小镇", "固定资产投资", None, "1370000000", "CNY", None, "1-5月", "2023"),
      ("云溪小镇", "固定资产投资", "同比增速", "-3.5", "%", None, "1-5月", "2023")}),
    # 去年全年 against an article of January; 规模以上 is abbreviated; the share of 全区 is no metric
    ("据了解，云溪小镇去年全年规模以上工业总产值1294.2亿元，约占全区总产值的35.5%。", "2024-01-19",
     {("云溪小镇", "规上工业总产值", None, "129420000000", "CNY", None, "全年", "2023")}),
    # no date and a relative year: the year stays unknown
    ("云溪小镇去年实现工业产值158亿元。", None,
     {("云溪小镇", "工业产值", None, "15800000000", "CNY", None, None, None)}),
    # a growth rate without a level; quarter; an alias of the park opens the clause
    ("一季度，青禾实际利用外资同比增长41%。", "2024-04-15",
     {("青禾高新区", "实际利用外资", "同比增速", "41", "%", None, "一季度", "2024")}),
    # hedges: 近, and 突破 (over)
    ("上半年，青禾高新区完成制造业投资近30亿元，同比增长52.5%。", "2023-07-10",
     {("青禾高新区", "制造业投资", None, "3000000000", "CNY", "近", "上半年", "2023"),
      ("青禾高新区", "制造业投资", "同比增速", "52.5", "%", None, "上半年", "2023")}),
    ("云溪小镇全年规上工业产值突破600亿元。", None,
     {("云溪小镇", "规上工业产值", None, "60000000000", "CNY", "超", "全年", None)}),
    # modifiers before the head stay in the metric name; 额 is dropped; 截至2023年底…今年以来
    ("截至2023年底，云溪小镇在库项目共143个，今年以来累计固定资产投资38.8亿元，技改投资额17.39亿元。", None,
     {("云溪小镇", "固定资产投资", None, "3880000000", "CNY", None, "年初至今", "2023"),
      ("云溪小镇", "技改投资", None, "1739000000", "CNY", None, "年初至今", "2023")}),
    ("其中云溪小镇规上其他营利性服务业营收69.92亿元。", None,
     {("云溪小镇", "规上其他营利性服务业营收", None, "6992000000", "CNY", None, None, None)}),
    # the subject of an earlier clause carries over a time word
    ("青禾高新区已集聚传感器企业40余家，2023年实现产值38.6亿元。", None,
     {("青禾高新区", "产值", None, "3860000000", "CNY", None, None, "2023")}),
]

NOT_METRICS = [
    "投资16.5亿元的云溪科创中心项目在云溪小镇全面开工。",          # a project's investment
    "年产5万台电机项目总投资50亿元，预计投产后年产值约80亿元。",      # investment and a forecast
    "1—5月，富阳全区固定资产投资增幅达31.8%，位列全市第一。",         # a district's figure
    "钱湾区实现规上工业总产值612.4亿元。",                             # a place's figure
    "云溪科技股份有限公司去年产值达到9.6亿元。",                       # a company's figure
    "云溪小镇力争全年规上工业产值突破680亿元。",                       # a target
    "云溪小镇内一家企业的人均产值提高了37%。",                         # a per-head ratio of a company
]


def observations(text: str, date: str | None) -> tuple[set[tuple], list[Attribute]]:
    _, _, attributes, ents = run(text, PARKS, title="", date=date)
    labels = {e.id: e.label for e in ents}
    found = [a for a in attributes if a.name == "metric"]
    rows = {(labels[a.subject], a.metric, a.statistic, a.value, a.unit, a.qualifier, a.period, a.year)
            for a in found}
    return rows, found


@pytest.mark.parametrize(("text", "date", "expected"), METRICS)
def test_metrics(text: str, date: str | None, expected: set[tuple]) -> None:
    rows, found = observations(text, date)
    assert rows == expected
    for a in found:
        assert text[a.evidence.start:a.evidence.end] == a.evidence.text
        assert a.rule in ("metric.level", "metric.growth") and 0 < a.confidence <= 1


@pytest.mark.parametrize("text", NOT_METRICS)
def test_not_metrics(text: str) -> None:
    assert observations(text, "2023-06-20")[0] == set()


def test_investments_stay_investments_with_their_stage_and_hedge() -> None:
    text = "投资约16.5亿元的云溪科创中心项目在云溪小镇全面开工。云溪小镇全年实现规上工业总产值120亿元。"
    _, _, attributes, _ = run(text, PARKS, title="", date="2024-01-19")
    [amount] = [a for a in attributes if a.name == "investment"]
    assert (amount.value, amount.unit, amount.qualifier, amount.stage) == ("1650000000", "CNY", "约", "开工")
    assert [a.metric for a in attributes if a.name == "metric"] == ["规上工业总产值"]


def test_headline_echo_and_rounded_recap_are_dropped() -> None:
    text = ("青禾高新区 制造业投资同比增长52.5%\n\n"
            "1—5月，青禾高新区累计实现制造业投资30.5亿元，同比增长52.5%。\n\n"
            "数据显示，1~5月，青禾高新区制造业投资30.5亿元，同比增长52.48%。")
    rows, _ = observations(text, None)
    assert rows == {("青禾高新区", "制造业投资", None, "3050000000", "CNY", None, "1-5月", None),
                    ("青禾高新区", "制造业投资", "同比增速", "52.5", "%", None, "1-5月", None)}


def test_metric_fields_in_the_extract_json() -> None:
    from kg.records import Article

    attr = Attribute(subject="https://w3id.org/park-kg/id/park/x", name="metric", value="1.1", unit="%",
                     evidence=Span(text="x", start=0, end=1), metric="规上工业总产值", statistic="同比增速",
                     period="全年", year="2023")
    art = Article(doc_id="d", path="a.txt", source="/a.txt", title="", text="x")
    [out] = Extraction(article=art, attributes=(attr,)).to_json()["attributes"]
    assert {k: out[k] for k in ("name", "metric", "statistic", "period", "year", "value", "unit")} == {
        "name": "metric", "metric": "规上工业总产值", "statistic": "同比增速", "period": "全年", "year": "2023",
        "value": "1.1", "unit": "%"}
    assert {"subject", "evidence", "qualifier", "stage", "rule", "confidence"} <= set(out)


@pytest.mark.parametrize(("years", "period", "date", "year"), [
    (["2023"], "全年", None, "2023"),
    (["去年"], "全年", "2024-01-19", "2023"),
    (["去年"], "全年", None, None),
    (["2023", "今年"], "年初至今", None, "2023"),     # 截至2023年底，…今年以来
    (["2022", "去年"], None, None, None),            # 去年 needs the article date
    ([], "1-5月", "2023-06-20", "2023"),
    ([], "1-5月", "2024-03-02", "2023"),             # May has not ended in March: last year's
    ([], "全年", "2023-12-30", "2023"),
    ([], None, "2023-12-30", None),
])
def test_resolve_year(years: list[str], period: str | None, date: str | None, year: str | None) -> None:
    from kg.relate.periods import Found

    assert resolve_year([Found(y, 0, 0) for y in years], period, date) == year


@pytest.mark.parametrize(("text", "labels"), [
    ("1至5月", ["1-5月"]), ("1—5月", ["1-5月"]), ("1~5月份", ["1-5月"]), ("1月至6月", ["1-6月"]),
    ("前三季度", ["前三季度"]), ("第二季度", ["二季度"]), ("全年度", ["全年"]), ("年初以来", ["年初至今"]),
    ("5月20日", []), ("13月", []), ("5至3月", []),
])
def test_find_periods(text: str, labels: list[str]) -> None:
    assert [p.label for p in find_periods(text)] == labels


def test_small_functions_and_doctests() -> None:
    import kg.relate.amounts
    import kg.relate.metrics
    import kg.relate.periods

    assert metric_name("规模以上工业增加值") == "规上工业增加值"
    assert agree("84.94", "84.9") and not agree("84.94", "84.8")
    for module in (kg.relate.periods, kg.relate.metrics, kg.relate.amounts):
        assert doctest.testmod(module).failed == 0


@pytest.mark.slow
def test_seed_metrics(seed_extractions: list[Extraction]) -> None:
    """The annual review of the first seed: 规上工业总产值 of 大创小镇 in 2023, with its growth."""
    found = {}
    for ex in seed_extractions:
        labels = {e.id: e.label for e in ex.entities}
        for a in ex.attributes:
            if a.name == "metric":
                found.setdefault((labels[a.subject], a.metric, a.statistic, a.period, a.year), a.value)
    assert found[("大创小镇", "规上工业总产值", None, "全年", "2023")] == "129420000000"
    assert found[("大创小镇", "规上工业总产值", "同比增速", "全年", "2023")] == "1.1"
    assert found[("杭州钱江经济开发区", "制造业投资", None, "1-5月", None)] == "651000000"
    assert not any(metric.endswith("投资") and park.endswith("项目") for park, metric, *_ in found)


def test_figures_of_the_company_just_described_are_not_the_parks():
    from kg.ingest import article_from_text
    from kg.pipeline import extract_articles
    text = ("绍兴某某新城：平台崛起\n\n在绍兴某某新城，某芯集成电路（绍兴）有限公司的车间里机器轰鸣。"
            "这家成立于2018年的企业，已成长为国内领先企业，去年营收超过50亿元。")
    [ex] = extract_articles([article_from_text(text)])
    assert not [a for a in ex.attributes if a.name == "metric"]
