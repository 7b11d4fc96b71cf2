#!/usr/bin/env python3
"""A large synthetic corpus of park news, deterministic for a seed.

Sentences of the seed articles (``seeds/*.txt``) are recombined in runs of a few sentences
(so that local context, datelines and paragraphs survive); every company, park, person and
project name the extractor finds in the seeds is replaced by a synthesised one, built from
generic parts: place prefixes from ``kg/data/places.tsv``, brand syllables, industry words, legal
suffixes (股份有限公司, 科技有限公司 …), park suffixes (产业园, 小镇, 高新区 …), surnames and given
names. Each article has a cast drawn from finite pools, so names recur across articles (as in a
real corpus) and the same seed entity keeps one name within an article; short forms (大创 for
大创小镇, 立昂微 for the company) become the short form of the synthesised name.

    python benchmarks/corpus.py --articles 10000 --out /tmp/park-corpus

The folder gets ``corpus.json`` (parameters, counts); a folder whose ``corpus.json`` matches the
parameters is reused as it is.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PLACES = ROOT / "kg" / "data" / "places.tsv"
VERSION = 1                    # bump when the generator changes: old folders are regenerated
MANIFEST = "corpus.json"
PER_FOLDER = 1000              # articles per sub-folder
LENGTH = (1400, 3600)          # article length in characters (uniform): mean 2,500
RUN = (3, 9)                   # seed sentences taken in a row
NAMED_TYPES = ("Company", "Park", "Person", "Project")

SYLLABLES = ("安宝博辰达鼎帆丰港瀚禾恒泓华汇佳嘉金锦景骏凯康朗立联林隆茂铭诺鹏启千瑞盛晟舜泰通拓万维"
             "伟翔欣新信星旭雅耀业益永裕远悦云泽兆臻正之智中卓航睿芯微创科源峰昊璟澜曜岳")
INDUSTRIES = ("科技", "电子", "新材料", "智能", "生物", "医药", "机械", "能源", "半导体", "光电", "汽车部件",
              "环保", "信息技术", "精密", "化工", "数字", "装备", "医疗器械", "储能", "软件")
LEGAL = ("股份有限公司", "有限公司", "科技有限公司", "集团有限公司", "集团股份有限公司")
PARK_THEMES = ("智造", "数字", "生命健康", "新能源", "芯谷", "未来", "科创", "临港", "湾区", "创新")
PARK_SUFFIXES = ("产业园", "小镇", "高新区", "经济技术开发区", "科技城", "工业园区", "智造园", "产业园区")
PRODUCTS = (("万吨", "新能源材料"), ("万台", "智能终端"), ("万片", "集成电路硅片"), ("GWh", "动力电池"),
            ("万套", "汽车零部件"), ("万件", "高端医疗器械"), ("万平方米", "光伏组件"), ("万吨", "生物基材料"))
PROJECT_ENDS = ("项目", "生产基地项目", "产业化项目", "智能制造项目", "技改项目")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志文斌宁欣怡浩然子轩梓涵雨晨俊杰思远嘉琪"


@dataclass(frozen=True)
class Name:
    """A synthesised name: ``full`` (the label), ``short`` (大创, 立昂微) and ``long`` (杭州大创小镇)."""

    full: str
    short: str
    long: str


@dataclass(frozen=True)
class Slot:
    """A name in a seed sentence: which seed entity, of which type, in which form."""

    type: str
    key: tuple[int, int]       # (seed index, entity index)
    form: str                  # full | short | long


Template = tuple[str | Slot, ...]


# ---------------------------------------------------------------- names
def place_prefixes(path: Path = PLACES) -> list[str]:
    """Short names of cities and counties (杭州, 余杭 …) from the place gazetteer."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return sorted({r[3] for r in rows[1:] if len(r) > 3 and r[1] in ("city", "county") and len(r[3]) >= 2})


def brand(rng: random.Random) -> str:
    """Two (sometimes three) brand syllables: 瑞泰, 鼎芯源."""
    return "".join(rng.choice(SYLLABLES) for _ in range(3 if rng.random() < 0.2 else 2))


