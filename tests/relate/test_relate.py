"""Relations and attributes, each with its evidence sentence."""
from decimal import Decimal

import pytest

from kg.ingest import article_from_text
from kg.pipeline import extract_articles
from kg.relate.amounts import find_amounts


@pytest.mark.parametrize("text, value, currency, qualifier", [
    ("投资16.5亿元的项目", Decimal("1650000000"), "CNY", None),
    ("引进外资3.24亿美元", Decimal("324000000"), "USD", None),
    ("总投资近50亿元", Decimal("5000000000"), "CNY", "近"),
    ("赚了5000元", Decimal("5000"), "CNY", None),
    ("28万美金汇到了开发区", Decimal("280000"), "USD", None),
    ("8000余万元", Decimal("80000000"), "CNY", "余"),
])
def test_amounts(text, value, currency, qualifier):
    [a] = find_amounts(text)
    assert (a.value, a.currency, a.qualifier) == (value, currency, qualifier)


def extract(text, title=None):
    [ex] = extract_articles([article_from_text(text, title=title)])
    names = {e.id: e.label for e in ex.entities}
    return {(r.type, names.get(r.head, r.head), names.get(r.tail, r.tail), r.role) for r in ex.relations}, ex


TEXT = ("云栖小镇：产业向新\n\n"
        "杭州星海智能科技有限公司创始人周明远荣获创业英才奖。"
        "星海未来产业中心项目总投资20亿元，落户云栖小镇。"
        "该项目由杭州星海智能科技有限公司投资建设。")


def test_relations_from_sentences():
    found, _ = extract(TEXT)
    assert ("worksFor", "周明远", "杭州星海智能科技有限公司", "创始人") in found
    assert ("receivedAward", "周明远", "创业英才奖", None) in found
    assert any(t == "investsIn" and h == "杭州星海智能科技有限公司" for t, h, _, _ in found)
    assert any(t == "locatedIn" and tail == "云栖小镇" for t, _, tail, _ in found)


def test_evidence_and_amounts():
    _, ex = extract(TEXT)
    assert ex.relations
    for r in ex.relations:
        assert ex.article.text[r.evidence.start:r.evidence.end] == r.evidence.text
        assert 0 < r.confidence <= 1
    [amount] = [a for a in ex.attributes if a.name == "investment"]
    assert Decimal(amount.value) == Decimal("2000000000") and amount.unit == "CNY"


def test_a_foreign_seat_is_the_city_the_text_gives():
    found, _ = extract("总部位于德国斯图加特的澜特精工是全球知名的机床制造商。")
    assert ("locatedIn", "澜特精工", "斯图加特", None) in found


def test_a_bare_title_works_for_the_company_of_its_paragraph():
    found, _ = extract("澜特精工是全球知名的机床制造商。董事长周明远表示，将在小镇设立中国总部。\n\n"
                       "总经理吴晓燕说，订单已排到明年。")
    assert ("worksFor", "周明远", "澜特精工", "董事长") in found
    assert not any(h == "吴晓燕" for _, h, _, _ in found)        # no company named in her paragraph


def test_an_award_to_a_list_and_to_a_pronoun():
    found, _ = extract("近日，浙江某澜电气有限公司、温州某科汽车部件有限公司等9家企业获评“浙江省绿色低碳工厂”。\n\n"
                       "董事长周明远每天到车间转一圈。2023年，他获评“浙江省优秀企业家”。")
    assert ("receivedAward", "浙江某澜电气有限公司", "浙江省绿色低碳工厂", None) in found
    assert ("receivedAward", "温州某科汽车部件有限公司", "浙江省绿色低碳工厂", None) in found
    assert ("receivedAward", "周明远", "浙江省优秀企业家", None) in found


def test_a_profile_line_under_the_company_heading():
    found, _ = extract("03 台州某微医疗器械有限公司\n\n创始人、总经理：林静芳\n\n某微医疗是园区引进的第一家医疗器械企业。")
    assert ("worksFor", "林静芳", "台州某微医疗器械有限公司", "创始人、总经理") in found


def test_a_commander_of_the_project_the_anaphor_stands_for():
    found, _ = extract("某珩膜材年产5000万平方米反渗透膜二期项目主体封顶。开发区党工委书记、管委会主任邬立成"
                       "担任该项目攻坚专班总指挥。")
    assert any(t == "involvedIn" and h == "邬立成" and tail.endswith("反渗透膜二期项目") for t, h, tail, _ in found)
