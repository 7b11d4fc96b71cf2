"""Relation rules on invented Chinese news sentences, with the entities given (no NER involved).

Every table row: text, the entities (type → names; ``"名称|别名"`` gives aliases), relations that
must be found and relations that must not. Names are invented; none occurs in the seeds or gold.
"""
from __future__ import annotations

import pytest

from kg.iri import entity_iri
from kg.nlp.spacy_pipeline import sentences
from kg.records import Entity, Span
from kg.relate import relate


def entities(text: str, spec: dict[str, list[str]]) -> list[Entity]:
    """Entities from ``spec`` with every leftmost-longest occurrence of their names as mentions."""
    found = []
    for kind, items in spec.items():
        for item in items:
            label, *aliases = item.split("|")
            for name in (label, *aliases):
                start = text.find(name)
                while start >= 0:
                    found.append((start, start + len(name), kind, label))
                    start = text.find(name, start + 1)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, reach = [], -1
    for start, end, kind, label in found:
        if start >= reach:
            kept.append((start, end, kind, label))
            reach = end
    out = []
    for kind, items in spec.items():
        for item in items:
            label, *aliases = item.split("|")
            spans = tuple(Span(text=text[s:e], start=s, end=e) for s, e, k, lab in kept if k == kind and lab == label)
            out.append(Entity(id=entity_iri(kind, label), type=kind, label=label, mentions=spans,
                              aliases=tuple(aliases)))
    return out


def run(text: str, spec: dict[str, list[str]], title: str | None = None, date: str | None = None):
    """(relations as (type, head label, tail label, role), relations, attributes, entities)."""
    ents = entities(text, spec)
    title = title if title is not None else text.split("\n", 1)[0]
    relations, attributes = relate(text, title, sentences(text), ents, date=date)
    labels = {e.id: e.label for e in ents}
    found = {(r.type, labels.get(r.head, r.head), labels.get(r.tail, r.tail)) for r in relations}
    return found, relations, attributes, ents


def check(text, spec, must, must_not=(), **kw):
    found, relations, _, _ = run(text, spec, **kw)
    for rel in must:
        assert rel in found, f"missing {rel}; found {sorted(found)}"
    for rel in must_not:
        assert rel not in found, f"unexpected {rel}"
    for r in relations:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text
        assert 0 < r.confidence <= 1 and r.rule


# ---------------------------------------------------------------- locatedIn
LOCATED = [
    # X 落户/入驻/位于 Y
    ("青松光电年产5万片晶圆项目正式落户云溪科技城。",
     {"Project": ["青松光电年产5万片晶圆项目"], "Park": ["云溪科技城"]},
     [("locatedIn", "青松光电年产5万片晶圆项目", "云溪科技城")], []),
    ("云溪科技城位于明州市江岸区，规划面积30平方公里。",
     {"Park": ["云溪科技城"], "Place": ["明州市", "江岸区"]},
     [("locatedIn", "云溪科技城", "江岸区")], [("locatedIn", "云溪科技城", "明州市")]),
    # 位于Y的X (the located thing after the place)
    ("走进位于江岸区的栖霞智造小镇，塔吊林立。",
     {"Park": ["栖霞智造小镇"], "Place": ["江岸区"]},
     [("locatedIn", "栖霞智造小镇", "江岸区")], []),
    ("总部位于法国里昂的杜邦精机与园区签约。",
     {"Company": ["杜邦精机"], "Place": ["法国", "里昂"]},
     [("locatedIn", "杜邦精机", "里昂")], [("locatedIn", "杜邦精机", "法国")]),
    # Y内的A、B等企业 (园区 = the park of the paragraph)
    ("云溪科技城规划面积30平方公里。去年，园区内的明州远航电子有限公司、北辰数据等5家企业入选省级名单。",
     {"Park": ["云溪科技城"], "Company": ["明州远航电子有限公司", "北辰数据"]},
     [("locatedIn", "明州远航电子有限公司", "云溪科技城"), ("locatedIn", "北辰数据", "云溪科技城")], []),
    # Y拥有/集聚 A、B等企业
    ("江岸区集聚上下游企业200余家，拥有远航电子、北辰数据等10家龙头企业。",
     {"Place": ["江岸区"], "Company": ["远航电子", "北辰数据"]},
     [("locatedIn", "远航电子", "江岸区"), ("locatedIn", "北辰数据", "江岸区")], []),
    # 作为Y的…平台，X
    ("作为江岸区的产业主平台之一，云溪科技城跑出了加速度。",
     {"Place": ["江岸区"], "Park": ["云溪科技城"]},
     [("locatedIn", "云溪科技城", "江岸区")], []),
    # X在Y开工 / X在Y投资建设Z (the object is located, not the investor)
    ("投资8亿元的北辰智算中心项目在云溪科技城全面开工。",
     {"Project": ["北辰智算中心项目"], "Park": ["云溪科技城"]},
     [("locatedIn", "北辰智算中心项目", "云溪科技城")], []),
    ("远航地产在东湖片区开发建设了首个住宅项目——远航花园。",
     {"Company": ["远航地产"], "Place": ["东湖片区"], "Project": ["远航花园"]},
     [("locatedIn", "远航花园", "东湖片区"), ("investsIn", "远航地产", "远航花园")],
     [("locatedIn", "远航地产", "东湖片区")]),
    # 一核 / adjacency
    ("江岸信息产业园区已形成“一核两翼”格局，其中“一核”便是云溪科技城。",
     {"Park": ["江岸信息产业园区", "云溪科技城"]},
     [("locatedIn", "云溪科技城", "江岸信息产业园区")], [("locatedIn", "江岸信息产业园区", "云溪科技城")]),
    ("云溪科技城星火中心6月投入使用。",
     {"Park": ["云溪科技城", "星火中心"]},
     [("locatedIn", "星火中心", "云溪科技城")], []),
    # a ranking is not a place: 位于全市前列
    ("1至5月，云溪科技城制造业投资同比增长52%，位于明州市前列。",
     {"Park": ["云溪科技城"], "Place": ["明州市"]},
     [], [("locatedIn", "云溪科技城", "明州市")]),
    # X是Y最早一批成立的…企业
    ("远航电子是江岸区最早一批成立的半导体企业。",
     {"Company": ["远航电子"], "Place": ["江岸区"]},
     [("locatedIn", "远航电子", "江岸区")], []),
]


