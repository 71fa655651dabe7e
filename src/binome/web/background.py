"""Slow read models computed off the request path: a page never waits on the solver.

The plan preview runs CP-SAT (about half a second on the demo workspace); everything else
a page shows comes from the read-model cache or is computed in tens of milliseconds. When
the cache does not hold the plan for the current data, reader and minute, the request
starts the computation here (one job per reader: a second request for the same plan
joins the running one), waits for it a short while (``WAIT_S``, so that a quick solve is
still answered in one response), and otherwise answers at once with a placeholder that
asks again shortly (htmx); the job puts its result in the read-model cache, where the
next request finds it. The job runs the same use case, as the same reader, as the
request would have: same access checks, same audit entries, same proposals stored.

Jobs are tagged with what their result depends on (data version, reader, language,
minute: ``view_tag``): a request joins or reads the job of its own tag only, so nobody is
shown a plan computed before a change they made.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

__all__ = ["WAIT_S", "Background"]

WAIT_S = 0.12  # how long a request waits for a running job before answering "computing"
WORKERS = 2  # jobs at once (the solver uses one core each)


@dataclass(frozen=True, slots=True)
class _Job:
    tag: Hashable
    future: Future[Any]


class Background:
    """At most one job per slot (a reader's plan), for one tag (what the result depends
    on: the data version, reader, language and minute, ``app.read_cache.view_tag``)."""

    def __init__(self, wait_s: float = WAIT_S, workers: int = WORKERS) -> None:
        self.wait_s = wait_s
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._jobs: dict[Hashable, _Job] = {}
        self._lock = threading.Lock()

    def _submit(self, slot: Hashable, tag: Hashable, compute: Callable[[], Any]) -> _Job:
        if self._pool is None:  # started on first use: most apps (tests) never need it
            self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="binome-bg")
        # Finished jobs of other slots are dropped: their results are in the read-model
        # cache, and they would otherwise be kept for as long as the server runs.
        for other in [k for k, job in self._jobs.items() if job.future.done()]:
            del self._jobs[other]
        job = self._jobs[slot] = _Job(tag, self._pool.submit(compute))
        return job

    def result(self, slot: Hashable, tag: Hashable, compute: Callable[[], Any]) -> Any | None:
        """``compute()``'s value for ``tag`` if the slot's job (started now, already
        running, or finished) has it within ``wait_s``; ``None`` while it runs. A job for
        another tag (the data or the minute moved) is cancelled if it has not started, and
        otherwise runs out unheard. A job's error is raised here."""
        with self._lock:
            job = self._jobs.get(slot)
            if job is not None and (job.tag != tag or job.future.cancelled()):
                job.future.cancel()
                job = None
            if job is None:
                job = self._submit(slot, tag, compute)
        wait([job.future], timeout=self.wait_s)
        if not job.future.done():
            return None
        return job.future.result()  # its value, or its error raised

    def running(self) -> int:
        with self._lock:
            return sum(not job.future.done() for job in self._jobs.values())

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
