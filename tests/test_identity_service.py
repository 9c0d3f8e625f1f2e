"""The kiosk's identity service: reader events become the citizen's session and device health,
over the real `sim://` reader (the simulator program on a pty)."""

from __future__ import annotations

import contextlib
import logging
import queue
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from drivers.idreader.deck import DECK
from drivers.idreader.simctl import SimControl
from kiosk.bootstrap import build_core
from kiosk.config import load_config
from kiosk.health import Health, Level, Role
from kiosk.identity import CARD_KEY


@pytest.fixture
def running_core(kiosk_toml):
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-idr-"))
    control_path = scratch / "ctl.sock"
    config = load_config(kiosk_toml, [f'devices.id_reader="sim://?control={control_path}"'])
    ui_thread: queue.Queue = queue.Queue()  # what the app's Clock would run
    core = build_core(config, deliver=ui_thread.put)
    core.start()
    try:
        yield core, SimControl.wait_for(control_path), ui_thread
    finally:
        core.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)


def until(condition, what: str, ui_thread: queue.Queue | None = None, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if ui_thread is not None:
            with contextlib.suppress(queue.Empty):
                ui_thread.get(timeout=0.05)()
        else:
            time.sleep(0.02)
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")


def test_cards_go_into_the_session_and_go_with_it(running_core, caplog):
    caplog.set_level(logging.DEBUG)
    core, reader, ui_thread = running_core
    heard = []
    core.identity.listen(heard.append)
    until(lambda: core.health.get(Role.ID_READER) == Health(Level.OK, "simulated"), "ready")

    reader.insert("elderly")
    until(lambda: heard, "the card", ui_thread)
    card = core.sessions.current.get(CARD_KEY)
    assert card == DECK["elderly"].card and heard[0].card is card and not heard[0].new_citizen
    assert core.identity.current_card() is card
    assert core.identity.priority(card)  # over 70: the priority lane
    photo = card.photo

    reader.remove()
    reader.wait_for_polls()
    reader.insert("expired")  # someone else's card: a new citizen, the old session wiped
    until(lambda: len(heard) == 2, "the second card", ui_thread)
    assert heard[1].new_citizen and core.sessions.ended == {"new_card": 1}
    assert photo == bytearray(len(photo))
    second = core.identity.current_card()
    assert second == DECK["expired"].card and not core.identity.priority(second)

    core.sessions.end("idle")
    assert not any(second.photo) and core.identity.current_card() is None

    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    for deck in (DECK["elderly"].card, DECK["expired"].card):
        for secret in (deck.name, deck.id_number, deck.address, deck.birth_date.isoformat()):
            assert secret not in logged


def test_a_failed_read_is_told_and_the_reader_state_is_in_health(running_core):
    core, reader, ui_thread = running_core
    heard = []
    core.identity.listen(heard.append)
    until(lambda: core.health.get(Role.ID_READER).reason == "simulated", "ready")
    reader.force_status(0x41, count=100, command="30 01")
    reader.insert("resident")
    until(lambda: heard, "the failure", ui_thread)
    assert heard[0].card is None and heard[0].error.status == 0x41
    assert core.sessions.current is None  # nothing was read: no session

    reader.unplug()
    until(lambda: core.health.get(Role.ID_READER) == Health(Level.ERROR, "missing"), "missing")
    reader.replug()
    until(lambda: core.health.get(Role.ID_READER).level is Level.OK, "ready again")


def test_a_reader_url_that_cannot_work_is_a_reader_fault(kiosk_toml):
    config = load_config(kiosk_toml, ['devices.id_reader="sim://?colour=blue"'])
    core = build_core(config, deliver=lambda callback: callback())
    core.start()
    try:
        until(lambda: core.health.get(Role.ID_READER) == Health(Level.ERROR, "error"), "error")
    finally:
        core.shutdown()


def test_a_missing_serial_port_is_reported_missing(kiosk_toml):
    config = load_config(kiosk_toml, ['devices.id_reader="serial:///dev/ttyNOSUCH0"'])
    core = build_core(config, deliver=lambda callback: callback())
    core.start()
    try:
        until(lambda: core.health.get(Role.ID_READER) == Health(Level.ERROR, "missing"),
              "missing")
    finally:
        core.shutdown()