@pytest.mark.parametrize("text, spec, must, must_not", LOCATED)
def test_located(text, spec, must, must_not):
    check(text, spec, must, must_not)


# ---------------------------------------------------------------- platform of the story
PAGE = (
    "云溪科技城：数字产业“链”上发力\n\n"
    "■记者 林知远\n\n"
    "本报讯 今年以来，云溪科技城引进落地北辰数据、远航电子等一批重点项目。"
    "明州青禾食品有限公司专注预制菜研发，去年产值突破5亿元。"
    "园区还与明州大学共建联合实验室。\n\n"
    "“企业有需求，我们马上办。”云溪科技城管委会主任周海涛说。\n\n"
    "东湖片区：老厂房焕新颜\n\n"
    "■记者 宋一鸣\n\n"
    "本报讯 东湖片区内的星辰印染有限公司完成技改。"
)
PAGE_SPEC = {"Park": ["云溪科技城"], "Place": ["东湖片区"], "Organization": ["云溪科技城管委会", "明州大学"],
             "Company": ["北辰数据", "远航电子", "明州青禾食品有限公司", "星辰印染有限公司"],
             "Person": ["林知远", "周海涛", "宋一鸣"]}


def test_platform_of_the_story():
    found, relations, _, _ = run(PAGE, PAGE_SPEC)
    assert ("locatedIn", "明州青禾食品有限公司", "云溪科技城") in found      # structure: the story's platform
    assert ("locatedIn", "北辰数据", "云溪科技城") in found                  # 引进落地 list
    assert ("locatedIn", "星辰印染有限公司", "东湖片区") in found            # second story, its own place
    assert ("locatedIn", "星辰印染有限公司", "云溪科技城") not in found      # not the first story's platform
    assert ("locatedIn", "明州大学", "云溪科技城") not in found              # a partner university
    assert ("worksFor", "周海涛", "云溪科技城管委会") in found
    assert not {("林知远", "宋一鸣")} & {(h,) for t, h, _ in found if t == "worksFor"}
    assert not [r for r in found if r[0] == "worksFor" and r[1] in ("林知远", "宋一鸣")]   # bylines
    by_rule = {r.rule for r in relations}
    structure = [r for r in relations if r.rule.startswith("locatedIn.platform")]
    sentence = [r for r in relations if r.rule in ("locatedIn.member", "locatedIn.inside")]
    assert structure and sentence and by_rule
    assert max(r.confidence for r in structure) < min(r.confidence for r in sentence)


