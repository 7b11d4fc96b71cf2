"""Raw bytes → ``str``, with the encoding detected.

Order: a byte-order mark decides (UTF-8/16/32); else strict UTF-8 (fast path; a file cut in
the middle of its last character keeps the complete part); else, when NUL bytes sit on one side
of each code unit, UTF-16 without BOM; else charset-normalizer, where any GB candidate (gb2312,
gbk, cp936 …) becomes gb18030, their superset. A detected encoding is only trusted when the text
it gives is plausible (``MIN_PLAUSIBLE``): garbage bytes often decode to *something*.
"""
from __future__ import annotations

import codecs
import logging
import re

from kg.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn", "euccn"})
_LEGACY_CJK = frozenset({
    "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "shift_jis", "shift_jis_2004", "shift_jisx0213", "cp932", "iso2022_jp",
})
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
# Characters a (Chinese) news text is made of: ASCII, Latin-1, Greek, Cyrillic, punctuation and
# symbols (℃ ① ■ → ×), CJK punctuation, kana, CJK ideographs and compatibility forms, full-width
# ASCII and signs. Garbage decoded as UTF-16 or a legacy code page lands elsewhere half the time
# (Hangul, half-width katakana, private use, rare scripts).
_IMPLAUSIBLE_RE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\xff\u0370-\u04ff\u2000-\u22ff\u2460-\u27bf\u3000-\u30ff"
    "\u3300-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff5e\uffe0-\uffe6\U00020000-\U0003134f]"
)
MAX_BROKEN_UTF8 = 0.01   # share of bad sequences below which a file is damaged UTF-8
MAX_CONTROL = 0.05       # share of control characters above which decoded text is binary
MIN_PLAUSIBLE = 0.9      # share of usual characters a detected (non-UTF-8) decoding must give
FIX_ENCODING = "save the file as UTF-8 text"
logger = logging.getLogger(__name__)


def decode_bytes(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; a byte-order mark is stripped.

    >>> decode_bytes("园区".encode("gb18030"), name="a.txt")
    ('园区', 'gb18030')

    Raises ``InputError`` naming ``name`` if the data is empty, binary (NUL bytes that are not
    UTF-16, or mostly control characters) or not decodable text.
    """
    if not data:
        raise InputError(f"{name}: the file is empty", fix="give a file with text in it")
    text, encoding = _decode(data, name)
    _refuse_binary_text(text, name)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Try BOM, UTF-8, BOM-less UTF-16 and detection, in that order."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, name), encoding
    if b"\x00" in data:
        return _utf16_without_bom(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if _cut_in_last_char(data, err):
            logger.warning("%s: ends inside a UTF-8 character (cut short?); kept the rest", name)
            return data[: err.start].decode("utf-8"), "utf-8"
        _refuse_damaged_utf8(data, err, name)
    return _detect(data, name)


def _cut_in_last_char(data: bytes, err: UnicodeDecodeError) -> bool:
    """True if the only UTF-8 error is an incomplete character at the very end (a download or
    copy cut short), after some valid multi-byte text: the part before it is sound UTF-8.

    >>> data = "园区".encode()[:-1]
    >>> try:
    ...     data.decode("utf-8")
    ... except UnicodeDecodeError as err:
    ...     _cut_in_last_char(data, err)
    True
    """
    return (
        err.reason == "unexpected end of data"
        and err.end == len(data)
        and not data[: err.start].isascii()
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    """``data.decode(encoding)`` or ``InputError`` naming the first bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: bytes at offset {err.start} are not valid {encoding}", fix=FIX_ENCODING
        ) from err


def _refuse_damaged_utf8(data: bytes, err: UnicodeDecodeError, name: str) -> None:
    """Raise if ``data`` is UTF-8 text with a few bad bytes (guessing would give mojibake)."""
    decoded = data.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    multibyte = len(_NON_ASCII_RE.findall(decoded)) - broken
    if multibyte > 0 and broken <= MAX_BROKEN_UTF8 * multibyte:
        raise InputError(
            f"{name}: mostly UTF-8 but the bytes at offset {err.start} are not valid UTF-8",
            fix="repair or re-save the file as UTF-8",
        ) from err


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16 LE/BE told apart by the side of the NUL bytes; else the data is binary."""
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    encoding = (
        "utf-16-le" if nul_odd > 4 * nul_even else "utf-16-be" if nul_even > 4 * nul_odd else ""
    )
    if encoding and len(data) % 2 == 0:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    raise InputError(f"{name}: binary data (NUL bytes), not text", fix=FIX_ENCODING)


def _choose(encodings: list[str]) -> str:
    """The detected encoding to use: gb18030 for any GB family or a GB-ambiguous legacy CJK."""
    best = encodings[0].lower()
    has_gb = any(e.lower() in _GB_FAMILY for e in encodings)
    if best in _GB_FAMILY or best in _LEGACY_CJK and has_gb:
        return "gb18030"
    return codecs.lookup(best).name


def _detect(data: bytes, name: str) -> tuple[str, str]:
    """Decode with the encoding charset-normalizer finds. Raises ``InputError`` if none."""
    import charset_normalizer  # lazily: only non-UTF-8 input pays for it

    encodings = [match.encoding for match in charset_normalizer.from_bytes(data)]
    if not encodings:
        raise InputError(f"{name}: undecodable bytes, no text encoding fits", fix=FIX_ENCODING)
    encoding = _choose(encodings)
    text = _strict(data, encoding, name)
    _refuse_implausible(text, encoding, name)
    return text, encoding


def implausible_share(text: str) -> float:
    """Share of characters of ``text`` that a news text hardly ever holds (0.0 when empty).

    >>> implausible_share("园区①℃，ok"), implausible_share("扡｣쌠")
    (0.0, 0.6666666666666666)
    """
    return len(_IMPLAUSIBLE_RE.findall(text)) / len(text) if text else 0.0


def _refuse_implausible(text: str, encoding: str, name: str) -> None:
    """Raise if the detected ``encoding`` turns the bytes into mostly unusual characters."""
    share = implausible_share(text)
    if share > 1 - MIN_PLAUSIBLE:
        raise InputError(
            f"{name}: undecodable bytes (read as {encoding}, {share:.0%} of the characters are "
            "ones Chinese text hardly uses)",
            fix=FIX_ENCODING,
        )


def _refuse_binary_text(text: str, name: str) -> None:
    """Raise if the decoded text is mostly control characters or replacement marks."""
    if len(_CONTROL_RE.findall(text)) > MAX_CONTROL * len(text):
        raise InputError(f"{name}: binary data, not text", fix=FIX_ENCODING)
