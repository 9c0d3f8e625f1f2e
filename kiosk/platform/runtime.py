"""Starting and keeping up the platform link: the parts behind `PlatformService`.

`start()` returns at once; a thread does the slow part (the embedded server, the local
database, the key) and then keeps things fresh: the hall, the categories and the catalogue in
the cache (by ETag), and enough offline numbers reserved for today and tomorrow. It refreshes
every `refresh_interval_s`, and every 15 s while the platform cannot be reached, which is also
how the kiosk notices that the link is back.
"""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.config.models import PlatformSection
from kiosk.health import HealthBoard
from kiosk.platform.api import PlatformApi
from kiosk.platform.blocks import OfflineNumbers
from kiosk.platform.cache import PlatformCache
from kiosk.platform.client import Credentials, adapter
from kiosk.platform.contract import Catalogue, Hall, QueueCategory, TicketBlockRequest
from kiosk.platform.crypto import PayloadCipher, load_or_create_key, read_secret_file
from kiosk.platform.errors import PlatformError, PlatformUnavailable
from kiosk.platform.link import LinkState
from kiosk.platform.localdb import LocalDB
from kiosk.platform.outbox import Outbox
from kiosk.platform.sender import OutboxSender

log = logging.getLogger(__name__)

OFFLINE_RETRY_S = 15.0
LOW_WATER = 5
CHINA = timedelta(hours=8)


@dataclass
class Parts:
    api: PlatformApi
    db: LocalDB
    outbox: Outbox
    sender: OutboxSender
    numbers: OfflineNumbers
    cache: PlatformCache
    embedded: Any = None


