"""The spaCy ``zh`` pipeline: a segmenter (``char`` by default, or a locally trained
``pkuseg`` model), a sentencizer, and the park-kg rule component that sets ``doc.ents``.

spaCy objects stay in this module: ``analyse`` returns plain records.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

import numpy
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.errors import KGError
from kg.nlp.context import rule_context
from kg.nlp.gazetteer import Gazetteer, load_user_gazetteer
from kg.nlp.recognise import find_mentions
from kg.records import Mention, Span
from kg.settings import DATA_DIR, SEGMENTERS, Settings
from kg.workers import settle_heap

IOB_INSIDE, IOB_OUTSIDE, IOB_BEGIN = 1, 2, 3   # spaCy's ENT_IOB codes (0 = not set)
SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;…]+[”’」』）)]*)?")


class RuleComponent:
    """spaCy component: runs the rule recognisers on ``doc.text``, sets ``doc.ents`` and keeps
    the mention and sentence records in ``doc.user_data`` (sentences are found on the text:
    cheaper than per-token sentence boundaries, and the same for every segmenter)."""

    def __init__(self, user: Gazetteer | None = None) -> None:
        self.ctx = rule_context()
        self.user = user

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.get("kg_text") or doc.text  # doc.text rebuilds the string token by token
        doc.user_data["kg_mentions"] = find_mentions(text, self.ctx, self.user)
        doc.user_data["kg_sentences"] = sentences(text)
        set_entities(doc, token_spans(doc, doc.user_data["kg_mentions"]))
        doc.user_data.pop("kg_token_starts", None)
        return doc


def token_spans(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int, int]]:
    """The mentions as token spans (start, end, label id), as ``doc.char_span(…,
    alignment_mode="expand")`` then ``spacy.util.filter_spans`` make them (longest first, then
    leftmost; no overlaps), found by bisecting the token offsets instead of making Span objects."""
    if not mentions or not len(doc):
        return []
    starts = doc.user_data.get("kg_token_starts") or doc.to_array([IDX]).tolist()
    labels = {kind: doc.vocab.strings.add(kind) for kind in {m.type for m in mentions}}
    spans = []
    for m in mentions:
        first = bisect_right(starts, m.start) - 1          # the token at or before the first character …
        if first >= 0 and starts[first] != m.start and starts[first] + len(doc[first]) <= m.start:
            first += 1                                      # … unless that is its trailing space
        end = bisect_right(starts, m.end - 1)               # the token after the one at the last character
        if 0 <= first < end:
            spans.append((first, end, labels[m.type]))
    spans.sort(key=lambda x: (x[1] - x[0], -x[0]), reverse=True)
    taken = bytearray(len(doc))
    kept = []
    for s, e, label in spans:
        if not any(taken[s:e]):
            kept.append((s, e, label))
            taken[s:e] = b"\x01" * (e - s)
    return sorted(kept)


def set_entities(doc: Doc, spans: list[tuple[int, int, int]]) -> None:
    """``doc.set_ents(spans, default="outside")`` as one array write: the same IOB and types,
    computed with array operations on non-overlapping (start, end, label) token spans
    (``set_ents`` visits every token in Python-level code: 0.11 s per million characters)."""
    size = len(doc)
    iob = numpy.zeros((size, 2), dtype="uint64")
    if spans:
        starts, ends, labels = zip(*spans)
        s, e = numpy.array(starts, dtype="int64"), numpy.array(ends, dtype="int64")
        inside = numpy.zeros(size + 1, dtype="int64")
        numpy.add.at(inside, s, 1)
        numpy.add.at(inside, e, -1)
        kinds = numpy.zeros(size + 1, dtype="uint64")            # label hashes: wrap-around sums
        numpy.add.at(kinds, s, numpy.array(labels, dtype="uint64"))
        numpy.subtract.at(kinds, e, numpy.array(labels, dtype="uint64"))
        iob[:, 1] = numpy.cumsum(kinds[:-1], dtype="uint64")
        iob[:, 0] = numpy.where(numpy.cumsum(inside[:-1]) > 0, IOB_INSIDE, IOB_OUTSIDE)
        iob[s, 0] = IOB_BEGIN
    else:
        iob[:, 0] = IOB_OUTSIDE
    doc.from_array([ENT_IOB, ENT_TYPE], iob)


@Language.factory("park_kg_rules")
def _make_rules(nlp: Language, name: str) -> RuleComponent:
    return RuleComponent()


SHIPPED_GAZETTEERS = (DATA_DIR / "gazetteer.jsonl", DATA_DIR / "well_known.jsonl")


def user_gazetteer(settings: Settings) -> Gazetteer | None:
    """The shipped gazetteers (institutions, well-known companies) plus the user's gazetteer
    files, or None when all are empty."""
    gaz = Gazetteer()
    for path in (*SHIPPED_GAZETTEERS, *settings.gazetteers):
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
    component = nlp.add_pipe("park_kg_rules")
    component.user = user_gazetteer(settings)
    if settings.segmenter == "pkuseg" and component.user is not None:
        nlp.tokenizer.pkuseg_update_user_dict(sorted(component.user.entries))
    return nlp


@lru_cache(maxsize=4)
def cached_pipeline(settings: Settings) -> Language:
    """One pipeline per distinct settings in this process (then the loaded tables are kept
    out of the garbage collector's way: ``kg.workers.settle_heap``)."""
    nlp = build_pipeline(settings)
    settle_heap()
    return nlp


def sentences(text: str) -> list[Span]:
    """Sentences of ``text``: runs ending in 。！？；(and closing quotes), split at line breaks."""
    out = []
    for m in SENTENCE_RE.finditer(text):
        stripped = m.group().strip()
        if stripped:
            start = m.start() + m.group().index(stripped)
            out.append(Span(text=stripped, start=start, end=start + len(stripped)))
    return out


WHITE_RE = re.compile(r"(\s+)")


def char_words(text: str) -> tuple[list[str], list[bool]]:
    """Words and spaces exactly as spaCy's ``char`` segmenter makes them (one token per
    non-space character, a following " " as its trailing space, other white space as its own
    token), computed per run of characters instead of per character
    (``spacy.util.get_words_and_spaces`` is the slow part of the char segmenter)."""
    words, spaces, _ = char_tokens(text)
    return words, spaces


def char_tokens(text: str, orths: Orths | None = None) -> tuple[list, list[bool], list[int]]:
    """``char_words`` and the character offset where each token starts; with ``orths`` (an
    ``Orths`` of the pipeline's vocabulary) the words come as their string hashes."""
    words: list = []
    spaces: list[bool] = []
    starts: list[int] = []     # (every token is one character but white-space runs: its length is len(words[i]))
    word = None if orths is None else orths.__getitem__
    pos = 0
    for i, part in enumerate(WHITE_RE.split(text)):
        if not part:
            continue
        at, pos = pos, pos + len(part)
        if i % 2 == 0:                       # a run of non-space characters
            words.extend(part if word is None else map(word, part))
            spaces.extend([False] * len(part))
            starts.extend(range(at, pos))
            continue
        # white-space runs are whole, so the token before one is a non-space character
        if words and part[0] == " ":
            spaces[-1] = True
            part, at = part[1:], at + 1
        if part:
            words.append(part if word is None else word(part))
            spaces.append(False)
            starts.append(at)
    return words, spaces, starts


class Orths(dict):
    """String → hash of the strings in one vocabulary's string store. ``Doc(vocab, words=…)``
    given hashes takes each lexeme by its hash (``Vocab.get_by_orth``); given strings it hashes
    every one and checks the store twice (``Vocab.get``): with one token per character that
    made Doc creation 0.65 → 0.35 s a 3.8 M-character corpus, the same lexemes and tokens. The
    strings are added to the store for good (not per memory zone), so a hash kept here always
    finds its string."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.add = vocab.strings.add

    def __missing__(self, word: str) -> int:
        found = self[word] = self.add(word, allow_transient=False)
        return found


_ORTHS: WeakKeyDictionary[Language, Orths] = WeakKeyDictionary()   # one per pipeline in use


def make_docs(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Tokenised docs that remember their source text (saves rebuilding it from tokens).
    With the ``char`` segmenter the words are computed here, as string hashes (same result,
    2-3× faster)."""
    char = getattr(nlp.tokenizer, "segmenter", None) == "char"
    orths = _ORTHS.get(nlp) if char else None
    if char and orths is None:
        orths = _ORTHS[nlp] = Orths(nlp.vocab)
    for text in texts:
        if char and text:
            words, spaces, starts = char_tokens(text, orths)
            doc = Doc(nlp.vocab, words=words, spaces=spaces)
            doc.user_data["kg_token_starts"] = starts
        else:
            doc = nlp.make_doc(text)
        doc.user_data["kg_text"] = text
        yield doc


def analyse_doc(doc: Doc) -> tuple[list[Mention], list[Span]]:
    """Plain records out of a processed ``doc``."""
    return list(doc.user_data.get("kg_mentions", [])), list(doc.user_data.get("kg_sentences", []))
