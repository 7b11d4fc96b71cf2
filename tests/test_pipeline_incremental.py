"""kg build on a growing store: A then B equals A+B, twice equals once, changed files are
replaced, removed documents take what only they supported with them, merges redirect old
IRIs, user decisions are respected, --jobs 2 gives what one process gives."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kg.errors import InputError, QueryError
from kg.iri import entity_iri
from kg.link.decisions import append_decision
from kg.pipeline import build
from kg.rdf.store import KGStore
from kg.rdf.why import explain
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHORT = "星澜科技落户临平新城\n\n本报讯 3月2日，星澜科技与临平新城管委会签约，星澜科技将投资5亿元建设智能装备生产基地。星澜科技负责人表示，项目建成后年产值可达10亿元。\n"
LEGAL = "临平新城一季度签约项目综述\n\n一季度，临平新城共签约项目12个。其中，杭州星澜科技有限公司投资的智能装备生产基地项目已开工建设。\n"


def _settings(store: Path, **kw) -> Settings:
    return Settings(store=store, progress=False, **kw)


def _export(store: Path) -> bytes:
    out = io.BytesIO()
    with KGStore.open(store, read_only=True) as s:
        s.export("nquads", out)
    return out.getvalue()


@pytest.fixture(scope="module")
def halves(tmp_path_factory) -> tuple[Path, Path]:
    """Seeds and gold articles split in two folders (paths are stable for the module)."""
    base = tmp_path_factory.mktemp("halves")
    a, b = base / "a", base / "b"
    a.mkdir(), b.mkdir()
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/gold/articles").iterdir())
    for i, f in enumerate(files):
        shutil.copy(f, (a if i % 2 else b) / f.name)
    (a / "short.txt").write_text(SHORT, encoding="utf-8")
    (b / "legal.txt").write_text(LEGAL, encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def built_ab(halves, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("ab") / "kg"
    build(list(halves), settings=_settings(store))
    return store


def test_a_then_b_equals_a_plus_b(halves, built_ab, tmp_path):
    a, b = halves
    build([a], settings=_settings(tmp_path / "s"))
    report = build([b], settings=_settings(tmp_path / "s"))
    total = len(list(a.iterdir())) + len(list(b.iterdir()))
    assert report.changes.added == len(list(b.iterdir())) and report.changes.total == total
    assert _export(tmp_path / "s") == _export(built_ab)


def test_building_twice_equals_building_once(halves, built_ab):
    before = _export(built_ab)
    report = build(list(halves), settings=_settings(built_ab))
    c = report.changes
    total = sum(len(list(h.iterdir())) for h in halves)
    assert (c.added, c.changed, c.unchanged, c.rewritten) == (0, 0, total, 0)
    assert _export(built_ab) == before


def test_jobs_two_gives_what_one_process_gives(halves, built_ab, tmp_path):
    build(list(halves), settings=_settings(tmp_path / "s", jobs=2))
    assert _export(tmp_path / "s") == _export(built_ab)


def test_a_memo_written_by_two_processes_serves_one(halves, built_ab, tmp_path):
    # --jobs 2 keeps first-pass results pickled in the memo; a later one-process build reads them
    a, b = halves
    build([a], settings=_settings(tmp_path / "s", jobs=2))
    build([b], settings=_settings(tmp_path / "s", jobs=1))
    assert _export(tmp_path / "s") == _export(built_ab)


def test_a_changed_file_is_replaced(tmp_path):
    doc = tmp_path / "in" / "news.txt"
    doc.parent.mkdir()
    doc.write_text(SHORT, encoding="utf-8")
    store = tmp_path / "s"
    build([doc], settings=_settings(store))
    doc.write_text(LEGAL, encoding="utf-8")
    report = build([doc], settings=_settings(store))
    assert (report.changes.changed, report.changes.total) == (1, 1)
    with KGStore.open(store, read_only=True) as s:
        [d] = s.documents()
        assert d["title"] == "临平新城一季度签约项目综述"
        _, rows = s.select("SELECT ?l WHERE { ?e a kgo:Company ; rdfs:label ?l }")
    assert {str(r[0]) for r in rows} == {"杭州星澜科技有限公司"}


def test_remove_equals_never_having_built_it(halves, tmp_path):
    a, b = halves
    store, other = tmp_path / "s", tmp_path / "o"
    build([a, b], settings=_settings(store))
    report = build([], settings=_settings(store), remove=[str(b / "legal.txt")])
    assert report.changes.removed and report.changes.total == len(list(a.iterdir())) + len(list(b.iterdir())) - 1
    files = [f for f in b.iterdir() if f.name != "legal.txt"]
    build([a, *files], settings=_settings(other))
    assert _export(store) == _export(other)
    with pytest.raises(InputError, match="no document"):
        build([], settings=_settings(store), remove=["nothing.txt"])


def test_a_merge_keeps_the_old_iri_as_a_redirect(tmp_path):
    (tmp_path / "short.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "legal.txt").write_text(LEGAL, encoding="utf-8")
    store = tmp_path / "s"
    build([tmp_path / "short.txt"], settings=_settings(store))
    old = entity_iri("Company", "星澜科技")
    with KGStore.open(store, read_only=True) as s:
        assert s.select(f"ASK {{ <{old}> a kgo:Company }}")[1] == [[True]]
    report = build([tmp_path / "legal.txt"], settings=_settings(store))
    assert report.changes.rewritten == 2          # the old document is relinked too
    new = entity_iri("Company", "杭州星澜科技有限公司")
    with KGStore.open(store, read_only=True) as s:
        assert s.select(f"ASK {{ <{old}> owl:sameAs <{new}> }}")[1] == [[True]]
        assert s.select(f"ASK {{ GRAPH ?g {{ <{old}> a kgo:Company }} }}")[1] == [[False]]
        [why] = explain(s, old)
        assert why.iri == new and why.asked_for == old
        assert why.merged == [(old, "星澜科技", "link.corpus.name")]
        assert set(why.names) >= {"星澜科技", "杭州星澜科技有限公司"} and len(why.documents) == 2
        [by_name] = explain(s, "星澜科技")
        assert by_name.iri == new
        with pytest.raises(QueryError, match="no entity"):
            explain(s, '"} . ?s ?p ?o {')


def test_decisions_are_respected_and_reversible(tmp_path):
    (tmp_path / "short.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "legal.txt").write_text(LEGAL, encoding="utf-8")
    store = tmp_path / "s"
    old, new = entity_iri("Company", "星澜科技"), entity_iri("Company", "杭州星澜科技有限公司")
    decisions = store / "decisions.jsonl"
    append_decision(decisions, ("星澜科技", "杭州星澜科技有限公司"), same=False)
    report = build([tmp_path], settings=_settings(store))
    assert report.changes.merges == 0
    with KGStore.open(store, read_only=True) as s:
        assert s.select(f"ASK {{ <{old}> a kgo:Company . <{new}> a kgo:Company }}")[1] == [[True]]
    decisions.unlink()                             # reversing the decision: merged again
    assert build([tmp_path], settings=_settings(store)).changes.merges == 1
    append_decision(decisions, ("临平新城", "临平新城管委会"), same=True, kind="Park")
    report = build([tmp_path], settings=_settings(store))   # no Park named 临平新城管委会: nothing to do
    assert report.changes.merges == 1


def test_progress_reaches_the_total_on_first_and_repeated_builds(tmp_path):
    (tmp_path / "in").mkdir()
    for i, text in enumerate((SHORT, LEGAL)):
        (tmp_path / "in" / f"{i}.txt").write_text(text, encoding="utf-8")
    for _ in range(2):                      # the second build takes everything from the memo
        calls = []
        build([tmp_path / "in"], settings=_settings(tmp_path / "s"), progress=lambda d, t: calls.append((d, t)))
        assert calls and calls[-1] == (4, 4) and all(a <= b for (a, _), (b, _) in zip(calls, calls[1:]))
