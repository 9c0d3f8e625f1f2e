"""The citizen session wipes everything; the idle watch says when."""

from __future__ import annotations

import pytest

from kiosk.clock import KioskClock
from kiosk.idle import IdleWatch
from kiosk.session import SessionClosed, SessionManager


def test_wipe_overwrites_buffers_and_forgets_everything():
    manager = SessionManager(KioskClock())
    session = manager.begin()
    photo = bytearray(b"\x89vendor-photo-bytes" * 50)
    scans = [bytearray(b"jpeg-page-1"), bytearray(b"jpeg-page-2")]
    session.put("photo", photo)
    session.put("scans", scans)
    session.put("identity", {"name": "张三", "raw": bytearray(b"UCS2")})
    assert manager.begin() is session  # one citizen, one session
    manager.end("idle")
    assert photo == bytearray(len(photo)) and not any(photo)
    assert scans == []
    assert session.is_empty() and session.closed
    assert manager.current is None
    assert manager.ended == {"idle": 1}
    with pytest.raises(SessionClosed):
        session.put("late", "data")
    manager.end("home_button")  # nothing to end: nothing counted
    assert manager.ended == {"idle": 1}


def test_idle_phases():
    clock = KioskClock()
    watch = IdleWatch(clock, timeout_s=60)
    assert watch.status(elderly=False).phase == "disarmed"
    watch.arm()
    clock.advance(49)
    assert watch.status(elderly=False).phase == "active"
    clock.advance(2)
    status = watch.status(elderly=False)
    assert status.phase == "countdown" and status.seconds_shown == 9
    assert watch.status(elderly=True).phase == "active"  # doubled in elderly mode
    watch.poke()
    assert watch.status(elderly=False).phase == "active"
    clock.advance(60)
    assert watch.status(elderly=False).phase == "expired"
    watch.disarm()
    assert watch.status(elderly=False).phase == "disarmed"


def test_clock_only_goes_forward():
    with pytest.raises(ValueError):
        KioskClock().advance(-1)