def test_investors_partners_and_owners_are_not_members():
    text = ("星河经开区：重大项目集中签约\n\n"
            "本报讯 星河经开区举行重大项目签约仪式。由明州远航控股集团有限公司投资建设的年产10万台电机项目、"
            "北辰数据投资的智算中心项目现场签约。明州远航控股集团有限公司旗下的远航电机有限公司负责运营。"
            "园区与江岸大学签订合作协议。客户包括德国海德机械等知名企业。")
    spec = {"Park": ["星河经开区"], "Company": ["明州远航控股集团有限公司", "北辰数据", "远航电机有限公司", "德国海德机械"],
            "Organization": ["江岸大学"], "Project": ["年产10万台电机项目", "智算中心项目"]}
    check(text, spec,
          must=[("locatedIn", "年产10万台电机项目", "星河经开区"), ("locatedIn", "智算中心项目", "星河经开区"),
                ("investsIn", "明州远航控股集团有限公司", "年产10万台电机项目"), ("investsIn", "北辰数据", "智算中心项目"),
                ("subsidiaryOf", "远航电机有限公司", "明州远航控股集团有限公司")],
          must_not=[("locatedIn", "明州远航控股集团有限公司", "星河经开区"), ("locatedIn", "北辰数据", "星河经开区"),
                    ("locatedIn", "江岸大学", "星河经开区"), ("locatedIn", "德国海德机械", "星河经开区")])


# ---------------------------------------------------------------- people
PEOPLE = [
    ("远航电子副董事长兼总裁陈立华表示，将扎根园区。",
     {"Company": ["远航电子"], "Person": ["陈立华"]},
     [("worksFor", "陈立华", "远航电子", "副董事长兼总裁")]),
    ("“我们很有信心。”公司总经理林一帆说。",
     {"Company": ["北辰数据"], "Person": ["林一帆"]}, []),   # 公司 with no company named before: nothing
    ("北辰数据今年营收翻番。“我们很有信心。”公司总经理林一帆说。",
     {"Company": ["北辰数据"], "Person": ["林一帆"]},
     [("worksFor", "林一帆", "北辰数据", "总经理")]),
    ("云溪科技城党工委书记、管委会主任周海涛介绍了情况。",
     {"Park": ["云溪科技城"], "Person": ["周海涛"]},
     [("worksFor", "周海涛", "云溪科技城", "党工委书记、管委会主任")]),
    ("2019年，宋明远出任云溪科技城管委会副主任，分管招商。",
     {"Organization": ["云溪科技城管委会"], "Person": ["宋明远"]},
     [("worksFor", "宋明远", "云溪科技城管委会", "副主任")]),
    ("宋明远从大学毕业后，他进入江岸区商务局工作，2015年起担任江岸区经信局副局长。",
     {"Organization": ["江岸区商务局", "江岸区经信局"], "Person": ["宋明远"]},
     [("worksFor", "宋明远", "江岸区商务局", None), ("worksFor", "宋明远", "江岸区经信局", "副局长")]),
    ("2010年，林一帆与同事许安共同创办了北辰数据。",
     {"Company": ["北辰数据"], "Person": ["林一帆", "许安"]},
     [("worksFor", "许安", "北辰数据", "联合创始人"), ("worksFor", "林一帆", "北辰数据", "联合创始人")]),
    ("2020年，宋明远被任命为云溪芯谷项目建设指挥部总指挥。",
     {"Project": ["云溪芯谷项目"], "Person": ["宋明远"]},
     [("involvedIn", "宋明远", "云溪芯谷项目", "建设指挥部总指挥")]),
    ("陈立华，远航电子总经理，从业二十年。",
     {"Company": ["远航电子"], "Person": ["陈立华"]},
     [("worksFor", "陈立华", "远航电子", "总经理")]),
    ("星辰印染的中国区负责人田中一郎说，这里供应链完整。",
     {"Company": ["星辰印染"], "Person": ["田中一郎"]},
     [("worksFor", "田中一郎", "星辰印染", "中国区负责人")]),
]


