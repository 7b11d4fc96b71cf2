"""kg.ingest.lexicon: word evidence (spacy-pkuseg word list, the document's own strings)."""
from __future__ import annotations

import pickle
from collections import Counter

import pytest

from kg.ingest.lexicon import (
    SMALL_SET,
    count_in,
    dictionary_path,
    dictionary_spans,
    dictionary_words,
    document_counts,
    document_spanning,
    document_spans,
    load_word_list,
    spanning,
)


def test_word_list_ships_in_the_pkuseg_wheel() -> None:
    path = dictionary_path()
    assert path is not None and path.name == "default.pkl" and "spacy_pkuseg" in path.parts
    words = dictionary_words()
    assert {"现代化", "活力", "招引", "企业"} <= words
    assert all(2 <= len(w) <= 6 for w in words)
    assert dictionary_words() is words  # loaded once


def test_word_list_refuses_pickled_objects(tmp_path) -> None:
    path = tmp_path / "evil.pkl"
    path.write_bytes(pickle.dumps(Counter(a=1)))
    with pytest.raises(pickle.UnpicklingError):
        load_word_list(path)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("进一步夯实现代", "化产业", True),
        ("具备科技创新活", "力的中小", True),
        ("目前已实现新招", "引会上", True),
        ("打造高质量发展主阵地", "不久前", False),
        ("ab", "cd", False),
        ("现代", "，化", False),
    ],
)
def test_dictionary_spans(left: str, right: str, expected: bool) -> None:
    assert dictionary_spans(left, right) is expected


def test_spanning_takes_one_to_three_cjk_chars_per_side() -> None:
    assert spanning("代", "化") == ["代化"]
    assert spanning("A现代", "化12") == ["代化", "现代化"]
    assert spanning("现代。", "化") == []


def test_document_evidence_counts_strings_used_elsewhere() -> None:
    lines = ["大创小镇很好，大创小镇很大。", "是大创小", "镇为优化"]
    counts = document_counts(lines, [(1, 2)])
    assert document_spanning("是大创小", "镇为优化") == ["创小镇", "小镇为"]
    assert counts["创小镇"] == 2
    assert document_spans("是大创小", "镇为优化", counts)
    assert not document_spans("是大创小", "城为优化", counts)


def test_count_in_small_and_large_sets_agree() -> None:
    text = "钱塘新区大创小镇，钱塘智慧城，钱塘区。" * 3
    many = [f"塘{chr(0x4E00 + i)}" for i in range(SMALL_SET + 5)] + ["钱塘新", "钱塘智"]
    large = count_in(text, many)
    small = count_in(text, ["钱塘新", "钱塘智"])
    assert large["钱塘新"] == small["钱塘新"] == 3
    assert large["钱塘智"] == small["钱塘智"] == 3
    assert count_in(text, []) == Counter()