def company(rng: random.Random, places: list[str]) -> Name:
    """杭州瑞泰新材料股份有限公司 / 瑞泰新材料 / 瑞泰."""
    place, mark, industry, legal = rng.choice(places), brand(rng), rng.choice(INDUSTRIES), rng.choice(LEGAL)
    middle = "" if legal.startswith(industry) else industry
    return Name(full=f"{place}{mark}{middle}{legal}", short=mark + industry[:2], long=f"{place}{mark}{middle}{legal}")


def park(rng: random.Random, places: list[str]) -> Name:
    """瑞泰智造小镇 (label) / 瑞泰 (short) / 嘉兴瑞泰智造小镇 (long)."""
    place, mark = rng.choice(places), brand(rng)
    full = f"{mark}{rng.choice(PARK_THEMES) if rng.random() < 0.5 else ''}{rng.choice(PARK_SUFFIXES)}"
    return Name(full=full, short=mark, long=place + full)


def person(rng: random.Random) -> Name:
    """Surname and a one- or two-character given name."""
    given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
    full = rng.choice(SURNAMES) + given
    return Name(full=full, short=full, long=full)


def project(rng: random.Random, places: list[str]) -> Name:
    """瑞泰年产12万吨新能源材料项目 or 嘉兴鼎芯动力电池生产基地项目."""
    unit, product = rng.choice(PRODUCTS)
    owner = brand(rng) if rng.random() < 0.7 else rng.choice(places)
    size = f"年产{rng.randint(2, 80)}{unit}" if rng.random() < 0.6 else ""
    full = f"{owner}{size}{product}{rng.choice(PROJECT_ENDS)}"
    return Name(full=full, short=full, long=full)


