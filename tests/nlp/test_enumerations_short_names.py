"""Company short names from enumerations and from brand + industry word."""
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kg.nlp.context import rule_context
from kg.nlp.recognise import find_mentions


def companies(text):
    return sorted(m.text for m in find_mentions(text, rule_context()) if m.type == "Company")


@pytest.mark.parametrize("text, expected", [
    ("已有蓝澄科技、傲川科技、维沐医疗等6家企业入驻。", ["傲川科技", "维沐医疗", "蓝澄科技"]),
    ("拥有长丰汽车、泓宇乘用车、吉顺3家整车龙头企业。", ["吉顺", "泓宇乘用车", "长丰汽车"]),
    ("新增的2家上市企业澜星和米兰特都来自小镇。", ["澜星", "米兰特"]),
    ("聚集起巨岚、奥的森机电、瀚兴电力等高科技企业。", ["奥的森机电", "巨岚", "瀚兴电力"]),
    ("——泓塑科技成功登陆创业板。", ["泓塑科技"]),
    # written once, but vouched for by the verb or the title after it, or by the verb before it
    ("东岳泵业实施机器人换人。", ["东岳泵业"]),
    ("今年浙江芯某半导体总经理王小周说。", ["浙江芯某半导体"]),
    ("引进落地特某西能源，带动了产业链。", ["特某西能源"]),
    ("是韩国某昌化学（SECHANG）在华设立的全资子公司", ["韩国某昌化学"]),
    ("公司完成由新加坡某石资本（Censtone）领投的A轮融资。", ["新加坡某石资本"]),
    # modifiers between the list and its head noun (知名 is read as a verb elsewhere)
    ("客户涵盖德国卡某斯、日本三某电装、法国瓦某莱等国际知名汽车零部件企业。",
     ["德国卡某斯", "日本三某电装", "法国瓦某莱"]),
    ("引进甲某科技、乙某新材等一批规模以上企业。", ["乙某新材", "甲某科技"]),
    # an original name in brackets, and 为代表的 after the last item
    ("产品已进入甲某科技、丹麦维某塔斯（Vestas）等风电整机企业。", ["丹麦维某塔斯", "甲某科技"]),
    ("以巨某、乙某钴业为代表的一批龙头企业。", ["乙某钴业", "巨某"]),
    # a foreign company with its country and its original name in brackets
    ("当属德国卡某史托斯（KARL STORZ）的内窥镜项目。", ["德国卡某史托斯"]),
    ("德国思某普（SAP）在华设立的研发中心。", ["德国思某普"]),
    ("中国制造（Made in China）走向世界。", []),
])
def test_company_short_names(text, expected):
    assert companies(text) == expected


@pytest.mark.parametrize("text", [
    "坚持优化营商环境，做强特色产业。",
    "聚焦人工智能、5G应用、智能制造等领域。",
    "开展女性关怀、情绪管理专题讲座、人力资源公开课等，帮助企业营造氛围。",
    "钱塘区关注、陪伴着每一家创新科技企业的成长。",
    "这家公司专注于卫星遥感影像智能解译。",             # a 6-character "brand" without a place
    "我们将围绕具身智能和低空经济两条新赛道精准招商。",   # an industry term
    "这在我们集团的项目里是最快的。",                     # a pronoun is no brand
    "让更多富阳制造走向世界。",
    "生产可替代石油基尼龙的新型材料。",
    "打造一颗芯片的全产业链。",                            # a count is no brand
    "客户涵盖甲、乙等地的企业。",                          # a stop word between list and head
    "集成电路、高端装备、港航物流等领域。",                 # a list of sectors, not of firms
    "将与小镇内已有的晶圆制造、封装测试企业形成集群。",
    "持续做强半导体、生物医药产业。",                      # 做强 is a verb
    "我们车规级芯片的产能将翻一番。",                      # a grade, not a brand
    "将为某某长空等整机企业配套机身框架和起落架部件。",    # a verb after the head noun
    "已集聚光学镜头、光电模组、激光器件等上下游企业210余家。",   # kinds of business
    "2.壮大新材料和高端装备产业。",                        # 壮大 is a verb
    "凭借“高效无刷电机及智能控制技术”荣获奖项。",          # an adjective is no brand
    "与某某光电建立了长期合作，LED芯片实现隔壁供货。",      # an acronym is a technology
    "这是从铅蓄电池向锂电池延伸的关键一步。",              # industry terms
    # a list of products; the clause ends at the full-width semicolon (folded to ;)
    "项目将建设安全气囊、智能方向盘等产品线；外资企业追加投资。",
    # a brand + industry name written once, with nothing that reads as a firm: a product or a field
    "最核心的磁芯材料，开车十几分钟就能送到。",
    "每10块电池就有1块用的是它的涂层材料。",
    "正加快形成从基础化工材料到电池材料的完整链条。",
])
def test_generic_phrases_are_not_companies(text):
    assert companies(text) == []


