"""Person names from bylines, titles, cue verbs, headlines and transliterations."""
import pytest

from kg.nlp.context import rule_context
from kg.nlp.recognise import find_mentions


def persons(text):
    return [m.text.replace(" ", "") for m in find_mentions(text, rule_context()) if m.type == "Person"]


@pytest.mark.parametrize("text, expected", [
    ("■记者 周明远 通讯员 吴晓燕\n\n本报讯 近日，", ["周明远", "吴晓燕"]),
    ("\n\n钱 程 赵 敏\n\n拼经济，只争朝夕。", ["钱程", "赵敏"]),
    ("(原标题:某某 文:郑凯文、林珊、何志强)", ["郑凯文", "林珊", "何志强"]),
    ("新区内聚集了不少企业。沈青青 摄\n\n", ["沈青青"]),
    ("公司总经理杨立新还荣获称号。", ["杨立新"]),
    ("“我们很有信心。”韩冬梅表示，将扎根园区。", ["韩冬梅"]),
    ("\n\n冯建国:精准发力 打好招商主动仗\n\n", ["冯建国"]),
    ("英国皇家学会院士约翰·史密斯教授及其团队", ["约翰·史密斯"]),
    ("文/苏静 图/卢亦帆\n\n在杭州", ["苏静", "卢亦帆"]),                  # 图/ is a label, not a name
    ("责任编辑：孔娜 版式：徐丽佳", ["孔娜", "徐丽佳"]),
    ("已引进外资项目4个。（王欣/文 陈晓东/摄）\n\n图片新闻", ["王欣", "陈晓东"]),
    ("项目负责人傅嘉良介绍，项目投产后", ["傅嘉良"]),
    ("公司总经理小林隆之说。", ["小林隆之"]),                                # a Japanese family name after a title
    ("中国区负责人山本健太郎说：“我们选了这里。”", ["山本健太郎"]),             # … and a three-character given name
    ("集团亚太区总裁扬·克吕格尔表示，选择瑞安", ["扬·克吕格尔"]),
    ("02 某某机器人有限公司\n\n联合创始人、CEO：黄一川\n\n公司主攻关节模组。", ["黄一川"]),
    ("文/图｜韩雨桐\n\n近日，小镇", ["韩雨桐"]),                             # a WeChat credit with ｜
    ("集团董事长助理钟明远说，设备明年进场。", ["钟明远"]),                     # 董事长助理 is a title
    ("首位进站的博士后邹若琳来自某某大学。", ["邹若琳"]),
    ("由某某大学研究生许一鸣带领团队研发。", ["许一鸣"]),
    ("与中国工程院院士祁振华团队共建。", ["祁振华"]),                         # NAME团队
    ("。方圆说，园区会越来越好。", ["方圆"]),                                 # a common word opening a clause before 说
    ("由归国博士许嘉和领衔的芯片项目。", ["许嘉和"]),                           # 领衔 follows a name
    ("某某精工社长山本隆一在签约仪式上表示", ["山本隆一"]),                     # 社长, a Japanese name
    ("他拉上浙大师弟向前，在小镇租下办公室。", ["向前"]),                       # a peer word: common words too
    ("总经理梁栋正和同事调试设备。", ["梁栋"]),                                 # 正 is the adverb of 正和
    ("董事长张弛在建德扎根多年。", ["张弛"]),                                   # 在 opens the next phrase
    ("海宁市委副书记、市长周敏等出席活动。", ["周敏"]),
    ("集团亚太区总裁约翰内斯·施某特第三次在协议上签下名字。", ["约翰内斯·施某特"]),
    ("技改后的设备。 林 立 摄\n\n", ["林立"]),                                # a letter-spaced photo credit
    ("记者 朱蕾 通讯员 临宣\n\n本报讯", ["朱蕾", "临宣"]),                    # a press office's pen name
    ("潮新闻客户端 记者 马力 共享联盟某山站 沈嘉怡 通讯员 方舟\n\n本报讯", ["马力", "沈嘉怡", "方舟"]),
    ("记者 蔡希文 某仑区委报道组 夏天 通讯员 贺俊杰\n\n", ["蔡希文", "夏天", "贺俊杰"]),
    ("（联系人：金晶）", ["金晶"]),
    ("见微智能创始人、董事长林立说。", ["林立"]),                              # a common word between title and cue
    ("小厂站稳了脚跟。高远常说，做企业要目光高远。", ["高远"]),                # 常说 is the verb
])
def test_person_patterns(text, expected):
    assert persons(text) == expected


