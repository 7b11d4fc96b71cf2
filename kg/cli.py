"""``kg`` command line. Thin: parses options, calls the library, prints. The only module that prints.

User errors print one line (``kg: E100 …; fix: …``) and exit 1; no traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from kg.errors import KGError
from kg.settings import DEFAULT, Settings

SAMPLE_QUERY = """PREFIX kgo: <https://w3id.org/park-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?park (COUNT(DISTINCT ?company) AS ?companies) (SAMPLE(?name) AS ?example)
WHERE { ?company a kgo:Company ; kgo:locatedIn ?p ; rdfs:label ?name . ?p a kgo:Park ; rdfs:label ?park . }
GROUP BY ?park ORDER BY DESC(?companies) ?park LIMIT 10"""


def _settings(args: argparse.Namespace) -> Settings:
    return DEFAULT.with_(
        store=Path(args.store) if getattr(args, "store", None) else None,
        segmenter=getattr(args, "segmenter", None),
        pkuseg_model=Path(args.pkuseg_model) if getattr(args, "pkuseg_model", None) else None,
        gazetteers=tuple(Path(g) for g in args.gazetteer) if getattr(args, "gazetteer", None) else None,
        progress=False if getattr(args, "quiet", False) else None,
    )


def _progress_bar(settings: Settings, label: str):
    if not settings.progress or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(desc=label, unit="doc", file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()
    return update, bar


def _print_failures(failures) -> None:
    for f in failures:
        print(f"kg: skipped {f.path}: {f.reason}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    settings = _settings(args)
    update, bar = _progress_bar(settings, "extract")
    report = build(args.paths, settings=settings, progress=update)
    if bar:
        bar.close()
    _print_failures(report.failures)
    types = ", ".join(f"{k} {v}" for k, v in report.entities.items()) or "none"
    speed = int(report.chars / report.seconds) if report.seconds else 0
    print(f"built {report.documents} documents into {settings.store}/ in {report.seconds} s "
          f"({speed:,} chars/s): entities {types}; relations {report.relations}; quads {report.quads}")
    return 1 if report.failures else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.pipeline import extract_paths, iter_jsonl

    batch = extract_paths(args.paths, settings=_settings(args))
    for obj in iter_jsonl(batch.extractions):
        print(json.dumps(obj, ensure_ascii=False))
    _print_failures(batch.failures)
    return 1 if batch.failures else 0


def _query_text(arg: str) -> str:
    path = Path(arg)
    if len(arg) < 250 and path.suffix in (".rq", ".sparql", ".txt") and path.is_file():
        return path.read_text(encoding="utf-8")
    return arg


def cmd_query(args: argparse.Namespace) -> int:
    from kg.rdf.store import KGStore, format_table

    query = SAMPLE_QUERY if args.query == "sample" else _query_text(args.query)
    with KGStore.open(_settings(args).store, read_only=True) as store:
        if args.format == "table":
            print(format_table(*store.select(query)))
        else:
            sys.stdout.buffer.write(store.serialize_results(query, args.format))
            sys.stdout.buffer.write(b"\n")
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from kg.rdf.store import KGStore
    from kg.viz import write_explorer

    settings = _settings(args)
    out = Path(args.output) if args.output else settings.explorer_file
    with KGStore.open(settings.store, read_only=True) as store:
        path = write_explorer(store, out, focus=args.focus, hops=args.hops)
    print(f"wrote {path} (open it in a browser; it works offline)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.rdf.store import KGStore

    with KGStore.open(_settings(args).store, read_only=True) as store:
        if args.output:
            store.export(args.format, Path(args.output))
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            store.export(args.format, sys.stdout.buffer)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.rdf.store import KGStore
    from kg.validate import validate_store

    settings = _settings(args)
    with KGStore.open(settings.store, read_only=True) as store:
        report = validate_store(store)
    print(f"validated {settings.store}/: {report.summary()} in {report.seconds} s")
    for result in report.results:
        print(result.line())
    return 0 if report.conforms else 1


def cmd_train_segmenter(args: argparse.Namespace) -> int:
    from kg.nlp.segmenter import train_pkuseg
    from kg.pipeline import read_inputs

    articles, failures = read_inputs(args.paths)
    _print_failures(failures)
    out = train_pkuseg((a.text for a in articles), Path(args.output), iterations=args.iterations)
    print(f"trained a pkuseg model on {len(articles)} documents into {out}; use --segmenter pkuseg --pkuseg-model {out}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.eval import evaluate, format_report, load_gold
    from kg.pipeline import extract_paths

    gold = load_gold(Path(args.gold))
    batch = extract_paths(args.paths or [d["doc"] for d in gold], settings=_settings(args))
    _print_failures(batch.failures)
    by_doc = {}
    for ex in batch.extractions:
        by_doc[ex.article.path] = ex
        by_doc[Path(ex.article.path).as_posix()] = ex
        by_doc.setdefault(Path(ex.article.path).name, ex)
    for d in gold:
        by_doc.setdefault(d["doc"], by_doc.get(Path(d["doc"]).name))
    report = evaluate(gold, {k: v for k, v in by_doc.items() if v is not None})
    print(format_report(report, misses=args.misses))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Build from the sample corpus, write the explorer, print a sample answer."""
    args.paths = [str(Path(args.seeds))]
    status = cmd_build(args)
    args.output, args.focus, args.hops = args.explorer, None, 1
    cmd_view(args)
    args.query, args.format = "sample", "table"
    print("sample SPARQL: parks by number of companies located in them")
    cmd_query(args)
    return status


