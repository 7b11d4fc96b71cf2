"""Relation extraction on gold entities ("oracle" NER), or on the full pipeline, scored as ``kg eval``.

Not collected by pytest (no ``test_`` prefix). Run from the repository root::

    python tests/relate/oracle_eval.py                      # oracle entities, seeds + others
    python tests/relate/oracle_eval.py --pipeline           # the full pipeline's entities
    python tests/relate/oracle_eval.py --show tests/gold/others.jsonl   # list misses and false alarms

Oracle entities: one ``Entity`` per gold entity, its mentions found by searching the gold name and
aliases in the cleaned text (width folded, white space allowed between characters, leftmost-longest
across all entities so a name inside a longer name is not a mention). Relations are scored with
``kg.eval.score_document`` (same matching as ``kg eval``).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.eval import Report, Score, load_gold, score_document
from kg.iri import entity_iri, normalise_key
from kg.records import RELATION_TYPES, Article, Entity, Extraction, Span

GOLD_FILES = ("tests/gold/seeds.jsonl", "tests/gold/others.jsonl", "tests/gold/blind.jsonl", "tests/gold/blind2.jsonl",
              "tests/gold/blind3.jsonl", "tests/gold/blind4.jsonl", "tests/gold/blind5.jsonl",
              "tests/gold/blind6.jsonl", "tests/gold/blind7.jsonl", "tests/gold/blind8.jsonl",
              "tests/gold/blind9.jsonl", "tests/gold/blind10.jsonl", "tests/gold/blind11.jsonl",
              "tests/gold/blind12.jsonl", *(f"tests/gold/blind{n}.jsonl" for n in range(13, 40)))


def _fold(text: str) -> str:
    """Width folding that keeps offsets: each character by its one-character NFKC form."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 else ch)
    return "".join(out)


def _name_regex(name: str) -> re.Pattern[str]:
    chars = [re.escape(c) for c in normalise_key(name)]
    return re.compile(r"\s*".join(chars))


def oracle_entities(text: str, gold: dict) -> list[Entity]:
    """Entities built from the gold list, with every (leftmost-longest) mention in ``text``."""
    folded = _fold(text)
    found: list[tuple[int, int, int]] = []   # (start, end, gold index)
    for i, g in enumerate(gold.get("entities", [])):
        for name in {g["name"], *g.get("aliases", [])}:
            for m in _name_regex(name).finditer(folded):
                found.append((m.start(), m.end(), i))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, int]] = []
    last_end = -1
    for start, end, i in found:
        if start >= last_end:
            kept.append((start, end, i))
            last_end = end
    entities = []
    for i, g in enumerate(gold.get("entities", [])):
        spans = tuple(Span(text=text[s:e], start=s, end=e) for s, e, j in kept if j == i)
        entities.append(Entity(id=entity_iri(g["type"], g["name"]), type=g["type"], label=g["name"],
                               mentions=spans, aliases=tuple(g.get("aliases", []))))
    return entities


def oracle_extraction(article: Article, gold: dict) -> Extraction:
    """Relations and attributes from ``kg.relate.relate`` over the oracle entities."""
    from kg.nlp.spacy_pipeline import sentences
    from kg.relate import relate

    entities = oracle_entities(article.text, gold)
    relations, attributes = relate(article.text, article.title, sentences(article.text), entities,
                                   date=article.date)
    return Extraction(article=article, entities=tuple(entities), relations=tuple(relations),
                      attributes=tuple(attributes))


def pipeline_extractions(golds: list[dict]) -> dict[str, Extraction]:
    """The full pipeline's extractions of the gold documents (as ``kg eval`` makes them)."""
    from kg.pipeline import extract_paths

    batch = extract_paths([g["doc"] for g in golds])
    return {g["doc"]: ex for g, ex in zip(golds, batch.extractions)}


def _relation_keys(ex: Extraction, gold: dict) -> tuple[set, set, dict]:
    """Predicted and gold (type, head, tail) keys after entity matching, as ``kg.eval`` does."""
    link = score_document(ex, gold, Report())

    def end(value: str, kind: str) -> str:
        return normalise_key(value.strip("“”\"")) if kind == "receivedAward" else link.get(value, "?" + value)

    labels = {e.id: e.label for e in ex.entities}
    pred: dict[tuple, object] = {}
    for r in ex.relations:
        pred[(r.type, end(r.head, "x"), end(r.tail, r.type))] = r
    golds = {(r["type"], normalise_key(r["head"]), normalise_key(r["tail"].strip("“”\"")))
             for r in gold.get("relations", [])}
    return set(pred), golds, {"pred": pred, "labels": labels}


def show(ex: Extraction, gold: dict, out: list[str]) -> None:
    """Append the relation misses and false alarms of one document to ``out``."""
    pred, golds, info = _relation_keys(ex, gold)
    for key in sorted(golds - pred):
        out.append(f"  MISS  {key[0]:13} {key[1]} → {key[2]}")
    for key in sorted(pred - golds):
        r = info["pred"][key]
        labels = info["labels"]
        head, tail = labels.get(r.head, r.head), labels.get(r.tail, r.tail)
        out.append(f"  FALSE {r.type:13} {head} → {tail}  [{r.rule} {r.confidence:.2f}] "
                   f"{r.evidence.text[:60]}")


def table(report: Report, title: str) -> str:
    """Relation P/R/F1 per type, then the micro-average."""
    lines = [title, f"{'':14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]

    def row(name: str, s: Score) -> str:
        return f"{name:14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6}{s.fp:6}{s.fn:6}"

    for kind in RELATION_TYPES:
        lines.append(row(kind, report.relations.get(kind, Score())))
    lines.append(row("relations", report.micro(RELATION_TYPES, report.relations)))
    return "\n".join(lines)


def run(gold_file: str, *, pipeline: bool, verbose: bool) -> str:
    """Score one gold file; the text report."""
    from kg.ingest import read_article

    golds = load_gold(ROOT / gold_file)
    report, details = Report(), []
    started = time.perf_counter()
    if pipeline:
        extractions = pipeline_extractions(golds)
    else:
        extractions = {g["doc"]: oracle_extraction(read_article(ROOT / g["doc"]), g) for g in golds}
    seconds = time.perf_counter() - started
    for g in golds:
        ex = extractions[g["doc"]]
        score_document(ex, g, report)
        if verbose:
            details.append(g["doc"])
            show(ex, g, details)
    mode = "pipeline" if pipeline else "oracle"
    text = table(report, f"== {gold_file} ({mode} entities, {seconds:.2f}s)")
    return text + ("\n" + "\n".join(details) if verbose else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", default=list(GOLD_FILES))
    parser.add_argument("--pipeline", action="store_true", help="use the full pipeline's entities")
    parser.add_argument("--show", action="store_true", help="list relation misses and false alarms")
    args = parser.parse_args(argv)
    for gold_file in args.gold:
        print(run(gold_file, pipeline=args.pipeline, verbose=args.show))


if __name__ == "__main__":
    main()
