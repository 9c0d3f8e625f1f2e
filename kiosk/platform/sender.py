"""The outbox sender: one thread that drains the outbox in order, for as long as the kiosk runs.

Strict order (a ticket before its print state, attachments before the application naming
them): the head item is retried until it goes through, with exponential backoff and jitter
between tries, capped at `max_delay_s`. A refusal that will never change (4xx other than auth
and rate limiting) moves the item to the dead table and the queue goes on. Whoever queued an
item can wait a moment for its answer (`wait_for`), so an online kiosk answers at once and an
offline one says "sent later" without ever losing the write.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from kiosk.platform.client import PlatformClient
from kiosk.platform.errors import PlatformError, PlatformRejected
from kiosk.platform.outbox import Outbox, OutboxItem

log = logging.getLogger(__name__)

RETRYABLE_CODES = frozenset({"auth_bad_signature", "auth_stale_timestamp", "auth_replayed_nonce",
                             "auth_unknown_kiosk", "auth_kiosk_disabled", "auth_missing"})
Delivered = Callable[[OutboxItem, Any], None]
DEFERRED = object()  # told to a waiter when its item could not go now: it stays queued


class OutboxSender:
    def __init__(self, outbox: Outbox, client: PlatformClient, *, base_delay_s: float = 0.5,
                 max_delay_s: float = 60.0, on_delivered: Delivered | None = None,
                 timeout: tuple[float, float] | None = None) -> None:
        self.outbox = outbox
        self.client = client
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.on_delivered = on_delivered
        self.timeout = timeout
        self.sent = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._answers: dict[str, Any] = {}
        self._answered = threading.Condition()
        self._thread: threading.Thread | None = None
        outbox.listeners.append(self.wake)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="outbox-sender", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def wait_for(self, key: str, timeout: float) -> Any | None:
        """The platform's answer to the queued item with this key, or None if not yet sent."""
        deadline = time.monotonic() + timeout
        with self._answered:
            while key not in self._answers:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._answered.wait(left)
            answer = self._answers.pop(key)
            return None if answer is DEFERRED else answer

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self.step()
            except Exception:  # never let the sender die; the item stays queued
                log.exception("outbox sender step failed")
                wait = self.base_delay_s
            if wait > 0:
                self._wake.wait(wait)
                self._wake.clear()

    def step(self) -> float:
        """Try the head item once; how long to wait before the next step."""
        item, due = self.outbox.head()
        if item is None:
            return 3600.0
        now = time.time()
        if due > now:
            return min(due - now, self.max_delay_s)
        try:
            answer = self.client.send(item.method, item.path, body=item.body,
                                      content_type=item.content_type,
                                      idempotency_key=item.idempotency_key,
                                      params=_params(item.query), attempts=1,
                                      timeout=self.timeout)
        except PlatformRejected as exc:
            if exc.code in RETRYABLE_CODES or exc.status in (408, 429):
                self._defer(item, exc)
                return 0.0
            log.error("platform refused a queued %s for good: %s", item.kind, exc.code)
            self.outbox.refuse(item.seq, exc.status, exc.code)
            self._answer(item, exc)
            return 0.0
        except PlatformError as exc:
            self._defer(item, exc)
            return 0.0
        self.outbox.acknowledge(item.seq)
        self.sent += 1
        body = _json(answer.body)
        self._answer(item, body)
        if self.on_delivered is not None:
            try:
                self.on_delivered(item, body)
            except Exception:
                log.exception("handling a delivered %s failed", item.kind)
        return 0.0

    def _defer(self, item: OutboxItem, error: Exception) -> None:
        delay = min(self.max_delay_s, self.base_delay_s * 2 ** min(item.attempts, 16))
        delay *= random.uniform(0.5, 1.0)
        self.outbox.defer(item.seq, time.time() + delay, type(error).__name__)
        self._answer(item, DEFERRED)

    def _answer(self, item: OutboxItem, answer: Any) -> None:
        with self._answered:
            self._answers[item.idempotency_key] = answer
            if len(self._answers) > 1000:  # nobody waited for these
                for key in list(self._answers)[:500]:
                    self._answers.pop(key, None)
            self._answered.notify_all()


def _params(query: str) -> dict[str, str] | None:
    if not query:
        return None
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query, keep_blank_values=True))


def _json(body: bytes) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None
