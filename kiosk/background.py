"""Run work off the UI thread and hand the result back to it: the only way screens start work.

    runner.submit(platform.issue_ticket, category,
                  on_done=self.show_ticket, on_error=self.explain, session=session)

`fn` runs on a worker thread; `on_done` or `on_error` runs on the UI thread (through the
`deliver` function the app shell gives, which schedules on Kivy's clock). A result that belongs
to a session that has since been wiped is dropped, so a late answer never shows one citizen's
data to the next.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from kiosk.session import CitizenSession

log = logging.getLogger(__name__)

T = TypeVar("T")
Deliver = Callable[[Callable[[], None]], None]


class Task:
    """A submitted piece of work; `cancel` makes sure its callbacks never run."""

    def __init__(self, future: Future[Any]) -> None:
        self._future = future
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        self._future.cancel()

    @property
    def done(self) -> bool:
        return self._future.done()


class BackgroundRunner:
    """A small thread pool whose results come back through `deliver`."""

    def __init__(self, deliver: Deliver, max_workers: int = 4) -> None:
        self._deliver = deliver
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="kiosk-bg")
        self._pending = 0
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        """Tasks submitted whose callbacks have not run yet."""
        with self._lock:
            return self._pending

    def submit(self, fn: Callable[[], T], *, on_done: Callable[[T], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               session: CitizenSession | None = None) -> Task:
        with self._lock:
            self._pending += 1
        future = self._pool.submit(fn)
        task = Task(future)
        future.add_done_callback(
            lambda f: self._deliver(lambda: self._finish(f, task, on_done, on_error, session))
        )
        return task

    def _finish(self, future: Future[T], task: Task, on_done: Callable[[T], None] | None,
                on_error: Callable[[BaseException], None] | None,
                session: CitizenSession | None) -> None:
        try:
            if task.cancelled or future.cancelled() or (session is not None and session.closed):
                return
            error = future.exception()
            if error is None:
                if on_done is not None:
                    on_done(future.result())
            elif on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)
        finally:
            with self._lock:
                self._pending -= 1

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
