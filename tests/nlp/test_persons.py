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
])
def test_person_patterns(text, expected):
    assert persons(text) == expected


@pytest.mark.parametrize("text", [
    "智慧城一直在一路狂奔。",
    "由政府负责编制方案。",
    "钱塘区表示欢迎。",
])
def test_common_words_are_not_persons(text):
    assert persons(text) == []
