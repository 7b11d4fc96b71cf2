"""Load and validate the rule data in ``kg/rules`` (suffixes and word lists).

Errors name the file, the line and the fix (``RuleError``). Loading is cached per folder.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import RuleError
from kg.records import ENTITY_TYPES
from kg.settings import RULES_DIR

_WORD = re.compile(r"^[\u3400-\u9fffA-Za-z0-9·&]+$")
_SUFFIX = re.compile(r"^[\u3400-\u9fffA-Za-z0-9·&()]+$")   # half-width brackets: text is width-folded
_SUFFIX_KEYS = {"suffix", "type", "min_prefix", "max_prefix", "confidence", "place_prefix_ok", "exclude_prev", "exclude_next", "verb_modifier", "generic_ok", "supported", "facility", "no_digits"}
LIST_NAMES = (
    "left_stop", "generic", "industry", "legal_forms", "titles", "person_after",
    "surnames", "not_person", "project_cues", "org_company_heads", "verbs", "nouns", "not_place", "collective", "brand_heads", "surnames_rare", "person_before", "given_name_chars", "verbs_in_names", "person_after_weak",
    "industry_nouns", "head_modifiers", "park_content", "project_verbs",
)


@dataclass(frozen=True)
class SuffixRule:
    """A name that ends with ``suffix`` is of ``type``."""

    suffix: str
    type: str
    min_prefix: int = 2
    max_prefix: int = 20
    confidence: float = 0.8
    place_prefix_ok: bool = False
    exclude_prev: str = ""       # characters that may not stand right before the suffix
    exclude_next: str = ""       # characters that may not follow the suffix
    verb_modifier: bool = False  # a verb right before the suffix is part of the name (招商局)
    generic_ok: bool = False     # generic words make a name with this suffix (建设局, 商务局)
    supported: bool = False      # needs a place before it or a second use in the document (补齐新区短板)
    facility: bool = False       # the name must end in a facility or works noun before the suffix (某某中心工程)
    no_digits: bool = False      # a prefix with digits is a kind, not a name (12英寸晶圆厂)


@dataclass(frozen=True)
class Lexicon:
    """All rule data: suffix rules and named word lists."""

    suffixes: tuple[SuffixRule, ...]
    lists: dict[str, frozenset[str]]

    def words(self, name: str) -> frozenset[str]:
        """The word list ``name`` (one of ``LIST_NAMES``)."""
        return self.lists[name]


def _fail(path: Path, line: int, problem: str, fix: str) -> RuleError:
    return RuleError(f"{path}:{line}: {problem}", fix=fix)


def _suffix_rule(path: Path, line: int, raw: str) -> SuffixRule:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _fail(path, line, f"not valid JSON ({exc.msg})", "write one JSON object per line") from None
    if not isinstance(obj, dict) or not {"suffix", "type"} <= obj.keys():
        raise _fail(path, line, "needs the keys 'suffix' and 'type'", 'e.g. {"suffix": "有限公司", "type": "Company"}')
    unknown = obj.keys() - _SUFFIX_KEYS
    if unknown:
        raise _fail(path, line, f"unknown keys {sorted(unknown)}", f"use only {sorted(_SUFFIX_KEYS)}")
    if obj["type"] not in ENTITY_TYPES:
        raise _fail(path, line, f"type {obj['type']!r} is not an entity type", f"use one of {', '.join(ENTITY_TYPES)}")
    if not isinstance(obj["suffix"], str) or not _SUFFIX.match(obj["suffix"]):
        raise _fail(path, line, f"suffix {obj['suffix']!r} is not a word", "use Chinese characters, letters or digits only")
    return SuffixRule(**obj)


def load_suffixes(path: Path) -> tuple[SuffixRule, ...]:
    """Parse a ``suffixes.jsonl`` file. Raises ``RuleError`` naming file and line."""
    rules, seen = [], set()
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rule = _suffix_rule(path, line, raw)
        if rule.suffix in seen:
            raise _fail(path, line, f"suffix {rule.suffix!r} is listed twice", "keep one line per suffix")
        seen.add(rule.suffix)
        rules.append(rule)
    return tuple(sorted(rules, key=lambda r: -len(r.suffix)))


def load_word_list(path: Path) -> frozenset[str]:
    """Parse a word list (one entry per line, ``#`` comments). Raises ``RuleError``."""
    words: set[str] = set()
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = raw.split("#", 1)[0].strip()
        if not word:
            continue
        if not _WORD.match(word):
            raise _fail(path, line, f"{word!r} is not a single word", "one word per line, no spaces or punctuation")
        words.add(word)
    return frozenset(words)


@lru_cache(maxsize=4)
def load_lexicon(rules_dir: Path = RULES_DIR) -> Lexicon:
    """Load every rule file of ``rules_dir``. Raises ``RuleError`` for missing or bad files."""
    suffix_file = rules_dir / "suffixes.jsonl"
    if not suffix_file.is_file():
        raise RuleError(f"{suffix_file}: missing", fix="restore kg/rules/suffixes.jsonl")
    lists = {}
    for name in LIST_NAMES:
        path = rules_dir / "lists" / f"{name}.txt"
        if not path.is_file():
            raise RuleError(f"{path}: missing word list", fix=f"restore kg/rules/lists/{name}.txt")
        lists[name] = load_word_list(path)
    return Lexicon(suffixes=load_suffixes(suffix_file), lists=lists)
