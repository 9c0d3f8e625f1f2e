"""The error types every device driver raises, so screens can explain a failure in words.

Each error carries a short Chinese and English sentence meant for the screen or a technician.
Drivers translate library and OS errors into these at their boundary with `raise ... from exc`,
so the layers above never see a `serial.SerialException` or an `OSError`.

    DeviceError
    ├── DeviceURLError      a device URL in the configuration is malformed
    ├── DeviceOffline       the device is absent, unplugged, or does not answer in time
    └── ProtocolError       the device answered with bytes outside its protocol

Later device families add their own subclasses (for example the printer's paper-out error);
the ID card reader's (`ReaderMissing`, `CardDataError`, `SamStatusError`) are in
`drivers/idreader/errors.py`.
"""

from __future__ import annotations


class DeviceError(Exception):
    """Base of all device errors: a message in Chinese and one in English."""

    default_zh = "设备故障"
    default_en = "Device fault"

    def __init__(self, message_en: str | None = None, *, message_zh: str | None = None) -> None:
        self.message_en = message_en or self.default_en
        self.message_zh = message_zh or self.default_zh
        super().__init__(self.message_en)

    def message(self, language: str) -> str:
        """The sentence for a screen in `language` ("zh_CN" or "en")."""
        return self.message_zh if language.startswith("zh") else self.message_en


class DeviceURLError(DeviceError, ValueError):
    """A device URL that cannot be used: wrong scheme, missing port, bad parameter."""

    default_zh = "设备地址写法有误"
    default_en = "The device URL is malformed"


class DeviceOffline(DeviceError):
    """The device is not there or did not answer within its timeout."""

    default_zh = "设备未连接或无响应"
    default_en = "The device is not connected or does not answer"


class ProtocolError(DeviceError):
    """The device sent something its protocol does not allow (bad frame, bad checksum...)."""

    default_zh = "设备通信数据有误"
    default_en = "The device sent data outside its protocol"
