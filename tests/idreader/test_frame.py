"""The GA 467 frame codec: whole frames, frames in pieces, noise, and every way a frame breaks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import ProtocolError
from drivers.idreader.frame import PREAMBLE, FrameDecoder, encode_frame, xor_checksum
from drivers.idreader.protocol import FIND_CARD, READ_TEXT_PHOTO, Reply, reply


def test_a_command_frame_byte_for_byte():
    # find card as every GA 467 document shows it
    assert FIND_CARD.frame() == bytes.fromhex("AAAAAA96690003200122")
    # "no card found" as a reader sends it
    assert reply(0x80).frame() == bytes.fromhex("AAAAAA9669000400008084")


def test_checksum_is_the_xor_of_length_and_body():
    for size in (0, 1, 2, 3, 7, 64, 1295, 2313):
        data = bytes((i * 37 + size) % 256 for i in range(size))
        expected = 0
        for byte in data:
            expected ^= byte
        assert xor_checksum(data) == expected


def test_frames_arriving_one_byte_at_a_time_after_noise():
    frames = [reply(0x9F, bytes(4)).frame(), reply(0x90, bytes(range(200))).frame()]
    stream = b"\x00\xff\xaa\xaa\x12" + frames[0] + b"\xaa\xaa" + frames[1]
    decoder = FrameDecoder()
    bodies = []
    for byte in stream:
        decoder.feed(bytes([byte]))
        while (body := decoder.next_frame()) is not None:
            bodies.append(Reply.parse(body))
    assert [b.status for b in bodies] == [0x9F, 0x90]
    assert bodies[1].data == bytes(range(200))
    assert decoder.noise_bytes == 7 and decoder.errors == 0


@pytest.mark.parametrize(("spoil", "words"), [
    (lambda f: f[:-1] + bytes([f[-1] ^ 1]), "checksum"),
    (lambda f: f[:5] + b"\x00\x01" + f[7:], "length"),
    (lambda f: f[:5] + b"\xff\xff" + f[7:], "length"),
])
def test_a_broken_frame_is_reported_once_and_the_next_one_decodes(spoil, words):
    good = READ_TEXT_PHOTO.frame()
    decoder = FrameDecoder()
    decoder.feed(spoil(reply(0x90, b"abc").frame()) + good)
    with pytest.raises(ProtocolError) as caught:
        decoder.next_frame()
    assert words in caught.value.message("en")
    assert caught.value.message("zh_CN") != caught.value.message("en")
    assert decoder.next_frame() == bytes([0x30, 0x01])
    assert decoder.next_frame() is None and decoder.errors == 1


def test_frames_outside_the_protocol_are_not_made():
    with pytest.raises(ValueError):
        encode_frame(b"\x20")
    with pytest.raises(ValueError):
        encode_frame(bytes(3000))


def _drain(decoder: FrameDecoder) -> list[bytes]:
    """Everything the decoder yields; it must end, and raise nothing but ProtocolError."""
    bodies = []
    for _ in range(10_000):  # each call consumes bytes or returns None: never loops forever
        try:
            body = decoder.next_frame()
        except ProtocolError:
            continue
        if body is None:
            return bodies
        bodies.append(body)
    raise AssertionError("the decoder did not come to an end")


FUZZ = settings(max_examples=150, deadline=None)


@FUZZ
@given(st.lists(st.binary(max_size=300), max_size=8))
def test_random_bytes_in_random_pieces(pieces):
    decoder = FrameDecoder()
    for piece in pieces:
        decoder.feed(piece)
        _drain(decoder)


@FUZZ
@given(st.binary(min_size=0, max_size=200), st.integers(0, 2000), st.data())
def test_truncated_and_bit_flipped_frames(prefix, cut, data):
    frame = reply(0x90, bytes(range(256)) * 4).frame()
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(frame) - 1), st.integers(0, 7)),
                               max_size=4))
    broken = bytearray(frame[:cut])
    for index, bit in flips:
        if index < len(broken):
            broken[index] ^= 1 << bit
    decoder = FrameDecoder()
    decoder.feed(prefix + bytes(broken) + frame)
    bodies = _drain(decoder)
    # After mere noise the intact frame is found. (A truncated frame before it swallows its
    # first bytes while waiting for its own length, and an 8-bit checksum lets 1 in 256 such
    # mixtures through; the driver's checks on the reply then ask again.)
    if (cut == 0 or cut >= len(frame)) and not flips and PREAMBLE not in prefix:
        assert bodies[-1] == frame[7:-1]


def test_a_truncated_frame_does_not_hide_the_next_one():
    frame = reply(0x90, bytes(range(256)) * 4).frame()
    decoder = FrameDecoder()
    decoder.feed(frame[:100] + frame)
    assert _drain(decoder) == [frame[7:-1]]
