#!/usr/bin/env python3
"""Dump everything extraction yields, deterministically, to check that a speed change keeps
the output byte-identical.

    python benchmarks/dump_extraction.py -o /tmp/before.jsonl          # seeds, gold, 300 generated
    ... change the code ...
    python benchmarks/dump_extraction.py -o /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl                              # or diff, to see what moved

One JSON object per line, sorted: every mention and sentence of the NLP stage (``analyse_many``)
and every entity, relation and attribute of ``extract_articles`` (both linking passes and
cross-document linking), for three sets, each extracted as one corpus (cross-document linking
makes a document's output depend on the set it is in): ``seeds/``, ``tests/gold/articles/`` and
the generated corpus of ``benchmarks/bench_build.py`` cut to ``--articles`` files (300: 3.3 M
characters, the seed articles with varied names). ``--extra DIR`` adds any folder as a further
set (e.g. one made by ``benchmarks/corpus.py``, which is more varied; make it once and keep it:
that generator reads the seeds with the extractor, so a rule change changes its output).
``--jobs 2`` runs the extraction on two processes: its dump must equal the one-process dump.
Documents are named by their path relative to their set, so dumps made from different
worktrees or temporary folders compare equal.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import SEEDS, corpus  # noqa: E402

from kg.nlp import analyse_many  # noqa: E402
from kg.pipeline import extract_articles, read_inputs  # noqa: E402
from kg.settings import DEFAULT  # noqa: E402


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def dump_set(name: str, folder: Path, jobs: int) -> list[str]:
    """The sorted lines of one set: its files read and extracted as one corpus."""
    articles, failures = read_inputs([folder])
    if failures:
        raise SystemExit(f"dump_extraction: unreadable inputs in {folder}: {failures}")
    docs = {a.doc_id: Path(a.path).resolve().relative_to(folder.resolve()).as_posix() for a in articles}
    lines = [_line(set=name, doc=docs[a.doc_id], kind="article", title=a.title, date=a.date, chars=len(a.text))
             for a in articles]
    for a, an in zip(articles, analyse_many(a.text for a in articles)):
        lines += [_line(set=name, doc=docs[a.doc_id], kind="mention", **asdict(m)) for m in an.mentions]
        lines += [_line(set=name, doc=docs[a.doc_id], kind="sentence", **asdict(s)) for s in an.sentences]
    for ex in extract_articles(articles, settings=DEFAULT.with_(jobs=jobs, progress=False)):
        doc = docs[ex.article.doc_id]
        lines += [_line(set=name, doc=doc, kind="entity", **asdict(e)) for e in ex.entities]
        lines += [_line(set=name, doc=doc, kind="relation", **asdict(r)) for r in ex.relations]
        lines += [_line(set=name, doc=doc, kind="attribute", **asdict(t)) for t in ex.attributes]
    return sorted(lines)


def generated(folder: Path, articles: int) -> Path:
    """``bench_build.corpus`` cut to ``articles`` files (it cycles through the five seeds, so a
    multiple of their total size gives whole rounds; the remainder is cut by count)."""
    seed_bytes = sum(len(p.read_bytes()) for p in sorted(SEEDS.glob("*.txt")))
    rounds = -(-articles // 5)
    corpus(rounds * seed_bytes, folder)
    for extra in sorted(folder.glob("a*.txt"))[articles:]:
        extra.unlink()
    return folder


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", required=True, help="the JSON-lines file to write")
    ap.add_argument("--articles", type=int, default=300, help="generated articles (default 300; 0: none)")
    ap.add_argument("--extra", action="append", default=[], help="another folder to dump as its own set")
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes (default 1)")
    args = ap.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        sets = [("seeds", SEEDS), ("gold", ROOT / "tests" / "gold" / "articles")]
        if args.articles:
            sets.append((f"generated{args.articles}", generated(Path(tmp) / "gen", args.articles)))
        sets += [(Path(d).name, Path(d)) for d in args.extra]
        lines = []
        for name, folder in sets:
            lines += dump_set(name, folder, args.jobs)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    Path(args.out).write_bytes(data)
    docs = len({(json.loads(x)["set"], json.loads(x)["doc"]) for x in lines})
    print(f"{args.out}: {len(lines):,} lines, {docs} documents, sha256 {hashlib.sha256(data).hexdigest()[:16]}, "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
