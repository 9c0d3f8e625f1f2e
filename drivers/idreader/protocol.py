"""The commands an ID card reader's SAM understands, its status codes in words, and the
layout of the replies that carry card data (GA 467).

    Command      bytes   reply data on success (SW3 = 90, or 9F for find card)
    reset SAM    10 FF   -
    SAM status   11 FF   -
    SAM id       12 FF   16 bytes
    find card    20 01   4 bytes (SW3 = 9F)
    select card  20 02   8 bytes
    read text and photo                30 01   text len (2) photo len (2) text photo
    read text, photo and fingerprint   30 10   text len, photo len, fingerprint len, data
    appended address                   30 03   70 bytes of UCS-2LE text
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from drivers.errors import ProtocolError
from drivers.idreader.frame import encode_frame

TEXT_LEN = 256
PHOTO_LEN = 1024
FINGERPRINT_LEN = 1024
APPENDED_ADDRESS_LEN = 70
SAM_ID_LEN = 16


@dataclass(frozen=True)
class Command:
    """A command: its two bytes and a name for logs and error messages."""

    code: int
    param: int
    name: str

    @property
    def label(self) -> str:
        return f"{self.code:02X} {self.param:02X}"

    def frame(self, data: bytes = b"") -> bytes:
        return encode_frame(bytes([self.code, self.param]) + data)


RESET_SAM = Command(0x10, 0xFF, "reset SAM")
SAM_STATUS = Command(0x11, 0xFF, "SAM status")
SAM_ID = Command(0x12, 0xFF, "SAM id")
FIND_CARD = Command(0x20, 0x01, "find card")
SELECT_CARD = Command(0x20, 0x02, "select card")
READ_TEXT_PHOTO = Command(0x30, 0x01, "read text and photo")
READ_WITH_FINGERPRINT = Command(0x30, 0x10, "read text, photo and fingerprint")
READ_APPENDED_ADDRESS = Command(0x30, 0x03, "read appended address")

COMMANDS = MappingProxyType({(c.code, c.param): c for c in (
    RESET_SAM, SAM_STATUS, SAM_ID, FIND_CARD, SELECT_CARD, READ_TEXT_PHOTO,
    READ_WITH_FINGERPRINT, READ_APPENDED_ADDRESS)})

# SW3 status codes (SW1 and SW2 are 00 00) with what they mean, in Chinese and English.
SUCCESS = 0x90
CARD_FOUND = 0x9F
NO_CARD = 0x80
SELECT_FAILED = 0x81
NO_CONTENT = 0x91
STATUS_WORDS: MappingProxyType[int, tuple[str, str]] = MappingProxyType({
    0x90: ("操作成功", "success"),
    0x9F: ("找到证件", "card found"),
    0x10: ("读卡器收到的数据校验和错误", "the reader received a frame with a bad checksum"),
    0x11: ("读卡器收到的数据长度错误", "the reader received a frame with a wrong length"),
    0x21: ("读卡器收到的命令错误", "the reader received a wrong command"),
    0x23: ("越权操作", "operation not authorised"),
    0x24: ("无法识别的错误", "unrecognised error"),
    0x31: ("证件认证读卡器失败", "the card failed to authenticate the reader"),
    0x32: ("读卡器认证证件失败", "the reader failed to authenticate the card"),
    0x33: ("信息验证错误", "information verification failed"),
    0x40: ("无法识别的证件类型", "unknown card type"),
    0x41: ("读证件失败", "reading the card failed"),
    0x47: ("取随机数失败", "getting a random number failed"),
    0x60: ("安全模块自检失败", "the SAM failed its self-test"),
    0x66: ("安全模块未经授权，无法使用", "the SAM is not authorised"),
    0x80: ("未找到证件", "no card found"),
    0x81: ("选取证件失败", "selecting the card failed"),
    0x91: ("证件中此项无内容", "the card holds no such content"),
    0xFF: ("读卡器通信失败", "communication with the card failed"),
})


def status_words(status: int) -> tuple[str, str]:
    """(Chinese, English) words for a SAM status byte."""
    return STATUS_WORDS.get(status, (f"未知状态 {status:02X}", f"unknown status {status:02X}"))


@dataclass(frozen=True)
class Reply:
    """A reply frame: three status bytes and its data."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def parse(cls, body: bytes) -> Reply:
        if len(body) < 3:
            raise ProtocolError(f"a reply of {len(body)} bytes has no status",
                                message_zh="应答数据缺少状态字节")
        return cls(body[0], body[1], body[2], body[3:])

    def frame(self) -> bytes:
        return encode_frame(bytes([self.sw1, self.sw2, self.sw3]) + self.data)

    @property
    def status(self) -> int:
        return self.sw3


def reply(status: int, data: bytes = b"") -> Reply:
    return Reply(0, 0, status, data)


@dataclass(frozen=True)
class CardData:
    """What a read command brings back: the 256-byte text, the photo, maybe a fingerprint."""

    text: bytes
    photo: bytes
    fingerprint: bytes = b""


def encode_card_data(card: CardData, *, with_fingerprint: bool) -> bytes:
    lengths = [len(card.text), len(card.photo)]
    parts = [card.text, card.photo]
    if with_fingerprint:
        lengths.append(len(card.fingerprint))
        parts.append(card.fingerprint)
    return b"".join(n.to_bytes(2, "big") for n in lengths) + b"".join(parts)


def decode_card_data(data: bytes, *, with_fingerprint: bool) -> CardData:
    """Split a read reply's data; `ProtocolError` when the lengths do not add up."""
    fields = 3 if with_fingerprint else 2
    if len(data) < 2 * fields:
        raise ProtocolError("the card data is too short to hold its lengths",
                            message_zh="证件数据过短")
    lengths = [int.from_bytes(data[2 * i:2 * i + 2], "big") for i in range(fields)]
    if lengths[0] != TEXT_LEN or lengths[1] not in (0, PHOTO_LEN) or (
            with_fingerprint and lengths[2] not in (0, FINGERPRINT_LEN)):
        raise ProtocolError(f"unexpected card data lengths {lengths}",
                            message_zh=f"证件数据长度异常：{lengths}")
    if len(data) != 2 * fields + sum(lengths):
        raise ProtocolError(f"card data of {len(data)} bytes does not match its lengths {lengths}",
                            message_zh="证件数据长度与声明不符")
    offset = 2 * fields
    text = data[offset:offset + lengths[0]]
    photo = data[offset + lengths[0]:offset + lengths[0] + lengths[1]]
    fingerprint = data[offset + lengths[0] + lengths[1]:] if with_fingerprint else b""
    return CardData(text, photo, fingerprint)


def format_sam_id(data: bytes) -> str:
    """The SAM's id as printed on readers: `05.01-20101216-0000123456-1234567890`."""
    if len(data) != SAM_ID_LEN:
        raise ProtocolError(f"a SAM id of {len(data)} bytes (expected {SAM_ID_LEN})",
                            message_zh="安全模块编号长度错误")
    a = int.from_bytes(data[0:2], "little")
    b = int.from_bytes(data[2:4], "little")
    c = int.from_bytes(data[4:8], "little")
    d = int.from_bytes(data[8:12], "little")
    e = int.from_bytes(data[12:16], "little")
    return f"{a:02d}.{b:02d}-{c:08d}-{d:010d}-{e:010d}"
