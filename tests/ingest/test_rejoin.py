"""kg.ingest.rejoin.reflow: layout breaks rejoined, paragraphs and headings kept."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import reflow
from kg.ingest.rejoin import rejoin_pass

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def seed(prefix: str) -> str:
    """Cleaned text of the seed file whose name starts with ``prefix``."""
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return reflow(path.read_text(encoding="utf-8"))


def paragraphs(text: str) -> list[str]:
    return reflow(text).split("\n\n")


# (input, expected paragraphs): one row per kind of evidence or of kept break.
CASES = [
    # a dictionary word spans the break (现代|化)
    ("进一步夯实现代\n\n化产业发展基石。", ["进一步夯实现代化产业发展基石。"]),
    # a string spanning the break is used elsewhere in the document (大创小|镇)
    (
        "大创小镇很好。大创小镇很大。\n\n一项项亮眼成绩的背后，是大创小\n\n镇为优化生态所做的努力。",
        ["大创小镇很好。大创小镇很大。", "一项项亮眼成绩的背后，是大创小镇为优化生态所做的努力。"],
    ),
    # the paragraph ends with a clause mark
    ("到2001年5月实施封闭监管、开关运作，\n\n仅仅用了一年多时间。", ["到2001年5月实施封闭监管、开关运作，仅仅用了一年多时间。"]),
    # the paragraph ends with a function character
    ("占全区增量的\n\n\n\n34.2%；新增省级企业56家。", ["占全区增量的34.2%；新增省级企业56家。"]),
    # the next line starts with a particle that starts no word
    ("做大经济总量\n\n的同时，小镇招引人才。", ["做大经济总量的同时，小镇招引人才。"]),
    # the next line starts with punctuation
    ("他笑着说\n。", ["他笑着说。"]),
    # a full page-width line without a sentence end
    (
        "一连串数据彰显着大创小镇着力打造双创高地的决心与成就并将继续推进\n\n园区建设。",
        ["一连串数据彰显着大创小镇着力打造双创高地的决心与成就并将继续推进园区建设。"],
    ),
    # Latin words get one space, CJK none
    (
        "Hangzhou Qiantang New Area industrial park and\nits companies.",
        ["Hangzhou Qiantang New Area industrial park and its companies."],
    ),
    # … but a number split by the layout is joined without one
    ("一连串数据彰显着大创小镇着力打造双创高地的决心，累计走访企业40\n\n00余家次。",
     ["一连串数据彰显着大创小镇着力打造双创高地的决心，累计走访企业4000余家次。"]),
    # a heading with a comma inside stays
    (
        "坚持不懈抓产业，争做高质量发展主力军\n\n2023年，大创小镇紧紧围绕要求开展工作。",
        ["坚持不懈抓产业，争做高质量发展主力军", "2023年，大创小镇紧紧围绕要求开展工作。"],
    ),
    # a headline (spaced phrases) stays
    (
        "优化营商环境 刷新“富阳速度”\n\n制造业投资犹如“源头活水”，是先导性指标。",
        ["优化营商环境 刷新“富阳速度”", "制造业投资犹如“源头活水”，是先导性指标。"],
    ),
    # a long headline stays too
    (
        "聚焦三个“一号工程” 打好经济翻身仗 钱塘智慧城下好高质量发展“先手棋”\n\n2023-05-05 08:09:33\n\n2022年3月，园区正式列入名单。",
        ["聚焦三个“一号工程” 打好经济翻身仗 钱塘智慧城下好高质量发展“先手棋”", "2023-05-05 08:09:33", "2022年3月，园区正式列入名单。"],
    ),
    # list items and bracketed notes start blocks
    ("相关阅读:\n- ·杭州大创小镇:极目“双创” 鸿鹄高飞(07/08)\n- ·杭州下沙科技城再提速(01/29)",
     ["相关阅读:", "- ·杭州大创小镇:极目“双创” 鸿鹄高飞(07/08)", "- ·杭州下沙科技城再提速(01/29)"]),
    ("“钱小二”助企服务员上门走访服务企业\n\n(图片由杭州钱江经济开发区提供)",
     ["“钱小二”助企服务员上门走访服务企业", "(图片由杭州钱江经济开发区提供)"]),
    # a short line with no evidence is a heading
    ("进校招聘助圆梦\n\n近日，浙江理工大学开展招聘会。", ["进校招聘助圆梦", "近日，浙江理工大学开展招聘会。"]),
    # a caption dropped into a broken sentence moves after the paragraph
    (
        "腰部企业集群，指的是具备科技创新活\n\n\n\n钱开区北部智能制造核心区\n\n力的中小型科技企业。\n\n下一段。",
        ["腰部企业集群，指的是具备科技创新活力的中小型科技企业。", "钱开区北部智能制造核心区", "下一段。"],
    ),
    # a byline is no caption to move, and 本报讯 opens the item (开工|本报 spans the word 工本)
    (
        "某某镜头模组项目开工\n\n记者 方 某 通讯员 周 某\n\n本报讯 4月15日，项目在某某科技城开工。",
        ["某某镜头模组项目开工", "记者 方 某 通讯员 周 某", "本报讯 4月15日，项目在某某科技城开工。"],
    ),
    # a photo credit ends its caption: the next item's headline stays apart
    ("项目开工现场。 周某 摄\n\n某某智慧小镇", ["项目开工现场。 周某 摄", "某某智慧小镇"]),
    ("技改后的生产车间。 通讯员 沙 某 摄\n\n某某小镇", ["技改后的生产车间。 通讯员 沙 某 摄", "某某小镇"]),
    # sentence ends keep the break, even when a quote follows them
    ("“这就是浙江速度！”\n\n亦成为一段佳话。", ["“这就是浙江速度！”", "亦成为一段佳话。"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reflow_table(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一段。\r\n第二段。\r第三段。\u2028第四段。\u2029第五段。", "第一段。\n\n第二段。\n\n第三段。\n\n第四段。\n\n第五段。"),
        ("标题\u3000\u00a0 \n\n\n\n\n\n正文。\u3000", "标题\n\n正文。"),
        ("\u3000\u3000首行缩进。\t\n \n第二  段。", "首行缩进。\n\n第二 段。"),
        ("零宽\u200b空格\x07。", "零宽空格。"),
        ("", ""),
        ("\n \n\u3000\n", ""),
    ],
    ids=["newlines", "trailing-spaces", "indent", "invisible", "empty", "blank"],
)
def test_reflow_normalises_white_space(text: str, expected: str) -> None:
    assert reflow(text) == expected


def test_join_lines_false_only_normalises() -> None:
    assert reflow("进一步夯实现代\n化产业。", join_lines=False) == "进一步夯实现代\n\n化产业。"


@pytest.mark.parametrize(
    ("prefix", "fragment"),
    [
        ("000", "大创小镇为优化"),
        ("000", "进一步夯实现代化产业发展基石"),
        ("000", "占全区增量的34.2%"),
        ("000", "传统产业升链"),
        ("002", "新招引会上签约"),
        ("002", "新引育规上工业企业34家"),
        ("002", "具备科技创新活力的中小型科技企业"),
        ("003", "高质量的世界500强企业"),
        ("003", "完成10万元的业务目标"),
    ],
)
def test_seed_broken_words_are_rejoined(prefix: str, fragment: str) -> None:
    assert fragment in seed(prefix)


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("000", "坚持不懈抓产业，争做高质量发展主力军"),
        ("000", "凝心聚力抓招商，打造高质量发展主阵地"),
        ("001", "平台之变:镇街协同步入新阶段"),
        ("002", "优化营商环境 刷新“富阳速度”"),
        ("002", "钱开区北部智能制造核心区"),          # the caption, moved out of the sentence
        ("003", "进校招聘助圆梦"),
        ("004", "2023-05-05 08:09:33"),
    ],
)
def test_seed_headings_stay_separate_paragraphs(prefix: str, heading: str) -> None:
    assert heading in seed(prefix).split("\n\n")


def test_seed_with_one_paragraph_per_line_keeps_every_line() -> None:
    [path] = SEEDS.glob("001_*.txt")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(seed("001").split("\n\n")) == len(lines)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_are_a_fixed_point(prefix: str) -> None:
    cleaned = seed(prefix)
    assert reflow(cleaned) == cleaned
    assert rejoin_pass(cleaned.split("\n\n")) == cleaned.split("\n\n")


# Text that often triggers joins: CJK, punctuation, digits, spaces and newlines.
CJKISH = st.text(
    alphabet=st.sampled_from(list("大创小镇现代化产业的了和，。、“”（）() -·■12 ab\n\n\n\u3000\r")),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), CJKISH))
def test_reflow_never_raises_and_is_idempotent(text: str) -> None:
    once = reflow(text)
    assert reflow(once) == once


@settings(deadline=None)
@given(st.one_of(st.text(), CJKISH))
def test_reflow_output_shape(text: str) -> None:
    out = reflow(text)
    assert "\n\n\n" not in out and "\r" not in out
    assert all(p and p == p.strip() and "\n" not in p for p in out.split("\n\n")) or out == ""


@settings(deadline=None)
@given(CJKISH)
def test_reflow_output_is_a_fixed_point_of_one_pass(text: str) -> None:
    out = reflow(text)
    lines = out.split("\n\n") if out else []
    assert rejoin_pass(lines) == lines


def test_a_table_flattened_one_cell_per_line_keeps_its_cells_apart():
    text = ("全年实施亿元以上产业项目42个，其中新开工项目15个、竣工项目\n11个。重点项目推进情况如下：\n"
            "序号\n项目名称\n建设单位\n总投资\n"
            "某立特材年产1.5万吨核电用高端不锈钢\n管技改项目\n浙江某立特材科技股份有限公司\n"
            "某欣达绿色再生材料产业园项目\n某欣达集团有限公司\n"
            "某彩印务智能印刷数字化工厂\n项目\n浙江某彩印务股份有限\n公司\n")
    assert reflow(text).split("\n\n") == [
        "全年实施亿元以上产业项目42个，其中新开工项目15个、竣工项目11个。重点项目推进情况如下：",
        "序号", "项目名称", "建设单位", "总投资",
        "某立特材年产1.5万吨核电用高端不锈钢管技改项目",        # a cell broken inside a word (钢管)
        "浙江某立特材科技股份有限公司", "某欣达绿色再生材料产业园项目", "某欣达集团有限公司",
        "某彩印务智能印刷数字化工厂项目", "浙江某彩印务股份有限公司"]    # a name's last word wrapped


def test_a_short_line_with_a_full_stop_inside_is_prose_not_a_heading():
    from kg.ingest.linekind import is_heading_like
    assert not is_heading_like("11个。重点项目推进情况如下：")
    assert is_heading_like("（三）项目建设提速增效")


def test_a_table_moves_no_cell_out_as_a_caption_and_a_cell_ending_a_name_is_whole():
    text = ("全年实施亿元以上产业项目42个。重点项目推进情况如下：\n"
            "序号\n项目名称\n建设单位\n进展情况\n"
            "1\n年产20万台园林机械发动机项目\n某纳迪动力（永康）有限公司\n主体施工\n"
            "2\n某锋电动年产300万台锂电工\n具项目\n浙江某锋电动工具有限公司\n设备安装调试\n"
            "3\n某山港高端装备产业园二期标准\n厂房工程\n平湖市某山港开发建设集团有限\n公司\n主体结顶\n"
            "4\n某晟环保年产30万吨绿色包装纸\n技改项目\n浙江某晟环保纸业股份有限公司\n"
            "5\n半山数智装备产业园二期标准厂房工程\n杭州某河城市建设发展集团\n有限公司\n基础施工\n")
    cells = reflow(text).split("\n\n")
    assert "主体施工" in cells                                  # not joined to 具项目 around a caption
    assert "某锋电动年产300万台锂电工具项目" in cells
    assert "某山港高端装备产业园二期标准厂房工程" in cells          # 程平 is no reason to join
    assert "平湖市某山港开发建设集团有限公司" in cells
    assert "某晟环保年产30万吨绿色包装纸技改项目" in cells          # a wrapped end of a name
    assert "杭州某河城市建设发展集团有限公司" in cells                # …集团 | 有限公司
    assert "序号" in cells and "项目名称" in cells


def test_a_spaced_table_row_broken_inside_a_name_is_joined():
    text = ("表1 重点项目推进情况\n序号 项目名称 建设单位 总投资\n"
            "1 某美华东创新药制剂国际化产\n业基地项目 杭州某美华东制药有限公司 32.0 主体结顶\n"
            "2 无菌制剂生产线智能化技改项\n目 杭州某沙东制药有限公司 8.6 竣工投产\n")
    rows = reflow(text).split("\n\n")
    assert "1 某美华东创新药制剂国际化产业基地项目 杭州某美华东制药有限公司 32.0 主体结顶" in rows
    assert "2 无菌制剂生产线智能化技改项目 杭州某沙东制药有限公司 8.6 竣工投产" in rows


def test_a_line_ending_in_a_companys_region_bracket_goes_on():
    text = ("外资项目5个。瑞士某沙集团（Lonza）通过其在华全资子公司某沙（杭州）\n"
            "生物技术有限公司投资12亿元建设细胞与基因治疗CDMO基地项目，这是最大的项目。")
    assert reflow(text) == text.replace("\n", "")
