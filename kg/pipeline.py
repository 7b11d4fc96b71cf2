"""The pipeline: ingest → nlp → link → relate → (corpus link) → rdf → viz.

Every stage is a function of records and settings; this module only composes them.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import InputError, KGError
from kg.iri import document_iri
from kg.link import adds_names
from kg.link.decisions import Decision
from kg.memo import Memo, digest, fingerprint
from kg.nlp.gazetteer import Gazetteer
from kg.pack import pack_entities, pack_first, unpack_entities, unpack_first
from kg.records import Analysis, Article, Entity, Extraction, Merge
from kg.settings import DEFAULT, Settings
from kg.workers import LOCAL, STATE, Team

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
class Changes:
    """What a build did to the store's documents."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0             # inputs already stored with the same SHA-256
    removed: tuple[str, ...] = ()  # doc ids
    total: int = 0                 # documents in the store after the build
    rewritten: int = 0             # document graphs written (new, changed, or relinked)
    merges: int = 0                # cross-document merges in force


@dataclass(frozen=True)
class BuildReport:
    """Summary of one ``build`` (counts over the whole corpus after it)."""

    documents: int
    entities: dict[str, int]
    relations: int
    quads: int
    seconds: float
    chars: int
    failures: list[Failure]
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class Corpus:
    """The extraction of a whole corpus and the cross-document merges made in it."""

    extractions: list[Extraction]
    merges: list[Merge] = field(default_factory=list)


def _first_chunk(indices: Sequence[int]) -> list[tuple[Analysis | bytes, list[Entity] | bytes]]:
    """First pass (worker): analysis and document-level linking of each article. With
    ``STATE["pack"]`` (several processes) both come back as bytes (``kg.pack``): the pair for
    the second pass, and the entities for the parent (``_first_pass`` reads them); the worker
    keeps the records in ``LOCAL`` for its second pass."""
    from kg.link import link_document
    from kg.nlp import analyse_many

    articles, ctx, settings, pack = STATE["articles"], STATE["ctx"], STATE["settings"], STATE.get("pack")
    texts = [articles[i].text for i in indices]
    out: list[tuple[Analysis | bytes, list[Entity] | bytes]] = []
    for i, text, an in zip(indices, texts, analyse_many(texts, settings=settings)):
        entities = link_document(text, list(an.mentions), ctx)
        if not pack:
            out.append((an, entities))
            continue
        out.append((pack_first(text, an, entities), pack_entities(text, entities)))
        _keep(i, len(text), (an, entities), out[-1][0])
    return out


KEEP_CHARS = 4_000_000
"""Text a worker keeps the first-pass records of for its second pass: records take about 30
bytes a character (120 MB); past that it keeps the packed bytes (2.6 bytes a character) and
unpacks them again (0.3 ms a document)."""


def _keep(i: int, chars: int, records: tuple[Analysis, list[Entity]], packed: bytes) -> None:
    kept = LOCAL.get("kept chars", 0) + chars
    if kept <= KEEP_CHARS:
        LOCAL["kept chars"], LOCAL[i] = kept, records
    else:
        LOCAL[i] = packed


def _unpack(first: tuple[Analysis | bytes, list[Entity]], text: str, *, mentions: bool = True) -> tuple[Analysis, list[Entity]]:
    """A document's first-pass result. On several processes the analysis and entities travel
    as bytes (``kg.pack``, a third of the records' size): a forked worker that reads records
    copies the parent's memory pages (reading writes reference counts); reading one ``bytes``
    object copies one page."""
    packed, entities = first
    return unpack_first(text, packed, mentions=mentions) if isinstance(packed, bytes) else (packed, entities)


def _second_chunk(indices: Sequence[int]) -> list[tuple[tuple[Entity, ...] | None, tuple, tuple]]:
    """Second pass (worker): link again with the corpus gazetteer where it finds new names,
    then relations and attributes. Entities come back only when linked again (``None``: the
    first pass's, which the parent has). The first pass's records are in ``LOCAL`` when this
    worker made them (as records, or packed past ``KEEP_CHARS``), else in ``STATE["payload"]``
    (sent with the chunk) or ``STATE["firsts"]`` (one process)."""
    from kg.link import link_document
    from kg.relate import relate

    articles, known, ctx = STATE["articles"], STATE["known"], STATE["ctx"]
    firsts = STATE.get("payload") or STATE.get("firsts", {})
    out = []
    for i in indices:
        article = articles[i]
        kept = LOCAL.pop(i, None)
        source = firsts[i] if kept is None else (kept, []) if isinstance(kept, bytes) else None
        analysis, first = kept if source is None else _unpack(source, article.text, mentions=False)
        relinked = _relinks(known, article.text, first)
        if relinked and source is not None:
            analysis, _ = _unpack(source, article.text)
        entities = tuple(link_document(article.text, list(analysis.mentions), ctx, known) if relinked else first)
        relations, attributes = relate(article.text, article.title, list(analysis.sentences),
                                       list(entities), date=article.date)
        out.append((entities if relinked else None, tuple(relations), tuple(attributes)))
    return out


