"""What can go wrong talking to the county platform, in types the screens can explain.

    KioskError
    └── PlatformError
        ├── PlatformUnavailable     could not reach it (refused, timed out, reset, 5xx)
        ├── PlatformRejected        it answered no: `code`, `status` and its two messages
        └── PlatformProtocolError   it answered something outside the contract

Each carries a Chinese and an English sentence for the screen. Raised by the client on worker
threads only, never on the UI thread.
"""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.platform.contract import FieldProblem


class PlatformError(KioskError):
    default_zh = "政务平台出现问题"
    default_en = "The county platform has a problem"

    def __init__(self, message_en: str | None = None, *, message_zh: str | None = None) -> None:
        self.message_en = message_en or self.default_en
        self.message_zh = message_zh or self.default_zh
        super().__init__(self.message_en)

    def message(self, language: str) -> str:
        return self.message_zh if language.startswith("zh") else self.message_en


class PlatformUnavailable(PlatformError):
    """The platform could not be reached, or it failed on its side (5xx). Retrying may help."""

    default_zh = "暂时连不上政务平台"
    default_en = "The county platform cannot be reached right now"


class PlatformRejected(PlatformError):
    """The platform refused the request; retrying the same request will not help."""

    def __init__(self, status: int, code: str, message_zh: str, message_en: str,
                 details: list[FieldProblem] | None = None) -> None:
        self.status = status
        self.code = code
        self.details = details or []
        super().__init__(message_en, message_zh=message_zh)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message_en}"


class PlatformProtocolError(PlatformError):
    """The platform's answer does not follow the contract (wrong JSON, missing fields...)."""

    default_zh = "政务平台的应答格式有误"
    default_en = "The county platform answered outside its contract"
