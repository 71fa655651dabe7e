"""The demo workspace in a real browser (Debian's Chromium driven by Playwright) against a
real uvicorn on 127.0.0.1: the assistant asks for a meeting in French, confirms the first
option and finds it in the Week view; the viewer sees busy blocks only; the language
switches. Screenshots land in ``artifacts/screenshots/demo-*.png``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from binome.app.cockpit import get_event
from tests.e2e.conftest import serve
from tests.e2e.test_browser import VENDOR, _page, _shot
from tests.web.demo_site import DemoSite, demo_site

pytestmark = pytest.mark.browser
ASK = "Organise une réunion de 30 minutes avec Antoine mardi prochain"


@pytest.fixture
def demo(tmp_path: Path) -> DemoSite:
    return demo_site(tmp_path)


@pytest.fixture
def demo_server(demo: DemoSite) -> Iterator[str]:
    with serve(demo.app) as base:
        yield base


def _login(page: Any, base: str, demo: DemoSite, who: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#login", who)
    page.fill("#password", demo.password(who))
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{base}/today")


def test_the_assistant_asks_in_french_confirms_and_finds_the_meeting_in_the_week(
    browser: Any, demo_server: str, demo: DemoSite
) -> None:
    if not VENDOR.exists():
        pytest.skip("htmx not installed: run `make assets`")
    page, problems = _page(browser)
    _login(page, demo_server, demo, "sophie")
    assert page.locator("h1").first.inner_text().startswith("Aujourd'hui")
    assert page.locator("#requests li.request").count() >= 3
    _shot(page, "demo-today")
    page.click("nav a[href='/ask']")
    page.wait_for_url(f"{demo_server}/ask")
    page.evaluate("window.__marker = 'same page'")
    page.fill("#ask-text", ASK)
    page.click("#ask-submit")
    answer = page.locator("#answers li.request").first
    answer.wait_for()
    assert "Antoine" in answer.inner_text()
    _shot(page, "demo-ask")
    answer.locator("button.confirm").first.click()
    confirmed = page.locator("#answers li.request .badge.ok")
    confirmed.wait_for()
    assert page.evaluate("window.__marker") == "same page"  # htmx swapped the fragment
    found = re.search(r"\bE\d+\b", page.locator("#answers li.request").first.inner_text())
    assert found, "no event id in the confirmation"
    event = get_event(demo.as_user("sophie"), found.group(0))
    start = date.fromisoformat(event["start"][:10])
    monday = start - timedelta(days=start.weekday())
    page.goto(f"{demo_server}/week")
    shown = demo.demo.today - timedelta(days=demo.demo.today.weekday())
    while shown < monday:  # navigate week by week, as a user would
        shown += timedelta(days=7)
        page.click("#next-week")
        page.wait_for_url(f"{demo_server}/week?start={shown.isoformat()}")
    assert page.locator(".week > div", has_text=event["title"]).count() >= 1
    _shot(page, "demo-week-confirmed")
    for name in ("priorities", "brief", "settings"):
        page.click(f"nav a[href='/{name}']")
        page.wait_for_url(f"{demo_server}/{name}")
        if name == "priorities":  # the plan loads itself after the page; then a why
            page.locator("#plan .plan").wait_for()
            page.locator("details.why summary").first.click()
            page.locator("details.why table.why").first.wait_for()
        _shot(page, f"demo-{name}")
    page.goto(f"{demo_server}/brief?format=html")
    _shot(page, "demo-brief-print")
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_the_demo_viewer_sees_busy_blocks_only_and_switches_language(
    browser: Any, demo_server: str, demo: DemoSite
) -> None:
    page, _ = _page(browser, mobile=True)
    _login(page, demo_server, demo, "marc")
    page.goto(f"{demo_server}/week")
    blocks = page.locator(".week .block")
    assert blocks.count() >= 3
    for i in range(blocks.count()):
        assert "k-busy" in (blocks.nth(i).get_attribute("class") or "")
    assert "Jean-Paul" not in page.content()
    _shot(page, "demo-week-viewer")
    page.click("#lang-toggle")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    page.goto(f"{demo_server}/brief")
    _shot(page, "demo-brief-viewer-en-phone")
