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
    # a suffix holding a stop word (未来) is no stop inside a longer name
    ("杭州未来科技城管委会副主任沈某说", ("Organization", "杭州未来科技城管委会")),
    # a function character among the first brand characters after the place (原 is no 原 there)
    ("首批入驻的杭州芯原视界科技有限公司开工。", ("Company", "杭州芯原视界科技有限公司")),
    # a verb among the first brand characters after the place, or left of a bracketed region
    ("今年51岁的他，是浙江立新电气股份有限公司的董事长。", ("Company", "浙江立新电气股份有限公司")),
    ("设立温州立新智能配电有限公司。", ("Company", "温州立新智能配电有限公司")),
    ("和立新电气（越南）有限公司。", ("Company", "立新电气（越南）有限公司")),
    # zones and bodies: a city ending in 乡 is no township, new zone kinds, 与 between industries
    ("桐乡市经信局副局长说。", ("Organization", "桐乡市经信局")),
    ("湖州南太湖新区招商服务局局长说。", ("Organization", "湖州南太湖新区招商服务局")),   # a bureau's function
    ("钱塘区招商与人才局", ("Organization", "钱塘区招商与人才局")),
    ("记者 蔡某某 北仑区委报道组 夏某", ("Organization", "北仑区委报道组")),
    ("在宁波梅山保税港区建设冷链物流中心。", ("Park", "宁波梅山保税港区")),
    ("云栖小镇是杭州城西科创大走廊的重要节点。", ("Park", "杭州城西科创大走廊")),
    ("共建北仑先进电机与磁性材料创新中心。", ("Organization", "北仑先进电机与磁性材料创新中心")),
    ("投资的汽车热管理系统零部件扩产项目破土动工。", ("Project", "汽车热管理系统零部件扩产项目")),
    # bodies keep their stacked places; a university's 科创中心 is a body; new zone kinds
    ("来源：杭州市某山区数据资源管理局", ("Organization", "杭州市某山区数据资源管理局")),
    ("另有浙江大学杭州国际科创中心落户。", ("Organization", "浙江大学杭州国际科创中心")),
    ("位于某塘软件园的企业。", ("Park", "某塘软件园")),
    ("入驻某湾生物医药加速器。", ("Park", "某湾生物医药加速器")),
    ("获得礼来亚洲基金领投。", ("Company", "礼来亚洲基金")),
    ("1.杭钢云计算数据中心三期项目。", ("Project", "杭钢云计算数据中心三期项目")),   # 云计算 hides 计算
    ("富春未来城人才公寓二期工程同步开工。", ("Project", "富春未来城人才公寓二期工程")),
    ("塘下智造小微企业园二期工程同步开工。", ("Project", "塘下智造小微企业园二期工程")),
    ("位于宁波东某商务区的总部大楼。", ("Park", "宁波东某商务区")),
    ("海宁先进封装中试平台项目开工。", ("Project", "海宁先进封装中试平台项目")),
    ("某某集团新能源商用车线控制动系统产业化项目开工。", ("Project", "新能源商用车线控制动系统产业化项目")),
    ("博某合金年产3万吨高端铜合金带材二期项目投产。", ("Project", "博某合金年产3万吨高端铜合金带材二期项目")),
    # a verb read across the cut (后进|入), a place holding a verb (奉化区), 任/赴 before a name
    ("博士毕业后进入之江实验室，担任副研究员。", ("Organization", "之江实验室")),
    ("奉化区经信局副局长蒋某介绍。", ("Organization", "奉化区经信局")),
    ("2019年，斯文任诸暨经济开发区管委会副主任。", ("Organization", "诸暨经济开发区管委会")),
    ("博士毕业后赴新加坡国立大学任教。", ("Organization", "新加坡国立大学")),
    ("店口镇经济发展办公室主任说。", ("Organization", "店口镇经济发展办公室")),   # a body keeps its township
    ("永艺股份与日本冈某制作所合资。", ("Company", "日本冈某制作所")),
    ("来源：某乌商报", ("Organization", "某乌商报")),
    ("主办：杭州日报报业集团", ("Organization", "杭州日报报业集团")),            # a media group is an outlet
    ("正在谋划智能照明产业园项目。", ("Project", "智能照明产业园项目")),
    # a capacity project keeps the company short name written before 年产
    ("前三，某远精密年产50万套谐波减速器技改项目于9月竣工投产。", ("Project", "某远精密年产50万套谐波减速器技改项目")),
    ("公司年产10万吨项目开工。", ("Project", "年产10万吨项目")),
    ("总投资58亿元的零跑汽车年产20万辆新能源整车扩建项目已完成主体工程。", ("Project", "零跑汽车年产20万辆新能源整车扩建项目")),
    # a project's name starts right after 建设/实施 …, whatever modifying verb or 及 stands inside
    ("将在某某产业园投资建设某斯夫汽车涂料应用技术中心及仓储物流项目。", ("Project", "某斯夫汽车涂料应用技术中心及仓储物流项目")),
    ("在某碶高端装备产业园建设精密减速器及伺服传动系统生产基地项目。", ("Project", "精密减速器及伺服传动系统生产基地项目")),
    ("在小镇建设云某具身智能数据采集训练场项目。", ("Project", "云某具身智能数据采集训练场项目")),
    # a government's own group, a zone with the district it is one with, fields joined by 与
    ("由区科创集团共同打造。", ("Company", "区科创集团")),
    ("由杭州高新区（滨江）与某某大学杭州创新研究院共同打造", ("Park", "杭州高新区（滨江）")),
    ("还有一个身份——中国科学院宁波材料技术与工程研究所研究员。", ("Organization", "中国科学院宁波材料技术与工程研究所")),
    # a verb used as a modifier inside a project name after 的/了; 及 joining two things; the phase
    ("由归国博士某某领衔的mRNA递送平台项目。", ("Project", "mRNA递送平台项目")),
    ("签下了高端介入耗材研发生产基地项目，总投资7.5亿元。", ("Project", "高端介入耗材研发生产基地项目")),
    ("与某山经开区共建的生物育种中试基地项目开工。", ("Project", "生物育种中试基地项目")),
    ("总投资6.8亿元的某锐精密总部及研发中心项目开工。", ("Project", "某锐精密总部及研发中心项目")),
    ("某达半导体年产60万片8英寸硅外延片项目（一期）在某山开工。", ("Project", "某达半导体年产60万片8英寸硅外延片项目（一期）")),
    ("加快推进年产10万台精密减速器项目二期建设。", ("Project", "年产10万台精密减速器项目")),
    # platforms named by their trade (industry and platform words only) are names
    ("某年信息港小镇全年新引进企业136家。", ("Park", "信息港小镇")),
    ("位于人工智能小镇的企业。", ("Park", "人工智能小镇")),
    ("位于拱墅区的数字安全产业园开园。", ("Park", "数字安全产业园")),
    ("某山经开区、杭州空港经济区两大产业平台。", ("Park", "杭州空港经济区")),
    ("项目落户大运河数智未来城。", ("Park", "大运河数智未来城")),
    # a bare level before a body's name stands for the place; bureau names hold 和
    ("平湖经开区会同市发改委等部门推出服务。", ("Organization", "市发改委")),
    ("萧山区经济和信息化局2024年工作回顾", ("Organization", "萧山区经济和信息化局")),
    ("在崇贤街道办事处的会议室。", ("Organization", "崇贤街道办事处")),
    ("共建某湖大学钱塘合成生物创新中心。", ("Organization", "某湖大学钱塘合成生物创新中心")),
    # factories and branches
    ("32岁的他从德清县农机厂辞职。", ("Company", "德清县农机厂")),
    ("带着7名工人办起了德清县武康五金配件厂，为上海加工配件。", ("Company", "德清县武康五金配件厂")),
    ("旗下还有全资子公司和上海分公司。", ("Company", "上海分公司")),
    # a bracketed place follows its brand; a function character the cut left before it starts it
    ("公司又在合肥设立全资子公司向某光电（合肥）有限公司。", ("Company", "向某光电（合肥）有限公司")),
    ("与某晖精密（越南）有限公司签约。", ("Company", "某晖精密（越南）有限公司")),
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
    # a registered name keeps its stacked places and generic words
    ("基金由杭州滨江城市发展集团有限公司发起设立。", ("Company", "杭州滨江城市发展集团有限公司")),
    ("——宁波北仑某澜创业投资合伙企业（有限合伙）领投。", ("Company", "宁波北仑某澜创业投资合伙企业（有限合伙）")),
    ("在会上，永康市西城未来社区项目签约。", ("Project", "永康市西城未来社区项目")),
    # a verb inside a legal name does not leave it empty (封装 before 材料)
    ("、浙江某弘封装材料有限公司年产5000吨塑封料项目", ("Company", "浙江某弘封装材料有限公司")),
    # a verb read across a word boundary (某盛|传动) is no stop
    ("5月10日，某盛传动减速器项目现场。", ("Project", "某盛传动减速器项目")),
    ("并与某某大学共建骨科植入物先进制造联合研究中心。", ("Organization", "骨科植入物先进制造联合研究中心")),
    # two verbs in a row, and a verb after an adverb, end the left context
    ("今年还将与某江大学合作建设某江智能装备研究院。", ("Organization", "某江智能装备研究院")),
    ("小镇还将联合某湖大学举办大赛。", ("Organization", "某湖大学")),
    # a role noun before a legal name, 之 opening a clause, a decimal, 第三方
    ("园区运营方宁波某屿数字产业发展有限公司总经理说。", ("Company", "宁波某屿数字产业发展有限公司")),
    ("，之江实验室也与公司共建了实验室。", ("Organization", "之江实验室")),
    ("投资的年产1.2亿支某某注射剂项目总投资16.5亿元。", ("Project", "年产1.2亿支某某注射剂项目")),
    ("某谷测试技术有限公司第三方芯片检测中心项目签约。", ("Project", "第三方芯片检测中心项目")),
    # a capacity name stops before a list's count
    ("某锐动力电池有限公司年产12GWh动力电池项目等14个配套项目开工。", ("Project", "年产12GWh动力电池项目")),
    # a park named inside its container park
    ("在杭州余杭某溪科技城某溪海创园8号楼。", ("Park", "某溪海创园")),
    ("小镇内的某岫众创空间今年被认定为孵化器。", ("Park", "某岫众创空间")),
    ("来源：永康市融媒体中心 记者：某某", ("Organization", "永康市融媒体中心")),
    ("4月16日，杭州钱塘某川生物医药港签约。", ("Park", "某川生物医药港")),   # a park after stacked places
    ("科技园“某柳孵化中心”正式投用。", ("Park", "某柳孵化中心")),
    ("近日，浙江省经信厅公布了名单。", ("Organization", "浙江省经信厅")),
    ("某口镇党委副书记何文涛介绍。", ("Organization", "某口镇党委")),
    ("工作人员迅速与新区建设局联系。", ("Organization", "新区建设局")),        # a verb next to 局
    ("其中，浙江某珩新能源科技有限公司系浙江某珩控股集团有限公司全资子公司。", ("Company", "浙江某珩控股集团有限公司")),
    ("位于某区的星桥湾新区是省级新区，星桥湾新区管委会表示。", ("Park", "星桥湾新区")),      # used twice
    ("宁波澜港新区位于杭州湾南岸。", ("Park", "宁波澜港新区")),                            # a place before it
    ("今年以来，小镇联合西湖区科技局开展走访。", ("Organization", "西湖区科技局")),
    ("。联合区科技局、区经信局开展服务。", ("Organization", "区科技局")),
    ("是余杭北部苕川科创新城的核心区块。", ("Park", "苕川科创新城")),
    ("新区老牌企业宁波某屹精密铸造有限公司将扩产。", ("Company", "宁波某屹精密铸造有限公司")),
    ("紧盯某润光电等重点项目。", ("Company", "某润光电")),
    ("项目将入驻产业园内的远航湾众创空间。", ("Park", "远航湾众创空间")),                 # 远航 is read as a verb
    ("项目在钱塘某进智造园区正式投产。", ("Park", "钱塘某进智造园区")),
    ("该项目将于下半年入驻钱塘某创孵化器。", ("Park", "钱塘某创孵化器")),
    ("杭州向某科技有限公司的展厅里摆满了样品。", ("Company", "杭州向某科技有限公司")),
    ("与中国工程院院士团队共建。", ("Organization", "中国工程院")),
    ("某湾数智科创中心工程完成主体结顶。", ("Project", "某湾数智科创中心工程")),
    ("他出任某山智造产业园一期基础设施工程总指挥。", ("Project", "某山智造产业园一期基础设施工程")),
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
    ("二季度，经开区将再组织两轮项目集中开工。", "Project"),
    ("让县一级医院也用得起。", "Organization"),
    ("余伟现任公司首席技术官。", "Company"),
    ("某溪数字经济产业园一期建成，入驻企业42家。", "Project"),       # a phase of a park
    ("在餐厅和展厅里。", "Organization"),
    ("“比学赶超不是比口号。”某江经开区党工委书记某某说。", "Organization"),   # 党工委书记 is the title
    ("这家年营收超过28亿元的集团，最初只是一家小厂。", "Company"),
    ("这一格局正在改变，布局更加合理。", "Organization"),
    ("将补齐新区轻量化材料的短板。", "Park"),                 # 新区 after a verb, used once
    ("努力扛起新区担当。", "Park"),
    ("林立表示，下一步园区将围绕芯片招商。", "Park"),
    ("他想带着家人来园区走一走。", "Park"),
    ("数字经济是一号工程，也是民心工程。", "Project"),        # slogans, not works
    ("（二）重大项目。上半年新上项目12个，冲刺项目5个。", "Project"),
    ("获批省级科研项目3项。", "Project"),
    ("喜报丨小镇又添新荣誉", "Park"),
    ("建成后小镇将成为新地标。", "Park"),
    ("某某科技园新孵化器和专业孵化器同时开放。", "Park"),
    # a trade-named park after a determiner, a count or a copula is a kind of platform
    ("建设一批数字经济产业园。", "Park"),
    ("两个人工智能小镇同时开园。", "Park"),
    ("它是我市重点打造的新能源汽车零部件产业集聚区。", "Park"),
    ("省级特色小镇", "Park"),
    ("示范区建设", "Park"),
    ("平湖工厂的产能将翻番。", "Company"),                    # 工厂, 出厂, 进厂, 晶圆厂 are no names
    ("全年调增出厂价格。", "Company"),
    ("从杭州回流的航空公司。", "Company"),
    ("将为国内外航空公司提供服务。", "Company"),
    ("18岁进厂当学徒。", "Company"),
    ("建设12英寸晶圆厂。", "Company"),
    ("晚上回公司加班。", "Company"),                         # one-character verbs end the left context
    ("今天带大家去科创中心串串门。", "Park"),
    ("把公司放在研究院旁边。", "Organization"),
    ("区投资促进局将联合医药港招商。", "Park"),                # 联合 + a bare suffix: no name
    ("全年引进超亿美元外资项目5个。", "Project"),
    ("创下温州同类项目最快纪录。", "Project"),
    ("公司的张某负责项目。", "Project"),                     # a verb right before the suffix: a predicate
    ("汽车产业链再迎重磅项目。", "Project"),                   # size and rank words
    ("（一）主要指标稳中有进。全年小镇实现产值。", "Park"),      # 全年 is a time word
    ("从一间实验室到一座产业化基地。", "Organization"),         # a count
    ("半年里跑了40多趟项目现场。", "Project"),
    ("连一份像样的英文项目推介书都写不好。", "Project"),
    ("共建汽车电子联合实验室。", "Organization"),               # a lab named only by its field
    ("建成电梯部件检测实验室。", "Organization"),
    ("父亲创办了一家五金配件厂。", "Company"),
    ("获评浙江省五星级小微企业园。", "Park"),                    # a rating
    ("产品进入全国300余家医院。", "Organization"),              # a count
    ("云栖小镇的办公室显得局促了。", "Organization"),            # 局促, 破局, 精诚所至
    ("一个团队破局。", "Organization"),
    ("精诚所至，金石为开。", "Organization"),
    ("储能“头号项目”落地。", "Project"),
    ("项目建成后将成为集团在杭最大研发基地。", "Company"),
    ("为纺织之都贡献经开区力量。", "Park"),
    ("是今年以来签约的最大单体制造业项目。", "Project"),
    ("光是项目方案就修改了十几稿。", "Project"),
    ("公司增资扩产项目顺利推进。", "Project"),                 # a kind of project work alone
    ("金某新区（金东区）上半年实现产值。", "Park"),             # a zone and a district paired: no name with the bracket
    ("某乌经开区党工委副书记、管委会副主任楼某某介绍。", "Organization"),   # a post at the park
    ("签约了投资建设新能源汽车电池项目。", "Project"),         # two verbs in a row
    ("该芯片项目是某某中心引进的首批人才项目之一。", "Project"),  # 首批 is no modifying verb
])
def test_generic_mentions_are_not_names(text, kind):
    assert names(text, kind) == []


