"""Rejoin lines broken by page layout; keep real paragraph breaks and headings.

Every line break of the input (single or blank-line separated) is a candidate. A break is a
layout break when the text before it does not end a sentence **and** some evidence says the
sentence goes on:

* strong: the next line starts with punctuation that never starts a paragraph (，。）…);
  the text ends with a clause mark (，、) or with a function character (的, 和, 在 …) that is
  not the end of a dictionary word; a dictionary word spans the break (现代|化 → 现代化); a
  string spanning the break is used elsewhere in the document (大创小|镇 → 大创小镇);
* weak: the text before the break is a full page-width line (≥ ``PAGE_WIDTH`` characters).
  Weak evidence does not join when the next line looks like a heading itself.

Nothing joins onto a headline-style line (CJK phrases separated by spaces, no sentence
punctuation), a dateline, or onto a next line that starts a list item or is a dateline.

A short caption-like line dropped between the halves of a broken sentence
(``…科技创新活 / 钱开区北部智能制造核心区 / 力的中小型…``) is moved after the rejoined
paragraph when only the outer halves have pairwise evidence (a spanning word).

The passes repeat until nothing changes (each changing pass removes a paragraph), which makes
``reflow`` idempotent; each pass is linear in the text length.
"""
from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Sequence

from kg.ingest.chars import (
    CJK_CLASS,
    CLAUSE_INNER,
    CLOSING_BRACKETS,
    CLOSING_QUOTES,
    CONTINUATION_START,
    SENTENCE_FINAL,
    join_text,
)
from kg.ingest.lexicon import dictionary_spans, dictionary_words, document_counts, document_spans
from kg.ingest.normalize import clean_lines, split_paragraphs

PAGE_WIDTH = 25       # a line this long (chars) is a full line of a page, not a heading
CAPTION_MAX = 24      # a caption dropped into a sentence is at most this long
MAX_PASSES = 8        # safety bound; real texts settle after 2 passes

NONE, WEAK, STRONG = 0, 1, 2

# Particles, prepositions and conjunctions that cannot end a sentence or heading …
FUNCTION_END = frozenset("的之与和及或把被从向对于在由将并而但跟同给让使")
# … and particles that cannot start one (unless they start a word: 的确, 与此同时, 等到).
FUNCTION_START = frozenset("的了着们地得之与和及或等吗呢吧")
_PROSE_STOP = "。"   # a heading never has a full stop inside
_SENTENCE_PUNCT = re.compile("[，。；！？,;!?]")
_HEADLINE_SPACE = re.compile(f"[{CJK_CLASS}”」』》）)] [“「『《（(]?[{CJK_CLASS}]")
_LIST_START = re.compile(
    r"(?:[■□●○◆◇▲△▶►★☆※•·▪◎]|[-*+] |[（(]?[一二三四五六七八九十]{1,3}[）)、]"
    r"|[（(]\d{1,2}[）)]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|第[一二三四五六七八九十\d]+[章节条部篇])"
)
_DATELINE = re.compile(
    r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)


def ends_sentence(text: str) -> bool:
    """True if ``text`` ends with sentence-final punctuation, a closing bracket, or a closing
    quote right after sentence-final punctuation (``…。”``)."""
    body = text.rstrip("".join(CLOSING_QUOTES))
    if len(body) < len(text):  # a closing quote ends a sentence only after 。！？…
        return bool(body) and body[-1] in SENTENCE_FINAL
    return bool(text) and (text[-1] in SENTENCE_FINAL or text[-1] in CLOSING_BRACKETS)


def is_headline(text: str) -> bool:
    """Headline style: CJK phrases separated by spaces and no sentence punctuation."""
    return _HEADLINE_SPACE.search(text) is not None and _SENTENCE_PUNCT.search(text) is None


def is_dateline(text: str) -> bool:
    """True if the whole line is a date, optionally with a time."""
    return _DATELINE.fullmatch(text) is not None


def is_parenthetical(text: str) -> bool:
    """True if the whole line is in brackets: an editor's note or picture credit."""
    return text[:1] in "(（【[" and text[-1:] in CLOSING_BRACKETS


def starts_block(text: str) -> bool:
    """True if the line opens a list item, or is a dateline, headline or parenthetical note."""
    return (
        _LIST_START.match(text) is not None
        or is_dateline(text)
        or is_headline(text)
        or is_parenthetical(text)
    )


def is_heading_like(text: str) -> bool:
    """A short line without a sentence end: a heading, caption or byline."""
    return len(text) < PAGE_WIDTH and not ends_sentence(text)