@pytest.mark.parametrize("text, spec, must", PEOPLE)
def test_people(text, spec, must):
    _, relations, _, _ = run(text, spec)
    labels = {e.id: e.label for e in entities(text, spec)}
    with_roles = {(r.type, labels[r.head], labels[r.tail], r.role) for r in relations
                  if r.type in ("worksFor", "involvedIn")}
    for rel in must:
        assert rel in with_roles, f"missing {rel}; found {sorted(with_roles)}"
    if not must:
        assert not with_roles


# ---------------------------------------------------------------- awards
AWARDS = [
    ("远航电子还荣获2023年度省科学技术进步奖一等奖。", {"Company": ["远航电子"]},
     [("receivedAward", "远航电子", "2023年度省科学技术进步奖一等奖")]),
    ("2023年，远航电子获评国家级绿色工厂，并荣获市长质量奖。", {"Company": ["远航电子"]},
     [("receivedAward", "远航电子", "国家级绿色工厂"), ("receivedAward", "远航电子", "市长质量奖")]),
    ("远航电子先后获评国家级制造业单项冠军示范企业、国家级专精特新“小巨人”企业。", {"Company": ["远航电子"]},
     [("receivedAward", "远航电子", "国家级制造业单项冠军示范企业"),
      ("receivedAward", "远航电子", "国家级专精特新“小巨人”企业")]),
    ("北辰数据总经理林一帆荣获第五届“江岸最美创业者”称号。", {"Company": ["北辰数据"], "Person": ["林一帆"]},
     [("receivedAward", "林一帆", "江岸最美创业者")]),
    ("荣获创新领航奖的远航电子是行业龙头。", {"Company": ["远航电子"]},
     [("receivedAward", "远航电子", "创新领航奖")]),
]


@pytest.mark.parametrize("text, spec, must", AWARDS)
def test_awards(text, spec, must):
    check(text, spec, must)


def test_no_award_for_products_parks_or_grants():
    check("云溪科技城获评省级绿色低碳园区。", {"Park": ["云溪科技城"]}, [],
          [("receivedAward", "云溪科技城", "省级绿色低碳园区")])
    found, *_ = run("林一帆带领团队设计的“轻羽”系列跑鞋获得德国红点设计奖。", {"Person": ["林一帆"]})
    assert not any(t == "receivedAward" for t, _, _ in found)
    found, *_ = run("两年后，北辰数据获得首期200万元资助。", {"Company": ["北辰数据"]})
    assert not any(t == "receivedAward" for t, _, _ in found)


# ---------------------------------------------------------------- companies
COMPANIES = [
    ("明州恒远膜材料有限公司是上市公司浙江恒远化学股份有限公司的控股子公司。",
     {"Company": ["明州恒远膜材料有限公司", "浙江恒远化学股份有限公司"]},
     [("subsidiaryOf", "明州恒远膜材料有限公司", "浙江恒远化学股份有限公司")]),
    ("北辰数据下设北辰云计算有限公司、北辰数科有限公司两家全资子公司。",
     {"Company": ["北辰数据", "北辰云计算有限公司", "北辰数科有限公司"]},
     [("subsidiaryOf", "北辰云计算有限公司", "北辰数据"), ("subsidiaryOf", "北辰数科有限公司", "北辰数据")]),
    ("远航电机（系明州远航控股集团有限公司全资子公司）当天签约。",
     {"Company": ["远航电机", "明州远航控股集团有限公司"]},
     [("subsidiaryOf", "远航电机", "明州远航控股集团有限公司")]),
    ("星辰汽车作为星辰科技集团最重要的业务版块之一，发展迅速。",
     {"Company": ["星辰汽车", "星辰科技集团"]},
     [("subsidiaryOf", "星辰汽车", "星辰科技集团")]),
    ("远航精密加快布局。公司旗下现有远航机器人有限公司、远航检测技术有限公司两家全资子公司，并在越南海防设立控股子公司远航精密（越南）有限公司。",
     {"Company": ["远航精密", "远航机器人有限公司", "远航检测技术有限公司", "远航精密（越南）有限公司"],
      "Place": ["越南", "海防"]},
     [("subsidiaryOf", "远航机器人有限公司", "远航精密"), ("subsidiaryOf", "远航检测技术有限公司", "远航精密"),
      ("subsidiaryOf", "远航精密（越南）有限公司", "远航精密"), ("locatedIn", "远航精密（越南）有限公司", "海防")]),
    ("远帆精工股份有限公司主攻汽车座椅滑轨。公司2019年设立了海外子公司远帆精工（越南）有限公司。",
     {"Company": ["远帆精工股份有限公司", "远帆精工（越南）有限公司"]},
     [("subsidiaryOf", "远帆精工（越南）有限公司", "远帆精工股份有限公司")]),
    ("项目由青岚微今年1月在园区注册成立的全资子公司青岚微电子（明州）有限公司负责实施。",
     {"Company": ["青岚微", "青岚微电子（明州）有限公司"]},
     [("subsidiaryOf", "青岚微电子（明州）有限公司", "青岚微")]),
    ("如今，澄辰新材旗下拥有多家子公司。全资子公司澄辰电子材料有限公司负责项目的运营。",
     {"Company": ["澄辰新材", "澄辰电子材料有限公司"]},
     [("subsidiaryOf", "澄辰电子材料有限公司", "澄辰新材")]),
    ("由其全资子公司海德部件（明州）有限公司投资1.2亿美元，建设年产3000万套轴承项目。海德机械看好园区。",
     {"Company": ["海德机械", "海德部件（明州）有限公司"], "Project": ["年产3000万套轴承项目"]},
     [("investsIn", "海德部件（明州）有限公司", "年产3000万套轴承项目")]),
    ("最终，青禾半导体投资45亿元建设的12英寸晶圆制造项目落户新城。",
     {"Company": ["青禾半导体"], "Project": ["12英寸晶圆制造项目"]},
     [("investsIn", "青禾半导体", "12英寸晶圆制造项目")]),
    ("台州远川电梯股份有限公司加快建设。确保远川电梯智能工厂如期投产。",
     {"Company": ["台州远川电梯股份有限公司"], "Project": ["远川电梯智能工厂"]},
     [("investsIn", "台州远川电梯股份有限公司", "远川电梯智能工厂")]),
    ("星海重工宣布，把氢能全球总部与华东研究院双双落地于此。",
     {"Company": ["星海重工"], "Project": ["氢能全球总部"], "Organization": ["华东研究院"]},
     [("investsIn", "星海重工", "氢能全球总部")]),
]


