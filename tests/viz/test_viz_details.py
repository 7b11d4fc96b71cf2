"""The page's JSON: park membership, facts and document links."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.viz.details import date_fact, doc_href, investment_fact, park_members
from kg.viz.records import DatedStage, Document, Investment


def test_a_park_reaches_two_links_but_not_through_another_park_or_a_place():
    types = ["Park", "Company", "Project", "Place", "Park", "Company", "Person"]
    links = [(1, 0), (2, 1), (0, 3), (4, 3), (5, 4), (6, 1)]
    members = park_members(types, links)
    assert members[0] == [0, 1, 2, 3, 6]           # via the company; the place, not beyond
    assert members[4] == [3, 4, 5]


def test_no_parks_no_members():
    assert park_members(["Company", "Person"], [(1, 0)]) == {}


def test_facts_in_chinese():
    inv = Investment(Decimal("1200000000"), "CNY", qualifier="约", stage="开工")
    assert investment_fact(inv) == "投资额：约12亿元（开工）"
    assert investment_fact(Investment(Decimal("5000"), None)) == "投资额：5000元"
    assert date_fact(DatedStage("2024-01-19", "签约")) == "签约日期：2024-01-19"
    assert date_fact(DatedStage("2024-01-19")) == "日期：2024-01-19"


@pytest.mark.parametrize(("path", "source", "href"), [
    ("/srv/新闻/a.txt", "seeds/a.txt", "file:///srv/%E6%96%B0%E9%97%BB/a.txt"),
    (None, "https://example.org/news/1", "https://example.org/news/1"),
    (None, "seeds/a.txt", None),
    ("javascript:alert(1)", "javascript:alert(1)", None),
    (None, "data:text/html,<script>", None),
])
def test_document_links_are_file_or_http_only(path, source, href):
    assert doc_href(Document("urn:d", source=source, path=path)) == href