def ends_with_function_char(text: str) -> bool:
    """True if the last char is a particle/preposition/conjunction, not the end of a word."""
    if not text or text[-1] not in FUNCTION_END:
        return False
    words = dictionary_words()
    return text[-2:] not in words and text[-3:] not in words


def starts_with_function_char(text: str) -> bool:
    """True if the first char is a particle that does not start a dictionary word here."""
    if not text or text[0] not in FUNCTION_START:
        return False
    words = dictionary_words()
    return text[:2] not in words and text[:3] not in words


def is_prose(text: str) -> bool:
    """True if a full stop occurs inside ``text``: body text, not a heading or caption."""
    return _PROSE_STOP in text[:-1]


def pairwise_evidence(left: str, right: str, counts: Counter[str]) -> bool:
    """Evidence that depends on both sides: continuation punctuation or a spanning word."""
    if right[0] in CONTINUATION_START:
        return True
    return dictionary_spans(left, right) or document_spans(left, right, counts)


def join_evidence(left: str, right: str, counts: Counter[str]) -> int:
    """How strongly the break between ``left`` and ``right`` looks like a layout break."""
    if right[0] in CONTINUATION_START:
        return STRONG
    if ends_sentence(left) or is_headline(left) or is_dateline(left) or starts_block(right):
        return NONE
    if left[-1] in CLAUSE_INNER or ends_with_function_char(left) or is_prose(left):
        return STRONG
    if starts_with_function_char(right):
        return STRONG
    if pairwise_evidence(left, right, counts):
        return STRONG
    return WEAK if len(left) >= PAGE_WIDTH else NONE


def should_join(left: str, right: str, counts: Counter[str]) -> bool:
    """True if ``right`` continues the paragraph ``left`` (see the module docstring)."""
    evidence = join_evidence(left, right, counts)
    return evidence == STRONG or evidence == WEAK and not is_heading_like(right)


def is_caption(text: str) -> bool:
    """A short line with no punctuation inside or at its end: a photo caption or label."""
    return (
        len(text) <= CAPTION_MAX
        and _SENTENCE_PUNCT.search(text) is None
        and not ends_sentence(text)
        and text[0] not in CONTINUATION_START
    )


def caption_between(left: str, middle: str, right: str, counts: Counter[str]) -> bool:
    """True if ``middle`` is a caption dropped between two halves of one broken sentence."""
    return (
        not ends_sentence(left)
        and is_caption(middle)
        and not is_headline(left)
        and not starts_block(right)
        and not pairwise_evidence(left, middle, counts)
        and pairwise_evidence(left, right, counts)
    )


def _open_pairs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs whose spanning strings a pass may look up: after a line that ends no sentence,
    with the next line and the next-but-one (the other half of a sentence around a caption)."""
    ends = [i for i, line in enumerate(lines[:-1]) if not ends_sentence(line)]
    return [(i, i + 1) for i in ends] + [(i, i + 2) for i in ends if i + 2 < len(lines)]


def rejoin_pass(lines: Sequence[str]) -> list[str]:
    """One left-to-right pass: join layout breaks, move captions out of broken sentences."""
    if not lines:
        return []
    counts = document_counts(lines, _open_pairs(lines))
    queue, out, held = deque(lines), [], []
    current = queue.popleft()
    while queue:
        if should_join(current, queue[0], counts):
            current = join_text(current, queue.popleft())
        elif len(queue) > 1 and caption_between(current, queue[0], queue[1], counts):
            held.append(queue.popleft())
            current = join_text(current, queue.popleft())
        else:
            out.append(current)
            queue.extendleft(reversed(held))
            held, current = [], queue.popleft()
    return out + [current] + held


def reflow(text: str, *, join_lines: bool = True) -> str:
    """Clean ``text`` into paragraphs separated by exactly one blank line.

    Normalises newlines (``\\r\\n``, ``\\r``, U+2028/2029 …) and white space (lines stripped of
    spaces, NBSP and ideographic spaces; inner runs collapsed to one space; control and
    zero-width characters dropped), then, if ``join_lines``, rejoins lines broken by page
    layout (module docstring). Never raises on any ``str``; ``reflow(reflow(x)) == reflow(x)``.

    >>> reflow("进一步夯实现代\\n\\n化产业发展基石。\\r\\n\\r\\n\\r\\n下一段。")
    '进一步夯实现代化产业发展基石。\\n\\n下一段。'
    """
    lines = split_paragraphs(clean_lines(text))
    for _ in range(MAX_PASSES if join_lines else 0):
        joined = rejoin_pass(lines)
        if joined == lines:
            break
        lines = joined
    return "\n\n".join(lines)
