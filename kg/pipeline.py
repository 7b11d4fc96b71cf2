"""The pipeline: ingest → nlp → link → relate → (corpus link) → rdf → viz.

Every stage is a function of records and settings; this module only composes them.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.records import Article, Entity, Extraction
from kg.settings import DEFAULT, Settings

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed, with the reason (one line)."""

    path: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    """Extractions of the good inputs and the failures of the bad ones."""

    extractions: list[Extraction]
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class BuildReport:
    """Summary of one ``build``."""

    documents: int
    entities: dict[str, int]
    relations: int
    quads: int
    seconds: float
    chars: int
    failures: list[Failure]


def _one(article: Article, analysis, ctx, known=None, first=None) -> Extraction:
    """One article's extraction; ``first``: its entities from the first pass, reused when the
    corpus gazetteer ``known`` finds nothing new in it."""
    from kg.link import adds_names, link_document
    from kg.relate import relate

    if first is not None and (known is None or not adds_names(known, article.text, first)):
        entities = first
    else:
        entities = link_document(article.text, list(analysis.mentions), ctx, known)
    relations, attributes = relate(article.text, article.title, list(analysis.sentences), entities,
                                   date=article.date)
    return Extraction(article=article, entities=tuple(entities), relations=tuple(relations),
                      attributes=tuple(attributes))


def extract_articles(articles: Sequence[Article], *, settings: Settings = DEFAULT,
                     progress: Progress | None = None, prior: Sequence[Entity] = ()) -> list[Extraction]:
    """Extract every article, then link entities across them.

    Two passes: the names every document yields (and the ``prior`` entities a store already
    holds) form a corpus gazetteer, which the second pass looks for in all documents (a
    company named in one article is found in the next)."""
    from kg.link import corpus_gazetteer, link_corpus, link_document
    from kg.nlp import analyse_many
    from kg.nlp.context import rule_context

    ctx = rule_context()
    analyses = list(analyse_many((a.text for a in articles), settings=settings))
    first = [link_document(a.text, list(an.mentions), ctx) for a, an in zip(articles, analyses)]
    known = corpus_gazetteer([*first, list(prior)], ctx) if len(articles) > 1 or prior else None
    out = []
    for i, (article, analysis) in enumerate(zip(articles, analyses), 1):
        out.append(_one(article, analysis, ctx, known, first[i - 1]))
        if progress:
            progress(i, len(articles))
    return link_corpus(out, tuple(prior))


def extract_text(text: str, *, title: str | None = None, date: str | None = None,
                 settings: Settings = DEFAULT) -> Extraction:
    """Extract one pasted text (notebooks)."""
    from kg.ingest import article_from_text

    return extract_articles([article_from_text(text, title=title, date=date)], settings=settings)[0]


def read_inputs(paths: Sequence[str | Path], *, settings: Settings = DEFAULT) -> tuple[list[Article], list[Failure]]:
    """Read every input file; a bad file becomes a ``Failure`` and the others go on.

    Raises ``InputError`` when a given path does not exist.
    """
    from kg.ingest import iter_input_files, read_article

    articles, failures = [], []
    for given, _path in iter_input_files(paths):
        try:
            articles.append(read_article(given, settings=settings))
        except KGError as err:
            failures.append(Failure(given, str(err)))
            log.warning("skipped %s: %s", given, err)
    return articles, failures


def extract_paths(paths: Sequence[str | Path], *, settings: Settings = DEFAULT,
                  progress: Progress | None = None, prior: Sequence[Entity] = ()) -> BatchResult:
    """Extract every readable input under ``paths``."""
    articles, failures = read_inputs(paths, settings=settings)
    return BatchResult(extract_articles(articles, settings=settings, progress=progress, prior=prior), failures)


def build(paths: Sequence[str | Path], *, settings: Settings = DEFAULT,
          progress: Progress | None = None) -> BuildReport:
    """Extract ``paths`` and write the result into the store of ``settings``; names the
    store already knows are looked for in the new articles and keep their IRIs."""
    from kg.rdf.names import stored_entities
    from kg.rdf.store import KGStore

    started = time.perf_counter()
    with KGStore.open(settings.store) as store:
        batch = extract_paths(paths, settings=settings, progress=progress, prior=stored_entities(store))
        quads = store.replace_documents(batch.extractions)
    return summarise(batch, quads, time.perf_counter() - started)


def summarise(batch: BatchResult, quads: int, seconds: float) -> BuildReport:
    """Counts for the build summary."""
    types: Counter[str] = Counter()
    seen: set[str] = set()
    for ex in batch.extractions:
        for e in ex.entities:
            if e.id not in seen:
                seen.add(e.id)
                types[e.type] += 1
    return BuildReport(documents=len(batch.extractions), entities=dict(sorted(types.items())),
                       relations=sum(len(ex.relations) for ex in batch.extractions), quads=quads,
                       seconds=round(seconds, 2), chars=sum(len(ex.article.text) for ex in batch.extractions),
                       failures=batch.failures)


def iter_jsonl(extractions: Iterable[Extraction]) -> Iterable[dict]:
    """The public ``kg extract`` JSON objects."""
    return (ex.to_json() for ex in extractions)