def _store_opt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help=f"store folder (default: {DEFAULT.store}/)")


def _nlp_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--segmenter", choices=["char", "pkuseg"], help="spaCy zh segmenter (default: char)")
    p.add_argument("--pkuseg-model", help="folder of a locally trained pkuseg model")
    p.add_argument("--gazetteer", action="append", help="extra gazetteer file (JSONL); repeatable")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Chinese park news → knowledge graph")
    ap.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="extract files/folders into the store")
    p.add_argument("paths", nargs="+")
    _store_opt(p), _nlp_opts(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("extract", help="print one JSON object per document (store untouched)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    _nlp_opts(p)
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("query", help="run SPARQL (text, a .rq file, or 'sample')")
    p.add_argument("query")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"], default="table")
    _store_opt(p)
    p.set_defaults(func=cmd_query)
    p = sub.add_parser("view", help="write the interactive HTML explorer")
    p.add_argument("-o", "--output", help=f"HTML file (default: {DEFAULT.explorer_file})")
    p.add_argument("--focus", help="only the neighbourhood of this name")
    p.add_argument("--hops", type=int, default=1)
    _store_opt(p)
    p.set_defaults(func=cmd_view)
    p = sub.add_parser("export", help="write the whole graph")
    p.add_argument("--format", choices=["turtle", "trig", "nquads", "jsonld"], default="trig")
    p.add_argument("-o", "--output")
    _store_opt(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("validate", help="check the store against the SHACL shapes (exit 1 on violations)")
    _store_opt(p)
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("train-segmenter", help="train a local pkuseg model (needs jieba)")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--iterations", type=int, default=10)
    p.set_defaults(func=cmd_train_segmenter)
    p = sub.add_parser("eval", help="P/R/F1 against gold annotations (JSONL)")
    p.add_argument("gold")
    p.add_argument("paths", nargs="*", help="article files or folders (default: the gold's doc paths)")
    p.add_argument("--misses", type=int, default=40, help="how many misses to list")
    _nlp_opts(p)
    p.set_defaults(func=cmd_eval)
    p = sub.add_parser("demo", help="build seeds/, write the explorer, print a sample query")
    p.add_argument("--seeds", default="seeds")
    p.add_argument("--explorer", default=str(DEFAULT.explorer_file))
    _store_opt(p), _nlp_opts(p)
    p.set_defaults(func=cmd_demo)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="kg: %(message)s")
    try:
        return args.func(args)
    except KGError as err:
        print(f"kg: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:                 # `kg extract … | head`: the reader is gone, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
