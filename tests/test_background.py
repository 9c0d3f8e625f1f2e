"""Background work: results come back through `deliver`, and never to a wiped session."""

from __future__ import annotations

import queue
import threading

from kiosk.background import BackgroundRunner
from kiosk.clock import KioskClock
from kiosk.session import SessionManager


def make_runner():
    inbox: queue.Queue = queue.Queue()
    return BackgroundRunner(deliver=inbox.put), inbox


def drain(inbox: queue.Queue, count: int) -> None:
    for _ in range(count):
        inbox.get(timeout=5)()


def test_results_and_errors_arrive_on_the_delivering_thread():
    runner, inbox = make_runner()
    seen = []
    worker_threads = set()

    def work() -> int:
        worker_threads.add(threading.current_thread().name)
        return 42

    runner.submit(work, on_done=seen.append)
    runner.submit(lambda: 1 / 0, on_error=lambda exc: seen.append(type(exc).__name__))
    drain(inbox, 2)
    assert sorted(map(str, seen)) == ["42", "ZeroDivisionError"]
    assert all(name.startswith("kiosk-bg") for name in worker_threads)
    assert runner.pending == 0
    runner.shutdown()


def test_a_late_answer_for_a_wiped_session_is_dropped():
    runner, inbox = make_runner()
    sessions = SessionManager(KioskClock())
    session = sessions.begin()
    release = threading.Event()
    seen = []
    runner.submit(lambda: release.wait(5) and "张三's applications", on_done=seen.append,
                  session=session)
    sessions.end("idle")
    release.set()
    drain(inbox, 1)
    assert seen == []
    assert runner.pending == 0
    runner.shutdown()


def test_cancelled_task_never_calls_back():
    runner, inbox = make_runner()
    release = threading.Event()
    seen = []
    task = runner.submit(lambda: release.wait(5), on_done=seen.append)
    task.cancel()
    release.set()
    drain(inbox, 1)
    assert seen == []
    runner.shutdown()