@pytest.mark.parametrize("text, expected", [
    ("由其全资子公司克澜精密部件（嘉兴）有限公司负责建设。", "克澜精密部件（嘉兴）有限公司"),
    ("在金融赋能方面，浙江碧川控股集团有限公司旗下的基金。", "浙江碧川控股集团有限公司"),
    ("集团旗下的杭州滨川天使投资合伙企业（有限合伙）领投。", "杭州滨川天使投资合伙企业（有限合伙）"),
])
def test_legal_names_keep_verbs_that_modify_the_legal_form(text, expected):
    assert expected in companies(text)


@pytest.mark.parametrize("text, expected", [
    ("湖州森岚新材料股份有限公司年产5万吨生物基尼龙项目开工。", "年产5万吨生物基尼龙项目"),
    ("规划建设年产3000万套汽车精密轴承项目。", "年产3000万套汽车精密轴承项目"),
    ("近日，星米汽车杭州交付中心项目正式落地。", "星米汽车杭州交付中心项目"),
])
def test_project_names(text, expected):
    assert expected in [m.text for m in find_mentions(text, rule_context()) if m.type == "Project"]


@pytest.mark.parametrize("text", ["某开发区重大项目半月度例会", "杭州市数字化改造攻坚项目22个", "全年对接项目超300项",
                                  "一起来看大项目：头部企业加速集聚3月，多个项目签约。"])   # a heading
def test_collective_projects_are_not_names(text):
    assert [m for m in find_mentions(text, rule_context()) if m.type == "Project"] == []


def test_appositive_and_anaphoric_projects():
    text = "开发建设了第一个商品房项目——北岚花园。其中，就包括滨江直播电商产业生态园。该项目由某企业发起。"
    found = {(m.text, m.type) for m in find_mentions(text, rule_context())}
    assert ("北岚花园", "Project") in found
    assert ("滨江直播电商产业生态园", "Project") in found


def test_list_mates_take_the_type_of_a_known_member():
    from kg.ingest import article_from_text
    from kg.pipeline import extract_articles
    [ex] = extract_articles([article_from_text("澄星72万片6英寸技改、史克2亿套连接器技改、海兰8英寸、可沁拉罐线……截至年底")])
    projects = {e.label for e in ex.entities if e.type == "Project"}
    assert {"海兰8英寸", "可沁拉罐线"} <= projects


def test_quoted_facility_before_project_is_a_project():
    text = "杭州某某科技有限公司投资的“云启智算中心”项目总投资32亿元。其中“152”项目8个。"
    projects = [m.text for m in find_mentions(text, rule_context()) if m.type == "Project"]
    assert projects == ["云启智算中心"]


@hsettings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("等123一二几十家个批余多数企业、和"), max_size=16))
def test_anchor_regex_finds_what_the_plain_alternation_found(text):
    import re

    from kg.nlp.enumerations import ANCHOR_RE, COUNT
    plain = re.compile(rf"等?{COUNT}|等")
    assert [m.span() for m in ANCHOR_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
