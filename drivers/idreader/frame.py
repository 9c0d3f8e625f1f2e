"""The GA 467 frame: how commands and replies travel between the terminal and an ID card reader.

    AA AA AA 96 69 | LEN (2, big-endian) | body | CHK
      preamble       bytes after LEN,       CMD PARA data      (terminal → reader)
                     checksum included      SW1 SW2 SW3 data   (reader → terminal)
    CHK = XOR of the LEN bytes and the body

`encode_frame` builds one; `FrameDecoder` takes bytes as they come (in pieces, with noise
before a preamble, with wrong lengths or checksums) and hands out whole frame bodies. A bad
frame raises `ProtocolError` once; the decoder has already dropped it and resynchronised, so
the caller simply carries on asking for the next frame.
"""

from __future__ import annotations

from drivers.errors import ProtocolError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2
# The shortest frame: a command (CMD PARA) and its checksum.
MIN_LENGTH = 3
# The longest reply: text, photo and fingerprint (30 10) is 3 + 6 + 256 + 1024 + 1024 + 1 bytes.
MAX_LENGTH = 2314
# Bytes kept while searching for a preamble: a preamble may straddle two reads.
_KEEP = len(PREAMBLE) - 1


class FrameError(ProtocolError):
    """A dropped frame; `kind` is "length" or "checksum" (a reader answers each differently)."""

    def __init__(self, kind: str, message_en: str, message_zh: str) -> None:
        super().__init__(message_en, message_zh=message_zh)
        self.kind = kind


def xor_checksum(data: bytes | bytearray | memoryview) -> int:
    """The XOR of all bytes, folded as one big integer (fast for a 1.3 kB reply)."""
    size = len(data)
    if size == 0:
        return 0
    value = int.from_bytes(data, "little")
    width = 1 << (size - 1).bit_length()  # bytes, a power of two
    while width > 1:
        width //= 2
        bits = width * 8
        value = (value >> bits) ^ (value & ((1 << bits) - 1))
    return value


def encode_frame(body: bytes) -> bytes:
    """A complete frame around `body` (CMD PARA data, or SW1 SW2 SW3 data)."""
    length = len(body) + 1
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise ValueError(f"frame body of {len(body)} bytes is outside the protocol")
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([xor_checksum(head + body)])


class FrameDecoder:
    """Bytes in, frame bodies out; bad frames raise `ProtocolError` after being dropped."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.frames = 0          # good frames handed out
        self.errors = 0          # bad frames dropped
        self.noise_bytes = 0     # bytes skipped outside any frame

    def feed(self, data: bytes | bytearray) -> None:
        self._buffer += data

    def reset(self) -> None:
        """Forget everything buffered (after a timeout, or before a new exchange)."""
        self.noise_bytes += len(self._buffer)
        self._buffer.clear()

    @property
    def pending(self) -> int:
        """Bytes buffered that are not yet a whole frame."""
        return len(self._buffer)

    def next_frame(self) -> bytes | None:
        """The next good frame's body, None until more bytes come, or `ProtocolError`."""
        buffer = self._buffer
        start = buffer.find(PREAMBLE)
        if start < 0:
            drop = max(0, len(buffer) - _KEEP)
            self._skip(drop)
            return None
        self._skip(start)
        if len(buffer) < HEADER_LEN:
            return None
        length = int.from_bytes(buffer[5:7], "big")
        if not MIN_LENGTH <= length <= MAX_LENGTH:
            self._drop_bad()
            raise FrameError("length",
                             f"frame length {length} is outside {MIN_LENGTH}..{MAX_LENGTH}",
                             f"数据帧长度 {length} 不在 {MIN_LENGTH}～{MAX_LENGTH} 之间")
        end = HEADER_LEN + length
        if len(buffer) < end:
            return None
        view = memoryview(buffer)
        try:
            expected = xor_checksum(view[5:end - 1])
        finally:
            view.release()
        if buffer[end - 1] != expected:
            got = buffer[end - 1]
            self._drop_bad()
            raise FrameError("checksum", f"frame checksum {got:02X} should be {expected:02X}",
                             f"数据帧校验和错误（收到 {got:02X}，应为 {expected:02X}）")
        body = bytes(buffer[HEADER_LEN:end - 1])
        del buffer[:end]
        self.frames += 1
        return body

    def _skip(self, count: int) -> None:
        if count:
            self.noise_bytes += count
            del self._buffer[:count]

    def _drop_bad(self) -> None:
        # Drop only the first preamble byte: a real frame may begin inside the bad one.
        self.errors += 1
        del self._buffer[:1]
