"""kg validate: the SHACL shapes parse, catch hand-built bad graphs with the expected messages,
pass clean ones and the seeds store."""
from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg.cli import main
from kg.rdf.namespace import KGO, kgo_terms
from kg.rdf.store import KGStore
from kg.records import Attribute, Entity, Extraction, Relation, Span
from kg.validate import SH, UNION, ValidationReport, load_shapes, shape_names, validate_store

sys.path.insert(0, str(Path(__file__).parent / "rdf"))
from rdf_samples import COMPANY, PARK, PERSON, PROJECT, TEXT, sample_extraction, sentence  # noqa: E402


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def report_of(*extractions: Extraction, shapes: Graph) -> ValidationReport:
    with KGStore.open(None) as store:
        store.replace_documents(extractions)
        return validate_store(store, shapes=shapes)


def messages(report: ValidationReport) -> set[tuple[str, str, str]]:
    """(severity, shape, message) of every result."""
    return {(r.severity, r.shape, r.message) for r in report.results}


def with_relation(ex: Extraction, rel: Relation) -> Extraction:
    return dataclasses.replace(ex, relations=(*ex.relations, rel))


# ---------------------------------------------------------------- the shapes file
def test_shapes_parse_and_split_into_document_and_union_shapes(shapes: Graph) -> None:
    per_doc, union = shape_names(shapes, union=False), shape_names(shapes, union=True)
    assert len(per_doc) > 15 and set(union) == {
        "https://w3id.org/park-kg/shapes#OneLabelAcrossDocuments", "https://w3id.org/park-kg/shapes#LabelWasRead"}
    assert not set(per_doc) & set(union)


def test_shapes_use_only_declared_kgo_terms(shapes: Graph) -> None:
    used = {str(t).removeprefix(str(KGO)) for triple in shapes for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KGO))}
    assert used and used <= kgo_terms()


def test_every_property_shape_has_a_message(shapes: Graph) -> None:
    properties = set(shapes.objects(None, URIRef(SH + "property")))
    assert properties
    for prop in properties:
        path = shapes.value(prop, URIRef(SH + "path"))
        assert shapes.value(prop, URIRef(SH + "message")) is not None, path


# ---------------------------------------------------------------- clean and bad graphs
def test_the_hand_built_sample_conforms(shapes: Graph) -> None:
    report = report_of(sample_extraction(), sample_extraction(doc_id="doc-0002"), shapes=shapes)
    assert report.conforms and report.results == () and report.documents == 2
    assert report.summary().endswith(": conforms")


def test_works_for_with_a_company_head_and_two_amounts_for_one_stage(shapes: Graph) -> None:
    ex = with_relation(sample_extraction(), Relation(type="worksFor", head=COMPANY, tail=PARK, role="股东",
                                                     evidence=sentence(TEXT, "落户"), rule="test"))
    [inv] = [a for a in ex.attributes if a.name == "investment"]
    ex = dataclasses.replace(ex, attributes=(*ex.attributes, dataclasses.replace(inv, value="1700000000")))
    report = report_of(ex, shapes=shapes)
    assert not report.conforms
    found = messages(report)
    assert ("Violation", "kgsh:WorksForShape", "worksFor: the head must be a Person") in found
    assert ("Violation", "kgsh:MembershipShape", "a membership has exactly one member, a Person") in found
    assert ("Violation", "kgsh:InvestmentShape", ("a project has at most one investment amount per currency and "
            "stage in a document: 1650000000 and 1700000000 CNY at stage 签约")) in found
    head = next(r for r in report.violations if r.shape == "kgsh:WorksForShape")
    assert (head.label, head.path, head.document) == ("“杭州某某科技股份有限公司” (kgo:Company)", "kgo:worksFor",
                                                      "seeds/doc-0001.txt")
    assert "VIOLATION seeds/doc-0001.txt: “杭州某某科技股份有限公司” (kgo:Company) kgo:worksFor:" in head.line()


def test_tails_of_the_wrong_type(shapes: Graph) -> None:
    ex = sample_extraction()
    rels = (Relation(type="investsIn", head=COMPANY, tail=PARK, evidence=sentence(TEXT, "投资")),
            Relation(type="locatedIn", head=PROJECT, tail=PERSON, evidence=sentence(TEXT, "投资")))
    found = messages(report_of(dataclasses.replace(ex, relations=rels), shapes=shapes))
    assert ("Violation", "kgsh:InvestsInShape", "investsIn: the tail must be a Project") in found
    assert ("Violation", "kgsh:LocatedInShape", "locatedIn: the tail must be a Park or a Place") in found


def test_span_text_that_is_not_the_document_text(shapes: Graph) -> None:
    ex = sample_extraction()
    rel = ex.relations[0]
    moved = dataclasses.replace(rel, evidence=dataclasses.replace(rel.evidence, start=rel.evidence.start + 1,
                                                                  end=rel.evidence.end + 1))
    report = report_of(dataclasses.replace(ex, relations=(moved, *ex.relations[1:])), shapes=shapes)
    [bad] = [r for r in report.violations if r.shape == "kgsh:SpanTextShape"]
    assert bad.path == "nif:anchorOf" and bad.label.startswith("“杭州某某科技股份有限公司落户")


