"""The cockpit in a real browser: Debian's Chromium driven by Playwright, against a real
uvicorn on 127.0.0.1 (a free port, in a thread), on the two-workspace test site.

Skipped with a reason when Chromium is missing locally; required when ``CI=true``.
Screenshots of each page land in ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import serve
from tests.web.conftest import PASSWORDS, Site

pytestmark = pytest.mark.browser

SHOTS = REPO / "artifacts" / "screenshots"
VENDOR = REPO / "src" / "binome" / "web" / "static" / "vendor" / "htmx.min.js"


@pytest.fixture
def server(sqlite_site: Site) -> Iterator[str]:
    with serve(sqlite_site.app) as base:
        yield base


def _page(browser: Any, *, mobile: bool = False) -> tuple[Any, list[str]]:
    size = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
    page = browser.new_page(viewport=size)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page, problems


def _login(page: Any, base: str, who: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#login", who)
    page.fill("#password", PASSWORDS[who])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{base}/today")


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_assistant_logs_in_and_goes_through_every_page(browser: Any, server: str) -> None:
    page, problems = _page(browser)
    page.goto(f"{server}/today")
    assert page.url.startswith(f"{server}/login")
    _shot(page, "login")
    _login(page, server, "anna")
    assert page.locator("h1").first.inner_text().startswith("Aujourd'hui")
    # The agenda, and now the radar's risks about it, name these items: shown as text.
    assert page.locator("text=Prepare the board deck").count() >= 1
    assert page.locator("text=<script>alert(1)</script>").count() >= 1
    _shot(page, "today")
    for name in ("week", "priorities", "commitments", "settings"):
        page.click(f"nav a[href='/{name}']")
        page.wait_for_url(f"{server}/{name}")
        _shot(page, name)
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_marking_a_task_done_updates_the_page_without_a_reload(browser: Any, server: str) -> None:
    if not VENDOR.exists():
        pytest.skip("htmx not installed: run `make assets`")
    page, problems = _page(browser)
    _login(page, server, "anna")
    page.evaluate("window.__marker = 'same page'")
    item = page.locator("li.task", has_text="Prepare the board deck")
    item.locator("button").click()
    page.locator("li.task", has_text="Prepare the board deck").locator(".badge.ok").wait_for()
    assert page.evaluate("window.__marker") == "same page"  # no full reload
    page.goto(f"{server}/week")
    page.evaluate("window.__marker = 'same page'")
    page.click("#next-week")
    page.wait_for_url(f"{server}/week?start=2026-11-30")  # htmx pushes the URL
    assert page.evaluate("window.__marker") == "same page"  # the grid alone was swapped
    assert page.locator("#week-grid").count() == 1
    assert not problems, problems


def test_a_viewer_sees_only_busy_blocks_in_the_week(browser: Any, server: str) -> None:
    page, _ = _page(browser)
    _login(page, server, "victor")
    page.goto(f"{server}/week")
    blocks = page.locator(".week .block")
    assert blocks.count() >= 3
    for i in range(blocks.count()):
        assert "k-busy" in (blocks.nth(i).get_attribute("class") or "")
        assert "Occupé" in blocks.nth(i).inner_text()
    assert "merger" not in page.content()
    _shot(page, "week-viewer")


def test_the_language_toggle_switches_to_english_on_a_phone(browser: Any, server: str) -> None:
    page, _ = _page(browser, mobile=True)
    _login(page, server, "claire")
    page.click("#lang-toggle")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").first.inner_text().startswith("Today")
    _shot(page, "today-en-phone")
    page.goto(f"{server}/audit")
    assert "Audit log intact" in page.content()
    _shot(page, "audit")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # skip link first
