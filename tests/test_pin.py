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


@pytest.mark.parametrize(("new", "again", "old", "words"), [
    ("12a4", None, None, "4到12位数字"),
    ("123", None, None, "4到12位数字"),
    ("97531864", "97531865", None, "不一致"),
    ("246810", "246810", "246810", "与原密码相同"),
    ("0000", None, None, "太简单"),
    ("123456", None, None, "太简单"),
    ("987654", None, None, "太简单"),
    ("8901", None, None, "太简单"),
])
def test_a_new_pin_is_refused_in_words(new, again, old, words):
    from kiosk.pin import new_pin_problem

    problem = new_pin_problem(new, again, old)
    assert problem is not None and words in problem[0] and problem[1]


def test_a_good_new_pin_passes():
    from kiosk.pin import new_pin_problem

    assert new_pin_problem("97531864", "97531864", "246810") is None
    assert new_pin_problem("246810") is None


def test_the_count_and_the_lockout_survive_a_restart(tmp_path, caplog):
    state = tmp_path / "state" / "technician-pin.json"
    encoded = hash_pin("246810")
    clock = KioskClock()
    guard = PinGuard(encoded, clock, state_file=state)
    for _ in range(3):
        guard.check("000000")
    restarted = PinGuard(encoded, KioskClock(), state_file=state)   # the kiosk came back
    assert restarted.check("000000").attempts_left == 1
    assert restarted.check("000000").outcome == "locked"
    again = PinGuard(encoded, KioskClock(), state_file=state)
    assert again.check("246810").outcome == "locked"
    assert 14 * 60 < again.locked_for() <= 15 * 60
    assert "246810" not in state.read_text() and "000000" not in state.read_text()
    later = KioskClock()
    later.advance(15 * 60)
    unlocked = PinGuard(encoded, later, state_file=state)
    assert unlocked.check("246810").outcome == "ok"
    assert PinGuard(encoded, KioskClock(), state_file=state).locked_for() == 0


def test_an_unreadable_lockout_file_starts_afresh(tmp_path):
    state = tmp_path / "technician-pin.json"
    state.write_text("{not json")
    guard = PinGuard(hash_pin("246810"), KioskClock(), state_file=state)
    assert guard.check("246810").outcome == "ok"
