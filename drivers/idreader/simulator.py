"""What the simulated reader answers, byte for byte, and the faults it can be told to make.

`ReaderEngine.receive(bytes)` takes what arrived on the line and returns the transmissions to
send back, exactly as a GA 467 reader with a SAM would: find and select a card, read its text
and photo (and fingerprint), its appended address, the SAM's status and id. A command frame
with a bad checksum or length gets SW3 10 or 11, an unknown command 21.

Faults apply to the next `count` replies (0: until cleared), optionally to one command only:

    bad_checksum   the reply's checksum byte is wrong
    split          the reply goes out in pieces of `piece` bytes, `gap_s` apart
    slow           the reply starts `delay_s` late
    silence        no reply at all
    garbage        `size` random bytes of line noise before the reply

and `force_status` makes the SAM answer a command with any status (41 read failed, 60 self-test
failed, ...). The I/O around it (a pty or a TCP socket, pacing at the line speed, unplugging)
is `drivers.idreader.sim`.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from drivers.errors import ProtocolError
from drivers.idreader.card import CardType
from drivers.idreader.deck import DECK, DeckCard
from drivers.idreader.frame import PREAMBLE, FrameDecoder, FrameError
from drivers.idreader.protocol import (
    APPENDED_ADDRESS_LEN,
    CARD_FOUND,
    COMMANDS,
    FIND_CARD,
    NO_CARD,
    NO_CONTENT,
    READ_APPENDED_ADDRESS,
    READ_TEXT_PHOTO,
    READ_WITH_FINGERPRINT,
    RESET_SAM,
    SAM_ID,
    SAM_STATUS,
    SELECT_CARD,
    SELECT_FAILED,
    SUCCESS,
    CardData,
    Reply,
    encode_card_data,
    reply,
)
from drivers.idreader.text import encode_text

FAULT_KINDS = ("bad_checksum", "split", "slow", "silence", "garbage")
# The simulated SAM's id: 05.01-20230915-0000467001-4206260001.
SIM_SAM_ID = b"".join((
    (5).to_bytes(2, "little"), (1).to_bytes(2, "little"), (20230915).to_bytes(4, "little"),
    (467001).to_bytes(4, "little"), (4206260001).to_bytes(4, "little")))


def parse_command_label(text: str | None) -> tuple[int, int] | None:
    """"30 01", "3001" or "30:01" → (0x30, 0x01); None or "" → None (any command)."""
    if not text:
        return None
    digits = text.replace(" ", "").replace(":", "")
    if len(digits) != 4:
        raise ValueError(f"a command is two hex bytes like \"30 01\", not {text!r}")
    return int(digits[:2], 16), int(digits[2:], 16)


@dataclass
class Fault:
    kind: str
    remaining: int = 1             # replies still to spoil; 0 means until cleared
    command: tuple[int, int] | None = None
    delay_s: float = 0.5           # slow
    piece: int = 3                 # split
    gap_s: float = 0.004           # split
    size: int = 24                 # garbage

    def applies(self, command: tuple[int, int]) -> bool:
        return self.command is None or self.command == command

    def use(self) -> bool:
        """Count one use; True when the fault is spent."""
        if self.remaining == 0:
            return False
        self.remaining -= 1
        return self.remaining == 0


@dataclass
class ForcedStatus:
    status: int
    command: tuple[int, int] | None = None
    remaining: int = 1


@dataclass(frozen=True)
class Transmission:
    """Bytes to send in order: `pieces[i]` goes `gap_s` after the previous one, the first
    `delay_s` after the command arrived (the line's own pace comes on top)."""

    pieces: tuple[bytes, ...]
    delay_s: float = 0.0
    gap_s: float = 0.0

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.pieces)


