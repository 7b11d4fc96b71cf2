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

from kg.errors import KGError, QueryError, StoreError
from kg.rdf.open import display_target, open_store, store_target
from kg.settings import DEFAULT, Settings

SAMPLE_QUERY = """PREFIX kgo: <https://w3id.org/park-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?park (COUNT(DISTINCT ?company) AS ?companies) (SAMPLE(?name) AS ?example)
WHERE {
  { SELECT ?company ?p WHERE { GRAPH <https://w3id.org/park-kg/graph/kb> { ?p a kgo:Park . ?company kgo:locatedIn ?p } } }
  { SELECT ?company ?name WHERE { GRAPH <https://w3id.org/park-kg/graph/kb> { ?company a kgo:Company ; rdfs:label ?name } } }
  GRAPH <https://w3id.org/park-kg/graph/kb> { ?p rdfs:label ?park } }
GROUP BY ?park ORDER BY DESC(?companies) ?park LIMIT 10"""


def _settings(args: argparse.Namespace) -> Settings:
    return DEFAULT.with_(
        store=store_target(args.store) if getattr(args, "store", None) else None,
        segmenter=getattr(args, "segmenter", None),
        pkuseg_model=Path(args.pkuseg_model) if getattr(args, "pkuseg_model", None) else None,
        gazetteers=tuple(Path(g) for g in args.gazetteer) if getattr(args, "gazetteer", None) else None,
        progress=False if getattr(args, "quiet", False) else None,
        decisions=Path(args.decisions) if getattr(args, "decisions", None) else None,
        jobs=getattr(args, "jobs", None),
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
    try:
        report = build(args.paths, settings=settings, progress=update, remove=getattr(args, "documents", ()))
    finally:
        if bar:
            bar.close()
    _print_failures(report.failures)
    c = report.changes
    types = ", ".join(f"{k} {v}" for k, v in report.entities.items()) or "none"
    print(f"built {c.total} documents into {display_target(settings.store)} ({c.added} added, {c.changed} changed, {c.unchanged} unchanged, "
          f"{len(c.removed)} removed; {c.rewritten} graphs rewritten) in {report.seconds} s "
          f"({int(report.chars / report.seconds) if report.seconds else 0:,} chars/s over the corpus): "
          f"entities {types}; relations {report.relations}; merges {c.merges}; quads {report.quads}")
    if report.failures:
        print(f"kg: {len(report.failures)} input(s) failed (listed above); the others were built", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Drop documents and recompute what depended on them."""
    args.paths = []
    return cmd_build(args)


def cmd_documents(args: argparse.Namespace) -> int:
    from kg.rdf.results import format_table

    with open_store(_settings(args).store, read_only=True) as store:
        docs = store.documents()
    rows = [[d["path"], d["title"], d["date"], d["entities"], d["relations"], d["doc_id"]] for d in docs]
    print(format_table(["path", "title", "date", "entities", "relations", "doc_id"], rows))
    return 0


def cmd_why(args: argparse.Namespace) -> int:
    from kg.rdf.why import explain

    with open_store(_settings(args).store, read_only=True) as store:
        found = explain(store, args.entity)
    for ex in found:
        if ex.asked_for:
            print(f"{ex.asked_for} was merged into {ex.iri} (owl:sameAs)")
        print(f"{ex.label} [{ex.type}] {ex.iri}")
        print(f"  documents: {len(ex.documents)}")
        for name, docs in ex.names.items():
            print(f"  name {name!r} read in {', '.join(docs)}")
        for old, name, rule in ex.merged:
            print(f"  merged {old} (shared name {name!r}) by {rule}")
        if not ex.merged:
            print("  no cross-document merge made this entity")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from kg.link.decisions import append_decision
    from kg.pipeline import decisions_file

    path = decisions_file(_settings(args))
    decision = append_decision(path, (args.a, args.b), same=args.same, kind=args.type)
    print(f"recorded {decision.rule}: {args.a} / {args.b}; run kg build to apply it")
    return 0


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


def _params(items: list[str]) -> dict[str, str]:
    """``--param key=value`` options as a dict (the value may contain ``=``)."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {item!r} is not key=value", fix="write --param name=value")
        out[key.strip()] = value
    return out


def _query_from_args(args: argparse.Namespace) -> str:
    """The SPARQL to run: ``--name`` bound with ``--param``, or the positional text, file or 'sample'."""
    name, text, params = getattr(args, "name", None), args.query, getattr(args, "param", None) or []
    if name:
        from kg.queries import bind

        if text:
            raise QueryError("both a query text and --name were given", fix="give one of them")
        return bind(name, _params(params))
    if params:
        raise QueryError("--param needs --name", fix="name the query: kg query --name NAME --param key=value")
    if not text:
        raise QueryError("no query given", fix="give SPARQL text, a .rq file, 'sample', or --name NAME (kg query --list)")
    return SAMPLE_QUERY if text == "sample" else _query_text(text)


def _query_list() -> str:
    """The named queries, their descriptions and parameters, for ``kg query --list``."""
    from kg.queries import list_queries

    lines = []
    for q in list_queries():
        lines.append(f"{q.name}\n    {q.description}")
        for p in q.params:
            need = "required" if p.required else ("optional" if p.default is None else f"default {p.default}")
            lines.append(f"    --param {p.name}=… ({p.type}, {need}): {p.description}")
    return "\n".join(lines)


def cmd_query(args: argparse.Namespace) -> int:
    from kg.rdf.results import format_table

    if getattr(args, "list", False):
        print(_query_list())
        return 0
    query = _query_from_args(args)
    with open_store(_settings(args).store, read_only=True) as store:
        if args.format == "table":
            print(format_table(*store.select(query)))
        else:
            sys.stdout.buffer.write(store.serialize_results(query, args.format))
            sys.stdout.buffer.write(b"\n")
    return 0


def _loopback(host: str) -> bool:
    import ipaddress

    try:
        return host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import make_server

    settings = _settings(args)
    if isinstance(settings.store, str):
        raise StoreError("kg serve serves a store folder, not a SPARQL server", fix="query that server directly")
    logging.getLogger("kg.serve").setLevel(logging.INFO if args.verbose else logging.WARNING)
    server = make_server(str(settings.store), host=args.host, port=args.port, timeout=args.timeout,
                         allow_update=args.allow_update)
    mode = "read-write: updates accepted" if args.allow_update else "read-only"
    print(f"serving {display_target(settings.store)} ({mode}, query timeout {args.timeout:g} s) at {server.url}sparql; "
          "Ctrl-C stops", flush=True)
    if not _loopback(args.host):
        what = "query and change" if args.allow_update else "query"
        print(f"kg: warning: listening on {args.host}: anyone who can reach this machine can {what} the store "
              "(no authentication); use --host 127.0.0.1 to keep it local", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("kg: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from kg.viz import write_explorer

    settings = _settings(args)
    out = Path(args.output) if args.output else settings.explorer_file
    with open_store(settings.store, read_only=True) as store:
        path = write_explorer(store, out, focus=args.focus, hops=args.hops)
    print(f"wrote {path} (open it in a browser; it works offline)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:

    with open_store(_settings(args).store, read_only=True) as store:
        if args.output:
            store.export(args.format, Path(args.output))
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            store.export(args.format, sys.stdout.buffer)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_store

    settings = _settings(args)
    with open_store(settings.store, read_only=True) as store:
        report = validate_store(store)
    print(f"validated {display_target(settings.store)}: {report.summary()} in {report.seconds} s")
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
    p.add_argument("--store", help=f"store folder or SPARQL endpoint URL (default: {DEFAULT.store}/; see docs/remote-store.md)")


def _build_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, help="extraction processes (default: 1)")
    p.add_argument("--decisions", help="same/not-same decisions file (default: <store>/decisions.jsonl)")


def _nlp_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--segmenter", choices=["char", "pkuseg"], help="spaCy zh segmenter (default: char)")
    p.add_argument("--pkuseg-model", help="folder of a locally trained pkuseg model")
    p.add_argument("--gazetteer", action="append", help="extra gazetteer file (JSONL); repeatable")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Chinese park news → knowledge graph")
    ap.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="add files/folders to the store (new added, changed replaced, unchanged skipped)")
    p.add_argument("paths", nargs="+")
    _store_opt(p), _nlp_opts(p), _build_opts(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("remove", help="drop documents (path, doc id or IRI) and what only they supported")
    p.add_argument("documents", nargs="+")
    _store_opt(p), _nlp_opts(p), _build_opts(p)
    p.set_defaults(func=cmd_remove)
    p = sub.add_parser("documents", help="list the stored documents")
    _store_opt(p)
    p.set_defaults(func=cmd_documents)
    p = sub.add_parser("why", help="an entity's names, documents and the merges that made it")
    p.add_argument("entity", help="a name or an entity IRI")
    _store_opt(p)
    p.set_defaults(func=cmd_why)
    for name, same in (("same", True), ("not-same", False)):
        p = sub.add_parser(name, help=f"record that two names are {'' if same else 'not '}one entity (decisions file)")
        p.add_argument("a"), p.add_argument("b")
        p.add_argument("--type", help="only for this entity type")
        p.add_argument("--decisions", help="decisions file (default: <store>/decisions.jsonl)")
        _store_opt(p)
        p.set_defaults(func=cmd_decide, same=same)
    p = sub.add_parser("extract", help="print one JSON object per document (store untouched)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    _nlp_opts(p)
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("query", help="run SPARQL (text, a .rq file, 'sample', or a named query)")
    p.add_argument("query", nargs="?", help="SPARQL text, a .rq file or 'sample' (or use --name)")
    p.add_argument("--name", help="run a named query of kg/queries (see --list)")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="a parameter of the named query; repeatable")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"], default="table")
    _store_opt(p)
    p.set_defaults(func=cmd_query)
    p = sub.add_parser("serve", help="SPARQL 1.1 Protocol endpoint over the store (Ctrl-C stops)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0: any free port)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default: 30)")
    p.add_argument("--allow-update", action="store_true", help="accept SPARQL updates (each one publishes a new store version)")
    _store_opt(p)
    p.set_defaults(func=cmd_serve)
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
