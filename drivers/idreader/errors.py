"""The ID card reader's own errors, beside the common ones in `drivers.errors`.

    DeviceError
    ├── DeviceOffline
    │   └── ReaderMissing     the configured port does not exist (unplugged USB-serial adapter)
    ├── ProtocolError
    │   └── CardDataError     a well-framed reply whose card text cannot be right
    └── SamStatusError        the reader's security module (SAM) answered with a failure status

Every error carries a Chinese and an English sentence; `SamStatusError` takes its words from
the status table in `drivers.idreader.protocol`.
"""

from __future__ import annotations

from drivers.errors import DeviceError, DeviceOffline, ProtocolError


class ReaderMissing(DeviceOffline):
    """The reader's port is not there at all: unplugged, or the wrong device path."""

    default_zh = "未找到读卡器，请检查连接线"
    default_en = "The ID card reader is not connected (its port does not exist)"


class CardDataError(ProtocolError):
    """The card's text arrived intact but cannot be a real card (bad field, bad check digit)."""

    default_zh = "证件信息无法识别"
    default_en = "The card's data cannot be understood"


class SamStatusError(DeviceError):
    """The SAM answered with a status other than success; `status` is its SW3 byte."""

    default_zh = "读卡器安全模块报错"
    default_en = "The reader's security module reported an error"

    def __init__(self, status: int, command: str = "") -> None:
        from drivers.idreader.protocol import status_words

        self.status = status
        self.command = command
        zh, en = status_words(status)
        where_en = f" ({command})" if command else ""
        where_zh = f"（{command}）" if command else ""
        super().__init__(f"SAM status {status:02X}: {en}{where_en}",
                         message_zh=f"安全模块状态 {status:02X}：{zh}{where_zh}")
