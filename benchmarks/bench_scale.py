#!/usr/bin/env python3
"""`kg build` at scale: 10,000 generated articles (≥ 20 M chars), then five typical queries.

    python benchmarks/bench_scale.py                          # 10,000 articles, --jobs 2
    python benchmarks/bench_scale.py --articles 500 --json r.json
    nohup python benchmarks/bench_scale.py --out /tmp/park-corpus > /tmp/bench_scale.log 2>&1 &

The corpus comes from ``benchmarks/corpus.py`` (seed sentences recombined, names synthesised;
deterministic; a folder made with the same parameters is reused). The build runs as a child
process (``python -m kg.cli build DIR --store S --jobs N -q``; without ``--jobs`` when the CLI
does not accept it yet). Measured: wall time, chars/s, peak RSS and PSS of the child process tree
(polled with psutil, else /proc, every ``POLL`` s; plus the kernel's per-process maximum),
store size on disk, and the median latency of five SPARQL queries (5 runs after a warm-up) run
in-process on the read-only store.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
POLL = 0.2          # seconds between two RSS samples
RUNS = 5            # timed runs per query, after one warm-up


# ---------------------------------------------------------------- memory of a process tree
def _proc_children(pid: int) -> list[int]:
    """Child pids of ``pid`` from /proc (all threads)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _proc_bytes(pid: int, file: str, field: str) -> int:
    """A ``field:  N kB`` line of ``/proc/PID/FILE`` in bytes (0 when the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _proc_sum(pid: int, measure: Callable[[int], int]) -> int:
    """``measure`` summed over ``pid`` and its descendants."""
    pids, total = [pid], 0
    while pids:
        p = pids.pop()
        total += measure(p)
        pids += _proc_children(p)
    return total


def _proc_rss(pid: int) -> int:
    """Resident bytes of ``pid`` from /proc (0 when gone)."""
    return _proc_bytes(pid, "status", "VmRSS:")


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (psutil when installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        return _proc_sum(pid, _proc_rss)
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def tree_pss(pid: int) -> int:
    """Proportional set size (/proc/PID/smaps_rollup) summed over ``pid`` and its descendants:
    the physical memory the tree uses. Forked workers share the parent's pages; RSS counts
    those once per process, PSS once in all."""
    return _proc_sum(pid, lambda p: _proc_bytes(p, "smaps_rollup", "Pss:"))


# ---------------------------------------------------------------- the build
@dataclass
class BuildRun:
    """What one child ``kg build`` did."""

    command: list[str]
    jobs_used: bool
    seconds: float
    exit_code: int
    peak_tree_rss_mb: float
    peak_tree_pss_mb: float             # shared pages counted once (Linux only; 0 elsewhere)
    max_process_rss_mb: float           # RUSAGE_CHILDREN: the largest single process, not the sum
    stdout: str
    stderr_tail: str
    reported: dict = field(default_factory=dict)


def accepts_jobs() -> bool:
    """True if ``kg build`` knows ``--jobs``."""
    out = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--help"], capture_output=True,
                         text=True, cwd=ROOT, check=False)
    return "--jobs" in out.stdout


SUMMARY_FIELDS = {
    "documents": r"built (\d+) documents",
    "seconds": r" in ([\d.]+) s\b",
    "chars_per_s": r"\(([\d,]+) chars/s",
    "relations": r"relations (\d+)",
    "quads": r"quads (\d+)",
}


def parse_summary(stdout: str) -> dict:
    """The numbers of kg's ``built N documents … in S s … quads Q`` line that it prints (each
    field on its own: the line's wording changes)."""
    out: dict[str, float] = {}
    for key, pattern in SUMMARY_FIELDS.items():
        found = re.search(pattern, stdout)
        if found:
            out[key] = float(found.group(1).replace(",", ""))
    return out


def run_build(corpus: Path, store: Path, jobs: int) -> BuildRun:
    """Run ``kg build`` as a child, sampling the RSS of its process tree until it ends."""
    use_jobs = accepts_jobs()
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(store), "-q",
               *(["--jobs", str(jobs)] if use_jobs else [])]
    peak = peak_pss = 0
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        while child.poll() is None:
            peak = max(peak, tree_rss(child.pid))
            peak_pss = max(peak_pss, tree_pss(child.pid))
            time.sleep(POLL)
        seconds = time.perf_counter() - started
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    max_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return BuildRun(command=command, jobs_used=use_jobs, seconds=round(seconds, 2), exit_code=child.returncode,
                    peak_tree_rss_mb=round(peak / 2**20, 1), peak_tree_pss_mb=round(peak_pss / 2**20, 1),
                    max_process_rss_mb=round(max_rss, 1),
                    stdout=stdout.strip(), stderr_tail=stderr.strip()[-2000:], reported=parse_summary(stdout))


