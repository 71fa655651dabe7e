"""``web.background``: slow read models run off the request path, one job per slot and tag."""

from __future__ import annotations

import threading
import time

import pytest

from binome.web.background import Background


def _until_done(background: Background) -> None:
    for _ in range(400):
        if background.running() == 0:
            return
        time.sleep(0.01)
    raise AssertionError("the job never finished")


def test_a_request_joins_the_running_job_and_a_quick_job_answers_at_once() -> None:
    gate = threading.Event()
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        gate.wait(5)
        return "plan"

    background = Background(wait_s=0.0)
    assert background.result("anna", "v1", slow) is None  # running: the page says "computing"
    assert background.result("anna", "v1", slow) is None  # joins it: no second solve
    assert background.running() == 1
    gate.set()
    _until_done(background)
    assert background.result("anna", "v1", slow) == "plan"  # its result, for its tag
    assert len(calls) == 1
    background.wait_s = 5.0
    assert background.result("claire", "v1", lambda: "quick") == "quick"
    background.shutdown()


def test_a_result_is_never_served_for_another_tag() -> None:
    """The data (or the minute) moved since the job started: its result would be stale,
    so the request starts a job for its own tag; the old one is abandoned."""
    gate = threading.Event()
    background = Background(wait_s=0.0, workers=1)
    started: list[str] = []

    def compute(value: str) -> str:
        started.append(value)
        gate.wait(5)
        return value

    assert background.result("anna", "v1", lambda: compute("old")) is None
    assert background.result("bob", "v1", lambda: compute("queued")) is None
    # bob's data move before his job could start: it is cancelled, never run
    assert background.result("bob", "v2", lambda: compute("bob new")) is None
    assert background.result("anna", "v2", lambda: compute("new")) is None
    gate.set()
    background.wait_s = 5.0
    assert background.result("anna", "v2", lambda: compute("unused")) == "new"
    assert background.result("bob", "v2", lambda: compute("unused")) == "bob new"
    assert "queued" not in started
    background.shutdown()


def test_a_jobs_error_reaches_the_next_request() -> None:
    gate = threading.Event()

    def failing() -> str:
        gate.wait(5)
        raise PermissionError("not yours")

    background = Background(wait_s=0.0)
    assert background.result("anna", "v1", failing) is None
    gate.set()
    _until_done(background)
    with pytest.raises(PermissionError, match="not yours"):
        background.result("anna", "v1", failing)
    background.wait_s = 5.0
    with pytest.raises(PermissionError, match="again"):  # and to a request that waited
        background.result("anna", "v2", lambda: (_ for _ in ()).throw(PermissionError("again")))
    background.shutdown()
