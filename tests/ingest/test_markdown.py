"""kg.ingest.markdown: markdown → text."""
from __future__ import annotations

import pytest

from kg.ingest.markdown import markdown_to_text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("# 大创小镇\n\n正文第一段。", "大创小镇\n\n正文第一段。"),
        ("## 标题 ##\n正文。", "标题\n\n正文。"),
        ("**加粗**和*强调*和__下划__和~~删除~~。", "加粗和强调和下划和删除。"),
        ("见[官网](https://example.cn/a)和[参考][1]。\n\n[1]: https://example.cn/b", "见官网和参考。"),
        ("![图片说明](photo.jpg)园区全景。", "园区全景。"),
        ("> 引用的话。\n\n- 第一项\n- 第二项\n1. 编号项", "引用的话。\n\n第一项\n\n第二项\n\n编号项"),
        ("标题\n===\n\n正文。\n\n---\n\n尾声。", "标题\n\n正文。\n\n尾声。"),
        ("进一步夯实现代\n化产业发展基石。", "进一步夯实现代化产业发展基石。"),   # soft wrap
        ("代码`kg build`和<br/>标签。", "代码kg build和标签。"),
        ("snake_case_name 保留。", "snake_case_name 保留。"),
    ],
)
def test_markdown_to_text(markup: str, expected: str) -> None:
    assert markdown_to_text(markup).text == expected


def test_front_matter_gives_title_and_date() -> None:
    doc = markdown_to_text('---\ntitle: "钱塘新区"\ndate: 2023-05-05\ntags: [a]\n---\n正文。')
    assert (doc.text, doc.title, doc.date) == ("正文。", "钱塘新区", "2023-05-05")
