"""The radar in a real browser: the assistant of the demo workspace sees Today's risks and
applies one; the risk's card goes away without a full reload (htmx swaps it out).

Debian's Chromium driven by Playwright against a real uvicorn on 127.0.0.1, as
``test_browser.py`` does (skipped with a reason when Chromium is missing, required when
``CI=true``). The screenshot lands in ``artifacts/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import serve
from tests.e2e.test_browser import VENDOR, _page, _shot
from tests.web.test_radar_pages import PASSWORDS, Demo, demo, demo_template  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_server(demo: Demo) -> Iterator[str]:  # noqa: F811 - the imported fixture
    """A real uvicorn serving the demo workspace."""
    with serve(demo.app) as base:
        yield base


def test_the_assistant_applies_a_risk_s_best_proposal_without_a_reload(
    browser: Any, demo_server: str
) -> None:
    if not VENDOR.exists():
        pytest.skip("htmx not installed: run `make assets`")
    page, problems = _page(browser)
    page.goto(f"{demo_server}/login")
    page.fill("#login", "sophie")
    page.fill("#password", PASSWORDS["sophie"])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{demo_server}/today")
    cards = page.locator("#risks li.risk")
    assert cards.count() >= 2
    _shot(page, "today-risks")
    page.evaluate("window.__marker = 'same page'")
    first = cards.first
    risk_id = first.get_attribute("id")
    first.locator("button.apply").first.click()
    page.locator(f"#{risk_id}").wait_for(state="detached")
    assert page.evaluate("window.__marker") == "same page"  # no full reload
    _shot(page, "today-risk-applied")
    page.click("nav a[href='/risks']")
    page.wait_for_url(f"{demo_server}/risks")
    assert page.locator(f"#{risk_id}").count() == 0
    _shot(page, "risks")
    assert not problems, problems
