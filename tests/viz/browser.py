"""Open explorer pages in headless Chromium with the network off (Playwright, system browser).

Used by ``test_viz_browser.py`` and ``bench_viz_explorer.py``. Never downloads a browser:
it drives ``/usr/bin/chromium`` (or ``$KG_CHROMIUM``); ``skip_reason()`` says why it cannot.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}


def chromium_path() -> str | None:
    """The system Chromium: ``$KG_CHROMIUM``, ``/usr/bin/chromium`` or ``chromium`` on PATH."""
    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or ``None``."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "chromium is not installed (scripts/system-deps.sh installs it)"
    return None


@dataclass
class PageLog:
    """What a page did besides drawing: blocked requests, errors, dialogs (alert …)."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def launch(playwright: Any) -> Any:
    """A headless Chromium (the system one, no download)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def offline_page(browser: Any) -> tuple[Any, PageLog]:
    """A new page whose every non-``file:`` request is aborted and logged."""
    log = PageLog()
    page = browser.new_page(viewport=VIEWPORT)

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)

    def dialog(d: Any) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return page, log


def open_explorer(page: Any, path: Path, *, timeout_ms: float = 30_000) -> float:
    """Navigate to the page and wait for its first draw; returns that time in ms after
    navigation started (``performance.now()`` at vis-network's first ``afterDrawing``)."""
    page.goto(path.resolve().as_uri(), wait_until="commit")
    page.wait_for_selector("#mynetwork[data-kg-drawn='1']", state="attached", timeout=timeout_ms)
    return page.evaluate("window.kgExplorer.firstDrawMs")


def wait_still(page: Any, *, timeout_ms: float = 30_000) -> None:
    """Wait until the layout stops moving (physics stabilised or off)."""
    page.wait_for_selector("#mynetwork[data-kg-still='1']", state="attached", timeout=timeout_ms)


def node_screen_xy(page: Any, node: int) -> tuple[float, float]:
    """Page coordinates of a node's centre."""
    return _screen(page, "network.canvasToDOM(network.getPosition(%d))" % node)


def edge_screen_xy(page: Any, edge: int) -> tuple[float, float]:
    """Page coordinates of the middle of an edge (on the drawn curve)."""
    return _screen(page, "network.canvasToDOM(network.body.edges[%d].edgeType.getPoint(0.5))"
                   % edge)


def _screen(page: Any, expression: str) -> tuple[float, float]:
    xy = page.evaluate("""() => {
        const p = %s;
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""" % expression)
    return xy[0], xy[1]


def search(page: Any, query: str) -> None:
    """Type ``query`` into the search box, press Enter, wait for the focus animation."""
    page.fill("#kg-search-input", query)
    page.press("#kg-search-input", "Enter")
    page.wait_for_timeout(600)
