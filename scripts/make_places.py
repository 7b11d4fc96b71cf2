#!/usr/bin/env python
"""Regenerate ``kg/data/places.tsv`` -- the gazetteer of Chinese administrative divisions.

Source: the ``china_location`` dictionary shipped inside the PyPI package **jionlp**
(Apache-2.0).  It holds the National Bureau of Statistics division tree (province,
prefecture, county with 6-digit codes; township and village names without codes).
jionlp is needed only here, at generation time; park-kg never imports it.

The package is read as plain data (its zip members), never imported: importing jionlp
unzips its dictionaries into the install folder and pulls in unrelated dependencies.
Either point ``--wheel`` at a downloaded wheel (recommended, nothing to install)::

    pip download --no-deps jionlp==1.5.31 -d /tmp/jionlp
    python scripts/make_places.py --wheel /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

or install jionlp into the running interpreter and omit ``--wheel``.

Output (UTF-8, tab separated, ``#`` comment lines first, then a header row)::

    name  level  parent  short  code  parent_code

See ``kg/data/README.md`` for the semantics of every column.  The output only depends on
the source data and the options (no timestamps), so rerunning it is a no-op;
``--check`` verifies exactly that.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "kg" / "data" / "places.tsv"

PACKAGE = "jionlp"
PINNED_VERSION = "1.5.31"          # the version places.tsv was last generated from
LOCATION_MEMBER = "jionlp/dictionary/china_location.zip"
WORDS_MEMBER = "jionlp/dictionary/chinese_word_dictionary.zip"
FREQ_MEMBER = "jionlp/dictionary/word_distribution.zip"
WORLD_MEMBER = "jionlp/dictionary/world_location.txt"
JIEBA = "jieba"                    # second screen for common words (its dict.txt)
JIEBA_DICT_MEMBER = "jieba/dict.txt"
# jieba POS tags of proper nouns; a word jieba lists with any other tag (n, v, a, t, s,
# m, b ...) is a common word first: 骆驼, 状元, 春晓, 桥墩 ...
JIEBA_PROPER_TAGS = ("ns", "nr", "nz", "nt")

LEVELS = ("province", "city", "county", "township")
COLUMNS = ("name", "level", "parent", "short", "code", "parent_code")

# Placeholder nodes of the NBS tree that are not places themselves.
PLACEHOLDER_RE = re.compile(r"^(省|自治区|市|县)直辖(县级)?行政区划$")
# NBS "statistical" county-level units (codes xxxx7x): development zones, new areas,
# management committees.  They are not administrative divisions and in park-kg they
# are Parks, so they are left out of the place gazetteer; the townships NBS files
# under them are kept with the prefecture city as parent.
STAT_ZONE_CODE_RE = re.compile(r"^\d{4}7\d$")
# Township-level units we keep: 街道 / 镇 / 乡 (incl. 民族乡).  NBS also lists farms,
# forestry stations, industrial zones etc. at this level; those are left out.
TOWNSHIP_RE = re.compile(r"(街道|镇|乡)$")
TOWNSHIP_SHORT_BAD_END_RE = re.compile(r"(街道|镇|乡|族)$")
# Provinces whose sub-units are not NBS-coded (jionlp adds them by hand): the units
# are kept, their codes are not (and the Taiwan district lists are left out, see below).
NON_NBS_PROVINCES = {"710000", "810000", "820000"}
TAIWAN = "710000"

# Obvious typos in the source, fixed here so that regenerating keeps the fix.
# (province code, name) -> (right name, right aliases)
NAME_FIXES = {
    ("810000", "奎青区"): ("葵青区", ()),          # Hong Kong: Kwai Tsing
    ("710000", "苗粟县"): ("苗栗县", ("苗栗",)),   # Taiwan: Miaoli
    ("610000", "凤翔市"): ("凤翔区", ("凤翔",)),   # 凤翔县 became 凤翔区 in 2021, not a 市
}
# Units the source files under the wrong parent: (province code, unit name, wrong parent
# name) -> right parent name.  乔司街道 went to the new 临平区 in the 2021 Hangzhou
# re-division (public record, announced 2021-04-09); the source still has it under 余杭区.
PARENT_FIXES = {
    ("330000", "乔司街道", "余杭区"): "临平区",
}

# Shorts claimed by several units where usage is not in doubt: short -> code of the
# unit that keeps it (the others get none).  西安 is 西安市; jionlp also gives it to
# 辽源市西安区, which nobody calls 西安.
PREFERRED_SHORTS = {
    "西安": "610100",
}

# The 55 minority nationalities, to shorten 民族乡 names (雾溪畲族乡 -> 雾溪).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
ETHNIC_TOWNSHIP_RE = re.compile(
    "(?:" + "|".join(sorted((e + "族" for e in ETHNIC), key=len, reverse=True)) + ")+(乡|镇)$")
CJK_RE = re.compile(r"^[\u4e00-\u9fff]+$")
# A township short is refused when the word is this frequent in jionlp's general
# corpus word counts (前进, 光明, 新华, 大关, 中泰 ...): it is a common word first,
# or a much better known other thing.
COMMON_WORD_MIN_COUNT = 5_000


@dataclass
class Node:
    name: str
    level: str
    code: str = ""            # 6-digit adcode or ""
    aliases: tuple[str, ...] = ()
    province_code: str = ""
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)


# --------------------------------------------------------------------------- source

class Source:
    """The jionlp distribution, read as data from a wheel or from the installed copy."""

    def __init__(self, wheel: Path | None):
        if wheel is not None:
            self._zip = zipfile.ZipFile(wheel)
            meta = next(n for n in self._zip.namelist()
                        if n.endswith(".dist-info/METADATA"))
            self.version = _metadata_field(self._zip.read(meta).decode("utf-8"), "Version")
            self._files = None
        else:
            try:
                dist = metadata.distribution(PACKAGE)
            except metadata.PackageNotFoundError:
                sys.exit(f"{PACKAGE} is not installed here; pass --wheel (see --help)")
            self.version = dist.version
            self._zip = None
            self._files = {str(f): f for f in dist.files or ()}
            self._dist = dist

    def read(self, member: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(member)
        if member not in self._files:
            sys.exit(f"{member} is missing from the installed {PACKAGE}")
        return Path(self._dist.locate_file(self._files[member])).read_bytes()

    def read_zipped_text(self, member: str) -> tuple[str, str]:
        """Text of the single file inside a zip member, and the member's sha256."""
        raw = self.read(member)
        with zipfile.ZipFile(io.BytesIO(raw)) as inner:
            (name,) = inner.namelist()
            text = inner.read(name).decode("utf-8")
        return text, hashlib.sha256(raw).hexdigest()


