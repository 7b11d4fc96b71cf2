"""Word evidence for rejoining broken lines.

Two sources say that the characters on both sides of a line break belong to one word:

* the word list that ships inside the ``spacy_pkuseg`` wheel (``dicts/default.pkl``,
  ~375k CJK words), loaded lazily on first use and cached for the process;
* the document itself: a 3-char string that spans the break (2+1 or 1+2 chars) and that the
  document uses at least twice elsewhere (park and company names such as 云澜小镇 are in no
  general dictionary). Longer spanning strings add nothing: each contains one of these two.
"""
from __future__ import annotations

import functools
import importlib.util
import logging
import pickle
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import ahocorasick_rs

from kg.ingest.chars import CJK_CLASS, CJK_RUN_RE

logger = logging.getLogger(__name__)

MAX_SIDE = 3          # characters taken from each side of a break
MIN_DOC_COUNT = 2     # a spanning string used this often elsewhere is document evidence
SMALL_SET = 32        # pattern sets up to this size are counted without building an automaton
_TAIL_RE = re.compile(f"[{CJK_CLASS}]+$")


class _TextOnlyUnpickler(pickle.Unpickler):
    """Unpickles plain data only: the word list is one ``str``; no class is ever loaded."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a word list")


def dictionary_path() -> Path | None:
    """``dicts/default.pkl`` of the installed ``spacy_pkuseg`` package (not imported), or None."""
    spec = importlib.util.find_spec("spacy_pkuseg")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "dicts" / "default.pkl"
        if path.is_file():
            return path
    return None


def load_word_list(path: Path) -> list[str]:
    """Words of a spacy-pkuseg dictionary pickle (one ``str``, a word per line).

    Raises ``pickle.UnpicklingError`` if the file holds anything but plain data.
    """
    return load_word_text(path).split("\n")


def load_word_text(path: Path) -> str:
    """The pickled word list as one string, a word per line ('' if it is not a string)."""
    with path.open("rb") as handle:
        data = _TextOnlyUnpickler(handle).load()
    return data if isinstance(data, str) else ""


@functools.cache
def dictionary_words() -> frozenset[str]:
    """CJK words of 2–6 characters from the spacy-pkuseg word list (empty if not installed)."""
    path = dictionary_path()
    if path is None:
        logger.warning("spacy_pkuseg word list not found: line rejoining uses no dictionary")
        return frozenset()
    # one regex pass over the whole list: 2x faster than testing each word
    return frozenset(re.findall(f"^[{CJK_CLASS}]{{2,{2 * MAX_SIDE}}}$", load_word_text(path), re.MULTILINE))


def _cjk_tail(text: str) -> str:
    """The last up to ``MAX_SIDE`` characters of ``text`` that end a CJK run, else ''."""
    match = _TAIL_RE.search(text[-MAX_SIDE:])
    return match.group() if match else ""


def _cjk_head(text: str) -> str:
    """The first up to ``MAX_SIDE`` characters of ``text`` that start a CJK run, else ''."""
    match = CJK_RUN_RE.match(text[:MAX_SIDE])
    return match.group() if match else ""


def spanning(left: str, right: str, *, min_len: int = 2) -> list[str]:
    """Strings of ≥ ``min_len`` chars: 1–3 CJK chars ending ``left`` + 1–3 starting ``right``.

    >>> spanning("实现代", "化产")
    ['代化', '代化产', '现代化', '现代化产', '实现代化', '实现代化产']
    """
    tail, head = _cjk_tail(left), _cjk_head(right)
    return [
        tail[-k:] + head[:m]
        for k in range(1, len(tail) + 1)
        for m in range(1, len(head) + 1)
        if k + m >= min_len
    ]


def dictionary_spans(left: str, right: str) -> bool:
    """True if a dictionary word is made of the end of ``left`` and the start of ``right``."""
    words = dictionary_words()
    return any(s in words for s in spanning(left, right))


def count_in(text: str, patterns: Iterable[str]) -> Counter[str]:
    """How often each pattern occurs in ``text``, in time linear in ``len(text)``.

    Up to ``SMALL_SET`` patterns are counted with ``str.count`` (non-overlapping); larger sets
    in one overlapping Aho-Corasick scan.
    """
    unique = sorted(set(patterns))
    if len(unique) <= SMALL_SET:
        return Counter({p: text.count(p) for p in unique})
    matcher = ahocorasick_rs.AhoCorasick(unique)
    hits = matcher.find_matches_as_indexes(text, overlapping=True)
    return Counter(unique[index] for index, _, _ in hits)


def document_spanning(left: str, right: str) -> list[str]:
    """The 3-char strings spanning the break: 2 CJK chars + 1, and 1 + 2.

    >>> document_spanning("是大创小", "镇为优化")
    ['创小镇', '小镇为']
    """
    tail, head = _cjk_tail(left), _cjk_head(right)
    pairs = ((tail[-2:], head[:1]), (tail[-1:], head[:2]))
    return [a + b for a, b in pairs if len(a + b) == 3]


def document_counts(lines: Sequence[str], pairs: Iterable[tuple[int, int]]) -> Counter[str]:
    """Occurrences, in the lines themselves, of the strings spanning each pair of lines."""
    patterns = (s for i, j in pairs for s in document_spanning(lines[i], lines[j]))
    return count_in("\n".join(lines), patterns)


def document_spans(left: str, right: str, counts: Counter[str]) -> bool:
    """True if a string spanning the break is used ``MIN_DOC_COUNT`` times elsewhere."""
    return any(counts[s] >= MIN_DOC_COUNT for s in document_spanning(left, right))
