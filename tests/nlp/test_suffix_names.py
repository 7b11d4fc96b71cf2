"""Names found by suffix rules: left boundaries stop at verbs, dates, titles."""
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kg.nlp.context import rule_context
from kg.nlp.recognise import find_mentions


def names(text, kind=None):
    return [(m.type, m.text) for m in find_mentions(text, rule_context()) if kind is None or m.type == kind]


@pytest.mark.parametrize("text, expected", [
    ("当天杭州某旭生物科技股份有限公司总部大楼正式奠基开工。", ("Company", "杭州某旭生物科技股份有限公司")),
    ("荣获创新奖的浙江某胜技术股份有限公司是全球领先的提供商。", ("Company", "浙江某胜技术股份有限公司")),
    ("在走访某下家电(中国)有限公司时，企业反映问题。", ("Company", "某下家电(中国)有限公司")),
    ("2023年，云栖小镇新增企业101家。", ("Park", "云栖小镇")),
    ("项目正式落地梦溪汽车港。", ("Park", "梦溪汽车港")),
    ("投资16.5亿元的湖畔科创中心项目在小镇全面开工。", ("Project", "湖畔科创中心项目")),
    ("前往宁波江北管委会报到。", ("Organization", "宁波江北管委会")),
    # an industry term ending in a verb (驾驶) does not cut the name
    ("杭州某途智能科技有限公司智能驾驶域控制器总部项目现场签约。", ("Project", "智能驾驶域控制器总部项目")),
    ("金华某川科创园两大项目同日开工。", ("Park", "金华某川科创园")),
    ("当天，某川科技重大集成电路项目签约。", ("Project", "某川科技重大集成电路项目")),
])
def test_left_boundary(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text, kind", [
    ("统一协调出口加工区启动区块的建设。", "Park"),
    ("大创小镇完成签约项目4个，总投资33.6亿元。", "Project"),
    ("推进重点招商项目10余个。", "Project"),
    ("该公司是一家高新技术企业。", "Company"),
    ("金华某川科创园两大项目同日开工。", "Project"),      # a count before the suffix
    ("成功推动省特重大集成电路项目顺利投产。", "Project"),   # a designation, then industry words
    ("全市重点新能源项目开工。", "Project"),
    ("新区三个园区和5个项目集中签约。", "Park"),
    ("这一格局正在改变，布局更加合理。", "Organization"),
])
def test_generic_mentions_are_not_names(text, kind):
    assert names(text, kind) == []


NAME_RUN_END_RE = __import__("re").compile(
    "(?:[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·&]|\\([\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·&]{1,7}\\)"
    "|（[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·&]{1,7}）)+$")


@hsettings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("杭州某科技()（）,，a1·& "), max_size=30), st.data())
def test_walk_left_finds_the_leftmost_start_of_the_name_run(text, data):
    """The backwards match equals the leftmost forward search of a run ending at ``pos``."""
    from kg.nlp.suffix_names import walk_left

    pos = data.draw(st.integers(0, len(text)))
    limit = data.draw(st.integers(0, 14))
    found = NAME_RUN_END_RE.search(text, max(0, pos - limit), pos)
    assert walk_left(text, pos, limit) == (found.start() if found else pos)
