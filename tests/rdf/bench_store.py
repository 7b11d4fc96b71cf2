"""Benchmark of KGStore (not collected by pytest). Run from the repo root:

    /tmp/venv/bin/python tests/rdf/bench_store.py [n_docs] [store_folder]

Prints quads/s of ``replace_documents`` (fresh, unchanged rebuild, changed rebuild), the store size
on disk after reopening, the latency of a 2-hop SPARQL join, and export times.
"""
from __future__ import annotations

import gc
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parent)]

from rdf_samples import synthetic_extraction  # noqa: E402

from kg.rdf.convert import extraction_quads  # noqa: E402
from kg.rdf.store import KGStore  # noqa: E402

TWO_HOP = """
SELECT DISTINCT ?park ?company ?project WHERE {
  ?company kgo:locatedIn ?park . ?park a kgo:Park .
  ?company kgo:investsIn ?project . ?project a kgo:Project .
} LIMIT 1000
"""
ONE_PARK = """
SELECT DISTINCT ?company ?project WHERE {
  ?company kgo:locatedIn <%s> ; kgo:investsIn ?project .
}
"""


def du(path: Path) -> float:
    """Size of a folder in MiB."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def timed(label: str, fn, n_quads: int | None = None) -> object:
    start = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - start
    rate = f", {n_quads / dt:,.0f} quads/s" if n_quads else ""
    print(f"{label}: {dt:.2f} s{rate}")
    return out


def latency(store: KGStore, sparql: str, runs: int = 20) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        n = len(store.select(sparql)[1])
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, n


def main(n_docs: int, folder: Path) -> None:
    docs = timed("generate records", lambda: [synthetic_extraction(i) for i in range(n_docs)])
    n_quads = sum(len(q) for q in timed("convert (extraction_quads)", lambda: [extraction_quads(d) for d in docs]))
    changed = [synthetic_extraction(i, n_relations=21) if i % 2 else docs[i] for i in range(n_docs)]
    print(f"{n_docs} documents, {n_quads:,} quads")
    with KGStore.open(folder) as store:
        timed("replace_documents, fresh store (incl. convert)", lambda: store.replace_documents(docs), n_quads)
        timed("replace_documents, unchanged rebuild", lambda: store.replace_documents(docs), n_quads)
        timed("replace_documents, half the documents changed", lambda: store.replace_documents(changed), n_quads)
        timed("replace_documents, changed back", lambda: store.replace_documents(docs), n_quads)
    gc.collect()
    with KGStore.open(folder) as store:
        print(f"store size after reopen: {du(folder):.1f} MiB, {len(store):,} quads")
        ms, n = latency(store, TWO_HOP)
        print(f"2-hop join park<-company->project (LIMIT 1000): {ms:.2f} ms median, {n} rows")
        park = store.select("SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kgo:locatedIn ?p ; kgo:investsIn ?x ."
                            " ?p a kgo:Park } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1")[1][0][0]
        ms, n = latency(store, ONE_PARK % park)
        print(f"2-hop join from one park: {ms:.3f} ms median, {n} rows")
        timed("documents()", store.documents)
        for fmt in ("nquads", "trig", "turtle", "jsonld"):
            buf = io.BytesIO()
            timed(f"export {fmt}", lambda: store.export(fmt, buf))
            print(f"  {len(buf.getvalue()) / 2**20:.1f} MiB")


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if len(sys.argv) > 2:
        main(count, Path(sys.argv[2]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(count, Path(tmp) / "store")
