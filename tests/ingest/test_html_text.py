"""kg.ingest.html_text: HTML → text, title, date."""
from __future__ import annotations

import pytest

from kg.ingest.html_text import html_to_text, looks_like_html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>钱塘智慧城下好“先手棋” &amp; 更多</title>
<meta property="article:published_time" content="2023-05-05T08:09:33+08:00">
<style>p { color: red } .x:after { content: "样式" }</style>
<script>alert(1)</script>
</head>
<body>
<!-- 注释不是正文 -->
<h1>三大产业“聚木成林”</h1>
<div class="txt">钱塘智慧城&ldquo;看家本领&rdquo;有三：<b>数字能源</b>、数字
消费和光电智芯。<br>第二行&nbsp;文字。</div>
<p>A&amp;B 公司 &lt;杭州&gt;</p>
<ul><li>一</li><li>二</li></ul>
<noscript>请启用脚本</noscript>
<script type="text/javascript">var s = "脚本";</script>
</body></html>"""


def test_html_text_drops_markup_and_noise() -> None:
    doc = html_to_text(PAGE)
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    assert lines == [
        "三大产业“聚木成林”",
        "钱塘智慧城“看家本领”有三：数字能源、数字消费和光电智芯。",
        "第二行 文字。",  # NBSP is white space like any other
        "A&B 公司 <杭州>",
        "一",
        "二",
    ]
    for noise in ("alert", "脚本", "样式", "注释", "color", "<b>", "&amp;"):
        assert noise not in doc.text


def test_html_title_and_date() -> None:
    doc = html_to_text(PAGE)
    assert doc.title == "钱塘智慧城下好“先手棋” & 更多"
    assert doc.date == "2023-05-05"


@pytest.mark.parametrize(
    ("markup", "title", "date"),
    [
        ("<html><body><h1>标题一</h1><p>正文</p></body></html>", "标题一", None),
        ('<html><head><meta name="pubdate" content="2024/3/19"></head></html>', None, "2024-03-19"),
        ('<html><body><time datetime="2023-05-05">五月五日</time></body></html>', None, "2023-05-05"),
        ('<html><head><meta name="date" content="not a date"></head></html>', None, None),
        ("<p>no html element</p>", None, None),
    ],
)
def test_title_and_date_sources(markup: str, title: str | None, date: str | None) -> None:
    doc = html_to_text(markup)
    assert (doc.title, doc.date) == (title, date)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PAGE, True),
        ("  <html lang='zh'><body>正文</body></html>", True),
        ("<?xml version='1.0'?>\n<!DOCTYPE html><html></html>", True),
        ("大创小镇<b>加粗</b>", False),
        ("正文提到 <html> 标签", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