def disk_mb(path: Path) -> float:
    """Size of the files under ``path`` in MiB (allocated blocks, like ``du``)."""
    blocks = sum(p.stat().st_blocks for p in path.rglob("*") if p.is_file())
    return round(blocks * 512 / 2**20, 1)


# ---------------------------------------------------------------- queries
# Entities, names and relation edges are read from the knowledge-base graph kgg:kb (one copy of
# each); provenance (statements, evidence, amounts) from the document graphs. The same joins over
# the union default graph are a bag (a triple stated by n documents matches n times) and ran for
# minutes on 500 articles.
# The same ranking written as one pattern: every edge costs an index look-up of the company's
# type (430 ms on 10,000 articles); reported for comparison with the named query
# parks-by-entities, which joins the class test as a sub-query by hashing.
PARKS_BY_COMPANIES_ONE_PATTERN = """
SELECT ?park ?companies WHERE {
  { SELECT ?p (COUNT(DISTINCT ?company) AS ?companies) WHERE {
      GRAPH kgg:kb { ?company kgo:locatedIn ?p . ?p a kgo:Park . ?company a kgo:Company } }
    GROUP BY ?p ORDER BY DESC(?companies) LIMIT 20 }
  GRAPH kgg:kb { ?p rdfs:label ?park }
} ORDER BY DESC(?companies) ?park"""

COMPANIES_OF_PARK = """
SELECT DISTINCT ?company ?name WHERE {{ GRAPH kgg:kb {{
  ?park a kgo:Park ; rdfs:label "{park}"@zh .
  ?company a kgo:Company ; kgo:locatedIn ?park ; rdfs:label ?name .
}} }} ORDER BY ?name"""

NAMES_OF_ENTITY = """
SELECT DISTINCT ?name ?kind WHERE {{ GRAPH kgg:kb {{
  ?e rdfs:label "{name}"@zh .
  {{ ?e skos:prefLabel ?name BIND("pref" AS ?kind) }} UNION {{ ?e skos:altLabel ?name BIND("alt" AS ?kind) }}
}} }} ORDER BY ?kind ?name"""

PROJECT_AMOUNTS = """
SELECT ?project ?label ?value ?currency ?stage WHERE {
  { SELECT ?amt ?value WHERE { ?amt a schema:MonetaryAmount ; schema:value ?value } ORDER BY DESC(?value) LIMIT 100 }
  ?project kgo:investment ?amt .
  GRAPH kgg:kb { ?project rdfs:label ?label }
  OPTIONAL { ?amt schema:currency ?currency } OPTIONAL { ?amt kgo:stage ?stage }
} ORDER BY DESC(?value) ?label"""

EVIDENCE_OF_RELATION = """
SELECT DISTINCT ?sentence ?source ?begin WHERE {{
  GRAPH kgg:kb {{ ?company rdfs:label "{company}"@zh . ?park rdfs:label "{park}"@zh . }}
  ?stmt rdf:subject ?company ; rdf:predicate kgo:locatedIn ; rdf:object ?park ;
        kgo:evidence ?ev ; prov:wasDerivedFrom ?doc .
  ?ev nif:anchorOf ?sentence ; nif:beginIndex ?begin . ?doc dcterms:source ?source .
}} ORDER BY ?source ?begin"""