@dataclass
class ReaderEngine:
    deck: dict[str, DeckCard] = field(default_factory=lambda: dict(DECK))
    card: DeckCard | None = None
    selected: bool = False
    faults: list[Fault] = field(default_factory=list)
    forced: list[ForcedStatus] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)
    rng: random.Random = field(default_factory=lambda: random.Random(467))

    def __post_init__(self) -> None:
        self.decoder = FrameDecoder()

    # the card ---------------------------------------------------------------------------------

    def insert(self, key: str) -> None:
        if key not in self.deck:
            raise KeyError(f"no card {key!r} in the deck; cards: {', '.join(self.deck)}")
        self.card = self.deck[key]
        self.selected = False
        self.stats["inserted"] += 1

    def remove(self) -> None:
        self.card = None
        self.selected = False

    # faults -----------------------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> None:
        if fault.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {fault.kind!r}; faults: {', '.join(FAULT_KINDS)}")
        self.faults.append(fault)

    def force_status(self, forced: ForcedStatus) -> None:
        self.forced.append(forced)

    def clear(self) -> None:
        self.faults.clear()
        self.forced.clear()

    # the line ---------------------------------------------------------------------------------

    def receive(self, data: bytes) -> list[Transmission]:
        self.stats["bytes_in"] += len(data)
        self.decoder.feed(data)
        out: list[Transmission] = []
        while True:
            try:
                body = self.decoder.next_frame()
            except FrameError as exc:
                self.stats["bad_frames"] += 1
                status = 0x10 if exc.kind == "checksum" else 0x11
                out.extend(self._send((0, 0), reply(status)))
                continue
            except ProtocolError:  # pragma: no cover - the decoder raises FrameError only
                continue
            if body is None:
                return out
            out.extend(self._answer(body))

    def _answer(self, body: bytes) -> list[Transmission]:
        key = (body[0], body[1])
        command = COMMANDS.get(key)
        self.stats["frames_in"] += 1
        self.stats[f"cmd {key[0]:02X} {key[1]:02X}"] += 1
        forced = next((f for f in self.forced if f.command in (None, key)), None)
        if forced is not None:
            forced.remaining -= 1
            if forced.remaining <= 0:
                self.forced.remove(forced)
            return self._send(key, reply(forced.status))
        if command is None or body[2:]:
            return self._send(key, reply(0x21))
        return self._send(key, self._reply_to(command.code, command.param))

    def _reply_to(self, code: int, param: int) -> Reply:
        card = self.card
        command = COMMANDS[(code, param)]
        if command in (RESET_SAM, SAM_STATUS):
            return reply(SUCCESS)
        if command is SAM_ID:
            return reply(SUCCESS, SIM_SAM_ID)
        if command is FIND_CARD:
            return reply(CARD_FOUND, bytes(4)) if card else reply(NO_CARD)
        if command is SELECT_CARD:
            self.selected = card is not None
            return reply(SUCCESS, bytes(8)) if card else reply(SELECT_FAILED)
        if card is None or not self.selected:
            return reply(0x41)
        if command in (READ_TEXT_PHOTO, READ_WITH_FINGERPRINT):
            self.stats["reads"] += 1
            data = CardData(encode_text(card.card), card.photo, card.fingerprint)
            return reply(SUCCESS, encode_card_data(
                data, with_fingerprint=command is READ_WITH_FINGERPRINT))
        if command is READ_APPENDED_ADDRESS:
            address = card.card.appended_address
            if card.card.card_type is not CardType.RESIDENT or not address:
                return reply(NO_CONTENT)
            raw = address.encode("utf-16-le")
            return reply(SUCCESS, raw + " ".encode("utf-16-le") * ((APPENDED_ADDRESS_LEN
                                                                  - len(raw)) // 2))
        return reply(0x21)  # pragma: no cover - every command is handled above

    def _send(self, key: tuple[int, int], answer: Reply) -> list[Transmission]:
        frame = answer.frame()
        delay = gap = 0.0
        pieces: list[bytes] = [frame]
        for fault in list(self.faults):
            if not fault.applies(key):
                continue
            if fault.use():
                self.faults.remove(fault)
            self.stats[f"fault {fault.kind}"] += 1
            if fault.kind == "silence":
                return []
            if fault.kind == "bad_checksum":
                pieces[-1] = pieces[-1][:-1] + bytes([pieces[-1][-1] ^ 0x5A])
            elif fault.kind == "slow":
                delay += fault.delay_s
            elif fault.kind == "garbage":
                pieces.insert(0, self._noise(fault.size))
            elif fault.kind == "split":
                whole = b"".join(pieces)
                step = max(1, fault.piece)
                pieces = [whole[i:i + step] for i in range(0, len(whole), step)]
                gap = fault.gap_s
        self.stats["frames_out"] += 1
        return [Transmission(tuple(pieces), delay, gap)]

    def _noise(self, size: int) -> bytes:
        noise = bytes(self.rng.randrange(256) for _ in range(size))
        return noise.replace(PREAMBLE, b"\x00" * len(PREAMBLE))
