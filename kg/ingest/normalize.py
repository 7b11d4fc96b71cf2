"""White-space and line-break normalisation: ``str -> str`` steps, each idempotent."""
from __future__ import annotations

import re

_NEWLINES_RE = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# C0/C1 controls (except \t and \n), zero-width space/joiner-less marks, BOM, U+FFFE/FFFF.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\ufffe\uffff]")
# Horizontal white space: tab and every Unicode space separator (NBSP, ideographic space …).
_HSPACE = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_HSPACE_RUN_RE = re.compile(f"[{_HSPACE}]+")
_LINE_EDGE_RE = re.compile(f"^[{_HSPACE}]+|[{_HSPACE}]+$", re.MULTILINE)


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n``, ``\\r``, U+2028/2029, NEL, VT and FF into ``\\n``."""
    return _NEWLINES_RE.sub("\n", text)


def drop_invisible(text: str) -> str:
    """Remove control characters (not ``\\t``/``\\n``), zero-width spaces and stray BOMs."""
    return _INVISIBLE_RE.sub("", text)


def normalize_spaces(text: str) -> str:
    """Strip every line and collapse runs of horizontal white space to one ASCII space."""
    return _HSPACE_RUN_RE.sub(" ", _LINE_EDGE_RE.sub("", text))


def clean_lines(text: str) -> str:
    """All normalisations above, in order: newlines, invisible characters, spaces."""
    return normalize_spaces(drop_invisible(normalize_newlines(text)))


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of already cleaned text (blank lines only separate)."""
    return [line for line in text.split("\n") if line]
