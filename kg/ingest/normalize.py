"""White-space and line-break normalisation: ``str -> str`` steps, each idempotent."""
from __future__ import annotations

import re

_OTHER_NEWLINES_RE = re.compile("[\r\u2028\u2029\x85\x0b\x0c]")
# C0/C1 controls (except \t and \n), zero-width space, word joiner, BOM, U+FFFE/FFFF.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\ufffe\uffff]")


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n``, ``\\r``, U+2028/2029, NEL, VT and FF into ``\\n``."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _OTHER_NEWLINES_RE.sub("\n", text)


def drop_invisible(text: str) -> str:
    """Remove control characters (not ``\\t``/``\\n``), zero-width spaces and stray BOMs."""
    return _INVISIBLE_RE.sub("", text)


def normalize_spaces(text: str) -> str:
    """Strip every line and collapse runs of white space (tab, NBSP, ideographic space and
    every other Unicode space) inside it to one ASCII space."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def clean_lines(text: str) -> str:
    """All normalisations above, in order: newlines, invisible characters, spaces.

    >>> clean_lines("\\u3000\\u3000标题\\u00a0 \\r\\n正文\\u200b内容\\t\\t结束 ")
    '标题\\n正文内容 结束'
    """
    return normalize_spaces(drop_invisible(normalize_newlines(text)))


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of already cleaned text (blank lines only separate)."""
    return [line for line in text.split("\n") if line]
