"""What a line (or paragraph) looks like: sentence end, heading, caption, list item, dateline.

Pure predicates over ``str`` used by ``reflow``. All are O(length of the line) or better.
"""
from __future__ import annotations

import re

from kg.ingest.chars import (
    CJK_CLASS,
    CLOSING_BRACKETS,
    CLOSING_QUOTES,
    CONTINUATION_START,
    SENTENCE_FINAL,
)
from kg.ingest.lexicon import dictionary_words

PAGE_WIDTH = 25       # a line this long (chars) is a full line of a page, not a heading
CAPTION_MAX = 24      # a caption dropped into a sentence is at most this long
DATELINE_MAX = 40     # a dateline is at most this long
HEADLINE_MAX = 64     # a headline is at most this long

# Particles, prepositions and conjunctions that cannot end a sentence or heading …
FUNCTION_END = frozenset("的之与和及或把被从向对于在由将并而但跟同给让使")
# … and particles that cannot start one (unless they start a word: 的确, 与此同时, 等到).
FUNCTION_START = frozenset("的了着们之与和及或等吗呢吧")
WORD_SIZES = (2, 3, 4)  # word lengths checked at the edge of a line
PROSE_STOP = "。"     # a heading never has a full stop inside

_QUOTES = "".join(CLOSING_QUOTES)
SENTENCE_PUNCT_RE = re.compile("[，。；！？,;!?]")
FULL_STOP_RE = re.compile("[。！？]")
HEADLINE_SPACE_RE = re.compile(f"[{CJK_CLASS}”」』》）)] [“「『《（(]?[{CJK_CLASS}]")
_LIST_START_RE = re.compile(
    r"(?:[■□●○◆◇▲△▶►★☆※•·▪◎]|[-*+] |[（(]?[一二三四五六七八九十]{1,3}[）)、]"
    r"|[（(]\d{1,2}[）)]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|第[一二三四五六七八九十\d]+[章节条部篇])"
)
# A byline or credit line (记者 某某 通讯员 某某, 编辑：某某, 文/图 …) or the opening of a news
# item (本报讯, 新华社杭州4月1日电): it starts a paragraph of its own and is no caption.
_BYLINE_RE = re.compile(
    r"(?:本报|本台|首席|特约|实习|摄影)?(?:记者|通讯员|实习生|编辑|责任编辑|责编|审核|审校|校对|监制|来源|作者|撰文|文字|摄影|文|图|摄)"
    r"\s*[:：/｜|丨 ]|(?:本报|本台)?记者[\u4e00-\u9fff]{2,3}(?: |$)|本报讯|本台讯|新华社[^，。]{0,8}电"
)
# A photo credit at the end of a caption (现场图片。 某某 摄, 记者某某摄): the caption ends there.
_CREDIT_END_RE = re.compile(r"(?:\s|记者|通讯员)[^\s，。；]{0,8}\s?摄$")
_DATELINE_RE = re.compile(
    r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)


def ends_sentence(text: str) -> bool:
    """True if ``text`` ends with sentence-final punctuation (。！？；…), a closing bracket,
    or a closing quote right after sentence-final punctuation (``…。”``, not ``“先手棋”``)."""
    body = text.rstrip(_QUOTES)
    if len(body) < len(text):
        return bool(body) and body[-1] in SENTENCE_FINAL
    return bool(text) and (text[-1] in SENTENCE_FINAL or text[-1] in CLOSING_BRACKETS
                           and _REGION_IN_NAME_RE.search(text) is None)


# a company's region in brackets, right after its brand: the legal name goes on (某某（杭州）|生物技术有限公司)
_REGION_IN_NAME_RE = re.compile(r"[\u4e00-\u9fff][（(][\u4e00-\u9fff]{2,3}[）)]$")


def ends_unit(text: str) -> bool:
    """True if ``text`` ends a sentence or a photo credit (``某某 摄``): nothing joins after it."""
    return ends_sentence(text) or _CREDIT_END_RE.search(text) is not None


def is_byline(text: str) -> bool:
    """True if the line is a byline or credit (记者 某某, 编辑：某某) or opens a news item (本报讯)."""
    return _BYLINE_RE.match(text) is not None


def is_headline(text: str) -> bool:
    """Headline style: short, CJK phrases separated by spaces, no sentence punctuation."""
    return (
        len(text) <= HEADLINE_MAX
        and HEADLINE_SPACE_RE.search(text) is not None
        and SENTENCE_PUNCT_RE.search(text) is None
    )


def is_dateline(text: str) -> bool:
    """True if the whole line is a date, optionally with a time (``2023-05-05 08:09:33``)."""
    return len(text) <= DATELINE_MAX and _DATELINE_RE.fullmatch(text) is not None


def is_parenthetical(text: str) -> bool:
    """True if the whole line is in brackets: an editor's note or picture credit."""
    return text[:1] in "(（【[" and text[-1:] in CLOSING_BRACKETS


def starts_block(text: str, *, headline: bool = True) -> bool:
    """True if the line opens a list item, or is a dateline, headline (unless ``headline`` is
    false: a table row's cells are spaced like one) or parenthetical note."""
    return (
        _LIST_START_RE.match(text) is not None
        or is_byline(text)
        or is_dateline(text)
        or is_parenthetical(text)
        or headline and is_headline(text)
    )


def is_heading_like(text: str) -> bool:
    """A short line without a sentence end, at its end or inside: a heading, caption or byline
    (``11个。重点项目如下：`` ends one sentence and starts the next: prose)."""
    return len(text) < PAGE_WIDTH and not ends_sentence(text) and FULL_STOP_RE.search(text) is None


def is_caption(text: str) -> bool:
    """A short line with no punctuation inside or at its end: a photo caption or label."""
    return (
        len(text) <= CAPTION_MAX
        and not ends_sentence(text)
        and text[:1] not in CONTINUATION_START
        and not is_byline(text)
        and SENTENCE_PUNCT_RE.search(text) is None
    )


def is_prose(text: str) -> bool:
    """True if a full stop occurs inside ``text``: body text, not a heading or caption."""
    return PROSE_STOP in text[:-1]


def ends_with_function_char(text: str) -> bool:
    """True if the last char is a particle/preposition/conjunction, not the end of a word."""
    if not text or text[-1] not in FUNCTION_END:
        return False
    words = dictionary_words()
    return not any(text[-n:] in words for n in WORD_SIZES if n <= len(text))


def starts_with_function_char(text: str) -> bool:
    """True if the first char is a particle that does not start a dictionary word here."""
    if not text or text[0] not in FUNCTION_START:
        return False
    words = dictionary_words()
    return not any(text[:n] in words for n in WORD_SIZES if n <= len(text))