def test_one_name_typed_as_two_entities_and_an_ambiguous_alias(shapes: Graph) -> None:
    ex = sample_extraction()
    twin = Entity(id="https://w3id.org/park-kg/id/project/twin", type="Project", label="某某小镇",
                  mentions=(Span(text="某某小镇", start=TEXT.rindex("某某小镇"), end=TEXT.rindex("某某小镇") + 4),),
                  aliases=("某某科技",))
    report = report_of(dataclasses.replace(ex, entities=(*ex.entities, twin)), shapes=shapes)
    named = {(r.label, r.shape) for r in report.results}
    assert ("“某某小镇” (kgo:Park)", "kgsh:OneEntityPerName") in named
    assert ("“某某小镇” (kgo:Project)", "kgsh:OneEntityPerName") in named
    assert ("Warning", "kgsh:UnambiguousAltLabel",
            "an alternative name of this entity also names another entity of the document (ambiguous name)") in (
        messages(report))


def test_assertion_without_evidence(shapes: Graph) -> None:
    from kg.rdf.convert import extraction_quads
    from kg.validate import to_rdflib, validate_graph

    quads = [q for q in extraction_quads(sample_extraction())
             if not (q.predicate.value == str(KGO.evidence) and "/stmt/" in q.subject.value)]
    found = validate_graph(to_rdflib(quads), shapes, document="d", use_shapes=shape_names(shapes, union=False))
    assert len(found) == len(sample_extraction().relations) + 1   # every relation and the dated stage
    assert {(r.shape, r.path, r.message) for r in found} == {
        ("kgsh:Provenanced", "kgo:evidence", "exactly one kgo:evidence (a kgo:Evidence sentence with offsets)")}
    assert all(r.label.startswith("statement ") for r in found)


def test_conflicting_park_metrics(shapes: Graph) -> None:
    ex = sample_extraction()
    ev = sentence(TEXT, "位于")
    level = Attribute(subject=PARK, name="metric", metric="规上工业产值", value="7502000000", unit="CNY",
                      period="1-5月", evidence=ev, rule="metric.level")
    report = report_of(dataclasses.replace(ex, attributes=(level, dataclasses.replace(level, value="8000000000"))),
                       shapes=shapes)
    assert {r.shape for r in report.violations} == {"kgsh:ParkMetricShape"}
    assert len(report.violations) == 2


def test_union_shapes_see_all_documents(shapes: Graph) -> None:
    one = sample_extraction()
    renamed = tuple(dataclasses.replace(e, label="某某机器人项目") if e.id == PROJECT else e
                    for e in sample_extraction(doc_id="doc-0002").entities)
    other = dataclasses.replace(sample_extraction(doc_id="doc-0002"), entities=renamed)
    report = report_of(one, other, shapes=shapes)
    union = [r for r in report.results if r.document == UNION]
    assert {(r.severity, r.shape) for r in union} == {("Violation", "kgsh:OneLabelAcrossDocuments"),
                                                      ("Warning", "kgsh:LabelWasRead")}
    [unread] = [r for r in union if r.severity == "Warning"]
    assert unread.focus == PROJECT and unread.path == "rdfs:label"


def test_a_label_never_read_is_only_a_warning(shapes: Graph) -> None:
    ex = sample_extraction()
    entities = tuple(dataclasses.replace(e, label="杭州某某科技公司") if e.id == COMPANY else e for e in ex.entities)
    report = report_of(dataclasses.replace(ex, entities=entities), shapes=shapes)
    assert report.conforms
    assert [(r.severity, r.shape) for r in report.results] == [("Warning", "kgsh:LabelWasRead")]


# ---------------------------------------------------------------- the command
@pytest.fixture
def bad_store(tmp_path: Path) -> Iterator[Path]:
    ex = with_relation(sample_extraction(), Relation(type="worksFor", head=COMPANY, tail=PARK,
                                                     evidence=sentence(TEXT, "落户")))
    with KGStore.open(tmp_path / "bad") as store:
        store.replace_documents([ex])
    yield tmp_path / "bad"


def test_cli_exit_codes_and_lines(tmp_path: Path, bad_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good"
    with KGStore.open(good) as store:
        store.replace_documents([sample_extraction()])
    assert main(["validate", "--store", str(good)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"validated {good}: 1 documents (")
    assert main(["validate", "--store", str(bad_store)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "1 violations, 0 warnings" in lines[0]
    assert lines[1:] == [("VIOLATION seeds/doc-0001.txt: “杭州某某科技股份有限公司” (kgo:Company) kgo:worksFor: "
                          "worksFor: the head must be a Person")]


def test_cli_missing_store_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: E300") and "\n" not in err


# ---------------------------------------------------------------- the seeds
@pytest.mark.slow
def test_seeds_store_conforms(seed_store: Path) -> None:
    with KGStore.open(seed_store, read_only=True) as store:
        report = validate_store(store)
    assert report.documents == 5 and report.quads > 5000
    assert [r.line() for r in report.violations] == []
    assert all(r.severity == "Warning" for r in report.results)


def test_graph_of_the_report_is_plain_rdflib(shapes: Graph) -> None:
    # the shapes graph declares its SPARQL prefixes (sh:declare) for the SPARQL targets
    declared = {str(o) for o in shapes.objects(None, URIRef(SH + "prefix"))}
    assert {"kgo", "rdfs", "schema", "nif", "itsrdf", "skos"} <= declared
    assert (URIRef("https://w3id.org/park-kg/shapes#UnionShape"), RDF.type, None) in shapes
