"""Browser tests: Debian's Chromium driven by Playwright against a real uvicorn on 127.0.0.1.

One Chromium per test session (``browser``) and one way to serve an ASGI app on a port the
OS picks (``serve``). Skipped with a reason when Chromium is missing; required when
``CI=true``. The two-workspace web site is re-exported from the web tests.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CI
from tests.web.conftest import site_template, sqlite_site  # noqa: F401 - re-exported fixtures

CHROMIUM = os.environ.get("BINOME_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> str:
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if CI:
            pytest.fail(message + " (CI=true: browser tests must run)")
        pytest.skip(message)
    return found


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """A real uvicorn serving ``app`` on 127.0.0.1, on a port the OS picked; its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert instance.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)
        yield launched
        launched.close()
