"""kg.ingest.normalize: newline and white-space steps."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.normalize import clean_lines, drop_invisible, normalize_newlines, split_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc\u2028d\u2029e\x85f\x0cg", "a\nb\nc\nd\ne\nf\ng"),
        ("a\r\n\r\nb", "a\n\nb"),
    ],
)
def test_normalize_newlines(text: str, expected: str) -> None:
    assert normalize_newlines(text) == expected


def test_drop_invisible_keeps_tab_and_newline() -> None:
    assert drop_invisible("a\x00b\u200bc\ufeffd\te\nf\x9b") == "abcd\te\nf"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u3000\u3000正文\u3000", "正文"),
        ("标题\u00a0\u00a0 副题 \t", "标题 副题"),
        ("a\n \n\u3000\nb", "a\n\n\nb"),
    ],
)
def test_clean_lines(text: str, expected: str) -> None:
    assert clean_lines(text) == expected


@given(st.text())
def test_clean_lines_is_idempotent_and_strips_lines(text: str) -> None:
    once = clean_lines(text)
    assert clean_lines(once) == once
    assert all(line == line.strip() for line in once.split("\n"))
    assert split_paragraphs(once) == [ln for ln in once.split("\n") if ln]
