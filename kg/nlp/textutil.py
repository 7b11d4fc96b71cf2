"""Character-level helpers shared by the recognisers. Pure functions on ``str``."""
from __future__ import annotations

import re
from functools import lru_cache

# Full-width ASCII → half-width, ideographic space → space: a 1:1 map, so offsets are kept.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
NAME_CHAR_RE = re.compile(f"[{CJK}A-Za-z0-9·&]")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Fold full-width ASCII to half-width; the result has the same length (the last texts
    are remembered: stages fold the same document more than once)."""
    return text.translate(_FOLD)


def is_name_char(ch: str) -> bool:
    """Whether ``ch`` can be part of a name (CJK, Latin letter, digit, ·, &)."""
    return bool(NAME_CHAR_RE.match(ch))


def words_regex(words: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A regex matching any of ``words``, longest first."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, ordered)) or r"(?!x)x")

