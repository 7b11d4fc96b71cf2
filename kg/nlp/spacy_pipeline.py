"""The spaCy ``zh`` pipeline: a segmenter (``char`` by default, or a locally trained
``pkuseg`` model), a sentencizer, and the park-kg rule component that sets ``doc.ents``.

spaCy objects stay in this module: ``analyse`` returns plain records.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.errors import KGError
from kg.nlp.context import rule_context
from kg.nlp.gazetteer import Gazetteer, load_user_gazetteer
from kg.nlp.recognise import find_mentions
from kg.records import Mention, Span
from kg.settings import DATA_DIR, SEGMENTERS, Settings

SENTENCE_PUNCT = ["。", "！", "？", "!", "?", "；", ";", "…"]


class RuleComponent:
    """spaCy component: runs the rule recognisers on ``doc.text`` and sets ``doc.ents``."""

    def __init__(self, user: Gazetteer | None = None) -> None:
        self.ctx = rule_context()
        self.user = user

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc.text, self.ctx, self.user)
        doc.user_data["kg_mentions"] = mentions
        spans = (doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand") for m in mentions)
        doc.ents = filter_spans([s for s in spans if s is not None])
        return doc


@Language.factory("park_kg_rules")
def _make_rules(nlp: Language, name: str) -> RuleComponent:
    return RuleComponent()


def user_gazetteer(settings: Settings) -> Gazetteer | None:
    """The shipped gazetteer plus the user's gazetteer files, or None when all are empty."""
    gaz = Gazetteer()
    for path in (DATA_DIR / "gazetteer.jsonl", *settings.gazetteers):
        load_user_gazetteer(Path(path), gaz)
    return gaz if gaz.entries else None


def _blank(settings: Settings) -> Language:
    if settings.segmenter not in SEGMENTERS:
        raise KGError(f"unknown segmenter {settings.segmenter!r}", fix=f"use one of {', '.join(SEGMENTERS)}")
    if settings.segmenter == "char":
        return spacy.blank("zh")
    if settings.pkuseg_model is None:
        raise KGError("the pkuseg segmenter needs a model folder",
                      fix="train one with `kg train-segmenter CORPUS -o DIR` and pass --pkuseg-model DIR")
    os.environ.setdefault("PKUSEG_HOME", str(Path(settings.pkuseg_model).resolve()))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(settings.pkuseg_model))
    return nlp


def build_pipeline(settings: Settings) -> Language:
    """A fresh pipeline for ``settings`` (segmenter, sentencizer, rules)."""
    nlp = _blank(settings)
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    component = nlp.add_pipe("park_kg_rules")
    component.user = user_gazetteer(settings)
    if settings.segmenter == "pkuseg" and component.user is not None:
        nlp.tokenizer.pkuseg_update_user_dict(sorted(component.user.entries))
    return nlp


@lru_cache(maxsize=4)
def cached_pipeline(settings: Settings) -> Language:
    """One pipeline per distinct settings in this process."""
    return build_pipeline(settings)


def sentences(doc: Doc) -> list[Span]:
    """Sentences of ``doc`` (spaCy's sentencizer, also split at line breaks), as records."""
    out = []
    for sent in doc.sents:
        start = sent.start_char
        for part in sent.text.split("\n"):
            stripped = part.strip()
            if stripped:
                s = start + part.index(stripped)
                out.append(Span(text=stripped, start=s, end=s + len(stripped)))
            start += len(part) + 1
    return out


def analyse_doc(doc: Doc) -> tuple[list[Mention], list[Span]]:
    """Plain records out of a processed ``doc``."""
    return list(doc.user_data.get("kg_mentions", [])), sentences(doc)