class PlatformRuntime:
    def __init__(self, settings: PlatformSection, state_dir: Path, kiosk_id: str,
                 health: HealthBoard, hall_name: str | None = None, *,
                 observer: Any = None) -> None:
        self.settings = settings
        self.observer = observer
        self.hall_name = hall_name
        self.state_dir = state_dir
        self.kiosk_id = kiosk_id
        self._parts: Parts | None = None
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._catalogue: Catalogue | None = None
        self.start_error: BaseException | None = None
        self.link = LinkState(health, self._can_serve_offline)

    # life cycle
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="platform", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        parts = self._parts
        if parts is not None:
            parts.sender.stop()
            parts.api.close()
            if parts.embedded is not None:
                parts.embedded.stop()
            parts.db.close()

    def parts(self, timeout: float = 20.0) -> Parts:
        if not self._ready.wait(timeout) or self._parts is None:
            raise PlatformUnavailable("The platform link is still starting",
                                      message_zh="正在连接政务平台，请稍候")
        return self._parts

    def refresh_now(self) -> None:
        self._wake.set()

    def _open(self) -> Parts:
        embedded, url = None, self.settings.url
        if url == "embedded":
            from kiosk.platform.embedded import EmbeddedPlatform

            embedded = EmbeddedPlatform(self.state_dir, self.kiosk_id, self.hall_name)
            url, credentials = embedded.start()
        else:
            credentials = Credentials(self.kiosk_id, self._kiosk_key())
        folder = self.state_dir / "platform"
        db = LocalDB(folder / "kiosk.sqlite")
        key_file = self.settings.outbox_key_file or folder / "outbox.key"
        outbox = Outbox(db, PayloadCipher(load_or_create_key(key_file)))
        api = PlatformApi(url, credentials, connect_timeout=self.settings.connect_timeout_s,
                          read_timeout=self.settings.read_timeout_s,
                          ca_bundle=str(self.settings.ca_bundle) if self.settings.ca_bundle
                          else None, retries=self.settings.retries, on_link=self.link.report,
                          on_request=self.observer)
        sender = OutboxSender(outbox, api)
        return Parts(api, db, outbox, sender, OfflineNumbers(db), PlatformCache(db), embedded)

    def _kiosk_key(self) -> bytes:
        if self.settings.kiosk_key is not None:
            return self.settings.kiosk_key.get_secret_value().encode()
        assert self.settings.kiosk_key_file is not None
        return read_secret_file(self.settings.kiosk_key_file).encode()

    def _run(self) -> None:
        try:
            self._parts = self._open()
        except Exception as exc:
            self.start_error = exc
            log.exception("the platform link could not start")
            self.link.report("unreachable")
            self._ready.set()
            return
        self._parts.sender.start()
        self._ready.set()
        while not self._stop.is_set():
            self.refresh()
            wait = self.settings.refresh_interval_s if self.link.online else OFFLINE_RETRY_S
            self._wake.wait(wait)
            self._wake.clear()

    # keeping fresh
    def refresh(self) -> None:
        parts = self._parts
        if parts is None:
            return
        was_online = self.link.online
        try:
            self.read_through("hall", parts.api.hall, Hall)
            self.read_through("categories", parts.api.categories, list[QueueCategory])
            self._refresh_catalogue(parts)
            self._top_up_blocks(parts)
        except PlatformError as exc:
            log.info("platform refresh incomplete: %s", exc)
        if self.link.online and not was_online:
            parts.outbox.retry_now()
        parts.sender.wake()

    def _refresh_catalogue(self, parts: Parts) -> None:
        entry = parts.cache.get("catalogue")
        catalogue, etag = parts.api.catalogue(entry.etag if entry else None)
        if catalogue is None:
            parts.cache.touch("catalogue")
            return
        parts.cache.put("catalogue", catalogue.model_dump_json().encode(), etag)
        self._catalogue = catalogue

    def _top_up_blocks(self, parts: Parts) -> None:
        today = self.today()
        parts.numbers.forget_before(today)
        categories = self.cached_categories()
        for day in (today, today + timedelta(days=1)):
            free = parts.numbers.free(day)
            for category in categories:
                if free.get(category.id, 0) >= LOW_WATER:
                    continue
                block = parts.api.reserve_block(
                    TicketBlockRequest(category_id=category.id, day=day,
                                       size=self.settings.offline_block_size),
                    secrets.token_urlsafe(18))
                parts.numbers.keep([block])

    # cache helpers
    def read_through(self, key: str, fetch: Any, model: Any) -> Any:
        """Fresh from the platform when it answers (and cached), else the cached copy."""
        parts = self.parts()
        error: PlatformError = PlatformUnavailable()
        if not self.offline_now():
            try:
                value = fetch()
                parts.cache.put(key, adapter(model).dump_json(value))
                return value
            except PlatformError as exc:  # serve the cached copy; raise only without one
                error = exc
        entry = parts.cache.get(key)
        if entry is None:
            raise error
        return adapter(model).validate_json(entry.body)

    def offline_now(self) -> bool:
        return self.link.state in ("offline", "unreachable")

    def cached_categories(self) -> list[QueueCategory]:
        entry = self.parts().cache.get("categories")
        return [] if entry is None else adapter(list[QueueCategory]).validate_json(entry.body)

    def cached_category(self, category_id: str) -> QueueCategory | None:
        return next((c for c in self.cached_categories() if c.id == category_id), None)

    def cached_hall_name(self) -> str:
        entry = self.parts().cache.get("hall")
        return "" if entry is None else Hall.model_validate_json(entry.body).name

    def cached_catalogue(self) -> Catalogue:
        if self._catalogue is None:
            entry = self.parts().cache.get("catalogue")
            if entry is None:
                self._refresh_catalogue(self.parts())
            else:
                self._catalogue = Catalogue.model_validate_json(entry.body)
        assert self._catalogue is not None
        return self._catalogue

    def remember_status_url(self, url: str, ticket_id: str) -> None:
        if url.endswith(ticket_id):
            base = url[: -len(ticket_id)].encode()
            cache = self.parts().cache
            entry = cache.get("status_url_base")
            if entry is None or entry.body != base:
                cache.put("status_url_base", base)

    def status_url_for(self, ticket_id: str) -> str:
        entry = self.parts().cache.get("status_url_base")
        base = entry.body.decode() if entry else self.parts().api.base_url + "/q/"
        return base + ticket_id

    def _can_serve_offline(self) -> bool:
        parts = self._parts
        return parts is not None and parts.cache.get("categories") is not None

    @staticmethod
    def today() -> date:
        """The hall's date (China Standard Time), as the platform counts ticket days."""
        return (datetime.now(UTC) + CHINA).date()
