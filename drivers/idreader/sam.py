"""Talking to the reader's SAM: one command, one reply, with retries when the wire garbles.

`SamClient.exchange` sends a command and waits for one good reply frame. A garbled reply
(bad checksum, wrong length) or no reply within the time allowed is retried a couple of times
with the input drained; after that the error goes up (`ProtocolError` or `DeviceOffline`).
The time allowed is the `timeout` for the SAM to answer plus the time the longest reply to
that command takes on the wire at the current line speed.

The named operations (`find_card`, `read_card`, ...) check the SAM status and raise
`SamStatusError` with the status in words when it is not what success looks like.
"""

from __future__ import annotations

import time

from drivers.errors import DeviceOffline, ProtocolError
from drivers.idreader.card import IdentityCard
from drivers.idreader.errors import SamStatusError
from drivers.idreader.frame import FrameDecoder
from drivers.idreader.link import Link
from drivers.idreader.protocol import (
    APPENDED_ADDRESS_LEN,
    CARD_FOUND,
    FIND_CARD,
    NO_CARD,
    NO_CONTENT,
    READ_APPENDED_ADDRESS,
    READ_TEXT_PHOTO,
    READ_WITH_FINGERPRINT,
    RESET_SAM,
    SAM_ID,
    SAM_ID_LEN,
    SAM_STATUS,
    SELECT_CARD,
    SUCCESS,
    Command,
    Reply,
    decode_card_data,
    format_sam_id,
)
from drivers.idreader.text import parse_text

DEFAULT_TIMEOUT_S = 1.0
RETRIES = 2
INTER_BYTE_S = 0.2    # a reply that keeps coming is waited for, piece by piece
MIN_TRICKLE_S = 2.0
DRAIN_QUIET_S = 0.02
BITS_PER_BYTE = 10  # 8N1: a start bit, eight data bits, a stop bit
# The longest reply to each command, for the time it may take on the wire.
_LONGEST_REPLY = {READ_TEXT_PHOTO: 1300, READ_WITH_FINGERPRINT: 2330}


def wire_seconds(byte_count: int, baudrate: int) -> float:
    return byte_count * BITS_PER_BYTE / baudrate


