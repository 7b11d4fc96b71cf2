"""NLP stage: a spaCy ``zh`` pipeline with rule components.

``analyse(text, settings)`` → ``Analysis`` (mentions and sentences as plain records).
Rule data lives in ``kg/rules``; place names in ``kg/data``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.records import Analysis
from kg.settings import DEFAULT, Settings


def analyse(text: str, *, settings: Settings = DEFAULT) -> Analysis:
    """Mentions and sentences of one cleaned text."""
    return next(analyse_many([text], settings=settings))


def analyse_many(texts: Iterable[str], *, settings: Settings = DEFAULT) -> Iterator[Analysis]:
    """Analyse texts in a batch with ``nlp.pipe`` (one process)."""
    from kg.nlp.spacy_pipeline import analyse_doc, cached_pipeline, make_docs

    nlp = cached_pipeline(settings)
    for doc in nlp.pipe(make_docs(nlp, texts), batch_size=32):
        mentions, sentences = analyse_doc(doc)
        yield Analysis(mentions=tuple(mentions), sentences=tuple(sentences))
