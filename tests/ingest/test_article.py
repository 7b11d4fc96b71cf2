"""kg.ingest.article: files and strings → ``Article``."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import article_from_text, read_article
from kg.records import Article, from_dict, to_dict
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CHINESE = "大创小镇：筑巢引凤 提质增效\n\n2023年，大创小镇新增国家高新技术企业101家。\n\n企业是创新的主体。"


def seed_path(prefix: str) -> Path:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture()
def cwd_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def test_read_seed_article(cwd_root: Path) -> None:
    given = f"seeds/{seed_path('004').name}"
    article = read_article(given)
    source = (ROOT / given).resolve().as_posix()
    raw = (ROOT / given).read_bytes()
    assert article.path == given
    assert article.source == source
    assert article.doc_id == hashlib.sha256(source.encode()).hexdigest()[:20]
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert (article.encoding, article.media_type) == ("utf-8", "text/plain")
    assert article.title == "聚焦三个“一号工程” 打好经济翻身仗 钱塘智慧城下好高质量发展“先手棋”"
    assert article.date == "2023-05-05"
    assert article.text.startswith(article.title + "\n\n2023-05-05 08:09:33\n\n")
    assert from_dict(Article, to_dict(article)) == article


def test_doc_id_is_stable_and_independent_of_how_the_path_is_written(cwd_root: Path) -> None:
    relative = read_article(Path("seeds") / seed_path("000").name)
    absolute = read_article(seed_path("000"))
    assert relative.doc_id == absolute.doc_id and relative.path != absolute.path
    assert len({read_article(seed_path(p)).doc_id for p in ("000", "001", "002")}) == 3


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
     ("utf-16", "utf-16-le")],
)
def test_read_other_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(CHINESE.encode(encoding))
    article = read_article(path)
    assert (article.text, article.encoding) == (CHINESE, expected)


def test_read_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>园区新闻</title><meta name='pubdate' content='2024-03-19'>"
        "<script>alert(1)</script></head><body><h1>标题</h1><p>大创小镇&amp;钱塘。</p></body></html>",
        encoding="gb18030",
    )
    article = read_article(path)
    assert (article.media_type, article.title, article.date) == ("text/html", "园区新闻", "2024-03-19")
    assert article.text == "标题\n\n大创小镇&钱塘。"


def test_html_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>大创小镇</p></body></html>", encoding="utf-8")
    assert read_article(path).media_type == "text/html"


def test_read_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# 大创小镇\n\n见[官网](https://x.cn)，**园区**发布于2023年5月5日。\n", encoding="utf-8")
    article = read_article(path)
    assert (article.media_type, article.title) == ("text/markdown", "大创小镇")
    assert article.text == "大创小镇\n\n见官网，园区发布于2023年5月5日。"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03PK\x03\x04" * 50, "binary"),
        (bytes(0x80 + i % 0x7F for i in range(300)), "undecodable"),
        ("大创小镇获评省级特色小镇。".encode() * 10 + b"\xff" + "完。".encode(), "UTF-8"),
        (b"Only English text here, no Chinese at all." * 3, "no Chinese text"),
        (b"<html><script>var x = 1;</script></html>", "no text"),
    ],
    ids=["empty", "binary", "undecodable", "damaged-utf8", "no-chinese", "html-without-text"],
)
def test_bad_files_raise_input_error_naming_the_file(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "坏文件.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert caught.value.fix


def test_too_big_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(CHINESE, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_article(path, settings=Settings(max_file_bytes=10))
    assert "big.txt" in str(caught.value) and "split" in str(caught.value)


def test_min_chinese_ratio_comes_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("Hangzhou 钱塘 economic development zone", encoding="utf-8")
    with pytest.raises(InputError):
        read_article(path, settings=Settings(min_chinese_ratio=0.5))
    assert read_article(path, settings=Settings(min_chinese_ratio=0.01)).text.startswith("Hangzhou")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.txt"):
        read_article(tmp_path / "nope.txt")


def test_article_from_text() -> None:
    text = "进一步夯实现代\n\n化产业发展基石。"
    article = article_from_text(text)
    assert article.text == "进一步夯实现代化产业发展基石。"
    assert article.path == article.source == "<text>"
    assert article.doc_id == hashlib.sha256(text.encode()).hexdigest()[:20]
    assert article.title == "进一步夯实现代化产业发展基石。" and article.date is None
    assert article_from_text(text).doc_id == article.doc_id


def test_article_from_text_with_path_title_and_date(cwd_root: Path) -> None:
    article = article_from_text(CHINESE, path="doc1.txt", title="自定", date="2023/5/5")
    assert article.source == (ROOT / "doc1.txt").as_posix()
    assert article.doc_id == hashlib.sha256(article.source.encode()).hexdigest()[:20]
    assert (article.title, article.date) == ("自定", "2023-05-05")
    with pytest.raises(InputError, match="doc1.txt"):
        article_from_text(CHINESE, path="doc1.txt", date="not a date")