@pytest.mark.parametrize("text", [
    "智慧城一直在一路狂奔。",
    "由政府负责编制方案。",
    "钱塘区表示欢迎。",
    "对于这个称号，她笑着说：“我更希望大家记住产品。”",
    "宁波日报 2024年1月5日 星期五 某屿新区·年度回眸 7",
    "集团首席执行官通过视频连线说",
    "统筹安排好项目",
    "总经理说：“林主任来厂里的次数，比供应商还多。”",                          # 姓+title is a form of address
    "他从大学毕业后回到家乡。博士毕业于某某大学。",
    "厂房林立，道路宽阔。",                                                   # a common word without a speech verb
    "■数字港“长”出新动能",                                                    # ■ heads a section: no pen name
    "芯片测试车间。通讯员 供图\n\n在车间里",                                   # a credit word, not a pen name
    "这位从一线工艺工程师成长起来的80后。",
    "有事找专员，专员马上办。",                                               # a title before a common word
    "试飞审批时，服务专员全程跑腿协调。",
    "完备的生态和充足的工程师储备。",
    "博士毕业后，他加入某某通信。",
    "这里为大学生和返乡青年提供工位。",
    "父亲那一代解决了有没有的问题。",
    "承租公寓作为员工宿舍。",
    "同时表示欢迎。",
])
def test_common_words_are_not_persons(text):
    assert persons(text) == []


@pytest.mark.parametrize("text, expected", [
    ("■记者 沈一帆 通讯员 时光 褚佳琪", ["沈一帆", "时光", "褚佳琪"]),        # rare family name in a byline
    ("管委会常务副主任常新介绍，一季度园区", ["常新"]),                      # … after a title
    ("首席执行官汪启明说，公司将在", ["汪启明"]),                            # 明 ends given names
    ("创始人张早荣获创业英才奖", ["张早"]),                                   # 荣获 is the cue
    ("集团首席执行官卢卡·马佐尼通过视频连线说", ["卢卡·马佐尼"]),
    ("2020年与同事孟可心共同创办了公司", ["孟可心"]),
    ("堀田精工中国区总经理小林正人说。", ["小林正人"]),                        # a Japanese given name of two
    ("总经理山田浩说，", ["山田浩"]),                                         # of one, before the verb
    ("总经理小林表示", ["小林"]),
    ("竹内精机中国区总经理山下和彦说。", ["山下和彦"]),                          # 和 inside a given name
    ("曾在某所担任副研究员的郑晓岚加入团队，如今担任首席科学家", ["郑晓岚"]),   # a title, 的, the name, a cue
    ("党工委书记陈志勇评价说：“晓峰身上有股劲”", ["陈志勇"]),
    ("本报讯（记者 戚 航 北仑区委报道组 何 倩）5月10日", ["戚航", "何倩"]),        # after a reporting unit
    ("董事长的儿子表示", []),
    ("副研究员俞景辰加盟，现任公司首席科学家", ["俞景辰"]),
    ("恒某精密董事长郑光辉跟我说，看中的是这里", ["郑光辉"]),
    ("武义：“绿色”项目扎根山区", []),                                          # a county heads the item
])
def test_context_decides_the_name(text, expected):
    assert persons(text) == expected


def test_a_name_before_a_cue_keeps_to_the_name_the_document_knows():
    # 常说: the 常 belongs to the verb, as 管委会主任蒋正 already named the person
    text = "管委会主任蒋正来到工地。\n\n“蒋正常说，每一寸土地都要用好。”"
    assert persons(text) == ["蒋正", "蒋正"]
    # a three-character name that a title introduced elsewhere is known itself: kept whole
    assert persons("工程师蒋正明在现场。\n\n主任蒋正到场。“试产顺利。”蒋正明说。") == ["蒋正明", "蒋正", "蒋正明"]


@pytest.mark.parametrize("text, name", [
    ("他和大学同学谢文斌一起，在云栖小镇租下200平方米。", "谢文斌"),   # a peer word, then 一起
    ("签发人：章建华", "章建华"),                                   # the signatory of an official document
])
def test_more_person_cues(text, name):
    assert name in [m.text for m in find_mentions(text, rule_context()) if m.type == "Person"]


def test_an_interviewers_question_is_no_name():
    text = "记者：梅山的私募基金产业在全国有名，优势在哪里？\n陈立新：一是政策稳定。"
    assert "梅山" not in [m.text for m in find_mentions(text, rule_context()) if m.type == "Person"]
    assert [m.text for m in find_mentions("记者：张三 通讯员：李四", rule_context())] == ["张三", "李四"]
    short = "记者：公司是怎么起步的？\n韩立军：是中试。"      # a short question too
    for question in ("记者：最后，对年轻的模具人有什么建议？", "记者：蔡总，您是土生土长的黄岩人吗？"):
        assert [m.text for m in find_mentions(question, rule_context()) if m.type == "Person"] == []
    assert "公司" not in [m.text for m in find_mentions(short, rule_context()) if m.type == "Person"]


def test_a_transliteration_ends_before_a_time_word():
    text = "他们的亚太区总裁安德斯·尼尔森前后来了梅山四次。"
    assert "安德斯·尼尔森" in [m.text for m in find_mentions(text, rule_context()) if m.type == "Person"]


def test_a_particle_never_ends_a_given_name():
    assert [m.text for m in find_mentions("他说潘悦的团队很强。", rule_context()) if m.type == "Person"] == []