@pytest.mark.parametrize("text, spec, must", COMPANIES)
def test_companies(text, spec, must):
    check(text, spec, must)


def test_joint_venture_is_not_a_subsidiary():
    found, *_ = run("北辰置业由远航实业与明州银行下属公司各出资250万元共同注册。",
                    {"Company": ["北辰置业", "远航实业", "明州银行"]})
    assert not any(t == "subsidiaryOf" for t, _, _ in found)


# ---------------------------------------------------------------- attributes
def test_investment_and_stage_date():
    text = ("星河汽车港：三大项目集中落地\n\n"
            "6月20日，星河汽车港举行项目集中落地活动。远航温控年产50万套温控系统项目、海德欧洲研发中心项目现场签约。\n\n"
            "远航温控年产50万套温控系统项目总投资18亿元。据悉，海德欧洲研发中心项目总投资约3000万美元。"
            "两个项目共计总投资18.2亿元。")
    spec = {"Park": ["星河汽车港"], "Company": ["远航温控", "海德"],
            "Project": ["年产50万套温控系统项目", "海德欧洲研发中心项目"]}
    _, _, attributes, ents = run(text, spec, date="2024-06-21")
    labels = {e.id: e.label for e in ents}
    amounts = {(labels[a.subject], a.value, a.unit, a.qualifier) for a in attributes if a.name == "investment"}
    assert amounts == {("年产50万套温控系统项目", "1800000000", "CNY", None),
                       ("海德欧洲研发中心项目", "30000000", "USD", "约")}
    dates = {(labels[a.subject], a.value, a.stage) for a in attributes if a.name == "date"}
    assert ("年产50万套温控系统项目", "2024-06-20", "签约") in dates
    for a in attributes:
        assert text[a.evidence.start:a.evidence.end] == a.evidence.text
    _, _, undated, _ = run(text, spec, date=None)
    assert not [a for a in undated if a.name == "date"]


def test_planned_stage_gives_no_date():
    text = "远航电机项目3月18日签约，计划今年9月1日开工。"
    _, _, attributes, _ = run(text, {"Project": ["远航电机项目"]}, date="2024-03-20")
    dates = {(a.value, a.stage) for a in attributes if a.name == "date"}
    assert dates == {("2024-03-18", "签约")}


def test_date_doctests():
    import doctest

    import kg.relate.dates

    assert doctest.testmod(kg.relate.dates).failed == 0