class SamClient:
    def __init__(self, link: Link, *, timeout: float = DEFAULT_TIMEOUT_S,
                 retries: int = RETRIES) -> None:
        self.link = link
        self.timeout = timeout
        self.retries = retries
        self.decoder = FrameDecoder()
        self.stale_replies = 0

    # one exchange ----------------------------------------------------------------------------

    def exchange(self, command: Command, data: bytes = b"", *, timeout: float | None = None,
                 retries: int | None = None) -> Reply:
        """Send `command`; the first good reply frame, retrying garbled or missing replies."""
        attempts = 1 + (self.retries if retries is None else retries)
        last_error: Exception | None = None
        for attempt in range(attempts):
            if attempt:
                self._drain()
            else:
                self._discard_stale()
            self.link.write(command.frame(data))
            try:
                return self._await_reply(command, self.timeout if timeout is None else timeout)
            except (ProtocolError, DeviceOffline) as exc:
                if not _retryable(exc):
                    raise
                last_error = exc
        assert last_error is not None
        raise last_error

    def _await_reply(self, command: Command, timeout: float) -> Reply:
        baudrate = self.link.baudrate
        wire = wire_seconds(_LONGEST_REPLY.get(command, 64), baudrate) if baudrate else 0.0
        start = time.monotonic()
        deadline = start + timeout + wire
        # A reply still arriving (in small pieces, say) may run over, up to a hard limit.
        limit = start + timeout + max(MIN_TRICKLE_S, 4 * wire)
        decoder = self.decoder
        while True:
            body = decoder.next_frame()  # ProtocolError: the bad frame is already dropped
            if body is not None:
                reply = Reply.parse(body)
                if fits(command, reply):
                    return reply
                self.stale_replies += 1  # a late answer to an earlier command
                continue
            now = time.monotonic()
            if now >= deadline:
                partial = decoder.pending
                decoder.reset()
                if partial:
                    raise ProtocolError(
                        f"an incomplete reply to {command.name} ({partial} bytes)",
                        message_zh=f"读卡器对“{command.name}”的应答不完整")
                raise NoAnswer(f"the ID card reader did not answer {command.name}",
                               message_zh="读卡器没有应答")
            chunk = self.link.read(min(deadline - now, 0.5))
            if chunk:
                decoder.feed(chunk)
                deadline = min(limit, max(deadline, time.monotonic() + INTER_BYTE_S))

    def _discard_stale(self) -> None:
        """Bytes waiting before a command is sent can only be a late answer to an earlier one."""
        stale = self.link.read(0)
        while stale:
            self.decoder.feed(stale)
            stale = self.link.read(0)
        if self.decoder.pending:
            self.stale_replies += 1
            self.decoder.reset()

    def _drain(self) -> None:
        """Forget a garbled exchange: whatever is buffered or still arriving."""
        self.decoder.reset()
        self.link.discard_input()
        while self.link.read(DRAIN_QUIET_S):
            pass

    def call(self, command: Command, data: bytes = b"", *, ok: tuple[int, ...] = (SUCCESS,),
             **kwargs: float | int) -> Reply:
        reply = self.exchange(command, data, **kwargs)  # type: ignore[arg-type]
        if reply.status not in ok:
            raise SamStatusError(reply.status, command.name)
        return reply

    # named operations ------------------------------------------------------------------------

    def reset_sam(self) -> None:
        self.call(RESET_SAM)

    def sam_status(self, *, timeout: float | None = None, retries: int | None = None) -> None:
        kwargs: dict[str, float | int] = {}
        if timeout is not None:
            kwargs["timeout"] = timeout
        if retries is not None:
            kwargs["retries"] = retries
        self.call(SAM_STATUS, **kwargs)

    def sam_id(self) -> str:
        return format_sam_id(self.call(SAM_ID).data)

    def find_card(self) -> bool:
        """True when a card is in the field (SW3 9F), False for none (80)."""
        return self.call(FIND_CARD, ok=(CARD_FOUND, NO_CARD)).status == CARD_FOUND

    def select_card(self) -> None:
        self.call(SELECT_CARD)

    def read_card(self, *, fingerprint: bool = False) -> IdentityCard:
        """Read text and photo (and fingerprint) of the selected card and parse them."""
        command = READ_WITH_FINGERPRINT if fingerprint else READ_TEXT_PHOTO
        data = decode_card_data(self.call(command).data, with_fingerprint=fingerprint)
        return parse_text(data.text, data.photo, data.fingerprint)

    def appended_address(self) -> str | None:
        """The 追加住址 a resident card may carry, or None when it has none (SW3 91)."""
        reply = self.call(READ_APPENDED_ADDRESS, ok=(SUCCESS, NO_CONTENT))
        if reply.status == NO_CONTENT or not reply.data:
            return None
        raw = reply.data[:APPENDED_ADDRESS_LEN]
        try:
            text = raw.decode("utf-16-le").strip(" \x00")
        except UnicodeDecodeError:
            raise ProtocolError("the appended address is not UCS-2 text",
                                message_zh="追加住址不是有效的文字") from None
        return text or None


class NoAnswer(DeviceOffline):
    """No byte of a reply came back in time (retried before it counts as offline)."""


def _retryable(exc: Exception) -> bool:
    # A dead port (unplugged) is not worth retrying; silence and garbled frames are.
    return isinstance(exc, (ProtocolError, NoAnswer))


# Reply data each command has on success; error statuses carry none. A reply of another shape
# is a late answer to an earlier command, not the answer to this one.
_SUCCESS_DATA = {RESET_SAM: (SUCCESS, 0), SAM_STATUS: (SUCCESS, 0), SAM_ID: (SUCCESS, SAM_ID_LEN),
                 FIND_CARD: (CARD_FOUND, 4), SELECT_CARD: (SUCCESS, 8),
                 READ_APPENDED_ADDRESS: (SUCCESS, APPENDED_ADDRESS_LEN)}


def fits(command: Command, reply: Reply) -> bool:
    """Whether `reply` can be the answer to `command`."""
    if command in (READ_TEXT_PHOTO, READ_WITH_FINGERPRINT) and reply.status == SUCCESS:
        return len(reply.data) > 4
    expected = _SUCCESS_DATA.get(command)
    if expected is not None and reply.status == expected[0]:
        return len(reply.data) == expected[1]
    if reply.status in (SUCCESS, CARD_FOUND):
        return False  # another command's success (find card never answers 90, nor others 9F)
    return not reply.data
