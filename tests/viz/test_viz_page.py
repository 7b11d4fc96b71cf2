"""The offline checks and the JSON escaping of kg.viz.page."""
from __future__ import annotations

import json

import pytest

from kg.viz.page import OfflineError, assert_offline, script_json, strip_external
from kg.viz.style import money_zh

GOOD = ('<!DOCTYPE html>\n<html><head>\n<meta charset="utf-8"><style>.vis-network{}</style>'
        "<script>/**\n * vis-network\n */</script></head><body></body></html>")


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a&b", "'\"",
                                  "\u2028\u2029", "杭州某某科技"])
def test_script_json_round_trips_without_markup(text):
    encoded = script_json({"k": [text]})
    assert json.loads(encoded) == {"k": [text]}
    assert not set("<>&\u2028\u2029") & set(encoded)


def test_strip_external_drops_cdn_links_and_scripts():
    html = ('<link\n href="https://cdn.example/b.css" rel="stylesheet"/>'
            '<script\n src="https://cdn.example/b.js"\n integrity="x"\n></script>'
            "<link href='//cdn.example/c.css'><!-- <script src=x></script> -->"
            "<center>\n<h1></h1>\n</center><p>kept</p>")
    assert strip_external(html) == "<p>kept</p>"


def test_assert_offline_accepts_a_self_contained_page():
    assert_offline(GOOD)


@pytest.mark.parametrize("bad", [
    '<script src="https://cdn.example/x.js"></script>',
    "<link rel=stylesheet href=http://cdn.example/x.css>",
    '<img src="//tracker.example/p.gif">',
    '<script src="lib/bindings/utils.js"></script>',
])
def test_assert_offline_refuses_outside_resources(bad):
    with pytest.raises(OfflineError):
        assert_offline(GOOD.replace("<body>", "<body>" + bad))


def test_assert_offline_wants_utf8_and_inlined_vis():
    with pytest.raises(OfflineError, match="UTF-8"):
        assert_offline(GOOD.replace('<meta charset="utf-8">', ""))
    with pytest.raises(OfflineError, match="vis-network"):
        assert_offline(GOOD.replace(" * vis-network", ""))


@pytest.mark.parametrize(("value", "currency", "text"), [
    ("1650000000", "CNY", "16.5亿元"), ("30000", "USD", "3万美元"), ("12345", None, "1.23万元"),
    ("800", "CNY", "800元"), ("1e9", "JPY", "10亿 JPY"), ("NaN", "CNY", "?元"),
])
def test_money_in_chinese_units(value, currency, text):
    from decimal import Decimal
    assert money_zh(Decimal(value), currency) == text
