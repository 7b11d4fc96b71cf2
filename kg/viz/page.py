"""Turn pyvis's HTML string into a self-contained, offline, UTF-8 page.

pyvis 0.3.2 links Bootstrap from a CDN in every mode and adds empty headings; this module
removes every external resource, declares UTF-8, adds our header, legend, panel and script,
and checks the result (``assert_offline``).
"""
from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

# <link …href="http(s)://…"> and <script …src="http(s)://…"></script> (also protocol-relative)
_EXTERNAL_LINK = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>""", re.I)
_EXTERNAL_SCRIPT = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//[^>]*>\s*</script\s*>""", re.I)
_EXTERNAL_ANY = re.compile(
    r"""<(?:script|link|img|iframe|embed|object|source|audio|video)\b[^>]*"""
    r"""\b(?:src|href|data)\s*=\s*["']?(?:https?:)?//""", re.I)
_RELATIVE_SRC = re.compile(r"""<script\b[^>]*\bsrc\s*=""", re.I)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
# only comments holding markup (pyvis leaves a commented-out <link>/<script> to node_modules)
_COMMENT = re.compile(r"<!--(?:(?!-->).)*?<(?:link|script)\b.*?-->", re.S | re.I)
_META_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


class OfflineError(RuntimeError):
    """The page still refers to something outside itself (a bug in kg.viz, not user input)."""


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` become ``\\u003c`` etc.

    >>> script_json({"a": "</script><b>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def asset(name: str) -> str:
    """Text of ``kg/viz/assets/<name>`` (shipped inside the package)."""
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def strip_external(html: str) -> str:
    """Drop CDN links/scripts, commented-out tags and pyvis's empty headings."""
    html = _COMMENT.sub("", html)
    html = _EXTERNAL_LINK.sub("", html)
    html = _EXTERNAL_SCRIPT.sub("", html)
    return _EMPTY_HEADING.sub("", html)


def assemble(html: str, *, title_html: str, head: str, body_top: str, body_end: str) -> str:
    """pyvis HTML + our pieces; ``title_html`` must already be escaped."""
    html = strip_external(html)
    html = _META_CHARSET.sub("", html)
    start = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{title_html}</title>\n")
    _replace_once(html, "<head>", "")  # checks there is exactly one
    html = start + html.split("<head>", 1)[1]  # drops pyvis's "<html>" and what precedes it
    html = _replace_once(html, "</head>", head + "\n</head>")
    html = _replace_once(html, "<body>", "<body>\n" + body_top)
    html = _replace_last(html, "</body>", body_end + "\n</body>")
    assert_offline(html)
    return html


_NETWORK_CREATED = "network = new vis.Network(container, data, options);"
_FIRST_DRAW_HOOK = (' network.once("afterDrawing", function () {'
                    " window.kgFirstDrawMs = performance.now(); });")


def hook_first_draw(html: str) -> str:
    """Record the first draw in ``window.kgFirstDrawMs`` (ms after navigation started).

    The hook goes right after pyvis creates the network: the browser may draw before the
    page's later scripts run, so a listener added there could miss the first draw.
    """
    return _replace_once(html, _NETWORK_CREATED, _NETWORK_CREATED + _FIRST_DRAW_HOOK)


def assert_offline(html: str) -> None:
    """Raise ``OfflineError`` unless the page is UTF-8 and loads nothing from elsewhere."""
    if _EXTERNAL_ANY.search(html) or _RELATIVE_SRC.search(html):
        found = (_EXTERNAL_ANY.search(html) or _RELATIVE_SRC.search(html)).group()
        raise OfflineError(f"explorer page refers to an external resource: {found[:120]}")
    if not html.lstrip().lower().startswith("<!doctype html>") or not _META_CHARSET.search(
            html[:400]):
        raise OfflineError("explorer page does not declare UTF-8 at the top of <head>")
    if " * vis-network" not in html or ".vis-network" not in html:
        raise OfflineError("vis-network is not inlined in the explorer page")


def _replace_once(html: str, marker: str, new: str) -> str:
    if html.count(marker) != 1:
        raise OfflineError(f"unexpected pyvis template: {marker!r} found {html.count(marker)}×")
    return html.replace(marker, new, 1)


def _replace_last(html: str, marker: str, new: str) -> str:
    at = html.rfind(marker)
    if at < 0:
        raise OfflineError(f"unexpected pyvis template: no {marker!r}")
    return html[:at] + new + html[at + len(marker):]
