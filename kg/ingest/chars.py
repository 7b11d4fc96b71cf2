"""Character classes shared by the ingest modules (pure, no state)."""
from __future__ import annotations

import re

# CJK unified ideographs (basic, extension A, compatibility, extensions B+) and 〇.
CJK_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")

# A sentence ends here (a closing quote only ends one when it follows one of these).
SENTENCE_FINAL = frozenset("。！？；…!?;.．")
# Closing brackets end a line-level unit (a caption credit, a list item …).
CLOSING_BRACKETS = frozenset("）)】]〕｝}")
# Closing quotes and title marks: part of the sentence, not an end by themselves.
CLOSING_QUOTES = frozenset("”’」』》〉\"'")
# The clause goes on after these.
CLAUSE_INNER = frozenset("，、,")
# Nothing that starts a paragraph starts with one of these.
CONTINUATION_START = frozenset("，。、；：！？）】》」』”’%％,.;:!?)]}")


def is_latin_or_digit(ch: str) -> bool:
    """True for an ASCII or full-width letter or digit (joined with a space)."""
    return ch.isascii() and ch.isalnum() or "\uff10" <= ch <= "\uff5a" and ch.isalnum()


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return sum(map(len, CJK_RUN_RE.findall(text)))


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the non-space characters of ``text`` (0.0 when empty).

    >>> cjk_ratio("大创 ok")
    0.5
    """
    visible = len("".join(text.split()))
    return cjk_count(text) / visible if visible else 0.0


def needs_space(left: str, right: str) -> bool:
    """True if joining a line ending in ``left`` to one starting with ``right`` needs a space:
    between two Latin letters/digits (``park and|its`` → ``park and its``), but not between
    two digits (a number split by the layout: ``20|23年`` → ``2023年``) nor CJK characters.

    >>> needs_space("d", "i"), needs_space("8", "A"), needs_space("0", "2"), needs_space("代", "化")
    (True, True, False, False)
    """
    if left.isdigit() and right.isdigit():
        return False
    return is_latin_or_digit(left) and is_latin_or_digit(right)
