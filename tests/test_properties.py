"""Properties on arbitrary text: extraction never raises, offsets slice to their text, IRIs are
valid, and the RDF of an extraction survives Turtle and TriG (pyoxigraph writes, rdflib reads)."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from rdflib.compare import graph_diff, isomorphic

from kg.ingest import article_from_text
from kg.pipeline import extract_articles
from kg.rdf.convert import extraction_quads
from kg.rdf.namespace import PREFIXES
from kg.records import Extraction
from kg.settings import ID_BASE

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CHINESE_NEWS = st.sampled_from(list("杭州有限公司科技园区小镇项目管委会董事长记者■、，。“”（）()·—0123456789 \n年月日亿元万等家企业落户位于投资"))
TEXT = st.one_of(st.text(max_size=200), st.text(alphabet=CHINESE_NEWS, min_size=1, max_size=300))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
NIF = PREFIXES["nif"]
# Outside an IRI reference (RFC 3987 / Turtle IRIREF): controls, space and <>"{}|^`\
IRI_RE = re.compile(r"^[a-z][a-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+$")
PROPERTY_SETTINGS = settings(max_examples=100, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def seed_sentences() -> list[str]:
    """Sentences and lines of the seed articles with their end marks and line breaks, so that
    joining a run of them gives back the article text: realistic material that yields
    entities, relations, amounts, posts and metrics."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return re.findall(r"[^。！？\n]*(?:[。！？]+|\n+)", text)


SENTENCES = seed_sentences()
RUN = st.tuples(st.integers(0, len(SENTENCES) - 1), st.integers(2, 16)).map(
    lambda start_length: "".join(SENTENCES[start_length[0]:sum(start_length)]))
# Characters that test escaping in Turtle/TriG literals: quotes, backslashes, CR, tabs, astral CJK, emoji.
AWKWARD = st.text(alphabet=st.sampled_from(list('"\'\\\t\r\n#@<>{}^_:;.,%°€𠀀😀\u3000\u00a0')), max_size=12)
NEWS = st.lists(st.one_of(RUN, RUN, AWKWARD), min_size=1, max_size=4).map("".join)
ANY_TEXT = st.one_of(NEWS, TEXT)
# Whole seed articles: every node kind (memberships, amounts, metrics, sizes) is checked each run.
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def extract(text: str) -> Extraction:
    """The extraction of one pasted text."""
    [ex] = extract_articles([article_from_text(text)])
    return ex


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extraction_never_raises_and_offsets_hold(text):
    if not text.strip():
        return
    article = article_from_text(text)
    [ex] = extract_articles([article])
    clean = ex.article.text
    for e in ex.entities:
        ox.NamedNode(e.id)                                   # a valid IRI
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(clean) and clean[m.start:m.end] == m.text
    for r in ex.relations:
        ox.NamedNode(r.head)
        assert clean[r.evidence.start:r.evidence.end] == r.evidence.text
    for a in ex.attributes:
        assert clean[a.evidence.start:a.evidence.end] == a.evidence.text


# ---------------------------------------------------------------- RDF round trips
def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> rdflib.term.Node:
    """The rdflib term equal to a pyoxigraph term (plain strings lose their xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph holding ``triples``."""
    graph = rdflib.Graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def graphs_of(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """Triples of each named graph, by graph name."""
    out: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        out[q.graph_name.value].append(q.triple)
    return out


def assert_isomorphic(got: rdflib.Graph, expected: rdflib.Graph) -> None:
    """Fail with the triples only one side has."""
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(got, expected)
        raise AssertionError(f"only after the round trip: {sorted(only_got)[:5]}; "
                             f"lost: {sorted(only_expected)[:5]}")


@PROPERTY_SETTINGS
@given(ANY_TEXT)
@example(SEED_TEXTS[0])
@example(SEED_TEXTS[2] + '\n\n引号"\\反斜杠\t制表符\r😀𠀀')
def test_turtle_round_trip_is_isomorphic(text: str) -> None:
    if not text.strip():
        return
    ex = extract(text)
    event(f"relations and attributes: {'some' if ex.relations or ex.attributes else 'none'}")
    quads = extraction_quads(ex)
    [(_, triples)] = graphs_of(quads).items()                # one named graph per document
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    parsed = rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")
    assert_isomorphic(parsed, rdflib_graph(triples))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")     # rdflib's own TriG parser
@PROPERTY_SETTINGS
@given(st.lists(ANY_TEXT, min_size=1, max_size=3))
@example(SEED_TEXTS)
def test_trig_round_trip_keeps_every_graph(texts: list[str]) -> None:
    texts = [t for t in texts if t.strip()]
    if not texts:
        return
    extractions = extract_articles([article_from_text(t) for t in texts])
    expected = graphs_of(q for ex in extractions for q in extraction_quads(ex))
    data = ox.serialize([q for ex in extractions for q in extraction_quads(ex)],
                        format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    dataset = rdflib.Dataset().parse(data=data.decode("utf-8"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == set(expected)                            # no graph lost, none invented
    for name, triples in expected.items():
        assert_isomorphic(dataset.graph(rdflib.URIRef(name)), rdflib_graph(triples))


def iris_of(quads: Iterable[ox.Quad]) -> set[str]:
    """Every IRI of ``quads``, datatypes included."""
    out = set()
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                out.add(term.value)
            elif isinstance(term, ox.Literal):
                out.add(term.datatype.value)
    return out


@PROPERTY_SETTINGS
@given(ANY_TEXT)
def test_every_iri_is_valid_and_minted_or_from_a_known_vocabulary(text: str) -> None:
    if not text.strip():
        return
    quads = extraction_quads(extract(text))
    vocabularies = tuple(v for p, v in PREFIXES.items() if p != "kgid")
    for iri in iris_of(quads):
        assert IRI_RE.match(iri), iri
        assert ox.NamedNode(iri).value == iri
        if iri.startswith(ID_BASE):                          # minted: ASCII, names never in IRIs
            assert iri.isascii() and re.fullmatch(r"[a-z][a-z0-9-]*/[a-z2-7]{26}", iri[len(ID_BASE):]), iri
        else:
            assert iri.startswith(vocabularies), iri
    for q in quads:
        assert q.subject.value.startswith(ID_BASE) and q.graph_name.value.startswith(ID_BASE)


def nif_spans(quads: Iterable[ox.Quad]) -> tuple[str, list[tuple[str, int, int, str]]]:
    """The document text and every ``(node, begin, end, anchorOf)`` of the NIF nodes."""
    values: dict[tuple[str, str], str] = {}
    text = None
    for q in quads:
        key = q.predicate.value
        if key == PREFIXES["kgo"] + "text":
            text = q.object.value
        elif key in (NIF + "beginIndex", NIF + "endIndex", NIF + "anchorOf"):
            values[(q.subject.value, key.removeprefix(NIF))] = q.object.value
    nodes = {node for node, _ in values}
    spans = [(n, int(values[(n, "beginIndex")]), int(values[(n, "endIndex")]), values[(n, "anchorOf")])
             for n in sorted(nodes)]
    assert text is not None
    return text, spans


@PROPERTY_SETTINGS
@given(ANY_TEXT)
def test_nif_offsets_in_the_rdf_slice_the_document_text(text: str) -> None:
    if not text.strip():
        return
    ex = extract(text)
    doc_text, spans = nif_spans(extraction_quads(ex))
    assert doc_text == ex.article.text
    for node, begin, end, anchor in spans:
        assert 0 <= begin < end <= len(doc_text) and doc_text[begin:end] == anchor, node