def _literal(text: object) -> str:
    """``text`` escaped for a SPARQL string literal."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"')


def timed(select: Callable[[str], tuple[list[str], list[list[object]]]], query: str) -> dict:
    """Median and spread of ``RUNS`` runs after one warm-up; the row count."""
    _, rows = select(query)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        select(query)
        times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2),
            "max_ms": round(max(times), 2), "rows": len(rows)}


def query_latencies(store: Path) -> dict[str, dict]:
    """The five typical queries, their parameters taken from the data (the park with most
    companies, its first company)."""
    from kg.queries import bind
    from kg.rdf.store import KGStore

    with KGStore.open(store, read_only=True) as kg:
        ranking = bind("parks-by-entities", {})
        out = {"parks ranked by companies": timed(kg.select, ranking)}
        out["(reference) parks ranked by companies, written as one pattern"] = timed(kg.select, PARKS_BY_COMPANIES_ONE_PATTERN)
        _, parks = kg.select(PARKS_BY_COMPANIES_ONE_PATTERN)
        park = _literal(parks[0][0]) if parks else "大创小镇"
        _, companies = kg.select(COMPANIES_OF_PARK.format(park=park))
        company = _literal(companies[0][1]) if companies else "无"
        out["companies of a park (by label)"] = timed(kg.select, COMPANIES_OF_PARK.format(park=park))
        out["names of an entity"] = timed(kg.select, NAMES_OF_ENTITY.format(name=company))
        out["projects with investment amounts"] = timed(kg.select, PROJECT_AMOUNTS)
        out["evidence sentences of a relation"] = timed(
            kg.select, EVIDENCE_OF_RELATION.format(company=company, park=park))
        out["_parameters"] = {"park": parks[0][0] if parks else None,
                              "company": companies[0][1] if companies else None}
    return out


# ---------------------------------------------------------------- report
def table(rows: list[tuple[str, str]]) -> str:
    """Two aligned columns."""
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def summary_rows(corpus: dict, build: BuildRun, store_mb: float, jobs: int) -> list[tuple[str, str]]:
    """The build half of the printed table."""
    rep = build.reported
    return [
        ("articles (generated)", (f"{corpus['articles']:,} ({corpus['chars']:,} chars, "
                                  f"{corpus['bytes'] / 1e6:.1f} MB{', reused' if corpus['reused'] else ''})")),
        ("jobs", str(jobs) if build.jobs_used else "option --jobs not accepted by kg build yet: ran without it"),
        ("exit code", str(build.exit_code)),
        ("documents built", f"{rep['documents']:,.0f}" if "documents" in rep else "?"),
        ("wall time", f"{build.seconds:,.1f} s"),
        ("chars/s (raw chars / wall)", f"{corpus['chars'] / build.seconds:,.0f}"),
        ("chars/s (kg's own report)", f"{rep['chars_per_s']:,.0f}" if "chars_per_s" in rep else "not printed"),
        ("kg's own build time", f"{rep['seconds']:,.1f} s" if "seconds" in rep else "?"),
        ("relations / quads", f"{rep.get('relations', 0):,.0f} / {rep.get('quads', 0):,.0f}"),
        ("peak RSS, process tree (polled)", f"{build.peak_tree_rss_mb:,.0f} MB"),
        ("peak PSS, process tree (polled)", f"{build.peak_tree_pss_mb:,.0f} MB (shared pages once)"),
        ("max RSS of one process (rusage)", f"{build.max_process_rss_mb:,.0f} MB"),
        ("store on disk", f"{store_mb:,.1f} MB"),
    ]


def query_rows(latencies: dict[str, dict]) -> list[tuple[str, str]]:
    """The query half of the printed table."""
    return [(f"query: {name}", (f"median {q['median_ms']:.1f} ms (min {q['min_ms']:.1f}, "
                                f"max {q['max_ms']:.1f}), {q['rows']} rows"))
            for name, q in latencies.items() if not name.startswith("_")]


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10000)")
    ap.add_argument("--jobs", type=int, default=2, help="kg build --jobs (default 2)")
    ap.add_argument("--seed", type=int, default=7, help="corpus random seed (default 7)")
    ap.add_argument("--out", help="corpus folder (default: a temporary folder; reused when it matches)")
    ap.add_argument("--store", help="store folder (default: a temporary folder; must not exist)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and store")
    ap.add_argument("--json", help="write the numbers to this JSON file")
    return ap.parse_args()


def run(args: argparse.Namespace, work: Path) -> dict:
    """Generate, build, query; print the table; the numbers."""
    corpus_dir = Path(args.out) if args.out else work / "corpus"
    store = Path(args.store) if args.store else work / "store"
    if store.exists():
        raise SystemExit(f"bench_scale: {store} exists; give a new --store folder")
    print(f"corpus: {corpus_dir} …", flush=True)
    corpus = write_corpus(corpus_dir, articles=args.articles, seed=args.seed)
    print(f"corpus ready ({corpus['articles']:,} articles, {corpus['chars']:,} chars); building into {store} …",
          flush=True)
    build = run_build(corpus_dir, store, args.jobs)
    if build.exit_code != 0:
        print(f"kg build exited with {build.exit_code}:\n{build.stderr_tail}", file=sys.stderr)
    store_mb = disk_mb(store) if store.exists() else 0.0
    latencies = query_latencies(store) if build.exit_code in (0, 1) and store.exists() else {}
    print(table(summary_rows(corpus, build, store_mb, args.jobs) + query_rows(latencies)))
    return {"corpus": corpus, "corpus_dir": str(corpus_dir), "store": str(store), "jobs": args.jobs,
            "build": asdict(build), "store_mb": store_mb, "queries": latencies,
            "raw_chars_per_s": round(corpus["chars"] / build.seconds)}


def main() -> int:
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="park-kg-scale-"))
    try:
        result = run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0 if result["build"]["exit_code"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
