"""Markdown → plain text: markup that is not text is removed, the block structure is kept.

Headings, list items and block quotes become their own paragraphs; blank lines separate
paragraphs; lines inside one markdown paragraph are rejoined by ``reflow`` (soft wraps and
page-layout breaks), never across blank lines. A YAML-style front matter block gives
``title`` and ``date``.
"""
from __future__ import annotations

import re

from kg.ingest.meta import Cleaned, find_dates
from kg.ingest.rejoin import reflow

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_FIELD = re.compile(r"^(title|date)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(```|~~~).*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^ {0,3}(?:=+|-{2,}|(?:[-*_][ \t]*){3,})[ \t]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(  # *x* anywhere; _x_ not inside ASCII words (snake_case stays)
    r"(?<!\*)\*(?![\s*])(.+?)(?<![\s*])\*(?!\*)"
    r"|(?<![A-Za-z0-9_])_(?![\s_])(.+?)(?<![\s_])_(?![A-Za-z0-9_])"
)
_CODE = re.compile(r"`+([^`]*)`+")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``({"title": …, "date": …}, body)``; empty dict when there is no front matter."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields = {k.lower(): v.strip("\"'") for k, v in _FRONT_FIELD.findall(match.group(1))}
    return fields, text[match.end():]


def strip_inline(line: str) -> str:
    """Remove inline markup: images, link targets (text kept), tags, emphasis, code ticks."""
    line = _AUTOLINK.sub("", _IMAGE.sub("", line))
    line = _TAG.sub("", _LINK.sub(r"\1", line))
    line = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), _STRONG.sub(r"\2", line))
    return _CODE.sub(r"\1", line)


def _block_line(line: str) -> tuple[bool, str]:
    """``(starts_own_block, text)`` for one source line without block markup."""
    for pattern in (_HEADING, _ITEM, _QUOTE):
        match = pattern.match(line)
        if match:
            text = match.group(1) if pattern is _HEADING else line[match.end():]
            return True, text
    return False, line


def markdown_blocks(body: str) -> list[str]:
    """Paragraph blocks of markdown ``body``; lines of one block are joined by newlines."""
    blocks: list[list[str]] = [[]]
    for raw in body.splitlines():
        if _FENCE.match(raw) or _SETEXT_RULE.match(raw) or _REF_DEF.match(raw):
            raw = ""
        own, text = _block_line(raw)
        if own or not text.strip():
            blocks.append([])
        blocks[-1].append(strip_inline(text))
        if own:
            blocks.append([])
    return ["\n".join(lines) for lines in blocks if any(ln.strip() for ln in lines)]


def markdown_to_text(markup: str) -> Cleaned:
    """Plain text of markdown ``markup``.

    >>> markdown_to_text("# 钱塘**大创**\\n\\n见[官网](https://x.cn)。![图](a.png)").text
    '钱塘大创\\n\\n见官网。'
    """
    fields, body = split_front_matter(markup)
    paragraphs = [reflow(block) for block in markdown_blocks(body)]
    date = next(find_dates(fields.get("date", "")), None)
    return Cleaned(
        text=reflow("\n\n".join(p for p in paragraphs if p), join_lines=False),
        title=fields.get("title") or None,
        date=date[1] if date else None,
    )
