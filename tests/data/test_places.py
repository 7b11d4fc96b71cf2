"""kg/data/places.tsv and kg/data/places_extra.tsv: format, integrity, provenance, content."""
from __future__ import annotations

import csv
import importlib.util
import os
import re
import sys
from collections import Counter
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "kg" / "data"
PLACES = DATA / "places.tsv"
EXTRA = DATA / "places_extra.tsv"
SCRIPT = REPO / "scripts" / "make_places.py"

COLUMNS = ["name", "level", "parent", "short", "code", "parent_code"]
EXTRA_COLUMNS = COLUMNS + ["successor", "note"]
LEVELS = ["province", "city", "county", "township"]
CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def read_tsv(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(comment lines, header, rows) -- the reading recipe documented in README.md."""
    comments, data = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for line in f:
            (comments if line.startswith("#") else data).append(line)
    reader = csv.reader(data, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    return comments, header, [dict(zip(header, r, strict=True)) for r in reader]


@pytest.fixture(scope="module")
def places():
    return read_tsv(PLACES)


@pytest.fixture(scope="module")
def rows(places):
    return places[2]


@pytest.fixture(scope="module")
def by_name(rows):
    index: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        index.setdefault(r["name"], []).append(r)
    return index


# --------------------------------------------------------------------------- format

def test_raw_lines_have_the_right_number_of_fields():
    text = PLACES.read_text(encoding="utf-8")      # also proves it is UTF-8
    assert text.endswith("\n") and "\r" not in text
    lines = [ln for ln in text.split("\n")[:-1] if not ln.startswith("#")]
    assert lines[0].split("\t") == COLUMNS
    bad = [ln for ln in lines if ln.count("\t") != len(COLUMNS) - 1]
    assert not bad, bad[:5]


def test_comment_lines_only_at_the_top():
    lines = PLACES.read_text(encoding="utf-8").splitlines()
    first_data = next(i for i, ln in enumerate(lines) if not ln.startswith("#"))
    assert first_data > 0
    assert not any(ln.startswith("#") for ln in lines[first_data:])


def test_file_is_reasonably_small():
    assert PLACES.stat().st_size < 5_000_000


def test_provenance_header(places):
    head = "".join(places[0])
    assert re.search(r"^# source: PyPI package jionlp \d+\.\d+\.\d+ ", head, re.M)
    assert "sha256=" in head
    assert re.search(r"^# source licence: Apache-2\.0", head, re.M)
    assert "National Bureau of Statistics" in head
    assert re.search(r"^# data vintage: ", head, re.M)
    assert re.search(r"^# regenerate: .*scripts/make_places\.py", head, re.M)


def test_row_count_line_matches(places, rows):
    line = next(c for c in places[0] if c.startswith("# rows:"))
    counts = Counter(r["level"] for r in rows)
    assert line.strip() == "# rows: " + ", ".join(f"{lvl} {counts[lvl]}" for lvl in LEVELS)


def test_fields(rows):
    for r in rows:
        assert r["level"] in LEVELS, r
        assert r["name"] and r["name"] == r["name"].strip(), r
        assert (r["level"] == "province") == (r["parent"] == ""), r
        assert r["code"] == "" or re.fullmatch(r"\d{6}", r["code"]), r
        assert r["parent_code"] == "" or re.fullmatch(r"\d{6}", r["parent_code"]), r


# --------------------------------------------------------------------------- integrity

def test_parents_exist_and_are_higher(rows, by_name):
    for r in rows:
        if r["level"] == "province":
            continue
        candidates = [p for p in by_name.get(r["parent"], ())
                      if LEVELS.index(p["level"]) < LEVELS.index(r["level"])
                      and (r["parent_code"] == "" or p["code"] == r["parent_code"])]
        assert len(candidates) == 1, r


def test_no_duplicate_name_parent_pairs(rows):
    dup = [k for k, n in Counter((r["name"], r["parent"]) for r in rows).items() if n > 1]
    assert not dup, dup
    dup = [k for k, n in Counter((r["name"], r["parent_code"]) for r in rows).items() if n > 1]
    assert not dup, dup


def test_codes_unique_and_nested(rows):
    codes = [r["code"] for r in rows if r["code"]]
    assert len(codes) == len(set(codes))
    for r in rows:
        if r["code"] and r["parent_code"]:
            assert r["code"][:2] == r["parent_code"][:2], r       # same province
        if r["code"].startswith("33") and r["level"] == "county":
            assert r["code"][:4] == r["parent_code"][:4], r       # 浙江: same city


def test_shorts_are_unambiguous(rows):
    names = {r["name"] for r in rows}
    shorts = [r["short"] for r in rows if r["short"]]
    assert len(shorts) == len(set(shorts))
    for r in rows:
        s = r["short"]
        if s:
            assert len(s) >= 2 and CJK.match(s) and s != r["name"], r
            assert s not in names, r


def test_no_statistical_zones_or_placeholders(rows):
    for r in rows:
        assert not re.fullmatch(r"\d{4}7\d", r["code"]), r       # NBS development zones
        assert "直辖" not in r["name"], r
        if r["level"] == "township":
            assert re.search(r"(街道|镇|乡)$", r["name"]), r


# --------------------------------------------------------------------------- content

def one(by_name, name, **expect):
    rows = [r for r in by_name.get(name, ()) if all(r[k] == v for k, v in expect.items())]
    assert len(rows) == 1, (name, expect, by_name.get(name))
    return rows[0]


def test_every_province_level_unit(rows):
    assert sum(r["level"] == "province" for r in rows) == 34


def test_national_coverage(rows):
    counts = Counter(r["level"] for r in rows)
    assert counts["city"] >= 333          # prefecture-level units of the mainland
    assert counts["county"] >= 2840       # county-level units of the mainland


def test_zhejiang_core(by_name):
    zj = one(by_name, "浙江省", level="province", short="浙江", code="330000")
    for city in ("杭州市", "宁波市", "嘉兴市", "湖州市", "绍兴市", "温州市", "金华市",
                 "台州市", "丽水市", "衢州市", "舟山市"):
        r = one(by_name, city, level="city", parent=zj["name"])
        assert r["short"] == city[:-1] and r["code"].startswith("33")
    for district in ("余杭区", "萧山区", "富阳区", "滨江区", "上城区", "西湖区", "钱塘区",
                     "临平区", "拱墅区", "临安区"):
        one(by_name, district, level="county", parent="杭州市", parent_code="330100")


def test_example_shorts(by_name):
    assert one(by_name, "杭州市")["short"] == "杭州"
    assert one(by_name, "余杭区")["short"] == "余杭"
    assert one(by_name, "新疆维吾尔自治区")["short"] == "新疆"
    assert one(by_name, "长沙市")["short"] == "长沙"                  # not 长沙县
    assert one(by_name, "长沙县")["short"] == ""
    # ambiguous: 西湖区 of 杭州 and of 南昌; 普陀区 of 舟山 and of 上海
    assert {r["short"] for r in by_name["西湖区"]} == {""}
    assert {r["short"] for r in by_name["普陀区"]} == {""}


def test_zhejiang_townships(rows, by_name):
    towns = [r for r in rows if r["level"] == "township"]
    assert len(towns) > 1200
    assert all(r["parent_code"].startswith("33") for r in towns)
    qiantang = {r["name"] for r in towns if r["parent"] == "钱塘区"}
    assert {"下沙街道", "白杨街道", "义蓬街道"} <= qiantang
    one(by_name, "乔司街道", parent="临平区")                       # source fix applied
    assert one(by_name, "白杨街道")["short"] == ""                  # common word
    assert one(by_name, "良渚街道")["short"] == "良渚"


def test_municipalities_are_province_level(by_name):
    one(by_name, "上海市", level="province")
    one(by_name, "浦东新区", level="county", parent="上海市", parent_code="310000")


# --------------------------------------------------------------------------- extras

@pytest.fixture(scope="module")
def extra():
    return read_tsv(EXTRA)


def test_extra_format_and_sources(extra):
    comments, header, rows = extra
    assert header == EXTRA_COLUMNS
    assert any(c.startswith("# source:") for c in comments)
    lines = EXTRA.read_text(encoding="utf-8").splitlines()
    seen_source = False
    for ln in lines:
        if ln.startswith("# source:"):
            seen_source = True
            assert "public knowledge" in ln
        elif not ln.startswith("#") and ln.split("\t")[0] != "name":
            assert seen_source, f"row before any '# source:' line: {ln}"
            assert ln.count("\t") == len(EXTRA_COLUMNS) - 1, ln


def test_extra_rows_fit_places(extra, rows, by_name):
    names = {r["name"] for r in rows}
    shorts = {r["short"] for r in rows if r["short"]}
    codes = {r["code"] for r in rows if r["code"]}
    pairs = {(r["name"], r["parent"]) for r in rows}
    for e in extra[2]:
        assert e["level"] in LEVELS and e["note"], e
        assert (e["name"], e["parent"]) not in pairs, e
        assert e["name"] not in names, e
        parent = [p for p in by_name.get(e["parent"], ()) if p["code"] == e["parent_code"]]
        assert len(parent) == 1, e
        assert e["successor"] in names, e
        assert e["code"] == "" or e["code"] not in codes, e
        if e["short"]:
            assert e["short"] not in names and e["short"] not in shorts, e


def test_qiantang_new_area(extra, by_name):
    assert "钱塘区" in by_name or any(e["name"] == "钱塘新区" for e in extra[2])
    e = next(e for e in extra[2] if e["name"] == "钱塘新区")
    assert e["successor"] == "钱塘区" and e["parent"] == "杭州市"


# --------------------------------------------------------------------------- regeneration

def _jionlp_source() -> list[str] | None:
    wheel = os.environ.get("PARK_KG_JIONLP_WHEEL")
    if wheel:
        return ["--wheel", wheel]
    try:
        metadata.distribution("jionlp")
        metadata.distribution("jieba")
    except metadata.PackageNotFoundError:
        return None
    return []


def test_places_tsv_is_up_to_date(capsys):
    """Needs jionlp (installed, or a wheel in $PARK_KG_JIONLP_WHEEL) -- skipped otherwise."""
    args = _jionlp_source()
    if args is None:
        pytest.skip("jionlp not available (set PARK_KG_JIONLP_WHEEL to a jionlp wheel)")
    spec = importlib.util.spec_from_file_location("make_places", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod          # dataclasses look their module up there
    try:
        spec.loader.exec_module(mod)
    finally:
        del sys.modules[spec.name]
    assert mod.main([*args, "--check", "--out", str(PLACES)]) == 0
