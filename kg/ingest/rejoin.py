"""Rejoin lines broken by page layout; keep real paragraph breaks and headings.

Every line break of the input (single or blank-line separated) is a candidate. A break is a
layout break when the paragraph before it does not end a sentence **and** evidence says the
sentence goes on:

* strong — the next line starts with punctuation that never starts a paragraph (，。）…); the
  paragraph ends with a clause mark (，、) or with a function character (的, 和, 在 …) that does
  not end a dictionary word there; it has a full stop inside (prose, not a heading); the next
  line starts with a particle (的, 了 …) that starts no word there; a dictionary word spans the
  break (现代|化 → 现代化); a 3+ char string spanning the break is used elsewhere in the
  document at least twice (云澜小|镇 → 云澜小镇, names no dictionary has);
* weak — the paragraph is at least a page-width line long (``PAGE_WIDTH`` chars); weak
  evidence does not join a next line that looks like a heading itself.

Nothing joins onto a headline-style paragraph (CJK phrases separated by spaces, no sentence
punctuation) or a dateline, nor onto a next line that opens a list item or is a dateline,
headline or bracketed note.

A short caption-like line dropped between the halves of a broken sentence
(``…科技创新活 / 某开区北部智能制造核心区 / 力的中小型…``) is moved after the rejoined
paragraph when only the outer halves have pairwise evidence (a spanning word).

Passes repeat until nothing changes. Every changing pass removes at least one paragraph, so
this ends; the result is a fixed point, which makes ``reflow`` idempotent. A pass is linear in
the text length (paragraphs are assembled from parts, never re-scanned).
"""
from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Sequence

from kg.ingest.chars import CLAUSE_INNER, CONTINUATION_START, needs_space
from kg.ingest.lexicon import dictionary_spans, document_counts, document_spans
from kg.ingest.linekind import (
    DATELINE_MAX,
    HEADLINE_MAX,
    PAGE_WIDTH,
    PROSE_STOP,
    ends_sentence,
    ends_unit,
    ends_with_function_char,
    is_caption,
    is_dateline,
    is_heading_like,
    is_headline,
    is_prose,
    starts_block,
    starts_with_function_char,
)
from kg.ingest.normalize import clean_lines, split_paragraphs
from kg.ingest.pages import drop_page_furniture

logger = logging.getLogger(__name__)

MAX_PASSES = 8        # safety bound; real texts settle after 2 passes
TAIL = 8              # chars of a paragraph's end that the decisions look at


class Paragraph:
    """A paragraph being assembled from lines, with the running facts the decisions need.

    Appending a line costs O(line): the text is joined once, at the end; checks on the whole
    paragraph (headline, dateline) only run on short paragraphs.
    """

    __slots__ = ("parts", "length", "prose", "final")

    def __init__(self, line: str) -> None:
        self.parts = [line]
        self.length = len(line)
        self.prose = is_prose(line)
        self.final = ends_unit(line[-TAIL:])

    def append(self, line: str) -> None:
        """Join ``line`` on, with a space only where ``needs_space`` says so."""
        last = self.parts[-1][-1]
        if needs_space(last, line[0]):
            self.parts.append(" ")
            self.length += 1
        self.prose = self.prose or last == PROSE_STOP or is_prose(line)
        self.parts.append(line)
        self.length += len(line)
        self.final = ends_unit(self.tail())

    def tail(self) -> str:
        """The last ``TAIL`` characters."""
        out = ""
        for part in reversed(self.parts):
            out = part[-TAIL:] + out
            if len(out) >= TAIL:
                break
        return out[-TAIL:]

    def is_headline(self) -> bool:
        """Headline style: short, spaced CJK phrases, no sentence punctuation."""
        return self.length <= HEADLINE_MAX and is_headline(self.text())

    def is_dateline(self) -> bool:
        """The whole paragraph is a date (and time)."""
        return self.length <= DATELINE_MAX and is_dateline(self.text())

    def text(self) -> str:
        """The assembled paragraph."""
        return "".join(self.parts)


def spans_word(tail: str, right: str, counts: Counter[str]) -> bool:
    """Pairwise evidence: continuation punctuation, or a word spanning ``tail|right``."""
    head = right[:3]
    if head[0] in CONTINUATION_START:
        return True
    return dictionary_spans(tail, head) or document_spans(tail, head, counts)


def is_blocked(left: Paragraph, right: str, *, headline: bool = True) -> bool:
    """True if no evidence may join: ``left`` ends a sentence or is a headline or dateline, or
    ``right`` opens a block (list item, dateline, headline, bracketed note). With ``headline``
    false neither side is tested for being a headline (table cells are spaced like one)."""
    return left.final or headline and left.is_headline() or left.is_dateline() or starts_block(right, headline=headline)


def has_strong_ending(left: Paragraph) -> bool:
    """Strong evidence from ``left`` alone: clause mark, function char, or prose."""
    tail = left.tail()
    return tail[-1] in CLAUSE_INNER or left.prose or ends_with_function_char(tail)


def should_join(left: Paragraph, right: str, counts: Counter[str]) -> bool:
    """True if the line ``right`` continues the paragraph ``left`` (module docstring).

    Cheap evidence is checked first; word look-ups only run when nothing else decided.
    """
    if right[0] in CONTINUATION_START:
        return True
    if is_blocked(left, right):
        return False
    if has_strong_ending(left):
        return True
    if left.length >= PAGE_WIDTH and not is_heading_like(right):
        return True  # weak evidence, enough for a line that is no heading
    return starts_with_function_char(right) or spans_word(left.tail(), right, counts)