def test_a_subsidiary_is_not_a_name_suffix():
    assert names("由澜特传动集团全资子公司负责。", "Company") == [("Company", "澜特传动集团")]


NAME_RUN_END_RE = __import__("re").compile(
    "(?:[0-9]\\.[0-9]|[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·&]|\\([\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·&]{1,7}\\)"
    "|（[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·&]{1,7}）)+$")


@hsettings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("杭州某科技()（）,，a12.·& "), max_size=30), st.data())
def test_walk_left_finds_the_leftmost_start_of_the_name_run(text, data):
    """The backwards match equals the leftmost forward search of a run ending at ``pos``."""
    from kg.nlp.suffix_names import walk_left

    pos = data.draw(st.integers(0, len(text)))
    limit = data.draw(st.integers(0, 14))
    found = NAME_RUN_END_RE.search(text, max(0, pos - limit), pos)
    assert walk_left(text, pos, limit) == (found.start() if found else pos)


@pytest.mark.parametrize("text, expected", [
    ("记者从杭州钱塘新区获悉，", ("Place", "杭州钱塘新区")),        # a division of the gazetteer under its city
    ("位于绍兴滨海新区的产业园", ("Park", "绍兴滨海新区")),          # 滨海新区 of 天津 is not meant
])
def test_new_areas_are_platforms_unless_divisions(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text", ["新建厂房3万平方米。", "方正集团与之签约。", "四川江口县", "选址产业园东区。"])
def test_short_forms_of_far_counties_are_no_places(text):
    assert [t for k, t in names(text) if k == "Place" and t in ("新建", "方正", "江口", "东区")] == []


def test_short_forms_of_home_counties_and_far_cities_are_places():
    found = names("滨江和柯桥的企业赴合肥、昆山考察。", "Place")
    assert [t for _, t in found] == ["滨江", "柯桥", "合肥", "昆山"]



@pytest.mark.parametrize("text, expected", [
    ("2019年，他从宁波机床厂辞职。", "宁波机床厂"),                    # a state factory: place + product
    ("孙某从富阳县第二造纸厂辞职。", "富阳县第二造纸厂"),              # the county it was, and an ordinal
    ("在老家创办了富阳县大源某旭造纸厂。", "富阳县大源某旭造纸厂"),    # 造纸 is an industry, not a verb here
])
def test_factories_named_by_place_and_product(text, expected):
    assert expected in [m.text for m in find_mentions(text, rule_context()) if m.type == "Company"]


@pytest.mark.parametrize("text", ["给摩托车厂做配件。", "那时的富阳，大大小小的造纸厂有数百家。", "这是第二家工厂。"])
def test_kinds_of_factory_are_no_names(text):
    assert [m for m in find_mentions(text, rule_context()) if m.type == "Company"] == []


@pytest.mark.parametrize("text, expected, kind", [
    ("位于温岭东部新区的公司", "温岭东部新区", "Park"),                 # a direction before the zone word
    ("温岭东部新区管委会主任", "温岭东部新区管委会", "Organization"),
    ("在下沙的浙江理工大学国家大学科技园注册成立了公司", "浙江理工大学国家大学科技园", "Park"),
    ("入驻乐清电气科创园", "乐清电气科创园", "Park"),                   # a place and its trade
    ("入驻南太湖青创园", "南太湖青创园", "Park"),
    ("由韦兰德流体控制（温州）有限公司投资建设", "韦兰德流体控制（温州）有限公司", "Company"),   # 控制 in a trade
    ("某公司投资的智能座舱域控制器及车载显示模组项目开工。", "智能座舱域控制器及车载显示模组项目", "Project"),
    ("某某科技有限公司LED虚拟拍摄显示屏生产线项目开工", "LED虚拟拍摄显示屏生产线项目", "Project"),
    ("良渚新城国际人才社区二期工程开工建设", "良渚新城国际人才社区二期工程", "Project"),
    ("2015年，时任浙江理工大学副教授的他", "浙江理工大学", "Organization"),
    ("巨石集团有限公司投资的智能制造基地三期项目全面投产", "智能制造基地三期项目", "Project"),   # a phase, then 项目
    ("2019年，云翎航空与之江实验室合作开展研究。", "之江实验室", "Organization"),   # two parties, not one field
    ("宁波材料技术与工程研究所", "宁波材料技术与工程研究所", "Organization"),       # two fields of study
    ("在白马湖生态创意城租下一间办公室。", "白马湖生态创意城", "Park"),
    ("建设杭州人工智能小镇。", "杭州人工智能小镇", "Park"),            # a place names one
    ("推动富春环保污泥资源化综合利用技改项目建设", "富春环保污泥资源化综合利用技改项目", "Project"),   # 利用 shielded
    ("主会场同步开工的还有今飞凯达年产300万只轻量化铝合金车轮技改项目。", "年产300万只轻量化铝合金车轮技改项目", "Project"),
    ("由丸山化成（杭州）有限公司投资。", "丸山化成（杭州）有限公司", "Company"),   # the brand before the region
    ("宁波银行保税区支行行长", "宁波银行保税区支行", "Company"),            # a bank branch, not the zone
    ("其核心区块浙南科技城", "浙南科技城", "Park"),
    ("对话杭州未来科技城管委会副主任", "杭州未来科技城管委会", "Organization"),
    ("他从中南大学毕业。", "中南大学", "Organization"),                # 从中 read across: 从 is the stop
    ("离杭钢集团不远。", "杭钢集团", "Company"),
    ("天津大学浙江研究院（绍兴）揭牌。", "天津大学浙江研究院（绍兴）", "Organization"),   # its seat
    ("由海盐县城投集团负责建设", "海盐县城投集团", "Company"),          # a local government's group
    ("该工程由丽水经开区城投集团负责建设。", "丽水经开区城投集团", "Company"),   # a zone's group
    ("由萧山经开区产业发展集团负责建设", "萧山经开区产业发展集团", "Company"),
    ("秀洲国投集团出资10亿元", "秀洲国投集团", "Company"),
    ("医用同位素生产线二期工程开工", "医用同位素生产线二期工程", "Project"),   # the works of a phase
    ("柔性显示光学薄膜产业化项目签约", "柔性显示光学薄膜产业化项目", "Project"),
    ("温州经开区国有资本投资运营有限公司负责建设", "温州经开区国有资本投资运营有限公司", "Company"),   # 国有 shielded
    ("博某科技高速光模块扩产项目相继签约", "博某科技高速光模块扩产项目", "Project"),   # 高速 is no verb
    ("投资建设的高端电液伺服阀项目格外引人注目。", "高端电液伺服阀项目", "Project"),   # industrial processes
    ("智能网联汽车封闭测试场二期工程开工", "智能网联汽车封闭测试场二期工程", "Project"),
    ("建设电子级多晶硅提纯项目", "电子级多晶硅提纯项目", "Project"),
    ("投资2.5亿元，在三墩镇建设施泰纳亚太光学研发中心项目", "施泰纳亚太光学研发中心项目", "Project"),   # the verb before a brand
    ("硅片项目落户丽水经开区内的丽水半导体产业园，项目位于富岭街道。", "丽水半导体产业园", "Park"),   # where it lands
    ("加快斯某半导体车规级SiC模块产业化项目建设。见表：模块产业化项目", "斯某半导体车规级SiC模块产业化项目", "Project"),   # SiC|模块
    ("抄送：县发改局。\n湖州莫干山高新技术产业开发区管理委员会办公室　　2025年1月10日印发", "湖州莫干山高新技术产业开发区管理委员会办公室", "Organization"),
])
def test_names_with_directions_trades_and_verbs_inside(text, expected, kind):
    assert (expected, kind) in [(m.text, m.type) for m in find_mentions(text, rule_context())]


@pytest.mark.parametrize("text", [
    "能协调的事情管委会都帮我们协调。",            # a common noun is no zone
    "全年新引育高层次人才项目34个。",              # a count of projects
    "其中总投资超1亿美元项目3个。",
    "在城市东部新区建设。",                        # a direction with no place
    "张丽是该项目的项目长，从洽谈到开工。",        # 项目长, 项目经理: a post
    "后来担任行业无人机飞控项目经理。",
    "也有外资企业和上市公司子公司的新投项目。",    # collective
    "绿色石化、新材料、高端装备领域项目占比超八成。",
    "公司最初在滨江一处孵化器起步。",             # a count (一处)
    "加快建设人才公寓项目。",                     # a kind of project
    "这是开发区近年来引进的最大单体外资项目。",     # modifiers in a row before 项目
    "全年引进高能级外资项目3个。",
    "分会场项目：磁材、五金加速向高攀升",           # a venue's projects; trades listed after it
    "主会场项目全部开工。",
    "他跟着领导跑出一串项目。",                     # a count (一串)
    "第一个项目：一张手绘的地图",                   # a heading's phrase, no name
    "为临江添硬核项目，引进重量级项目和氟化工下游项目",
    "韩资光学膜项目在兰溪开工",                     # where the money is from, and a product
    "重点引进智能仓储装备类项目",                   # a kind of project
    "公司追加投资项目3个",
    "项佳敏说，跟着雷晓峰跑项目，最大的感受就是快",   # a verb and its object
    "潘立新表示，接下来经开区将围绕新能源汽车布局。",  # 接下来 is no part of a name
    "“这几年小镇的通航产业链越来越完整。”",
    "推动一批强链补链项目落地。",                 # a slogan
    "其自主研发的CAR-T疗法已进入临床二期。",       # a phase of a trial
    "投向实体经济项目：1100余个",                  # a figures box: neither is a name
    "科技城将加快建设具身智能产业园，推动集聚。",   # a trade-named park that is planned
])
def test_no_name_in(text):
    assert [m for m in find_mentions(text, rule_context()) if m.type in ("Park", "Organization", "Project")] == []


@pytest.mark.parametrize("text, expected", [
    ("浙江大学、西湖大学两所高校的科研资源就在身边", ["浙江大学", "西湖大学"]),   # 两所: a count
    ("合伙人周启航曾任中信证券投资银行部董事总经理。", ["周启航"]),   # a department, not a bank
    ("2015年，於明哲回到母校浙江农林大学任教", ["浙江农林大学"]),              # 母校 is no part of it
    ("您如何评价智造新城的营商环境？", []),
    ("这两年经开区的变化很大", []),
    ("临空示范区周边航空公司和货运企业密集", []),                                # 周边 is no part of a name
    ("特种纸产业规模居全国同类园区前列", []),
    ("区县·园区", []),                                                       # a column's heading
    ("投资建设的高端光学扩散膜项目，在兰溪开工。", ["高端光学扩散膜项目", "兰溪"]),   # 扩散 is an industrial process
    ("此外，高端医用敷料产业化项目也在现场完成签约。", ["高端医用敷料产业化项目"]),   # 敷料 is a product
    ("公司与高校共建了智能制造研究院。", []),                                  # a firm's unit named by its trade
    ("缙云智能制造研究院揭牌。", ["缙云智能制造研究院"]),                          # a place names it
    ("云和木玩智造产业园二期工程开工。", ["云和木玩智造产业园二期工程"]),            # 和 ends a county's name
    ("入驻奉化气动智造产业园。", ["奉化气动智造产业园"]),
    ("开化有机硅材料创新中心成立", ["开化有机硅材料创新中心"]),
    ("梦想小镇人才公寓二期工程开工", ["梦想小镇人才公寓二期工程"]),               # a 特色小镇 is no township
    ("瓜沥镇人才公寓二期工程开工", ["瓜沥镇", "人才公寓二期工程"]),
    ("工程、通用航空飞行服务站项目、低空智能感知项目等12个项目签约",
     ["通用航空飞行服务站项目", "低空智能感知项目"]),                            # 飞行, 感知: industry terms
    ("一块指甲盖大小的光计算芯片正在测试台上接受测试。", []),                      # 光计算 is no brand
    ("签约活动在杭州临空经济示范区举行", ["杭州临空经济示范区"]),                  # a kind of national zone
    ("投资建设的新能源汽车电池托盘项目于6月开工", ["新能源汽车电池托盘项目"]),     # 托盘 is a product
    ("中试项目将入驻瑞安智造科创中心。", ["瑞安智造科创中心"]),                      # a place and a word
    ("新区内的前湾星海科创港正式开园。", ["前湾星海科创港"]),
    ("入驻杭州的科创中心", ["杭州"]),
    ("长兴经开区科创大厦二期工程开工", ["长兴经开区科创大厦二期工程"]),              # a building's phase works
    ("此外，智能低压电器数字化工厂项目开工", ["智能低压电器数字化工厂项目"]),          # 低压 is a product word
    ("工厂位于椒江区前所街道", ["椒江区", "前所街道"]),                            # a street, not an institute
    ("也有外资企业的新设项目，更有中试项目", []),
    ("永康、武义两个分会场项目同步开工", ["永康", "武义"]),
    ("公司产品主要面向两轮电动车和储能市场，金华的产业基础好", ["金华"]),          # the firm's products, no firms
    ("去年11月，博日科技分子诊断仪器智能制造技改项目竣工投产", ["博日科技分子诊断仪器智能制造技改项目"]),
])
def test_names_and_their_edges(text, expected):
    assert [m.text for m in find_mentions(text, rule_context())] == expected
