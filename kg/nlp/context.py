"""``RuleContext``: compiled rule data shared by every recogniser (built once, cached)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

from kg.nlp.gazetteer import ABROAD_FILES, PLACE_FILES, Gazetteer, place_gazetteer
from kg.nlp.lexicon import Lexicon, SuffixRule, load_lexicon
from kg.nlp.textutil import CJK, words_regex
from kg.settings import DATA_DIR, RULES_DIR

NUMBER_RE = re.compile(
    r"第[0-9一二三四五六七八九十百]+(?!方)[届次期批个家项名轮]?"
    r"|[一二三四五六七八九十百千万亿]+级"
    r"|[一二两三四五六七八九十几]大(?=[\u4e00-\u9fff])"
    r"|(?:[0-9.%]+|[一二三四五六七八九十百千万亿两几多]+(?=[个家项座栋名位批台套辆件只片条张幢颗款种类支枚]))"
    r"(?:年度|年底|年初|年|月份|月|日|号|个|家|项|座|栋|名|位|批|期|台|辆|件|只|条|张|幢|亿元|万元|亿|万|元|%)?")
# Units after a number that make it part of a product or capacity (年产3000万套…, 12英寸…).
SPEC_UNIT_RE = re.compile(r"(?:万|千|亿)?(?:套|台|吨|片|辆|件|只|英寸|寸|瓦|千瓦|兆瓦|吉瓦|GWh|MWh|MW|GW|KW|kW|平方米|万平方米|头|株|颗|张|条"
                          r"|支|瓶|盒|粒|袋|箱|块|根|枚|卷|桶|双|米)")


PLACING_ENDS = frozenset("在到于给向往至")
"""A verb ending in one of these (放在, 来到) places the name after it: it never modifies a suffix."""
COPULAS = frozenset({"成为", "作为", "称为", "成了", "变成"})
"""Nor does a copula (将成为集团…)."""


@dataclass(frozen=True)
class RuleContext:
    """Compiled regexes and word sets for the recognisers."""

    lex: Lexicon
    places: Gazetteer                  # Chinese divisions and countries: also used to read names
    all_places: Gazetteer              # those and foreign cities (found as places on their own only)
    suffix_re: re.Pattern[str]
    suffix_rules: dict[str, SuffixRule]
    stops: ahocorasick_rs.AhoCorasick  # stop words and shielding nouns, leftmost-longest
    stop_words: list[bool]             # per pattern of ``stops``: is it a stop word?
    shields: frozenset[str]            # the shielding nouns
    generic_re: re.Pattern[str]     # generic words, longest first
    title_re: re.Pattern[str]
    intro_re: re.Pattern[str]          # words other than titles that introduce a name (同事)
    title_end_re: re.Pattern[str]      # a title ending at the end of the searched range
    suffix_end_re: re.Pattern[str]     # a name suffix ending at the end of the searched range
    after_re: re.Pattern[str]       # words after a person name (anchored use)
    industry_any_re: re.Pattern[str]   # brand-head industry words anywhere (longest first)
    brand_prefix_re: re.Pattern[str]   # 2-4 characters + an industry word at the start (某某智控…)
    surnames1: frozenset[str]
    surnames2: frozenset[str]
    rare_surnames: frozenset[str]      # accepted only where context says a name follows
    memo: dict = field(default_factory=dict, compare=False, hash=False)  # leftover() results

    def words(self, name: str) -> frozenset[str]:
        """A word list of the lexicon."""
        return self.lex.words(name)

    def last_stop_end(self, text: str, start: int, end: int, *, skip_adjacent: bool = False) -> int:
        """End of the last stop word inside ``text[start:end]`` (``start`` when none).

        With ``skip_adjacent`` a stop word that ends right at ``end`` is taken as part of the
        name (某某控股集团, 某某投资合伙企业): a verb right before a suffix is its modifier."""
        found = self.stops.find_matches_as_indexes(text[start:end])
        size = end - start
        for i, s, e in reversed(found):               # in text order: the last one first
            if self.stop_words[i] and not (skip_adjacent and e == size and e - s >= 2
                                           and text[start + e - 1] not in PLACING_ENDS
                                           and text[start + s:start + e] not in COPULAS):
                if not (e - s >= 2 and self.read_across(text, start + e)):
                    return start + e
                if text[start + s:start + e - 1] in self.words("left_stop"):
                    return start + e - 1              # 从|中南大学: 从中 read across, 从 is a stop itself
        return start

    def read_across(self, text: str, pos: int) -> bool:
        """Whether a stop word ending at ``pos`` was read across a word boundary: its last
        character starts a shielding noun of 2–3 characters and no word starts at ``pos``
        (某盛|传动减速器: 盛传 is no verb here; 其中|国家级 keeps its stop word)."""
        if text[pos - 1:pos + 1] not in self.shields and text[pos - 1:pos + 2] not in self.shields:
            return False
        return not any(s == 0 and e >= 2 for _, s, e in self.stops.find_matches_as_indexes(text[pos:pos + 6]))

    def stops_inside(self, text: str, *, min_len: int = 1) -> bool:
        """Whether ``text`` contains a stop word of ``min_len`` or more characters (as found by
        leftmost-longest matching)."""
        return any(self.stop_words[i] and e - s >= min_len for i, s, e in self.stops.find_matches_as_indexes(text))

    def is_surname_start(self, name: str, *, rare_ok: bool = False) -> bool:
        """Whether ``name`` starts with a family name (compound ones included; the rare
        ones that are also common word starts only with ``rare_ok``)."""
        return name[:2] in self.surnames2 or name[:1] in self.surnames1 or (
            rare_ok and (name[:1] in self.rare_surnames or name[:2] in self.rare_surnames))

    def surname_size(self, name: str, *, rare_ok: bool = False) -> int:
        """Characters of the family name ``name`` starts with (2 for compound and Japanese ones)."""
        return 2 if name[:2] in self.surnames2 or (rare_ok and name[:2] in self.rare_surnames) else 1

    def title_ends_at(self, text: str, pos: int) -> bool:
        """Whether a title ends right at ``pos``."""
        return bool(self.title_end_re.search(text, max(0, pos - 8), pos))

    def country_before(self, text: str, pos: int, reach: int = 6) -> int | None:
        """Start of a country name that ends right at ``pos`` (德国|某某), or ``None``."""
        lo = max(0, pos - reach)
        return next((lo + s for entry, s, e in self.places.find(text[lo:pos])
                     if entry.level == "country" and lo + e == pos), None)

    def stop_at(self, text: str, pos: int) -> bool:
        """Whether a stop word (verb, function word …) starts at ``pos``."""
        found = self.stops.find_matches_as_indexes(text[pos:pos + 6])
        return any(s == 0 and self.stop_words[i] for i, s, _ in found)


def _build(lex: Lexicon, places: Gazetteer, all_places: Gazetteer) -> RuleContext:
    surnames = lex.words("surnames")
    stops = lex.words("left_stop") | lex.words("verbs")
    # words that hide a verb inside them; name suffixes too (某某未来科技城管委会: 未来 is no time word there)
    # full place names too (奉化区经信局: 奉化 is no verb there)
    full_places = frozenset(name for name, entry in places.entries.items() if name == entry.canonical and len(name) >= 3)
    shields = lex.words("nouns") | lex.words("industry_nouns") | (
        (frozenset(r.suffix for r in lex.suffixes) | lex.words("industry") | full_places) - stops)   # 云计算 hides 计算
    stop_patterns = sorted(stops | shields)
    return RuleContext(
        lex=lex,
        places=places,
        all_places=all_places,
        suffix_re=words_regex({r.suffix for r in lex.suffixes}),
        suffix_rules={r.suffix: r for r in lex.suffixes},
        stops=ahocorasick_rs.AhoCorasick(stop_patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest),
        stop_words=[w in stops and w not in lex.words("industry_nouns") for w in stop_patterns],  # a shield wins
        shields=frozenset(shields - stops) | lex.words("industry_nouns"),
        generic_re=words_regex({w for w in lex.words("generic") | lex.words("industry") if len(w) > 1}),
        title_re=words_regex(lex.words("titles")),
        intro_re=words_regex(lex.words("person_before")),
        title_end_re=re.compile(f"(?:{words_regex(lex.words('titles')).pattern})$"),
        suffix_end_re=re.compile(f"(?:{words_regex({r.suffix for r in lex.suffixes}).pattern})$"),
        after_re=words_regex(lex.words("person_after")),
        industry_any_re=words_regex(lex.words("brand_heads")),
        brand_prefix_re=re.compile(f"^([{CJK}]{{2,4}}?)({words_regex(lex.words('industry')).pattern})"),
        surnames1=frozenset(s for s in surnames if len(s) == 1),
        surnames2=frozenset(s for s in surnames if len(s) == 2),
        rare_surnames=lex.words("surnames_rare"),
    )


@lru_cache(maxsize=4)
def rule_context(rules_dir: Path = RULES_DIR, data_dir: Path = DATA_DIR) -> RuleContext:
    """The cached context for a rules folder and a data folder."""
    lex = load_lexicon(rules_dir)
    exclude = lex.words("not_place")
    return _build(lex, place_gazetteer(data_dir, exclude),
                  place_gazetteer(data_dir, exclude, PLACE_FILES + ABROAD_FILES))
