"""Identity from the card reader: reader events become the citizen's session and the status bar.

The reader polls on its own thread (`drivers.idreader.reader`). Its state goes straight into
`core.health` (thread-safe); a card goes, through the app's `deliver`, to the UI thread, where
it is put into the current `CitizenSession` under `CARD_KEY` (a session starts if none is
running) and the listeners (the app shell) are told. Nothing about the card is logged.

A card with a different number from the one already in the session is a different citizen:
the previous session is wiped first, so nobody's data carries over to the next person.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from drivers.errors import DeviceError
from drivers.idreader.card import IdentityCard
from drivers.idreader.events import (
    CardRead,
    CardReadFailed,
    ReaderEvent,
    ReaderState,
    StateChanged,
)
from kiosk.background import Deliver
from kiosk.clock import KioskClock
from kiosk.health import HealthBoard, Level, Role
from kiosk.session import SessionManager

if TYPE_CHECKING:
    from drivers.idreader.reader import CardReader
    from drivers.idreader.simctl import SimControl

log = logging.getLogger(__name__)

CARD_KEY = "identity_card"
PRIORITY_AGE = 70  # 绿色通道: citizens of 70 and over
START_GRACE_S = 0.5

_HEALTH = {
    ReaderState.CONNECTING: (Level.UNKNOWN, "not_checked"),
    ReaderState.READY: (Level.OK, "ready"),
    ReaderState.OFFLINE: (Level.ERROR, "offline"),
    ReaderState.MISSING: (Level.ERROR, "missing"),
    ReaderState.SAM_FAULT: (Level.ERROR, "sam_fault"),
}


@dataclass(frozen=True)
class IdentityEvent:
    """What the UI is told, on the UI thread: a card now in the session, or a failed read."""

    card: IdentityCard | None = None
    error: DeviceError | None = None
    new_citizen: bool = False  # the card replaced another citizen's session


IdentityListener = Callable[[IdentityEvent], None]


class IdentityService:
    def __init__(self, reader_url: str, *, health: HealthBoard, sessions: SessionManager,
                 deliver: Deliver, clock: KioskClock) -> None:
        self._url = reader_url
        self._health = health
        self._sessions = sessions
        self._deliver = deliver
        self._clock = clock
        self._listeners: list[IdentityListener] = []
        self._reader: CardReader | None = None
        self._starter: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self._stopping = threading.Event()

    # lifecycle (Core.start / Core.shutdown) ---------------------------------------------------

    def start(self) -> None:
        """Start the reader on a thread of its own; loading the serial library and opening the
        device happen there, never on the UI thread. The reader is opened after a short grace,
        so the first screen and the first touch have the machine to themselves (a simulated
        reader is a whole program to start)."""
        if self._starter is None:
            self._starter = threading.Thread(target=self._start_reader, name="idreader-start",
                                             daemon=True)
            self._starter.start()

    def _start_reader(self) -> None:
        if self._stopping.wait(START_GRACE_S):
            return
        from drivers.idreader.reader import CardReader

        with self._lock:
            if self._stopped:
                return
            try:
                self._reader = CardReader(self._url, self._on_reader_event)
            except DeviceError as exc:
                log.error("ID card reader cannot be used: %s", exc.message_en)
                self._health.set(Role.ID_READER, Level.ERROR, "error")
                return
            self._reader.start()

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            self._stopped = True
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.stop()

    @property
    def simulator(self) -> SimControl | None:
        """The simulator's control when the reader is `sim://` and running (tests, tour)."""
        sim = self._reader.simulator if self._reader is not None else None
        return sim.control if sim is not None else None

    def listeners(self) -> list[IdentityListener]:
        """Who is told about cards (handed over when the reader is replaced)."""
        return list(self._listeners)

    def unlisten(self, listener: IdentityListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def listen(self, listener: IdentityListener) -> None:
        """Call `listener` on the UI thread for every card read or failed read."""
        self._listeners.append(listener)

    # from the reader's thread -----------------------------------------------------------------

    def _on_reader_event(self, event: ReaderEvent) -> None:
        if isinstance(event, StateChanged):
            level, reason = _HEALTH[event.state]
            if event.state is ReaderState.READY and event.simulated:
                reason = "simulated"
            self._health.set(Role.ID_READER, level, reason)
        elif isinstance(event, CardRead):
            card = event.card
            self._deliver(lambda: self._card_arrived(card))
        elif isinstance(event, CardReadFailed):
            error = event.error
            self._deliver(lambda: self._notify(IdentityEvent(error=error)))

    # on the UI thread -------------------------------------------------------------------------

    def _card_arrived(self, card: IdentityCard) -> None:
        session = self._sessions.current
        previous = session.get(CARD_KEY) if session is not None else None
        new_citizen = previous is not None and previous.id_number != card.id_number
        if new_citizen:
            self._sessions.end("new_card")
        session = self._sessions.begin()
        if previous is not None and previous is not card and not new_citizen:
            previous.wipe()  # the same citizen's card read again: keep only the new copy
        session.put(CARD_KEY, card)
        self._notify(IdentityEvent(card=card, new_citizen=new_citizen))

    def _notify(self, event: IdentityEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # for screens ------------------------------------------------------------------------------

    def current_card(self) -> IdentityCard | None:
        session = self._sessions.current
        card = session.get(CARD_KEY) if session is not None else None
        return card if isinstance(card, IdentityCard) else None

    def today(self) -> date:
        return self._clock.wall().date()

    def priority(self, card: IdentityCard) -> bool:
        """Whether the card's holder may use the priority lane (70 and over)."""
        return card.age(self.today()) >= PRIORITY_AGE
