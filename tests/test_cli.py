"""The command line: thin commands, one-line errors, exit codes."""
import json

import pytest

from kg.cli import main


def test_extract_prints_one_json_object_per_document(capsys, seeds_dir):
    assert main(["extract", str(seeds_dir / "003_fe4add8904029b94.txt")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert {"doc", "title", "entities", "relations"} <= obj.keys()
    for e in obj["entities"]:
        assert {"id", "type", "label", "mentions"} <= e.keys()
        assert e["type"] in ("Park", "Company", "Organization", "Project", "Person", "Place")
    for r in obj["relations"]:
        assert {"type", "head", "tail", "role", "evidence", "confidence"} <= r.keys()


def test_missing_file_is_one_line_error(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.txt" in err and "Traceback" not in err


def test_bad_file_is_reported_and_good_ones_built(capsys, tmp_path, seeds_dir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    (tmp_path / "in" / "good.txt").write_text((seeds_dir / "004_2b47e149472050a6.txt").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    code = main(["build", str(tmp_path / "in"), "--store", str(tmp_path / "store"), "-q"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "bad.txt" in err and "built 1 documents" in out


@pytest.mark.slow
def test_query_formats(capsys, seed_store):
    q = "SELECT ?p WHERE { ?p a kgo:Park } LIMIT 3"
    assert main(["query", q, "--store", str(seed_store), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["p"] and len(data["results"]["bindings"]) == 3
    assert main(["query", "ASK { ?s ?p ?o }", "--store", str(seed_store), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True
    assert main(["query", q, "--store", str(seed_store), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("p")


def test_bad_query_is_one_line_error(capsys, seed_store):
    assert main(["query", "SELEC nonsense", "--store", str(seed_store)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.slow
def test_view_and_export(tmp_path, capsys, seed_store):
    out = tmp_path / "explorer.html"
    assert main(["view", "--store", str(seed_store), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "大创小镇" in html and 'charset="utf-8"' in html.lower()
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        target = tmp_path / f"kg.{fmt}"
        assert main(["export", "--store", str(seed_store), "--format", fmt, "-o", str(target)]) == 0
        assert target.stat().st_size > 1000