def _travelling(first: tuple[Analysis | bytes, list[Entity]]) -> tuple[Analysis | bytes, list[Entity]]:
    """A first-pass result to send to a worker: packed ones as their bytes alone (they hold the
    entities too)."""
    return (first[0], []) if isinstance(first[0], bytes) else first


def _relinks(known: Gazetteer | None, text: str, entities: Sequence[Entity]) -> bool:
    """Whether the corpus gazetteer finds names in ``text`` the document's entities lack (the
    document is then linked again in the second pass)."""
    return known is not None and adds_names(known, text, entities)


def _first_key(fp: str, article: Article) -> str:
    return f"{fp}:first:{digest(article.text)}"


def _relate_key(fp: str, article: Article, entities: tuple[Entity, ...]) -> str:
    return f"{fp}:relate:{digest(article.text, article.title, article.date, entities)}"


def extract_corpus(articles: Sequence[Article], *, settings: Settings = DEFAULT,
                   progress: Progress | None = None, memo: Memo | None = None,
                   decisions: Sequence[Decision] = ()) -> Corpus:
    """Extract every article, then link entities across them.

    Two passes: the names every document yields form a corpus gazetteer, which the second
    pass looks for in every document (a company named in one article is found in the next);
    then entities that are the same across documents get one IRI (``decisions`` applied).
    ``memo`` keeps per-document results between builds (see ``kg.memo``); ``settings.jobs``
    processes share the work; ``progress(done, 2 × documents)`` follows both passes.
    """
    from kg.link import link_corpus_explained
    from kg.nlp.context import rule_context
    from kg.nlp.spacy_pipeline import cached_pipeline

    articles = list(articles)
    fp, memo = fingerprint(settings), memo or Memo(None)
    memo.prune(fp + ":")                            # results of older code, rules or settings
    cached_pipeline(settings)                       # built before workers fork
    state = {"articles": articles, "ctx": rule_context(), "settings": settings, "pack": settings.jobs > 1}
    with Team(settings.jobs, state) as team:        # the same workers run both passes
        firsts = _first_pass(team, articles, fp, memo, progress)
        out = _second_pass(team, articles, firsts, fp, memo, progress)
    del firsts, state                               # the analyses are not needed any more
    linked, merges = link_corpus_explained(out, decisions)
    return Corpus(linked, merges)


def _first_pass(team: Team, articles: list[Article], fp: str, memo: Memo,
                progress: Progress | None) -> list[tuple[Analysis | bytes, list[Entity]]]:
    """Analysis and document-level entities of every article (memo, then workers)."""
    keys = [_first_key(fp, a) if memo.enabled else "" for a in articles]
    found = memo.get_many(keys) if memo.enabled else {}
    todo = [i for i, k in enumerate(keys) if k not in found]
    done_before, total = len(articles) - len(todo), 2 * len(articles)
    report = (lambda n: progress(done_before + n, total)) if progress else None
    def read(i: int, result: tuple) -> tuple:       # entities come from workers packed
        first, ents = result
        return first, unpack_entities(articles[i].text, ents) if isinstance(ents, bytes) else ents

    fresh = dict(zip(todo, team.run(_first_chunk, todo, done=report, receive=read)))
    if memo.enabled:
        memo.put_many({keys[i]: fresh[i] for i in todo})
    if progress:
        progress(len(articles), total)
    return [fresh[i] if i in fresh else found[k] for i, k in enumerate(keys)]


def _second_pass(team: Team, articles: list[Article], firsts: list[tuple[Analysis | bytes, list[Entity]]],
                 fp: str, memo: Memo, progress: Progress | None) -> list[Extraction]:
    """Entities with the corpus gazetteer, relations and attributes of every article; documents
    whose entities did not change since a build that computed their relations take them from
    the memo. Each document goes back to the worker that ran its first pass (``affine``),
    which kept its records; another worker gets them as bytes."""
    from kg.link import corpus_gazetteer

    known = corpus_gazetteer([list(f[1]) for f in firsts], STATE["ctx"]) if len(articles) > 1 else None
    keys = {i: _relate_key(fp, articles[i], tuple(firsts[i][1])) for i in range(len(articles))} if memo.enabled else {}
    found = memo.get_many(keys.values())
    # a memo hit holds only if the corpus gazetteer adds no name to the document (else it is
    # linked again); the workers decide that for the other documents themselves
    hits = {i: found[k] for i, k in keys.items() if k in found
            and not _relinks(known, articles[i].text, firsts[i][1])}
    todo = [i for i in range(len(articles)) if i not in hits]
    done_before, total = len(articles) + len(hits), 2 * len(articles)
    report = (lambda n: progress(done_before + n, total)) if progress else None
    share = {"known": known} if team.forked else {"known": known, "firsts": firsts}
    fresh = dict(zip(todo, team.run(_second_chunk, todo, done=report, share=share, affine=True,
                                    payload=lambda i: _travelling(firsts[i]))))
    if progress:
        progress(total, total)
    fresh = {i: (tuple(firsts[i][1]) if ents is None else ents, rels, attrs) for i, (ents, rels, attrs) in fresh.items()}
    if memo.enabled:
        memo.put_many({_relate_key(fp, articles[i], ents): (rels, attrs) for i, (ents, rels, attrs) in fresh.items()})
    out = []
    for i, article in enumerate(articles):
        ents, rels, attrs = fresh[i] if i in fresh else (tuple(firsts[i][1]), *hits[i])
        out.append(Extraction(article=article, entities=ents, relations=rels, attributes=attrs))
    return out


