"""HTML → plain text with paragraph breaks, plus the title and date the markup declares.

BeautifulSoup (with lxml) is imported on first use: importing ``kg.ingest`` stays cheap.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.ingest.chars import CJK_CLASS
from kg.ingest.meta import Cleaned, find_dates

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object")
BLOCK_TAGS = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
    "header", "footer", "aside", "main", "nav", "blockquote", "pre", "ul", "ol", "dl", "dt",
    "dd", "table", "figure", "figcaption", "hr", "address", "caption",
})
DATE_META = frozenset({
    "article:published_time", "og:published_time", "published_time", "pubdate", "publishdate",
    "publish_date", "publish-date", "pubtime", "publishtime", "date", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.created", "datepublished", "sailthru.date",
    "parsely-pub-date", "release_date", "weibo:article:create_at",
})
_SNIFF_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_WRAP_RE = re.compile(f"(?<=[{CJK_CLASS}])[ \\t\\r\\f]*\\n\\s*(?=[{CJK_CLASS}])")
_SPACE_RE = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    """True if ``text`` clearly is an HTML document (doctype, <html>, <head> or <body> first)."""
    head = text[:1024]
    return head.lstrip().startswith("<") and _SNIFF_RE.search(head) is not None


def collapse_source_space(text: str) -> str:
    """HTML white space: a line wrap between CJK chars vanishes, other runs become one space."""
    return _SPACE_RE.sub(" ", _WRAP_RE.sub("", text))


def _title(soup: BeautifulSoup) -> str | None:
    """Text of ``<title>``, else of the first ``<h1>``, else None."""
    for tag in (soup.title, soup.find("h1")):
        text = collapse_source_space(tag.get_text()).strip() if tag else ""
        if text:
            return text
    return None


def _meta_key(tag: Tag) -> str:
    """The name a ``<meta>`` tag declares (name, property, itemprop or http-equiv)."""
    for attr in ("property", "name", "itemprop", "http-equiv"):
        value = tag.get(attr)
        if isinstance(value, str) and value:
            return value.strip().lower()
    return ""


def _first_date(value: object) -> str | None:
    """First valid ISO date in an attribute value, or None."""
    found = next(find_dates(value), None) if isinstance(value, str) else None
    return found[1] if found else None


def _date(soup: BeautifulSoup) -> str | None:
    """Publication date from ``<meta>`` (article:published_time, pubdate …) or ``<time>``."""
    for meta in soup.find_all("meta"):
        if _meta_key(meta) in DATE_META and (date := _first_date(meta.get("content"))):
            return date
    for time in soup.find_all("time"):
        if date := _first_date(time.get("datetime")) or _first_date(time.get_text()):
            return date
    return None


def _drop_noise(soup: BeautifulSoup) -> None:
    """Remove scripts, styles, comments and other non-text nodes in place."""
    from bs4 import Comment

    for tag in soup.find_all(NOISE_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()


def _mark_blocks(soup: BeautifulSoup) -> None:
    """Collapse source white space, then put paragraph breaks around block elements."""
    from bs4 import NavigableString

    for string in soup.find_all(string=True):
        if type(string) is NavigableString:
            string.replace_with(collapse_source_space(string))
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")


def html_to_text(markup: str) -> Cleaned:
    """Visible text of ``markup`` with block elements as paragraph breaks; entities unescaped.

    >>> html_to_text("<p>钱塘&amp;大创</p><script>alert(1)</script><p>小镇</p>").text.split()
    ['钱塘&大创', '小镇']
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title, date = _title(soup), _date(soup)
    _drop_noise(soup)
    if soup.head is not None:
        soup.head.decompose()
    _mark_blocks(soup)
    return Cleaned(text=soup.get_text(), title=title, date=date)
