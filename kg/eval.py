"""``kg eval``: precision, recall and F1 of entities and relations against gold annotations.

Gold format (JSONL, one document per line; see tests/gold/README.md)::

    {"doc": "path/to/article.txt",
     "entities": [{"type": "Company", "name": "…", "aliases": ["…"]}],
     "relations": [{"type": "locatedIn", "head": "…", "tail": "…", "role": null}]}

An extracted entity counts when its type is right and its label or one of its mention texts
equals the name or an alias of a gold entity (width folded, white space ignored), one-to-one.
A relation counts when its type matches and both ends match as entities do.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.iri import normalise_key
from kg.records import ENTITY_TYPES, RELATION_TYPES, Extraction

SCORED_TYPES = ("Park", "Company", "Organization", "Project", "Person")


@dataclass
class Score:
    """Counts of one class: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores per entity type and relation type, with the misses and false alarms."""

    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def micro(self, kinds: tuple[str, ...], table: dict[str, Score]) -> Score:
        total = Score()
        for k in kinds:
            total.add(table.get(k, Score()))
        return total


def _fail(path: Path, line: int, problem: str) -> InputError:
    return InputError(f"{path}:{line}: {problem}", fix="see tests/gold/README.md for the gold format")


def load_gold(path: Path) -> list[dict]:
    """Parse and check a gold JSONL file. Raises ``InputError`` naming file and line."""
    docs = []
    for line, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _fail(path, line, f"not valid JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or "doc" not in doc:
            raise _fail(path, line, "needs a 'doc' field")
        for e in doc.get("entities", []):
            if e.get("type") not in ENTITY_TYPES or not e.get("name"):
                raise _fail(path, line, f"bad entity {e!r}")
        for r in doc.get("relations", []):
            if r.get("type") not in RELATION_TYPES:
                raise _fail(path, line, f"bad relation type {r.get('type')!r}")
        docs.append(doc)
    return docs


def _names(*names: str) -> set[str]:
    return {normalise_key(n) for n in names if n}


def _matching(pred: list[set[str]], gold: list[set[str]]) -> dict[int, int]:
    """Maximum one-to-one matching between predicted and gold name sets (Kuhn's algorithm)."""
    edges = [[j for j, g in enumerate(gold) if p & g] for p in pred]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(pred)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score_document(ex: Extraction, gold: dict, report: Report) -> dict[str, str]:
    """Add one document's entity and relation scores to ``report``; returns the entity
    matching used for relations (entity IRI → key of the gold entity's name)."""
    link: dict[str, str] = {}
    for kind in ENTITY_TYPES:
        pred = [e for e in ex.entities if e.type == kind]
        golds = [g for g in gold.get("entities", []) if g["type"] == kind]
        match = _matching([_names(e.label, *(m.text for m in e.mentions)) for e in pred],
                          [_names(g["name"], *g.get("aliases", [])) for g in golds])
        report.entities[kind].add(Score(tp=len(match), fp=len(pred) - len(match), fn=len(golds) - len(match)))
        for i, j in match.items():
            link[pred[i].id] = normalise_key(golds[j]["name"])
        report.misses += [f"{gold['doc']}: {kind} {golds[j]['name']}" for j in set(range(len(golds))) - set(match.values())]
        report.false_alarms += [f"{gold['doc']}: {kind} {pred[i].label}" for i in set(range(len(pred))) - set(match)]
    _score_relations(ex, gold, link, report)
    return link


def _score_relations(ex: Extraction, gold: dict, link: dict[str, str], report: Report) -> None:
    def end(value: str, kind: str) -> str:
        return normalise_key(value.strip("“”\"")) if kind == "receivedAward" else link.get(value, "?" + value)

    labels = {e.id: e.label for e in ex.entities}
    shown: dict[tuple[str, str, str], str] = {}        # predicted key → how to print it
    for r in ex.relations:
        k = (r.type, end(r.head, "x"), end(r.tail, r.type))
        shown.setdefault(k, f"{r.type} {labels.get(r.head, r.head)} → {labels.get(r.tail, r.tail)}")
    golds = {(r["type"], normalise_key(r["head"]), normalise_key(r["tail"].strip("“”\""))) for r in gold.get("relations", [])}
    for kind in RELATION_TYPES:
        p = {x for x in shown if x[0] == kind}
        g = {x for x in golds if x[0] == kind}
        report.relations[kind].add(Score(tp=len(p & g), fp=len(p - g), fn=len(g - p)))
        report.misses += [f"{gold['doc']}: {kind} {h} → {t}" for _, h, t in sorted(g - p)]
        report.false_alarms += [f"{gold['doc']}: {shown[x]}" for x in sorted(p - g)]


def evaluate(gold_docs: list[dict], extractions: dict[str, Extraction]) -> Report:
    """Score extractions (keyed by the gold ``doc`` path) against the gold documents."""
    report = Report()
    for gold in gold_docs:
        ex = extractions.get(gold["doc"])
        if ex is None:
            raise InputError(f"no extraction for gold document {gold['doc']}",
                             fix="pass the article files (or their folder) after the gold file")
        score_document(ex, gold, report)
    return report


def format_report(report: Report, *, misses: int = 40) -> str:
    """The report as a plain-text table, then the first misses and false alarms."""
    lines = [f"{'':14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]

    def row(name: str, s: Score) -> str:
        return f"{name:14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6}{s.fp:6}{s.fn:6}"

    for kind in ENTITY_TYPES:
        lines.append(row(kind, report.entities.get(kind, Score())))
    lines.append(row("entities*", report.micro(SCORED_TYPES, report.entities)))
    for kind in RELATION_TYPES:
        lines.append(row(kind, report.relations.get(kind, Score())))
    lines.append(row("relations", report.micro(RELATION_TYPES, report.relations)))
    lines.append("* micro-average over " + ", ".join(SCORED_TYPES) + " (Place not included)")
    lines += ["", f"misses ({len(report.misses)}):"] + report.misses[:misses]
    lines += ["", f"false alarms ({len(report.false_alarms)}):"] + report.false_alarms[:misses]
    return "\n".join(lines)