def extract_articles(articles: Sequence[Article], *, settings: Settings = DEFAULT,
                     progress: Progress | None = None) -> list[Extraction]:
    """The extractions of ``articles`` (see ``extract_corpus``)."""
    return extract_corpus(articles, settings=settings, progress=progress).extractions


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
                  progress: Progress | None = None) -> BatchResult:
    """Extract every readable input under ``paths``."""
    articles, failures = read_inputs(paths, settings=settings)
    return BatchResult(extract_articles(articles, settings=settings, progress=progress), failures)


def build(paths: Sequence[str | Path], *, settings: Settings = DEFAULT,
          progress: Progress | None = None, remove: Sequence[str] = ()) -> BuildReport:
    """Add ``paths`` to the store of ``settings`` (and drop the documents ``remove`` names).

    The result is the extraction of the whole corpus (stored documents plus inputs), so
    building A then B equals building A+B and building twice equals building once: new
    documents are added, changed ones (another SHA-256) replaced, unchanged ones skipped
    (their results come from the memo and their graphs are rewritten only when cross-document
    linking changed them). The store changes all at once when the build succeeds.
    Raises ``InputError`` when a path or a document to remove does not exist.
    """
    from kg.link import load_decisions
    from kg.rdf.open import open_store

    started = time.perf_counter()
    articles, failures = read_inputs(paths, settings=settings) if paths else ([], [])
    with open_store(settings.store) as store:
        stored = store.stored_articles()
        corpus, changes = plan_corpus(stored, articles, remove)
        memo = Memo(store.path / "cache" if store.path else None)
        try:
            result = extract_corpus(corpus, settings=settings, progress=progress, memo=memo,
                                    decisions=load_decisions(decisions_file(settings)))
        finally:
            memo.close()
        for doc_id in changes.removed:
            store.remove_document(document_iri(doc_id))
        rewritten, _ = store.update_documents(result.extractions)
        store.replace_corpus_graphs(result.extractions, result.merges)
        quads = len(store)
    changes = replace(changes, rewritten=rewritten, merges=len(result.merges))
    return summarise(BatchResult(result.extractions, failures), quads, time.perf_counter() - started, changes)


def decisions_file(settings: Settings) -> Path | None:
    """The decisions file in force: ``settings.decisions``, else ``<store>/decisions.jsonl``."""
    from kg.link.decisions import FILE_NAME

    from kg.rdf.endpoints import is_store_url

    if settings.decisions is not None:
        return Path(settings.decisions)
    return None if settings.store is None or is_store_url(settings.store) else Path(settings.store) / FILE_NAME


def plan_corpus(stored: Sequence[Article], inputs: Sequence[Article],
                remove: Sequence[str] = ()) -> tuple[list[Article], Changes]:
    """The corpus after this build (sorted by path) and what changes: inputs replace stored
    documents of the same id; ``remove`` names documents by id, IRI or path.

    Raises ``InputError`` when something in ``remove`` names no stored document."""
    by_id = {a.doc_id: a for a in stored}
    removed = sorted({_find_document(name, stored) for name in remove})
    added = [a.doc_id for a in inputs if a.doc_id not in by_id]
    changed = [a.doc_id for a in inputs if a.doc_id in by_id and by_id[a.doc_id].sha256 != a.sha256]
    corpus = {**by_id, **{a.doc_id: a for a in inputs}}
    for doc_id in removed:
        corpus.pop(doc_id, None)
    ordered = sorted(corpus.values(), key=lambda a: (a.path, a.doc_id))
    unchanged = len(inputs) - len(set(added)) - len(set(changed))
    return ordered, Changes(added=len(set(added)), changed=len(set(changed)), unchanged=unchanged,
                            removed=tuple(removed), total=len(ordered))


def _find_document(name: str, stored: Sequence[Article]) -> str:
    for a in stored:
        if name in (a.doc_id, document_iri(a.doc_id), a.path, a.source) or \
                (Path(name).exists() and Path(name).resolve().as_posix() == a.source):
            return a.doc_id
    raise InputError(f"no document {name!r} in the store", fix="name it by path, doc id or IRI as kg documents lists")


def summarise(batch: BatchResult, quads: int, seconds: float, changes: Changes | None = None) -> BuildReport:
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
                       failures=batch.failures, changes=changes or Changes(total=len(batch.extractions)))


def iter_jsonl(extractions: Iterable[Extraction]) -> Iterable[dict]:
    """The public ``kg extract`` JSON objects."""
    return (ex.to_json() for ex in extractions)