NAME_ENDS = ("项目", "工程", "公司", "集团")   # the last words of project and company names
NAME_END_CELL_MAX = 4  # a cell this short ending so holds the wrapped end of a name (项目, 技改项目, 限公司)
NAMED_CELL_MIN = 6    # the cell it ends is a name this long at least (not the header 序号 | 项目)


def joins_cell(left: Paragraph, right: str, counts: Counter[str]) -> bool:
    """``should_join`` for a table cell on either side: pairwise evidence only, or a cell that
    holds only the wrapped end of the name in the cell before it (…数字化工厂 | 项目). A cell
    that ends a name is whole (…厂房工程 | 平湖市…: 程平 is a word of the dictionary only)."""
    if right[0] in CONTINUATION_START:
        return True
    tail = left.tail()
    if len(right) <= NAME_END_CELL_MAX and right.endswith(NAME_ENDS):
        return len(tail) >= NAMED_CELL_MIN and not left.final and (
            not tail.endswith(NAME_ENDS) or tail.endswith("集团") and right.endswith("公司"))   # …集团 | 有限公司
    if tail.endswith(NAME_ENDS):
        return False
    return not is_blocked(left, right, headline=False) and spans_word(left.tail(), right, counts)   # spaced cells are no headline


def caption_between(left: Paragraph, middle: str, right: str, counts: Counter[str]) -> bool:
    """True if ``middle`` is a caption dropped between two halves of one broken sentence."""
    return (
        is_caption(middle)
        and not left.final
        and not left.is_headline()
        and not starts_block(right)
        and spans_word(left.tail(), right, counts)
        and not spans_word(left.tail(), middle, counts)
    )


def _may_continue(line: str) -> bool:
    """False for lines that never continue onto the next one (sentence end, headline, date)."""
    return not (ends_unit(line) or is_headline(line) or is_dateline(line))


def _open_pairs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Line pairs whose spanning strings a pass may look up: after a line that may continue,
    with the next line and the next-but-one (around a caption)."""
    opened = [i for i, line in enumerate(lines[:-1]) if _may_continue(line)]
    return [(i, i + 1) for i in opened] + [(i, i + 2) for i in opened if i + 2 < len(lines)]


def rejoin_pass(lines: Sequence[str]) -> list[str]:
    """One left-to-right pass over non-empty lines: join layout breaks, move captions out."""
    if not lines:
        return []
    counts = document_counts(lines, _open_pairs(lines))
    cells = table_cells(lines)
    queue, out, held = deque(lines), [], []
    current = Paragraph(queue.popleft())
    while queue:
        # after a sentence end only continuation punctuation joins: the usual case, decided
        # here without the checks (``should_join`` and ``caption_between`` say no as well)
        open_end = not current.final or queue[0][0] in CONTINUATION_START
        in_table = current.parts[-1] in cells or queue[0] in cells
        if open_end and in_table:
            if joins_cell(current, queue[0], counts):
                current.append(queue.popleft())    # a cell broken inside a word (不锈钢|管)
                continue
        elif open_end and should_join(current, queue[0], counts):
            current.append(queue.popleft())
            continue
        # a table has no captions: its next cell is never moved out (主体施工 | 某某锂电工 | 具项目)
        if open_end and not in_table and len(queue) > 1 and caption_between(current, queue[0], queue[1], counts):
            held.append(queue.popleft())
            current.append(queue.popleft())
            continue
        out.append(current.text())
        queue.extendleft(reversed(held))
        held, current = [], Paragraph(queue.popleft())
    return out + [current.text()] + held


CELL_MAX = 32         # a table cell on a line of its own (or cells joined) is at most this long
CELL_RUN = 3          # and stands among at least this many such lines
CELL_PUNCT = frozenset("，。；：！？,;:!?、“”")


def table_cells(lines: Sequence[str]) -> frozenset[str]:
    """Lines of a table flattened one cell per line (序号 / 项目名称 / 建设单位 …): runs of at
    least ``CELL_RUN`` short lines with no punctuation. Only a word broken across two of them
    joins them; prose and line width do not."""
    cells: set[str] = set()
    run: list[str] = []
    for line in [*lines, ""]:
        if line and len(line) <= CELL_MAX and not CELL_PUNCT.intersection(line):
            run.append(line)
            continue
        if len(run) >= CELL_RUN:
            cells.update(run)
        run = []
    return frozenset(cells)


def reflow(text: str, *, join_lines: bool = True) -> str:
    """Clean ``text`` into paragraphs separated by exactly one blank line.

    Normalises newlines (``\\r\\n``, ``\\r``, U+2028/2029 …) and white space (lines stripped of
    spaces, NBSP and ideographic spaces; inner runs collapsed to one space; control and
    zero-width characters dropped), then, if ``join_lines``, drops page numbers and running
    headers (``kg.ingest.pages``) and rejoins lines broken by page layout (module docstring). Never raises on a ``str``; ``reflow(reflow(x)) == reflow(x)``.

    >>> reflow("进一步夯实现代\\n\\n化产业发展基石。\\r\\n\\r\\n\\r\\n下一段。")
    '进一步夯实现代化产业发展基石。\\n\\n下一段。'
    """
    lines = split_paragraphs(clean_lines(text))
    return "\n\n".join(settle(drop_page_furniture(lines)) if join_lines else lines)


def settle(lines: list[str]) -> list[str]:
    """Repeat ``rejoin_pass`` until nothing changes (at most ``MAX_PASSES`` times)."""
    for _ in range(MAX_PASSES):
        joined = rejoin_pass(lines)
        if joined == lines:
            return lines
        lines = joined
    logger.debug("reflow did not settle after %d passes", MAX_PASSES)
    return lines