def name_pools(rng: random.Random, articles: int) -> dict[str, list[Name]]:
    """Finite pools of names per type: companies recur in a few articles each, parks in many."""
    places = place_prefixes()
    sizes = {"Company": max(60, articles // 2), "Park": max(12, articles // 40),
             "Person": max(60, articles // 2), "Project": max(40, articles // 2)}
    makers = {"Company": lambda: company(rng, places), "Park": lambda: park(rng, places),
              "Person": lambda: person(rng), "Project": lambda: project(rng, places)}
    return {t: [makers[t]() for _ in range(n)] for t, n in sizes.items()}


# ---------------------------------------------------------------- seed templates
def seed_units(text: str) -> list[str]:
    """Sentences and lines of ``text`` with their end marks and line breaks (they join back)."""
    return re.findall(r"[^。！？\n]*(?:[。！？]+|\n+|$)", text)


def _form(text: str, label: str) -> str:
    """Which form of its entity's name a surface text is."""
    return "full" if text == label else "short" if len(text) < len(label) else "long"


def seed_forms() -> list[dict[str, Slot]]:
    """For each seed article: surface text → slot, for every named entity the extractor finds."""
    import warnings

    from kg.pipeline import extract_paths

    warnings.simplefilter("ignore")
    out = []
    for s, ex in enumerate(extract_paths(sorted(SEEDS.glob("*.txt"))).extractions):
        forms: dict[str, Slot] = {}
        for e_index, entity in enumerate(ex.entities):
            if entity.type in NAMED_TYPES:
                for text in {m.text for m in entity.mentions} | {entity.label}:
                    if len(text) >= 2:
                        forms.setdefault(text, Slot(entity.type, (s, e_index), _form(text, entity.label)))
        out.append(forms)
    return out


def template(unit: str, forms: dict[str, Slot], pattern: re.Pattern[str] | None) -> Template:
    """``unit`` cut into literal text and slots (longest surface forms first)."""
    if pattern is None:
        return (unit,)
    pieces: list[str | Slot] = []
    last = 0
    for match in pattern.finditer(unit):
        pieces += [unit[last:match.start()], forms[match.group()]]
        last = match.end()
    pieces.append(unit[last:])
    return tuple(p for p in pieces if p != "")


def seed_templates() -> list[list[Template]]:
    """The seed articles as lists of sentence templates (raw files, as a reader would see them)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out = []
    for text, forms in zip(texts, seed_forms()):
        names = sorted(forms, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, names))) if names else None
        out.append([template(u, forms, pattern) for u in seed_units(text) if u])
    return out


# ---------------------------------------------------------------- articles
class Cast:
    """The names of one article: each seed entity gets one name of its type, on first sight."""

    def __init__(self, rng: random.Random, pools: dict[str, list[Name]]) -> None:
        counts = {"Company": rng.randint(4, 10), "Park": rng.randint(1, 2), "Person": rng.randint(2, 6),
                  "Project": rng.randint(1, 4)}
        self.names = {t: rng.sample(pools[t], min(n, len(pools[t]))) for t, n in counts.items()}
        self.given: dict[tuple[int, int], Name] = {}
        self.used = {t: 0 for t in counts}

    def fill(self, slot: Slot) -> str:
        """The text of ``slot`` in this article."""
        name = self.given.get(slot.key)
        if name is None:
            names = self.names[slot.type]
            name = self.given[slot.key] = names[self.used[slot.type] % len(names)]
            self.used[slot.type] += 1
        return getattr(name, slot.form)


def render(parts: Template, cast: Cast) -> str:
    """One sentence template with the article's names."""
    return "".join(p if isinstance(p, str) else cast.fill(p) for p in parts)


def headline(templates: list[list[Template]], rng: random.Random, cast: Cast) -> str:
    """A title: the first line of a random seed, with the article's names."""
    return render(rng.choice(templates)[1] if rng.random() < 0.5 else rng.choice(templates)[0], cast).strip()


def article(templates: list[list[Template]], pools: dict[str, list[Name]], rng: random.Random) -> str:
    """One article: a headline, then runs of seed sentences up to a random length."""
    cast, target = Cast(rng, pools), rng.randint(*LENGTH)
    parts = [headline(templates, rng, cast), "\n\n"]
    size = len(parts[0])
    while size < target:
        units = rng.choice(templates)
        start = rng.randrange(len(units))
        for unit in units[start:start + rng.randint(*RUN)]:
            text = render(unit, cast)
            parts.append(text)
            size += len(text)
    return "".join(parts).rstrip() + "\n"


def article_path(out: Path, index: int) -> Path:
    """``out/part003/a03417.txt``: at most ``PER_FOLDER`` files per folder."""
    return out / f"part{index // PER_FOLDER:03d}" / f"a{index:05d}.txt"


def _manifest_matches(out: Path, articles: int, seed: int) -> dict | None:
    """The manifest of ``out`` if it was made with these parameters, else None."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = (manifest.get("version"), manifest.get("articles"), manifest.get("seed")) == (VERSION, articles, seed)
    return manifest if same else None


def write_corpus(out: Path, *, articles: int, seed: int = 7) -> dict:
    """Write ``articles`` articles under ``out`` (or reuse a matching folder); the manifest.

    Keys: ``version``, ``articles``, ``seed``, ``chars``, ``bytes``, ``seconds``, ``reused``.
    """
    found = _manifest_matches(out, articles, seed)
    if found is not None:
        return {**found, "reused": True}
    started = time.perf_counter()
    rng = random.Random(seed)
    templates, pools = seed_templates(), name_pools(rng, articles)
    chars = size = 0
    for i in range(articles):
        text = article(templates, pools, rng)
        path = article_path(out, i)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        chars, size = chars + len(text), size + len(data)
    manifest = {"version": VERSION, "articles": articles, "seed": seed, "chars": chars, "bytes": size,
                "seconds": round(time.perf_counter() - started, 2)}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return {**manifest, "reused": False}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000, help="number of articles (default 10000)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--out", required=True, help="folder to write (reused when it matches)")
    args = ap.parse_args()
    manifest = write_corpus(Path(args.out), articles=args.articles, seed=args.seed)
    print(json.dumps(manifest, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
