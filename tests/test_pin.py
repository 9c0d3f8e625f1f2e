"""The technician PIN: salted hashes, and a lockout after five wrong tries."""

from __future__ import annotations

import logging

import pytest

from kiosk.clock import KioskClock
from kiosk.pin import PinGuard, hash_pin, verify_pin


def test_hash_is_salted_and_verifies():
    first, second = hash_pin("246810"), hash_pin("246810")
    assert first != second  # a fresh salt each time
    assert verify_pin("246810", first) and verify_pin("246810", second)
    assert not verify_pin("246811", first)
    assert not verify_pin("246810", "scrypt$garbage")
    assert "246810" not in first


@pytest.mark.parametrize("pin", ["12", "abcdef", "1234567890123"])
def test_weak_or_odd_pins_are_refused(pin):
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_lockout_after_five_failures_then_unlocks(caplog):
    clock = KioskClock()
    guard = PinGuard(hash_pin("246810"), clock)
    caplog.set_level(logging.INFO)
    results = [guard.check("000000") for _ in range(5)]
    assert [r.outcome for r in results] == ["wrong"] * 4 + ["locked"]
    assert [r.attempts_left for r in results[:4]] == [4, 3, 2, 1]
    assert guard.check("246810").outcome == "locked"
    clock.advance(15 * 60 - 1)
    assert guard.check("246810").outcome == "locked"
    clock.advance(1)
    assert guard.check("246810").outcome == "ok"
    assert "246810" not in caplog.text and "000000" not in caplog.text
    assert caplog.text.count("technician PIN wrong") == 5
