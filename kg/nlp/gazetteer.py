"""Gazetteers: the place list (kg/data/places.tsv) and user-editable name lists (JSONL).

User gazetteer format, one JSON object per line (``#`` lines are comments)::

    {"name": "某某科技股份有限公司", "type": "Company", "aliases": ["某某科技"]}

``type`` is one of Park, Company, Organization, Project, Person, Place.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

from kg.errors import RuleError
from kg.records import ENTITY_TYPES
from kg.settings import DATA_DIR

HOME_CODE = "33"
"""Division code prefix of 浙江, the province the articles are about: its districts and counties
are found by their short forms too (滨江, 柯桥); elsewhere only cities are (昆山, 合肥), since
short forms of far-away counties are mostly common words or name parts (新建, 方正, 江口)."""
PLACE_FILES = ("places.tsv", "places_extra.tsv", "countries.tsv")
ABROAD_FILES = ("world_cities.tsv",)
"""Foreign cities: found as places on their own, never used to read names (米兰 in 米兰特)."""
_LEVELS = {"country", "province", "city", "county", "township"}


@dataclass(frozen=True)
class Entry:
    """One gazetteer name: the canonical name, its type and where it came from."""

    name: str
    type: str
    canonical: str
    source: str
    level: str = ""
    parent: str = ""      # places: the division above (杭州市 for 滨江区)


@dataclass
class Gazetteer:
    """Names → entries, with an Aho-Corasick matcher built on demand."""

    entries: dict[str, Entry] = field(default_factory=dict)
    _matcher: object | None = None
    _keys: list[str] = field(default_factory=list)
    _short: dict[str, list] = field(default_factory=dict)   # results for short strings
    _entry_list: list[Entry] = field(default_factory=list)   # entries in matcher order

    def add(self, entry: Entry) -> None:
        """Add a name; the first entry of a name wins (curated files load first)."""
        if len(entry.name) >= 2 and entry.name not in self.entries:
            self.entries[entry.name] = entry
            self._matcher = None
            self._short.clear()

    def find(self, text: str) -> list[tuple[Entry, int, int]]:
        """Leftmost-longest matches of every name in ``text`` as (entry, start, end).

        Results for short strings (name prefixes, asked again and again) are remembered."""
        if len(text) > 24:
            return self._find(text)
        found = self._short.get(text)
        if found is None:
            if len(self._short) > 100_000:
                self._short.clear()
            found = self._short[text] = self._find(text)
        return found

    def _find(self, text: str) -> list[tuple[Entry, int, int]]:
        if not self.entries:
            return []
        if self._matcher is None:
            self._keys = list(self.entries)
            self._entry_list = [self.entries[k] for k in self._keys]
            self._matcher = ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        entries = self._entry_list
        return [(entries[i], s, e) for i, s, e in self._matcher.find_matches_as_indexes(text)]  # type: ignore[attr-defined]


def _place_rows(path: Path):
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("name\t"):
            continue
        cols = raw.split("\t")
        if len(cols) < 4 or cols[1] not in _LEVELS:
            raise RuleError(f"{path}:{line}: expected name, level, parent, short[, code] separated by tabs",
                            fix="see kg/data/README.md for the format")
        yield cols


def _add_places(gaz: Gazetteer, path: Path, exclude: frozenset[str]) -> None:
    for name, level, parent, short, *rest in _place_rows(path):
        codes = [c for c in rest[:2] if c.strip()]     # own code, else the parent's
        home = not codes or codes[0].startswith(HOME_CODE)
        if level == "county" and not home and len(name) == 2 and name.endswith("区"):
            continue                  # 东区, 城区, 郊区 outside 浙江: read as common words
        gaz.add(Entry(name, "Place", name, path.name, level, parent))
        if short and level != "township" and short not in exclude and (home or level != "county" or name.endswith("市")):
            gaz.add(Entry(short, "Place", name, path.name, level, parent))
        if home and level == "county" and len(short) == 2 and name[-1] in "区市" and short + "县" not in gaz.entries:
            gaz.add(Entry(short + "县", "Place", name, path.name, level, parent))   # 富阳县: the county it was


@lru_cache(maxsize=4)
def place_gazetteer(data_dir: Path = DATA_DIR, exclude: frozenset[str] = frozenset(),
                    files: tuple[str, ...] = PLACE_FILES) -> Gazetteer:
    """Every administrative division (or the places of ``files``): full names, and short
    forms above township level except those in ``exclude`` (common words such as 东方)."""
    gaz = Gazetteer()
    for name in files:
        if (data_dir / name).is_file():
            _add_places(gaz, data_dir / name, exclude)
    return gaz


def _user_entry(path: Path, line: int, raw: str) -> dict:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RuleError(f"{path}:{line}: not valid JSON ({exc.msg})", fix="one JSON object per line") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or obj.get("type") not in ENTITY_TYPES:
        raise RuleError(f"{path}:{line}: needs 'name' (text) and 'type' ({', '.join(ENTITY_TYPES)})",
                        fix='e.g. {"name": "某某科技有限公司", "type": "Company", "aliases": ["某某科技"]}')
    aliases = obj.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RuleError(f"{path}:{line}: 'aliases' must be a list of names", fix='e.g. "aliases": ["某某"]')
    return obj


def load_user_gazetteer(path: Path, gaz: Gazetteer | None = None) -> Gazetteer:
    """Add the entries of a user gazetteer file. Raises ``RuleError`` naming file and line."""
    gaz = gaz if gaz is not None else Gazetteer()
    if not path.is_file():
        raise RuleError(f"{path}: gazetteer file not found", fix="check the --gazetteer path")
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        obj = _user_entry(path, line, raw)
        for name in [obj["name"], *obj.get("aliases", [])]:
            gaz.add(Entry(name.strip(), obj["type"], obj["name"].strip(), path.name))
    return gaz
