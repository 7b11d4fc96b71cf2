"""Names found by suffix rules: left boundaries stop at verbs, dates, titles."""
import pytest

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
])
def test_left_boundary(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text, kind", [
    ("统一协调出口加工区启动区块的建设。", "Park"),
    ("大创小镇完成签约项目4个，总投资33.6亿元。", "Project"),
    ("推进重点招商项目10余个。", "Project"),
    ("该公司是一家高新技术企业。", "Company"),
    ("这一格局正在改变，布局更加合理。", "Organization"),
])
def test_generic_mentions_are_not_names(text, kind):
    assert names(text, kind) == []