def _metadata_field(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return line.split(":", 1)[1].strip()
    return ""


# --------------------------------------------------------------------------- parse

def parse_tree(text: str) -> list[Node]:
    """The jionlp file: one unit per line, depth = number of leading tabs.

    depth 0 province, 1 city, 2 county (``name<TAB>code<TAB>alias[/alias]``),
    3 township, 4 village (name only).  Villages are skipped.
    """
    provinces: list[Node] = []
    stack: list[Node | None] = [None, None, None]
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3:
            continue
        fields = line.strip("\t").split("\t")
        level = LEVELS[depth]
        parent = stack[depth - 1] if depth else None
        if depth and parent is None:   # child of a skipped node
            stack[depth] = None
            continue
        node = Node(name=fields[0], level=level)
        if len(fields) == 3:
            node.code = fields[1]
            node.aliases = tuple(a for a in fields[2].split("/") if a)
        node.province_code = node.code if depth == 0 else parent.province_code
        node.parent = parent
        if parent is None:
            provinces.append(node)
        else:
            parent.children.append(node)
        if depth < 3:
            stack[depth] = node
            for d in range(depth + 1, 3):
                stack[d] = None
    return provinces


def normalise(provinces: list[Node]) -> list[Node]:
    """Flatten the tree into clean units (see README for the rules)."""
    units: list[Node] = []

    def attach(node: Node, parent: Node | None) -> None:
        pc = node.province_code
        if (pc, node.name) in NAME_FIXES:
            node.name, node.aliases = NAME_FIXES[(pc, node.name)]
        # Placeholders and municipality/SAR duplicates: splice children into parent.
        if node.level == "city" and (PLACEHOLDER_RE.match(node.name) or
                                     (parent and node.code == parent.code)):
            for child in node.children:
                attach(child, parent)
            return
        if node.level == "county" and PLACEHOLDER_RE.match(node.name):
            for child in node.children:
                attach(child, parent)
            return
        if node.level == "township" and PLACEHOLDER_RE.match(node.name):
            return
        if node.level == "county" and STAT_ZONE_CODE_RE.match(node.code):
            for child in node.children:   # its 街道/镇 stay, filed under the city
                attach(child, parent)
            return
        if node.level == "township" and not TOWNSHIP_RE.search(node.name):
            return
        if pc == TAIWAN and node.level == "county" and not node.code:
            return                       # Taiwan district lists: uncoded and partly wrong
        if pc in NON_NBS_PROVINCES and node.level != "province":
            node.code = ""
            if pc != TAIWAN:
                node.aliases = ()        # HK / Macau aliases are unreliable (九龙城区 -> 九龙)
        if parent is not None and node.level == "township":
            fixed = PARENT_FIXES.get((pc, node.name, parent.name))
            if fixed:
                parent = next(s for s in parent.parent.children if s.name == fixed)
        node.parent = parent
        units.append(node)
        for child in node.children:
            attach(child, node)

    for province in provinces:
        attach(province, None)
    # A parent fix may point at a unit listed later; re-link children lists.
    for u in units:
        u.children = []
    for u in units:
        if u.parent is not None:
            u.parent.children.append(u)
    return units


# --------------------------------------------------------------------------- shorts

def township_stem(name: str) -> str:
    stem = ETHNIC_TOWNSHIP_RE.sub("", name)
    if stem == name:
        stem = TOWNSHIP_RE.sub("", name)
    return stem


@dataclass
class Screens:
    """Word lists that veto a short form."""

    dictionary_words: set[str]      # headwords of jionlp's chinese_word_dictionary
    word_counts: dict[str, int]     # jionlp word_distribution (corpus counts)
    foreign_places: set[str]        # countries / cities of jionlp's world_location
    jieba_common: set[str]          # jieba dict.txt words not tagged as proper nouns
    jieba_version: str

    def common_word(self, w: str) -> bool:
        return (w in self.dictionary_words or w in self.jieba_common
                or self.word_counts.get(w, 0) >= COMMON_WORD_MIN_COUNT)


def load_screens(source: Source) -> Screens:
    words_text, _ = source.read_zipped_text(WORDS_MEMBER)
    words = {line.split("\t", 1)[0] for line in words_text.splitlines() if line}
    freq_text, _ = source.read_zipped_text(FREQ_MEMBER)
    counts: dict[str, int] = {}
    for line in freq_text.splitlines():
        if line:
            w, c = json.loads(line)
            counts[w] = c
    foreign: set[str] = set()
    for line in source.read(WORLD_MEMBER).decode("utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or fields[0] == "中国":   # continent headers; China's own cities
            continue
        for f in fields:
            foreign.update(x for x in f.split("/") if x)
    try:
        jdist = metadata.distribution(JIEBA)
    except metadata.PackageNotFoundError:
        sys.exit("jieba is needed to screen common words: pip install jieba")
    jfile = next(f for f in jdist.files or () if str(f) == JIEBA_DICT_MEMBER)
    jieba_common: set[str] = set()
    for line in Path(jdist.locate_file(jfile)).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and not parts[2].startswith(JIEBA_PROPER_TAGS):
            jieba_common.add(parts[0])
    return Screens(words, counts, foreign, jieba_common, jdist.version)


def is_inside(u: Node, outer: Node) -> bool:
    p = u.parent
    while p is not None:
        if p is outer:
            return True
        p = p.parent
    return False


def assign_shorts(units: list[Node], screens: Screens) -> dict[int, str]:
    """short per unit (by id); only unambiguous forms survive."""
    upper = [u for u in units if u.level != "township"]
    towns = [u for u in units if u.level == "township"]

    # Province / city / county: the first of jionlp's curated aliases (alias == name
    # means "none") that is not the name of another unit, not a foreign country or
    # city, and not an alias of any other unit -- except of units inside this one: the
    # enclosing unit keeps its usual short (长沙 is 长沙市, not its 长沙县).
    claimants: dict[str, list[Node]] = {}
    for u in upper:
        for a in set(u.aliases):
            claimants.setdefault(a, []).append(u)
    names = Counter(u.name for u in upper)
    shorts: dict[int, str] = {}
    for u in upper:
        for a in u.aliases:
            if a in PREFERRED_SHORTS:
                ok = PREFERRED_SHORTS[a] == u.code
            else:
                ok = all(o is u or is_inside(o, u) for o in claimants[a])
            if (ok and a != u.name and len(a) >= 2 and CJK_RE.match(a) and names[a] == 0
                    and a not in screens.foreign_places):
                shorts[id(u)] = a
                break

    # Township: the name minus 街道/镇/乡 (and a nationality before 乡/镇).  Kept only
    # when unique among the stems of all townships of China, not the name or candidate
    # short of any unit, not a foreign place and not a common word.
    taken = {u.name for u in units} | set(claimants)
    stems = {id(u): township_stem(u.name) for u in towns}
    stem_counts = Counter(stems.values())
    for u in towns:
        s = stems[id(u)]
        if (len(s) >= 2 and s != u.name and CJK_RE.match(s) and stem_counts[s] == 1
                and not TOWNSHIP_SHORT_BAD_END_RE.search(s) and s not in taken
                and s not in screens.foreign_places and not screens.common_word(s)):
            shorts[id(u)] = s
    return shorts


# --------------------------------------------------------------------------- output

def ordered(units: list[Node]) -> list[Node]:
    """Depth first, siblings by code then name (stable, source-order independent)."""
    out: list[Node] = []

    def key(u: Node) -> tuple[str, str]:
        return (u.code or "~", u.name)

    def walk(u: Node) -> None:
        out.append(u)
        for c in sorted(u.children, key=key):
            walk(c)

    for p in sorted((u for u in units if u.parent is None), key=key):
        walk(p)
    return out


def render(source: Source, loc_sha: str, units: list[Node], shorts: dict[int, str],
           township_scope: str, vintage: str, jieba_version: str) -> str:
    counts = Counter(u.level for u in units)
    scope_txt = {"zhejiang": "浙江省 only", "all": "all provinces", "none": "none"}[township_scope]
    regen_opt = "" if township_scope == "zhejiang" else f" --townships {township_scope}"
    head = [
        "# park-kg place gazetteer: administrative divisions of China",
        "# levels: province, city (prefecture), county (county-level); township (街道/镇/乡): "
        + scope_txt,
        f"# source: PyPI package {PACKAGE} {source.version} "
        "(https://github.com/dongrixinyu/JioNLP), member "
        f"{LOCATION_MEMBER} sha256={loc_sha}",
        f"# source licence: Apache-2.0 ({PACKAGE}); the data is the official division "
        "coding of the National Bureau of Statistics of China (统计用区划代码和城乡划分代码)",
        f"# data vintage: {vintage}",
        "# shorts: jionlp's curated aliases (province/city/county) or the name stem "
        "(township), dropped when ambiguous; township shorts are also dropped for common "
        "words (jionlp chinese_word_dictionary + word_distribution, "
        f"{JIEBA} {jieba_version} dict.txt) and foreign places (jionlp world_location)",
        "# changes to the source data: see scripts/make_places.py (NAME_FIXES, PARENT_FIXES, "
        "exclusion rules) and kg/data/README.md",
        f"# regenerate: pip download --no-deps {PACKAGE}=={source.version} -d /tmp/jionlp && "
        f"python scripts/make_places.py --wheel /tmp/jionlp/{PACKAGE}-{source.version}"
        f"-py2.py3-none-any.whl{regen_opt}",
        "# rows: " + ", ".join(f"{lvl} {counts[lvl]}" for lvl in LEVELS),
        "\t".join(COLUMNS),
    ]
    body = []
    for u in ordered(units):
        p = u.parent
        body.append("\t".join((u.name, u.level, p.name if p else "", shorts.get(id(u), ""),
                               u.code, nearest_code(p))))
    return "\n".join(head + body) + "\n"


def nearest_code(u: Node | None) -> str:
    """The parent's code ("" for provinces and for uncoded parents)."""
    return u.code if u is not None else ""


# --------------------------------------------------------------------------- main

def vintage_note(loc_sha: str) -> str:
    return KNOWN_VINTAGE.get(
        loc_sha, "unverified for this source file (not documented by jionlp); "
                 "see README.md on how to date it")


# What we know about the data inside known source files, keyed by the sha256 of
# china_location.zip.  jionlp does not document the vintage; it was inferred from
# changes the data does / does not contain.  For an unknown file the header says the
# vintage is unverified -- date it (README.md explains how) and add an entry here.
KNOWN_VINTAGE: dict[str, str] = {
    # jionlp 1.5.31
    "a7a95708831c40e088130c9425c2d3d1058764017680929b8eaa06745d9d8c71":
        "not stated by jionlp; inferred: NBS codes of about 2019-2020 with names patched "
        "by jionlp up to the 2021 changes (has 临平区/钱塘区 of 2021-04, lacks 错那市/米林市 "
        "of 2023-04); units renamed 2020-2021 outside 浙江 may keep their old code "
        "(e.g. 横州市 450127) -- see README",
}


def build(source: Source, township_scope: str) -> str:
    text, loc_sha = source.read_zipped_text(LOCATION_MEMBER)
    units = normalise(parse_tree(text))
    screens = load_screens(source)
    # Shorts are decided over all townships of China (more conservative), then the
    # township scope is applied.
    shorts = assign_shorts(units, screens)
    if township_scope != "all":
        keep_prov = {"zhejiang": {"330000"}, "none": set()}[township_scope]
        units = [u for u in units if u.level != "township" or u.province_code in keep_prov]
        keep = {id(u) for u in units}
        for u in units:
            u.children = [c for c in u.children if id(c) in keep]
    return render(source, loc_sha, units, shorts, township_scope, vintage_note(loc_sha),
                  screens.jieba_version)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path,
                    help="jionlp wheel file (pip download --no-deps jionlp==%s)" % PINNED_VERSION)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output TSV (%(default)s)")
    ap.add_argument("--townships", choices=("zhejiang", "all", "none"), default="zhejiang",
                    help="which provinces get township rows (default: zhejiang)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if --out differs from what would be written")
    args = ap.parse_args(argv)

    source = Source(args.wheel)
    if source.version != PINNED_VERSION:
        print(f"note: {PACKAGE} {source.version} differs from the pinned {PINNED_VERSION}; "
              "review the diff and update PINNED_VERSION / KNOWN_VINTAGE", file=sys.stderr)
    out = build(source, args.townships)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != out:
            print(f"{args.out} is out of date", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(out, encoding="utf-8", newline="\n")
    n = out.count("\n") - sum(1 for line in out.splitlines() if line.startswith("#")) - 1
    print(f"wrote {args.out} ({n} rows, {len(out.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
