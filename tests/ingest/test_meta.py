"""kg.ingest.meta: title and publication date."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest import extract_date, extract_title, reflow
from kg.ingest.meta import TITLE_MAX, parse_date

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n\n2023-05-05 08:09:33\n\n正文。", "2023-05-05"),
        ("标题\n\n2023年5月5日\n\n正文。", "2023-05-05"),
        ("标题\n\n2023/5/5\n\n正文。", "2023-05-05"),
        ("标题\n\n2023.05.05\n\n正文。", "2023-05-05"),
        ("标题 2023年 5 月 5 日 记者 张三\n\n正文。", "2023-05-05"),
        ("正文。\n\n" + "很长的正文。" * 100 + "\n\n来源：杭州日报 发布时间：2024年3月19日", "2024-03-19"),
        ("日期: 2024-02-29\n\n正文。", "2024-02-29"),
        ("日期: 2023-02-29\n\n正文。", None),                 # no such day
        ("1989-06-01\n\n正文。", None),                        # before 1990
        ("2023年是“八八战略”实施20周年。", None),              # no day
        ("2003年5月12日，这家公司在园区成立，此后一路发展壮大，成为行业的领跑者和排头兵。", None),
        ("正文。" * 200 + "\n\n2023-05-05", None),             # too far down, no label
        ("总投资1294.2亿元，同比增长1.1%。", None),
        ("", None),
    ],
)
def test_extract_date(text: str, expected: str | None) -> None:
    assert extract_date(text) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", None), ("001", None), ("002", None), ("003", None), ("004", "2023-05-05")],
)
def test_seed_dates(prefix: str, expected: str | None) -> None:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    assert extract_date(reflow(path.read_text(encoding="utf-8"))) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [(("2024", "2", "29"), "2024-02-29"), (("2023", "13", "1"), None), (("2101", "1", "1"), None)],
)
def test_parse_date(parts: tuple[str, str, str], expected: str | None) -> None:
    assert parse_date(*parts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n\n  大创小镇：筑巢引凤 提质增效  \n\n■洪安琪", "大创小镇：筑巢引凤 提质增效"),
        ("", ""),
        ("长" * 200, "长" * (TITLE_MAX - 1) + "…"),
    ],
)
def test_extract_title(text: str, expected: str) -> None:
    assert extract_title(text) == expected


@given(st.text())
def test_meta_never_raises(text: str) -> None:
    assert len(extract_title(text)) <= TITLE_MAX
    date = extract_date(text)
    assert date is None or len(date) == 10
