"""Government news accounts named after their place (某某发布)."""
import pytest

from kg.nlp.context import rule_context
from kg.nlp.media import media_accounts


@pytest.mark.parametrize("text, expected", [
    ("原创 西湖发布 2024-04-15 浙江", ["西湖发布"]),
    ("来源：新昌发布", ["新昌发布"]),
    ("新昌发布 新昌县融媒体中心", ["新昌发布"]),
    ("成果正式发布 会上", []),          # no place before 发布
    ("杭州发布会上介绍", []),           # 发布会: no account
    ("来源:今日临安", ["今日临安"]),      # a county paper named as the source
    ("来源:今日头条", []),              # 头条 is no place
])
def test_accounts(text, expected):
    assert [m.text for m in media_accounts(text.replace("：", ":"), rule_context())] == expected
