"""What the card reader tells whoever listens, from its own thread (`drivers.idreader.reader`).

Kept apart from the reader so the kiosk can know these types without loading the serial
library until the reader actually starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from drivers.errors import DeviceError
from drivers.idreader.card import IdentityCard


class ReaderState(StrEnum):
    CONNECTING = "connecting"
    READY = "ready"
    OFFLINE = "offline"
    MISSING = "missing"
    SAM_FAULT = "sam_fault"


@dataclass(frozen=True)
class StateChanged:
    state: ReaderState
    error: DeviceError | None = None
    simulated: bool = False


@dataclass(frozen=True, repr=False)
class CardRead:
    card: IdentityCard
    seconds: float      # from the find card that saw it to the parsed card
    wire_bytes: int     # bytes both ways over that time

    def __repr__(self) -> str:
        return f"CardRead({self.card.card_type.value}, {self.seconds:.3f} s)"


@dataclass(frozen=True)
class CardReadFailed:
    error: DeviceError


@dataclass(frozen=True)
class CardRemoved:
    pass


ReaderEvent = StateChanged | CardRead | CardReadFailed | CardRemoved
Listener = Callable[[ReaderEvent], None]


