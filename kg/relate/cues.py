"""Cue words of Chinese news writing that the relation rules read, as data.

Every list is a general pattern of the genre (verbs, titles, function words); no names.
``words_re`` turns a list into a longest-first alternation.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

CJK = "\u4e00-\u9fff"


def words_re(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words``, longest first (so 签约落地 beats 签约), behind a
    look-ahead on their first characters (which lets the regex engine skip ahead fast)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    firsts = "".join(sorted({re.escape(w[0]) for w in ordered}))
    return f"(?=[{firsts}])(?:" + "|".join(re.escape(w) for w in ordered) + ")"


# ---------------------------------------------------------------- punctuation and structure
CLAUSE_PUNCT = "，,；;：:。！!？?\n"
LIST_SEP_RE = re.compile(r"(?:、|和|与|及|以及|，以及|,以及|跟)")
"""What may stand between two items of an enumeration (``A、B和C``)."""

PAREN_RE = re.compile(r"[（(][^（）()]{0,40}[）)]")
"""A bracketed insertion: ``（以下简称“远航”）``, ``（Aurora）``."""

TIME_PREFIX_RE = re.compile(
    r"(?:(?:\d{4}年(?:度|底|初|末)?|\d{1,2}月(?:份|底|初)?|\d{1,2}日|[上下]半年|[一二三四]季度|今年|去年|明年|前年|"
    r"近年来|近年|近期|近日|日前|目前|如今|当年|当天|此前|随后|最终|其中|此外|同时|另外|而|但|并|还|也|又|"
    r"先后|相继|已|已经|更|均|都|正|将|曾|成功|截至目前|截至\d{4}年底|起|以来)[，,]?)*")
"""Time phrases and adverbs that may open a clause before its subject or verb."""

ADVERB_GAP_RE = re.compile(
    r"(?:还|也|又|并|先后|相继|成功|曾|曾经|再次|多次|连续|均|都|已|已经|正式|今年|去年|前年|"
    r"近日|日前|近年来|\d{4}年(?:度)?|\d{1,2}月(?:份)?|一举|此次|本次)*")
"""Adverbs allowed between a subject and its verb (``远航电子还荣获``)."""

# ---------------------------------------------------------------- bylines and page furniture
BYLINE_RE = re.compile(
    r"^\s*(?:[■□●▲◎]\s*)?(?:本报记者|记者|通讯员|实习生|特约记者|文[/／:：]|图[/／:：]|作者[:：]|撰文|摄影|"
    r"来源[:：]|编辑[:：]|责任编辑)|"
    r"(?:来源|作者|原标题|编辑)[:：]|[\s(（]文[/／:：]")
BYLINE_NAMES_RE = re.compile(rf"^\s*[■□●▲◎]\s*[{CJK}]{{2,4}}(?:[\s、，,]+[{CJK}]{{2,4}})*\s*$")
_NAME = rf"(?:[{CJK}](?:\s[{CJK}]){{1,3}}|[{CJK}]{{2,3}})"
SPACED_NAMES_RE = re.compile(rf"^\s*{_NAME}(?:\s+{_NAME})+\s*$")
"""Letter-spaced bylines: ``林 岚 宋 哲``, ``何 川 吴 越 叶知远``."""
PHOTO_CREDIT_RE = re.compile(r"摄\s*[)）]?\s*$")
NEWS_LEAD_RE = re.compile(r"本报讯|本网讯|讯\s*[（(]记者")
RELATED_RE = re.compile(r"^\s*(?:相关阅读|延伸阅读|推荐阅读|相关新闻|相关报道|往期回顾|相关链接)")
SENTENCE_END = "。！？!?；;…，,：:"

PARK_KIND_RE = re.compile(
    r"(?:高新技术产业园区|高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|产业园区|产业园|科技园|"
    r"工业园区|工业园|园区|特色小镇|小镇|新城|新区|科创园|科创中心|汽车港|科技城|智慧城|智造小镇)$")

# ---------------------------------------------------------------- entity classes by name
ORG_GOVERNMENT_RE = re.compile(
    r"(?:局|委|委员会|管委会|办公室|办|政府|部|厅|政协|人大|法院|检察院|党委|党工委|工委|党组|街道|"
    r"服务中心|分局|处|科|所属部门)$")
ORG_MEDIA_RE = re.compile(r"(?:日报|晚报|晨报|报社|报|网|电视台|广播电台|晨讯|观察|传媒|杂志|新闻社|融媒体中心)$")
ORG_SCHOOL_RE = re.compile(r"(?:大学|学院|学校|中学|小学|党校)$")
ORG_EXCHANGE_RE = re.compile(r"(?:交易所|交所)$")
ORG_ASSOCIATION_RE = re.compile(r"(?:协会|学会|商会|联合会|联盟|促进会|研究会|基金会)$")
ORG_RESEARCH_RE = re.compile(
    r"(?:研究院|研究所|(?<![事务派出交易律])所|研究中心|创新中心|科学中心|实验室|分院|工程中心|技术中心|研发中心|"
    r"创新研究院|孵化器|中试基地)$")

# ---------------------------------------------------------------- location anaphora
LOCATION_ANAPHORS = (
    "园区", "小镇", "新城", "开发区", "经开区", "高新区", "新区", "汽车港", "科创园", "产业园", "科技园",
    "科技城", "智慧城", "科创中心", "这里", "于此", "在此", "此地", "区内", "该区", "园内", "镇内",
)
NEUTRAL_ANAPHORS = frozenset({"园区", "这里", "于此", "在此", "此地", "区内", "该区", "园内"})
ANAPHOR_LEFT_OK = set("在入到于与和、让把对向将及户址驻是为，,。；：:“”（(—") | {"\n", " "}
"""Characters that may stand before a generic noun used as anaphora (``落户新城``, ``在园区``);
other characters make it part of a compound (``特色小镇``, ``低碳园区``)."""
ANAPHOR_RE = re.compile(words_re(LOCATION_ANAPHORS))

COMPANY_ANAPHOR_RE = re.compile(r"(?:该公司|该企业|该集团|本公司|公司|企业|集团|其)$")
PROJECT_ANAPHOR_RE = re.compile(r"(?:该项目|此项目|这个项目|项目)")
PERSON_PRONOUN_RE = re.compile(r"[他她]")

# ---------------------------------------------------------------- locatedIn
LOCATED_CUES = (
    "位于", "坐落于", "坐落在", "地处", "落户", "落户于", "落户在", "落地", "落地于", "落地在", "签约落地",
    "签约入驻", "入驻", "进驻", "扎根", "扎根于", "搬入", "搬到", "搬至", "迁入", "迁至", "搬迁至", "选址",
    "选址于", "来自", "签约", "布局于", "安家",
)
LOCATED_CUE_RE = re.compile(words_re(LOCATED_CUES))
IMPLICIT_TAIL_CUES = frozenset({"落户", "落地", "入驻", "进驻", "签约入驻", "签约落地", "扎根", "安家"})
"""Cues that may leave the place unsaid (``首批15家企业签约入驻``): the platform of the story."""
MOVED_CUES = frozenset({"搬入", "搬到", "搬至", "迁入", "迁至", "搬迁至"})
EXPLICIT_ONLY_CUES = frozenset({"位于", "坐落于", "坐落在", "地处", "来自", "签约", "选址", "选址于"})

ZAI_VERBS = (
    "开工", "投产", "建成", "竣工", "落户", "落地", "扎根", "注册成立", "注册", "成立", "设立", "投资", "建设",
    "新建", "开发建设", "奠基", "开业", "运营", "生产", "办公", "动工", "启动建设", "投建", "布局", "建立",
)
ZAI_VERB_RE = re.compile(words_re(ZAI_VERBS))
OBJECT_VERBS = frozenset({"设立", "投资", "建设", "新建", "开发建设", "投建", "启动建设", "布局", "建立"})
"""``X在Y设立/投资…Z``: the object Z is located, not the subject X."""

INSIDE_RE = re.compile(r"(?:区域内|境内|内部|园内|内|里|中|东部|西部|南部|北部|中部|东侧|西侧|片区)?的")
INSIDE_COMMA_RE = re.compile(r"(?:区域内|境内|内|里)[，,]")

MEMBER_VERBS = (
    "拥有", "集聚", "聚集", "聚集起", "集聚了", "聚集了", "坐拥", "引进", "引进了", "引进落地", "招引", "招引落地",
    "孕育出", "孕育了", "吸引", "吸引了", "汇聚", "汇聚了", "云集", "集中了", "培育出", "入驻了", "落地了", "引来",
)
MEMBER_VERB_RE = re.compile(words_re(MEMBER_VERBS))

ZUOWEI_RE = re.compile(r"作为(?:原)?")
CORE_WORDS_RE = re.compile(r"(?:“?一核”?|核心区块|核心区|核心)(?:便是|就是|即是|是|为)")
PART_OF_RE = re.compile(r"(?:成为|是)(?P<rest>[^，。；,;]{0,30}?)的(?:核心区块|核心区|重要组成部分|组成部分|一部分|重要部分|核心)")
PHASE_RE = re.compile(r"(?:[一二三四五六七八九十]|\d)期")

# ---------------------------------------------------------------- people
ROLE_HEADS = (
    "董事长", "副董事长", "董事", "执行董事", "总裁", "副总裁", "执行总裁", "总经理", "副总经理", "经理", "总监",
    "首席执行官", "首席技术官", "首席科学家", "首席运营官", "首席财务官", "首席", "CEO", "CTO", "COO", "CFO",
    "创始人", "联合创始人", "合伙人", "负责人", "法定代表人", "法人代表", "董秘", "董事会秘书", "厂长", "所长",
    "院长", "校长", "主任", "局长", "处长", "科长", "部长", "书记", "区长", "市长", "县长", "镇长", "乡长",
    "主席", "会长", "秘书长", "理事长", "总工程师", "工程师", "研究员", "教授", "院士", "博士后", "总指挥",
    "指挥长", "组长", "队长", "站长", "行长", "总编辑", "主编", "服务员", "专员", "助理", "总经济师",
    "总会计师", "主管", "社长", "馆长", "委员", "党组成员", "高管", "掌门人", "带头人", "总规划师", "设计师",
)
ROLE_HEAD_RE = re.compile(words_re(ROLE_HEADS) + r"$")
ROLE_GAP_BAD_RE = re.compile(r"[与和及在对向说等将把被从到了着过，,。；;：:“”（）()]|表示|介绍|认为|带领|透露|告诉")
ROLE_TRAIL_RE = re.compile(r"(?:叫|名叫|是|为)$")
APPOINT_RE = re.compile(words_re(("担任", "出任", "升任", "现任", "曾任", "兼任", "调任", "就任", "继任", "被任命为", "任命为",
                                  "当选为", "当选", "获任", "接任", "改任", "任")))
WORK_AT_RE = re.compile(words_re(("进入", "加入", "来到", "前往", "入职", "就职于", "任职于", "供职于", "被安排在", "被派到",
                                  "调入", "调到", "在", "到")))
STRONG_WORK_AT = frozenset({"进入", "加入", "入职", "就职于", "任职于", "供职于", "被安排在", "被派到", "调入", "调到"})
WORK_TAIL_RE = re.compile(r"[^，。；,;]{0,8}?(?:工作|任职|报到|做|从事|负责|上班|供职|就职|担任|当)")
FOUND_RE = re.compile(r"(?:共同|联合)?(?:创办|创立|创建|创设|组建|联合创办)了?")
COMMAND_RE = re.compile(r"(?:副?总指挥|指挥长|副指挥长)")
LEAD_CUES_RE = re.compile(r"(?:招商|负责|牵头|主持|带队|分管|主抓)")

# ---------------------------------------------------------------- awards
AWARD_VERB_RE = re.compile(words_re(("荣获", "获评", "荣膺", "被评为", "被认定为", "被授予", "获授", "摘得", "捧得", "斩获",
                                     "喜获", "获得", "获")))
STRONG_AWARD_VERBS = frozenset({"荣获", "获评", "荣膺", "被评为", "被授予", "获授", "摘得", "捧得", "斩获", "喜获"})
AWARD_END_RE = re.compile(r"(?:奖|奖章|称号|荣誉|企业|工厂|冠军|单位|标兵|模范|先进个人|先进集体|人才|青年|品牌|示范企业|”)$")
AWARD_NAME_END_RE = re.compile(r"(?:奖|奖章|称号|荣誉)$|一等奖$|二等奖$|三等奖$|金奖$|银奖$")

# ---------------------------------------------------------------- companies
SUB_MARK_RE = re.compile(r"(?:全资子公司|控股子公司|控股孙公司|全资孙公司|子公司|分公司|孙公司|业务版块|业务板块|"
                         r"下属企业|下属公司|成员企业|核心企业|旗下企业|旗下公司)")
SUB_IS_RE = re.compile(r"(?:是|为|作为|系)")
OWNER_RE = re.compile(r"(?:旗下|下属|下设|设有|拥有)")
COUNTED_SUBS_RE = re.compile(r"(?:等)?[一二两三四五六七八九十\d]+家(?:全资|控股)?(?:子公司|分公司)")
"""``A、B两家全资子公司``: the enumeration before it names subsidiaries."""
INVEST_VERBS = (
    "投资建设", "投资新建", "投资兴建", "投资", "投建", "出资", "发起", "建设", "新建", "实施", "打造", "开发建设",
    "开发", "兴建", "启动", "推进", "承建",
)
INVEST_VERB_RE = re.compile(words_re(INVEST_VERBS))
BY_RE = re.compile(r"由")
BA_RE = re.compile(r"(?:把|将)")
BA_LAND_RE = re.compile(r"(?:落地|落户|建设|投资|布局|放在|安家)")
INVESTOR_AFTER_RE = re.compile(
    r"(?:[^，。；,;]{0,4}?(?:在[^，。；,;]{1,14}?)?)?(?:投资|投建|出资|实施|发起|建设|新建|开发建设|兴建)"
)
OPERATOR_RE = re.compile(r"(?:运营|管理|运作|承建|出资)")
PARTNER_BEFORE_RE = re.compile(r"(?:与|同|会同|联合|携手|和)$")
PARTNER_AFTER_RE = re.compile(r"(?:与|同|携手)")
EDUCATION_BEFORE_RE = re.compile(r"(?:毕业于|就读于|求学于|来到|考入|师从)$")
FACILITY_RE = re.compile(
    r"(?:交付中心|研发中心|研究中心|运营中心|结算中心|营销中心|数据中心|生产基地|制造基地|研发基地|"
    r"中心|基地|工厂|厂房|车间|生产线|产线|分公司|子公司|办事处|项目)")
"""A facility noun right after a company name: the facility, not the company, is the subject (a
headquarters, 总部, is where the company itself is)."""
CUSTOMER_RE = re.compile(r"客户(?:包括|有|涵盖|遍及|覆盖)")
SUPPLY_RE = re.compile(r"(?:配套|供应|供货|代工|代加工)")
BENEFICIARY_BEFORE_RE = re.compile(r"(?:为|向|给|替)$")
VISIT_BEFORE_RE = re.compile(r"(?:赴|对标|学习|借鉴|参观|考察)$")

# ---------------------------------------------------------------- dates and stages
STAGES = (("签约", "签约"), ("开工", "开工"), ("动工", "开工"), ("奠基", "开工"), ("投产", "投产"),
          ("竣工", "竣工"), ("建成", "竣工"), ("落成", "竣工"), ("开园", "开园"))
STAGE_RE = re.compile(words_re(w for w, _ in STAGES))
STAGE_NAMES = dict(STAGES)
FUTURE_RE = re.compile(r"(?:计划|预计|力争|拟|将于|将在|争取|有望|确保|目标)")
