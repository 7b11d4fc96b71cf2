"""kg.ingest.linekind: what a line looks like."""
from __future__ import annotations

import pytest

from kg.ingest.linekind import (
    ends_sentence,
    ends_with_function_char,
    is_caption,
    is_dateline,
    is_headline,
    starts_block,
    starts_with_function_char,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("为高质量发展点燃新引擎。", True),
        ("这就是浙江速度！”", True),          # quote after a sentence end
        ("真是快!", True),
        ("项目纷至沓来……", True),
        ("(图片由杭州钱江经济开发区提供)", True),
        ("钱塘智慧城下好高质量发展“先手棋”", False),  # a quoted term ends no sentence
        ("取得《建筑工程施工许可证》", False),
        ("占全区增量的", False),
        ("开关运作，", False),
        ("", False),
    ],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("优化营商环境 刷新“富阳速度”", True),
        ("应 陶 徐 媛", True),
        ("大创小镇：筑巢引凤 提质增效 绘就高质量发展新蓝图", True),
        ("“建设用地许可证仅用4个工作日便发放，真是快!”负责人“点赞”道, “以前", False),
        ("坚持不懈抓产业，争做高质量发展主力军", False),  # no space
        ("Hello world", False),
    ],
)
def test_is_headline(line: str, expected: bool) -> None:
    assert is_headline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2023-05-05 08:09:33", True),
        ("2023年5月5日", True),
        ("2023/5/5", True),
        ("2023年，大创小镇", False),
        ("34.2%；新增", False),
    ],
)
def test_is_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- ·杭州大创小镇海聚中心6月投入使用(04/16)", True),
        ("■记者 洪安琪", True),
        ("一、总体要求", True),
        ("（二）重点任务", True),
        ("1. 第一条", True),
        ("(图片除署名外由杭州富春湾新城提供)", True),
        ("1294.2亿元", False),
        ("十多年来，艾博承租", False),
        ("2023年，大创小镇", False),
    ],
)
def test_starts_block(line: str, expected: bool) -> None:
    assert starts_block(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("钱开区北部智能制造核心区", True),
        ("南方泵业实施机器人换人项目", True),
        ("力的中小型科技企业、制造业企业。", False),
        ("一项项亮眼成绩的背后，是大创小", False),
        ("、制造业企业", False),
    ],
)
def test_is_caption(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("占全区增量的", True), ("积极参与", False), ("实现的目的", False), ("高质量", False)],
)
def test_ends_with_function_char_unless_a_word_ends_there(line: str, expected: bool) -> None:
    assert ends_with_function_char(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("的设立，也有利于", True), ("的确，作为", False), ("与此同时", False), ("和域控制器", True)],
)
def test_starts_with_function_char_unless_a_word_starts_there(line: str, expected: bool) -> None:
    assert starts_with_function_char(line) is expected
