"""kg.ingest.decode: encodings in, ``str`` out; bad bytes refused with the file named."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import decode_bytes

TEXT = (
    "大创小镇：筑巢引凤 提质增效\n"
    "2023年，大创小镇新增国家高新技术企业101家、省科技型中小企业148家，占全区增量的34.2%。\n"
    "杭州立昂微电子股份有限公司专注于集成电路用半导体材料。\n"
)
PURE_CJK = "杭州钱塘新区打造平台改革示范区大创小镇获评省级特色小镇园区生态良好企业发展潜力巨大"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),            # gbk is read as its superset
        (TEXT.encode("gb2312"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16-le"),       # BOM written by Python (little endian)
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),    # no BOM: NUL bytes on the odd side
        (TEXT.encode("utf-16-be"), "utf-16-be"),    # no BOM: NUL bytes on the even side
        (PURE_CJK.encode("utf-16-le"), "utf-16-le"),  # no BOM, no NUL: detected
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "gb2312", "utf16-bom", "utf16be-bom",
         "utf16le", "utf16be", "utf16le-pure-cjk", "utf32-bom"],
)
def test_round_trip(data: bytes, encoding: str) -> None:
    text = PURE_CJK if PURE_CJK.encode("utf-16-le") == data else TEXT
    assert decode_bytes(data, name="a.txt") == (text, encoding)


def test_gb18030_only_characters_survive() -> None:
    text = "㐀䶵 园区𠀀企业。" * 5  # CJK extension A/B: outside GBK
    assert decode_bytes(text.encode("gb18030"), name="a.txt") == (text, "gb18030")


def test_big5_stays_big5() -> None:
    text = "臺北市政府今天宣布，將在內湖科技園區設立新的創新中心，預計明年開始營運。"
    assert decode_bytes(text.encode("big5"), name="a.txt") == (text, "big5")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8, "binary"),
        (bytes(range(256)) * 4, "binary"),
        ("大创小镇获评省级特色小镇。".encode() * 20 + b"\xff\xfe" + "完".encode(), "UTF-8"),
        (bytes(0x80 + i % 0x7F for i in range(300)), "undecodable"),
        (b"\x01\x02\x03\x04abc" * 30, "binary"),
        (b"abc\xff\xfe\x80\x81 text \xc3\x28 more", "undecodable"),   # once read as UTF-16 LE
        ("서울 산업단지에 새로운 회사가 설립되었습니다".encode("euc-kr"), "undecodable"),
    ],
    ids=["empty", "png", "all-bytes", "damaged-utf8", "undecodable", "controls",
         "garbage-as-utf16", "korean-code-page"],
)
def test_bad_bytes_raise_input_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, name="seeds/bad 文件.txt")
    assert "seeds/bad 文件.txt" in str(caught.value)
    assert message in str(caught.value)
    assert caught.value.fix


def test_utf8_cut_inside_its_last_character_keeps_the_rest() -> None:
    data = TEXT.encode("utf-8") + "园".encode()[:2]
    assert decode_bytes(data, name="a.txt") == (TEXT, "utf-8")


def test_ascii_with_one_high_byte_at_the_end_is_not_taken_for_cut_utf8() -> None:
    text, encoding = decode_bytes(b"plain ascii text, then a Latin-1 \xe5", name="a.txt")
    assert encoding != "utf-8" and text.startswith("plain ascii text")


def test_legacy_text_with_news_symbols_is_plausible() -> None:
    text = TEXT * 3 + "①面积1000㎡，25℃ ■ ★ Ⅱ期 ×÷ α 《中国》【报】—— … ‰ § № ※ → ≥ ㈠ ⑴ ─ ▲ ● ◎ ￥\n"
    assert decode_bytes(text.encode("gb18030"), name="a.txt") == (text, "gb18030")


TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"),
    min_size=1,
)


@given(TEXTS)
def test_any_utf8_text_decodes_to_itself(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), name="x") == (text, "utf-8")


@given(TEXTS)
def test_any_text_with_bom_decodes_to_itself(text: str) -> None:
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), name="x")[0] == text
