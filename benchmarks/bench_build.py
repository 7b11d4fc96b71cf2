#!/usr/bin/env python3
"""Time `kg build` on the seeds and on a generated corpus (seeds repeated with varied names).

    python benchmarks/bench_build.py                 # seeds + ~10 MB corpus
    python benchmarks/bench_build.py --mb 2          # a smaller corpus

Prints chars/s of the whole build (ingest → store), of extraction alone (ingest → relations,
two linking passes), of ingest → linked entities (one pass, the NER speed target), peak memory
(RSS) and the store's size on disk. Each measurement runs in a fresh process.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# Syllables for invented names: the generated corpus varies every company / park name.
SYLLABLES = "安宝博辰达鼎帆丰港瀚禾恒泓华汇佳嘉金锦景骏凯康朗立联林隆茂铭诺鹏启千瑞盛晟舜泰通拓万维伟翔欣新信星旭雅耀业益永裕远悦云泽兆臻正之智中卓"


def corpus(target_bytes: int, out: Path) -> tuple[int, int]:
    """Write seed articles repeatedly, with invented names swapped in; returns (files, chars)."""
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    files = chars = size = 0
    while size < target_bytes:
        text = texts[files % len(texts)]
        name = "".join(rng.choice(SYLLABLES) for _ in range(2))
        text = text.replace("大创", name).replace("可胜", name + "胜").replace("立昂微", name + "微")
        path = out / f"a{files:05d}.txt"
        path.write_text(text, encoding="utf-8")
        files, chars, size = files + 1, chars + len(text), size + len(text.encode("utf-8"))
    return files, chars


def run_fresh(code: str) -> dict:
    """Run ``code`` in a fresh Python process; its last output line is a JSON object."""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_build(paths: list[Path], store: Path) -> dict:
    code = (
        "import json,resource,sys,time\n"
        "from kg.pipeline import build\nfrom kg.settings import Settings\n"
        "t=time.perf_counter()\n"
        f"r=build({[str(p) for p in paths]!r}, settings=Settings(store=__import__('pathlib').Path({str(store)!r}), progress=False))\n"
        "print(json.dumps({'seconds': time.perf_counter()-t, 'docs': r.documents, 'chars': r.chars, 'quads': r.quads,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))\n")
    return run_fresh(code)


def run_extract(paths: list[Path]) -> dict:
    code = (
        "import json,time\nfrom kg.pipeline import read_inputs, extract_articles\n"
        f"arts,_=read_inputs({[str(p) for p in paths]!r})\n"
        "extract_articles(arts[:1])\n"
        "t=time.perf_counter(); exs=extract_articles(arts); s=time.perf_counter()-t\n"
        "print(json.dumps({'seconds': s, 'chars': sum(len(a.text) for a in arts)}))\n")
    return run_fresh(code)


def run_entities(paths: list[Path]) -> dict:
    """ingest → linked entities (the issue-3 speed target), one process, after warm-up."""
    code = (
        "import json,time\nfrom kg.pipeline import read_inputs\nfrom kg.nlp import analyse_many\n"
        "from kg.nlp.context import rule_context\nfrom kg.link import link_document\n"
        f"paths={[str(p) for p in paths]!r}\n"
        "ctx=rule_context(); list(analyse_many(['预热']))\n"
        "t=time.perf_counter(); arts,_=read_inputs(paths)\n"
        "for a,an in zip(arts, analyse_many(a.text for a in arts)): link_document(a.text, list(an.mentions), ctx)\n"
        "s=time.perf_counter()-t\n"
        "print(json.dumps({'seconds': s, 'chars': sum(len(a.text) for a in arts)}))\n")
    return run_fresh(code)


# Invented warm-up articles: a broken line (loads the word list) and an HTML page (loads the parser).
WARM_UP = {"warm.txt": "某市新区管委会与某某科技股份有限公司签约。\n\n该公司总经理王某表示，项目总投资5亿元，落户某某小镇，建设智能\n制造基地。",
           "warm.html": "<html><head><title>某某小镇</title></head><body><p>某某小镇引进企业12家。</p></body></html>"}


def run_unique(paths: list[Path], runs: int = 5) -> float:
    """ingest → linked entities on articles that share no text (seeds and the gold articles):
    each run is a fresh process warmed on one invented article (lazy loads done, no cache
    holding anything of the measured texts); the median of ``runs`` in chars/s. The generated
    corpus repeats seed sentences, which the rule caches (prefix checks, gazetteer look-ups)
    answer from memory: this is the number for text never seen before."""
    code = (
        "import json,time,tempfile,pathlib\nfrom kg.pipeline import read_inputs\nfrom kg.nlp import analyse_many\n"
        "from kg.nlp.context import rule_context\nfrom kg.link import link_document\n"
        f"paths={[str(p) for p in paths]!r}\nctx=rule_context()\n"
        "def go(ps):\n"
        "    arts,_=read_inputs(ps)\n"
        "    for a,an in zip(arts, analyse_many(a.text for a in arts)): link_document(a.text, list(an.mentions), ctx)\n"
        "    return sum(len(a.text) for a in arts)\n"
        "with tempfile.TemporaryDirectory() as d:\n"
        f"    for name, text in {WARM_UP!r}.items(): pathlib.Path(d, name).write_text(text, encoding='utf-8')\n"
        "    go([d])\n"
        "__import__('kg.ingest.lexicon', fromlist=['x']).dictionary_words()   # the word list, loaded on first need\n"
        "t=time.perf_counter(); n=go(paths); s=time.perf_counter()-t\n"
        "print(json.dumps({'seconds': s, 'chars': n}))\n")
    speeds = sorted(r["chars"] / r["seconds"] for r in (run_fresh(code) for _ in range(runs)))
    return speeds[len(speeds) // 2]


def median_speed(run: Callable[[list[Path]], dict], paths: list[Path], runs: int = 5) -> str:
    """chars/s of ``runs`` fresh-process runs: the median and the range (this VM's speed
    drifts by about ±10% between identical runs)."""
    speeds = sorted(r["chars"] / r["seconds"] for r in (run(paths) for _ in range(runs)))
    return f"{speeds[len(speeds) // 2]:,.0f} chars/s (median of {runs}; {speeds[0]:,.0f}–{speeds[-1]:,.0f})"


def du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def report(name: str, paths: list[Path], tmp: Path) -> None:
    store = tmp / f"store-{name}"
    b = run_build(paths, store)
    e = median_speed(run_extract, paths)
    n = median_speed(run_entities, paths)
    print(f"{name}: {b['docs']} docs, {b['chars']:,} chars | build {b['seconds']:.1f} s = "
          f"{b['chars'] / b['seconds']:,.0f} chars/s | extraction alone {e} | "
          f"ingest→linked entities {n} | "
          f"peak RSS {b['rss_mb']:.0f} MB | store {du(store):.1f} MB, {b['quads']:,} quads")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of the generated corpus in MB")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        report("seeds", [SEEDS], tmp)
        files, chars = corpus(int(args.mb * 2**20), tmp / "corpus")
        report(f"corpus-{args.mb:g}MB", [tmp / "corpus"], tmp)
        unique = [*sorted(SEEDS.glob("*.txt")), ROOT / "tests" / "gold" / "articles"]   # not seeds/README.md
        print(f"unique articles (seeds + gold, fresh processes): ingest→linked entities "
              f"{run_unique(unique):,.0f} chars/s (median of 5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
