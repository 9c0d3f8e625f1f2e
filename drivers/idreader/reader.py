"""The ID card reader: opened by URL, polled on its own thread, one event per card placed.

    reader = CardReader("serial:///dev/ttyUSB0?baudrate=auto", listener=on_event)
    reader.start()        # connects, finds the line speed, checks the SAM, then polls
    ...
    reader.stop()

Events go to `listener` on the reader's thread: `StateChanged` (ready, offline, missing,
sam_fault), `CardRead` with the parsed `IdentityCard`, `CardReadFailed` when a card on the
reader cannot be read after a few tries, and `CardRemoved`. A card left on the reader is read
once; it is read again only after it has been taken away. An unplugged reader is reopened by
itself once it comes back.

URLs: `serial://PATH?baudrate=115200|auto&timeout=S`, `tcp://HOST:PORT?timeout=S`, and
`sim://?card=KEY&control=PATH&baudrate=N`, which starts the simulator program on a pty and
talks to it through the same serial code (`drivers.idreader.simctl`).

The synchronous methods (`connect`, `poll`, `wait_for_card`) serve the command line and the
benchmark, which read one card without a thread.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
import time
from pathlib import Path

from drivers.errors import DeviceError, DeviceOffline, DeviceURLError, ProtocolError
from drivers.idreader.card import CardType, IdentityCard
from drivers.idreader.errors import ReaderMissing, SamStatusError
from drivers.idreader.events import (
    CardRead,
    CardReadFailed,
    CardRemoved,
    Listener,
    ReaderEvent,
    ReaderState,
    StateChanged,
)
from drivers.idreader.link import DEFAULT_BAUDRATE, USUAL_BAUDRATES, Link, SerialLink, TcpLink
from drivers.idreader.sam import DEFAULT_TIMEOUT_S, NoAnswer, SamClient
from drivers.idreader.simctl import SimulatorProcess, launch_simulator
from drivers.url import DeviceURL, parse_device_url

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 0.02
RECONNECT_S = (0.2, 2.0)      # first and longest wait before reopening a reader that went away
READ_ATTEMPTS = 3             # tries per card placement before saying it cannot be read
ABSENT_POLLS = 2              # "no card" answers in a row before a card counts as taken away
ERRORS_BEFORE_RECONNECT = 5   # garbled polls in a row before the reader is reopened
PROBE_TIMEOUT_S = 0.3         # per line speed, when looking for it
SIM_PARAMS = frozenset({"card", "control", "baudrate"})
SAM_FAULTS = frozenset({0x60, 0x66})


class NoCard(DeviceError):
    """No card was placed on the reader in the time given."""

    default_zh = "读卡器上没有证件"
    default_en = "No card was placed on the reader"


class CardReader:
    def __init__(self, url: str, listener: Listener | None = None, *,
                 poll_interval_s: float = POLL_INTERVAL_S, fingerprint: bool = False) -> None:
        self.url: DeviceURL = parse_device_url(url, ("serial", "tcp", "sim"))
        if self.url.scheme == "sim":
            _check_sim_params(self.url)
        self.listener = listener or (lambda _event: None)
        self.poll_interval_s = poll_interval_s
        self.fingerprint = fingerprint
        self.simulator: SimulatorProcess | None = None
        self.state = ReaderState.CONNECTING
        self.sam_id: str | None = None
        self._link: Link | None = None
        self._sam: SamClient | None = None
        self._card_on = False
        self._absent = 0
        self._failures = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def simulated(self) -> bool:
        return self.url.scheme == "sim"

    @property
    def link(self) -> Link | None:
        return self._link

    # the thread -------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="idreader", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.close()
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None

    def _run(self) -> None:
        backoff = RECONNECT_S[0]
        errors = 0
        while not self._stop.is_set():
            if self._sam is None:
                if self._try_connect():
                    backoff, errors = RECONNECT_S[0], 0
                else:
                    self._stop.wait(backoff)
                    backoff = min(backoff * 2, RECONNECT_S[1])
                    continue
            try:
                event = self.poll()
                errors = 0
            except (DeviceOffline, SamStatusError, ProtocolError) as exc:
                errors += 1
                if isinstance(exc, SamStatusError) and exc.status not in SAM_FAULTS:
                    log.warning("ID card reader: %s", exc.message_en)
                if isinstance(exc, DeviceOffline) or errors >= ERRORS_BEFORE_RECONNECT or (
                        isinstance(exc, SamStatusError) and exc.status in SAM_FAULTS):
                    self.close()
                    self._set_state(_state_for(exc), exc)
                self._stop.wait(self.poll_interval_s if self._sam else backoff)
                continue
            except Exception:  # a bug must not leave the kiosk without its reader
                log.exception("ID card reader: unexpected failure; reopening it")
                self.close()
                self._set_state(ReaderState.OFFLINE, DeviceOffline())
                self._stop.wait(backoff)
                continue
            if event is not None:
                self._emit(event)
            self._stop.wait(self.poll_interval_s)
        self.close()

    def _try_connect(self) -> bool:
        try:
            self.connect()
        except DeviceError as exc:
            self.close()
            self._set_state(_state_for(exc), exc)
            return False
        except Exception:  # a bug must not leave the kiosk without its reader
            log.exception("ID card reader: unexpected failure while opening it")
            self.close()
            self._set_state(ReaderState.OFFLINE, DeviceOffline())
            return False
        self._set_state(ReaderState.READY)
        return True

    def _set_state(self, state: ReaderState, error: DeviceError | None = None) -> None:
        if state == self.state:
            return
        self.state = state
        if state is ReaderState.READY:
            log.info("ID card reader ready", extra={
                "device": str(self.url), "baudrate": self._link.baudrate if self._link else None,
                "sam_id": self.sam_id})
        else:
            log.warning("ID card reader %s: %s", state.value,
                        error.message_en if error else "", extra={"device": str(self.url)})
        self._emit(StateChanged(state, error, self.simulated))

    def _emit(self, event: ReaderEvent) -> None:
        try:
            self.listener(event)
        except Exception:  # a listener's bug must not stop the reader
            log.exception("ID card reader listener failed")

    # connecting -------------------------------------------------------------------------------

    def _open_link(self) -> Link:
        url = self.url
        if url.scheme == "tcp":
            return TcpLink(url.host, url.port)
        if url.scheme == "serial":
            rate = url.param("baudrate", "auto")
            return SerialLink(url.target, DEFAULT_BAUDRATE if rate == "auto" else int(rate))
        if self.simulator is None or not self.simulator.alive:
            if self.simulator is not None:
                self.simulator.stop()
            control = url.param("control")
            self.simulator = launch_simulator(
                card=url.param("card"), control=Path(control) if control else None,
                baudrate=int(url.param("baudrate") or DEFAULT_BAUDRATE))
            log.info("ID card reader simulator started", extra={
                "device": self.simulator.device, "control": self.simulator.info["control"]})
        assert self.simulator.device_path is not None
        return SerialLink(self.simulator.device_path, DEFAULT_BAUDRATE)

    def connect(self) -> None:
        """Open the port, find the line speed if asked to, check the SAM. Raises DeviceError."""
        self.close()
        link = self._open_link()
        self._link = link
        timeout = float(self.url.param("timeout", str(DEFAULT_TIMEOUT_S)) or DEFAULT_TIMEOUT_S)
        sam = SamClient(link, timeout=timeout)
        if self._needs_baud_search():
            self._find_baudrate(sam)
        else:
            sam.sam_status()
        self.sam_id = sam.sam_id()
        self._sam = sam
        self._card_on = False
        self._absent = self._failures = 0

    def _needs_baud_search(self) -> bool:
        if self.url.scheme == "serial":
            return self.url.param("baudrate", "auto") == "auto"
        return self.url.scheme == "sim" and self.url.param("baudrate") is not None

    def _find_baudrate(self, sam: SamClient) -> None:
        link = sam.link
        for rate in USUAL_BAUDRATES:
            link.set_baudrate(rate)
            try:
                sam.sam_status(timeout=PROBE_TIMEOUT_S, retries=0)
            except (NoAnswer, ProtocolError):
                continue
            log.info("ID card reader answers at %d baud", rate, extra={"device": str(self.url)})
            return
        rates = ", ".join(map(str, USUAL_BAUDRATES))
        raise DeviceOffline(f"the ID card reader does not answer at any usual speed ({rates})",
                            message_zh=f"读卡器在常用波特率（{rates}）下均无应答")

    def close(self) -> None:
        self._sam = None
        if self._link is not None:
            self._link.close()
            self._link = None

    # polling ----------------------------------------------------------------------------------

    def poll(self) -> ReaderEvent | None:
        """One look for a card: an event when something happened, else None."""
        sam = self._sam
        if sam is None:
            raise DeviceOffline("the ID card reader is not connected", message_zh="读卡器未连接")
        link = sam.link
        started = time.monotonic()
        before = link.bytes_out + link.bytes_in
        if not sam.find_card():
            self._absent += 1
            self._failures = 0
            if self._card_on and self._absent >= ABSENT_POLLS:
                self._card_on = False
                return CardRemoved()
            return None
        self._absent = 0
        if self._card_on:
            return None  # the same card is still there: it was read already
        try:
            card = self._read(sam)
        except (ProtocolError, SamStatusError) as exc:
            self._failures += 1
            if self._failures < READ_ATTEMPTS:
                return None
            self._card_on, self._failures = True, 0  # not again until it is taken away
            log.warning("ID card could not be read: %s", exc.message_en)
            return CardReadFailed(exc)
        self._card_on, self._failures = True, 0
        seconds = time.monotonic() - started
        wire = link.bytes_out + link.bytes_in - before
        log.info("ID card read", extra={"card_type": card.card_type.value,
                                        "read_ms": round(seconds * 1000), "wire_bytes": wire})
        return CardRead(card, seconds, wire)

    def _read(self, sam: SamClient) -> IdentityCard:
        sam.select_card()
        card = sam.read_card(fingerprint=self.fingerprint)
        if card.card_type is CardType.RESIDENT:
            address = sam.appended_address()
            if address:
                card = dataclasses.replace(card, appended_address=address)
        return card

    def wait_for_card(self, timeout: float) -> IdentityCard:
        """Connect if needed and wait up to `timeout` s for a card; `NoCard` if none came."""
        if self._sam is None:
            self.connect()
        deadline = time.monotonic() + timeout
        while True:
            event = self.poll()
            if isinstance(event, CardRead):
                return event.card
            if isinstance(event, CardReadFailed):
                raise event.error
            if time.monotonic() >= deadline:
                raise NoCard(f"no card was placed on the reader within {timeout:g} s",
                             message_zh=f"{timeout:g} 秒内读卡器上没有放置证件")
            time.sleep(self.poll_interval_s)

    def __enter__(self) -> CardReader:
        return self

    def __exit__(self, *_: object) -> None:
        with contextlib.suppress(Exception):
            self.stop()


def _check_sim_params(url: DeviceURL) -> None:
    from drivers.idreader.deck import DECK

    unknown = sorted(set(url.params) - SIM_PARAMS)
    rate, card = url.param("baudrate"), url.param("card")
    rates, cards = ", ".join(map(str, USUAL_BAUDRATES)), ", ".join(DECK)
    if unknown:
        allowed = ", ".join(sorted(SIM_PARAMS))
        en, zh = (f"unknown parameter {unknown[0]!r}; allowed: {allowed}",
                  f"未知参数“{unknown[0]}”，可用：{allowed}")
    elif rate is not None and (not rate.isdigit() or int(rate) not in USUAL_BAUDRATES):
        en, zh = f"baudrate {rate!r} is not one of {rates}", f"波特率“{rate}”无效，可用：{rates}"
    elif card is not None and card not in DECK:
        en, zh = (f"no card {card!r} in the deck; cards: {cards}",
                  f"模拟卡组中没有“{card}”，可用：{cards}")
    else:
        return
    raise DeviceURLError(f"\"{url}\": {en}", message_zh=f"模拟读卡器地址“{url}”有误：{zh}")


def _state_for(error: BaseException) -> ReaderState:
    if isinstance(error, ReaderMissing):
        return ReaderState.MISSING
    if isinstance(error, SamStatusError) and error.status in SAM_FAULTS:
        return ReaderState.SAM_FAULT
    return ReaderState.OFFLINE
