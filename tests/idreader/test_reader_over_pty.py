"""The real driver against the simulator program over a real pty pair (and TCP): every card
type, every SAM status in words, faults, unplugging, line speeds, one read per card."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from drivers.errors import DeviceOffline, DeviceURLError
from drivers.idreader.deck import DECK
from drivers.idreader.errors import SamStatusError
from drivers.idreader.events import CardRead, CardReadFailed, CardRemoved, ReaderState, StateChanged
from drivers.idreader.link import SerialLink
from drivers.idreader.protocol import FIND_CARD, SAM_STATUS, STATUS_WORDS, Command, Reply
from drivers.idreader.reader import CardReader, NoCard
from drivers.idreader.sam import SamClient
from drivers.idreader.simctl import launch_simulator
from tests.idreader.conftest import FAST

ISSUE_STATUSES = {0x90, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47,
                  0x60, 0x66, 0x80, 0x81, 0x91, 0xFF}


def expected(key: str):
    return DECK[key].card


@pytest.fixture
def reader(sim, control):
    reader = CardReader(f"{sim.device}?baudrate=115200&{FAST}")
    yield reader
    reader.stop()


@pytest.mark.parametrize("key", sorted(DECK))
def test_every_card_type_is_read_exactly(reader, control, key):
    control.insert(key)
    card = reader.wait_for_card(timeout=5)
    assert card == expected(key)  # every field, the appended address included
    assert bytes(card.photo) == DECK[key].photo and len(card.photo) == 1024


def test_text_photo_and_fingerprint(sim, control):
    control.insert("resident")
    with CardReader(f"{sim.device}?baudrate=115200", fingerprint=True) as reader:
        card = reader.wait_for_card(timeout=5)
    assert bytes(card.fingerprint) == DECK["resident"].fingerprint and len(card.fingerprint) == 1024
    assert control.stats()["stats"]["cmd 30 10"] >= 1


def test_the_sam_answers_with_its_id(sam):
    sam.sam_status()
    assert sam.sam_id() == "05.01-20230915-0000467001-4206260001"
    assert sam.find_card() is False


def test_every_status_in_the_issue_has_words():
    assert set(STATUS_WORDS) >= ISSUE_STATUSES
    for zh, en in STATUS_WORDS.values():
        assert zh and en and zh != en


@pytest.mark.parametrize("status", sorted(ISSUE_STATUSES - {0x90, 0x9F}))  # the successes
def test_each_sam_status_is_explained_in_words(sam, control, status):
    control.force_status(status, command="11 FF")
    with pytest.raises(SamStatusError) as caught:
        sam.sam_status()
    zh, en = STATUS_WORDS[status]
    assert caught.value.status == status
    assert en in caught.value.message("en") and zh in caught.value.message("zh_CN")
    assert f"{status:02X}" in caught.value.message("en")


def test_the_reader_answers_broken_commands_with_their_status(sam, control):
    link = sam.link
    frame = FIND_CARD.frame()
    cases = [(frame[:-1] + bytes([frame[-1] ^ 0xFF]), 0x10),
             (frame[:5] + b"\x09\x99" + frame[7:], 0x11),
             (Command(0x55, 0x01, "nonsense").frame(), 0x21),
             (SAM_STATUS.frame(b"\x00"), 0x21)]
    for raw, status in cases:
        link.write(raw)
        body = None
        while body is None:
            chunk = link.read(1.0)
            assert chunk, f"no answer to a frame that should get {status:02X}"
            sam.decoder.feed(chunk)
            body = sam.decoder.next_frame()
        assert Reply.parse(body).status == status


@pytest.mark.parametrize(("kind", "options"), [
    ("bad_checksum", {}),
    ("split", {"piece": 1, "gap": 0.0005}),
    ("split", {"piece": 7}),
    ("slow", {"delay": 0.15}),   # late but within the timeout
    ("slow", {"delay": 0.6}),    # past the timeout: asked again, the late answer dropped
    ("silence", {}),
    ("garbage", {"size": 40}),
])
@pytest.mark.parametrize("command", ["20 01", "20 02", "30 01", "30 03"])
def test_faults_are_recovered_from(reader, control, kind, options, command):
    used = control.stats()["stats"].get(f"fault {kind}", 0)
    control.fault(kind, count=1, command=command, **options)
    control.insert("elderly")  # four commands to spoil, the appended address included
    card = reader.wait_for_card(timeout=10)
    assert card == expected("elderly")
    stats = control.stats()
    assert stats["stats"][f"fault {kind}"] == used + 1 and stats["faults"] == 0


def test_a_persistent_fault_leaves_the_reader_unreadable_not_wrong(reader, control):
    control.insert("resident")
    reader.connect()
    control.fault("bad_checksum", count=0, command="30 01")
    event = None
    for _ in range(5):
        event = reader.poll() or event
    assert isinstance(event, CardReadFailed)
    assert "checksum" in event.error.message("en")
    control.clear()
    assert reader.poll() is None  # the same card is not tried again until it is taken away


def test_a_card_left_on_the_reader_is_read_once(sim, control, events):
    reader = CardReader(f"{sim.device}?baudrate=115200&{FAST}", events)
    reader.start()
    try:
        assert events.next(StateChanged).state is ReaderState.READY
        reads = control.stats()["stats"].get("reads", 0)
        control.insert("long_term")
        first = events.next(CardRead)
        assert first.card == expected("long_term")
        control.wait_for_polls(20)
        assert control.stats()["stats"]["reads"] == reads + 1
        assert not [e for e in events.drain() if isinstance(e, CardRead)]
        control.remove()
        events.next(CardRemoved)
        control.insert("long_term")  # taken away and put back: read again
        assert events.next(CardRead).card == expected("long_term")
    finally:
        reader.stop()


def test_unplug_and_replug_recover_by_themselves(sim, control, events):
    reader = CardReader(f"{sim.device}?baudrate=115200&{FAST}", events)
    reader.start()
    try:
        assert events.next(StateChanged).state is ReaderState.READY
        control.unplug()
        states = [events.next(StateChanged).state]
        if states[0] is ReaderState.OFFLINE:
            states.append(events.next(StateChanged).state)
        assert states[-1] is ReaderState.MISSING  # the port itself is gone
        control.replug()
        assert events.next(StateChanged).state is ReaderState.READY
        control.insert("hmt_hk")
        assert events.next(CardRead).card == expected("hmt_hk")
    finally:
        reader.stop()


def test_a_sam_that_fails_its_self_test_is_reported(sim, control, events):
    control.force_status(0x60, count=1000, command="11 FF")
    reader = CardReader(f"{sim.device}?baudrate=115200&{FAST}", events)
    reader.start()
    try:
        change = events.next(StateChanged)
        assert change.state is ReaderState.SAM_FAULT
        assert "self-test" in change.error.message("en")
        control.clear()
        assert events.next(StateChanged).state is ReaderState.READY
    finally:
        reader.stop()


@pytest.mark.parametrize("rate", [9600, 38400, 57600])
def test_the_line_speed_is_found_automatically(sim, control, rate):
    control.set_baudrate(rate)
    control.insert("resident")
    with CardReader(f"{sim.device}?baudrate=auto") as reader:
        card = reader.wait_for_card(timeout=10)
        assert reader.link is not None and reader.link.baudrate == rate
    assert card == expected("resident")


def test_a_wrong_fixed_line_speed_is_an_offline_reader(sim, control):
    control.set_baudrate(9600)
    with CardReader(f"{sim.device}?baudrate=115200&{FAST}") as reader, \
            pytest.raises(DeviceOffline) as caught:
        reader.connect()
    assert "did not answer" in caught.value.message("en")
    assert control.stats()["mismatched"] > 0


def test_no_card_in_time():
    with launch_simulator() as sim, CardReader(sim.device) as reader, pytest.raises(NoCard):
        reader.wait_for_card(timeout=0.3)


def test_a_reader_behind_a_tcp_serial_server():
    with launch_simulator(listen="tcp://127.0.0.1:0", card="foreign_2017") as sim:
        assert sim.device.startswith("tcp://127.0.0.1:")
        with CardReader(sim.device) as reader:
            assert reader.wait_for_card(timeout=5) == expected("foreign_2017")


def test_sim_url_starts_and_stops_the_simulator_program():
    reader = CardReader("sim://?card=rare_name")
    card = reader.wait_for_card(timeout=5)
    process = reader.simulator.process
    reader.stop()
    assert card == expected("rare_name")
    assert process.poll() is not None and reader.simulator is None


def test_nothing_about_a_card_reaches_the_logs(sim, control, events, caplog):
    caplog.set_level(logging.DEBUG)
    reader = CardReader(f"{sim.device}?baudrate=115200&{FAST}", events)
    reader.start()
    try:
        for key in DECK:
            control.insert(key)
            events.next((CardRead, CardReadFailed))
            control.remove()
            events.next(CardRemoved)
        control.fault("bad_checksum", count=0, command="30 01")
        control.insert("resident")
        events.next(CardReadFailed)
    finally:
        reader.stop()
    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    assert "ID card read" in logged
    for key, deck in DECK.items():
        card = deck.card
        secrets = [card.id_number, card.id_number[6:14], card.name, card.address,
                   card.english_name, card.birth_date.isoformat(), card.pass_number]
        for secret in filter(None, secrets):
            assert secret not in logged, (key, "leaked into the log")


def test_sam_client_counts_late_answers_as_stale(sam, control):
    control.fault("slow", count=1, command="11 FF", delay=0.5)
    sam.sam_status()         # asked twice; the first answer arrives late
    assert sam.find_card() is False  # the late second answer is not taken for this one
    assert sam.stale_replies >= 1


def test_link_counts_its_bytes(sim, control):
    link = SerialLink(sim.device_path)
    try:
        SamClient(link).sam_status()
        assert (link.bytes_out, link.bytes_in) == (10, 11)
    finally:
        link.close()


def test_deck_cards_equal_ignores_buffers():
    card = expected("resident")
    assert dataclasses.replace(card, photo=bytearray(b"x")) == card


@pytest.mark.parametrize(("url", "words"), [
    ("sim://?colour=blue", "unknown parameter 'colour'"),
    ("sim://?baudrate=1234", "baudrate '1234'"),
    ("sim://?card=nobody", "no card 'nobody'"),
    ("usb://0x0416:0x5011", 'unknown scheme "usb"'),
])
def test_reader_urls_that_cannot_work_are_refused_in_words(url, words):
    with pytest.raises(DeviceURLError) as caught:
        CardReader(url)
    assert words in caught.value.message("en") and caught.value.message("zh_CN")
