"""The configuration schema: every section and key, its default, and what values it allows.

Each field's `allowed` text is what a technician reads when the value is wrong, so it is written
for them. Unknown keys are errors. Relative paths are resolved against the directory of the
configuration file (`state_dir`) or against `state_dir` (the log file).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationInfo,
    field_validator,
)

from drivers.printer.settings import printer_settings
from drivers.url import parse_device_url

# Parameters each device family takes in its URL, on top of the transport's own. Each device
# issue extends its set here, where the configuration checks it.
# The printer's: paper width (80/58 mm, or dots), how Chinese is sent and what its font has, QR
# mode, cutter, status queries and their timeout, poll interval, serial flow control (see
# drivers/printer/settings.py for the values each takes).
PRINTER_PARAMS: frozenset[str] = frozenset({"paper", "dots", "encoding", "charset", "qr", "cut",
                                            "status", "status_timeout", "poll", "flow"})
ID_READER_PARAMS: frozenset[str] = frozenset()
CAMERA_PARAMS = frozenset({"width", "height", "fps", "loop"})

Language = Literal["zh_CN", "en"]
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}



def _resolve(value: Path, info: ValidationInfo) -> Path:
    """`~` expanded; a relative path taken from the directory of the configuration file."""
    value = value.expanduser()
    base = (info.context or {}).get("base_dir")
    if base is not None and not value.is_absolute():
        return (Path(base) / value).resolve()
    return value


# Paths arrive from TOML as strings, so they are the one place where conversion is wanted.
FilePath = Annotated[Path, Field(strict=False), AfterValidator(_resolve)]

PIN_HASH_PATTERN = r"^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$"
KIOSK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$"


def _allowed(text: str, *, secret: bool = False) -> dict[str, Any]:
    extra: dict[str, Any] = {"allowed": text}
    if secret:
        extra["secret"] = True
    return extra


class Section(BaseModel):
    """A TOML table: unknown keys are errors and values are not silently converted."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class KioskSection(Section):
    id: str = Field(
        pattern=KIOSK_ID_PATTERN,
        json_schema_extra=_allowed("3 to 64 letters, digits, '-' or '_', e.g. \"AZ-ZWZX-001\""),
    )
    hall_name: str = Field(
        min_length=2, max_length=40,
        json_schema_extra=_allowed("the hall's name as citizens know it, 2 to 40 characters"),
    )
    orientation: Literal["portrait", "landscape"] = Field(
        "portrait",
        json_schema_extra=_allowed("\"portrait\" (1080×1920) or \"landscape\" (1920×1080)"),
    )
    languages: list[Language] = Field(
        default_factory=lambda: ["zh_CN", "en"], min_length=1,
        json_schema_extra=_allowed("a list of \"zh_CN\" and/or \"en\", e.g. [\"zh_CN\", \"en\"]"),
    )
    default_language: Language = Field(
        "zh_CN", json_schema_extra=_allowed("one of kiosk.languages: \"zh_CN\" or \"en\"")
    )
    idle_timeout_s: int = Field(
        60, ge=15, le=600,
        json_schema_extra=_allowed("whole seconds from 15 to 600 (doubled in elderly mode)"),
    )
    elderly_mode_default: bool = Field(False, json_schema_extra=_allowed("true or false"))
    font: FilePath | None = Field(
        None,
        json_schema_extra=_allowed("path to a font with Chinese glyphs (.ttf, .otf or .ttc); "
                                   "leave out to use Noto Sans CJK"),
    )
    fullscreen: bool = Field(True, json_schema_extra=_allowed("true or false"))
    screen_diagonal_in: float = Field(
        21.5, ge=7, le=100,
        json_schema_extra=_allowed("the touch screen's diagonal in inches, 7 to 100 "
                                   "(sizes touch targets to at least 15 mm)"),
    )
    state_dir: FilePath = Field(
        Path("/var/lib/zwkiosk"),
        json_schema_extra=_allowed("a writable directory for logs, caches and the outbox"),
    )


class DevicesSection(Section):
    printer: str = Field(
        "sim://",
        json_schema_extra=_allowed("usb://VID:PID, serial:///dev/ttyS0?baudrate=115200, "
                                   "tcp://HOST:9100, file:///dev/usb/lp0 or sim://"),
    )
    id_reader: str = Field(
        "sim://",
        json_schema_extra=_allowed("serial:///dev/ttyUSB0?baudrate=115200, tcp://HOST:PORT or sim://"),
    )
    camera: str = Field(
        "sim://",
        json_schema_extra=_allowed("camera://0?width=1280&height=720, file://PATH or sim://"),
    )

    @field_validator("printer")
    @classmethod
    def _printer_url(cls, value: str) -> str:
        url = parse_device_url(value, ("usb", "serial", "tcp", "file", "sim"), PRINTER_PARAMS)
        printer_settings(url)  # the printer's own parameters have values to check too
        return value

    @field_validator("id_reader")
    @classmethod
    def _reader_url(cls, value: str) -> str:
        parse_device_url(value, ("serial", "tcp", "sim"), ID_READER_PARAMS)
        return value

    @field_validator("camera")
    @classmethod
    def _camera_url(cls, value: str) -> str:
        parse_device_url(value, ("camera", "file", "sim"), CAMERA_PARAMS)
        return value


class PlatformSection(Section):
    url: str = Field(
        "embedded",
        json_schema_extra=_allowed("\"embedded\" (the built-in reference platform) or "
                                   "https://HOST[:PORT]; http:// only on 127.0.0.1"),
    )
    kiosk_key: SecretStr | None = Field(
        None,
        json_schema_extra=_allowed("this kiosk's secret key from the county platform, "
                                   "at least 16 characters", secret=True),
    )
    kiosk_key_file: FilePath | None = Field(
        None, json_schema_extra=_allowed("a file readable only by the kiosk user holding the key")
    )
    ca_bundle: FilePath | None = Field(
        None,
        json_schema_extra=_allowed("a PEM file of CA certificates; leave out for the system's"),
    )
    connect_timeout_s: float = Field(
        3.0, gt=0, le=30, json_schema_extra=_allowed("seconds above 0 and up to 30")
    )
    read_timeout_s: float = Field(
        10.0, gt=0, le=120, json_schema_extra=_allowed("seconds above 0 and up to 120")
    )
    retries: int = Field(
        2, ge=0, le=5,
        json_schema_extra=_allowed("0 to 5 retries of a safe request (GET, or a write with "
                                   "an idempotency key), with backoff"),
    )
    outbox_key_file: FilePath | None = Field(
        None,
        json_schema_extra=_allowed("a file (mode 0600) with the outbox's 64-hex-digit AES key; "
                                   "leave out to keep one in state_dir/platform/outbox.key"),
    )
    offline_block_size: int = Field(
        20, ge=5, le=200,
        json_schema_extra=_allowed("ticket numbers reserved at a time per category for "
                                   "offline use, 5 to 200"),
    )
    refresh_interval_s: int = Field(
        60, ge=10, le=3600,
        json_schema_extra=_allowed("whole seconds from 10 to 3600 between refreshes of the "
                                   "catalogue, the queue figures and the offline numbers"),
    )
    submit_wait_s: float = Field(
        3.0, ge=0, le=30,
        json_schema_extra=_allowed("seconds from 0 to 30 a citizen waits for the platform's "
                                   "answer before a submission is kept to send later"),
    )

    @field_validator("url")
    @classmethod
    def _platform_url(cls, value: str) -> str:
        if value == "embedded" or value.startswith("https://"):
            return value
        if re.match(r"^http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$)", value):
            return value
        raise ValueError(f"\"{value}\" is not \"embedded\" or an https:// address "
                         "(plain http:// is refused except on 127.0.0.1)")

    @field_validator("kiosk_key")
    @classmethod
    def _key_length(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("the key is shorter than 16 characters")
        return value


class TechnicianSection(Section):
    pin_hash: str = Field(
        pattern=PIN_HASH_PATTERN,
        json_schema_extra=_allowed("a salted hash \"scrypt$N$r$p$SALT$HASH\", never the PIN itself",
                                   secret=True),
    )


class MonitoringSection(Section):
    metrics_enabled: bool = Field(True, json_schema_extra=_allowed("true or false"))
    metrics_listen: str = Field(
        "127.0.0.1:9108", pattern=r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$",
        json_schema_extra=_allowed("HOST:PORT for the Prometheus metrics, e.g. \"127.0.0.1:9108\""),
    )
    heartbeat_interval_s: int = Field(
        30, ge=10, le=600, json_schema_extra=_allowed("whole seconds from 10 to 600")
    )


class LoggingSection(Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", json_schema_extra=_allowed("\"DEBUG\", \"INFO\", \"WARNING\" or \"ERROR\"")
    )
    file: Annotated[Path, Field(strict=False)] = Field(
        Path("log/kiosk.log"),
        json_schema_extra=_allowed("a path; relative paths are inside kiosk.state_dir"),
    )
    max_bytes: int = Field(
        5 * 1024 * 1024, ge=64 * 1024, le=1024**3,
        json_schema_extra=_allowed("bytes per log file before it rotates, 65536 to 1073741824"),
    )
    backups: int = Field(5, ge=1, le=50, json_schema_extra=_allowed("whole number from 1 to 50"))


class SpeechSection(Section):
    mode: Literal["elderly", "always", "off"] = Field(
        "elderly",
        json_schema_extra=_allowed("\"elderly\" (spoken prompts in 大字模式 only), \"always\" "
                                   "or \"off\""),
    )
    words_per_minute: int = Field(
        130, ge=80, le=300, json_schema_extra=_allowed("whole number from 80 to 300")
    )
    volume: int = Field(
        120, ge=0, le=200,
        json_schema_extra=_allowed("0 (silent) to 200; 100 is espeak-ng's normal"),
    )
    output: FilePath | None = Field(
        None,
        json_schema_extra=_allowed("leave out for the loudspeaker, or a directory where each "
                                   "prompt is written as a WAV file"),
    )


class KioskConfig(Section):
    """The whole configuration of one kiosk."""

    kiosk: KioskSection
    devices: DevicesSection = Field(default_factory=DevicesSection)
    platform: PlatformSection = Field(default_factory=PlatformSection)
    technician: TechnicianSection
    monitoring: MonitoringSection = Field(default_factory=MonitoringSection)
    speech: SpeechSection = Field(default_factory=SpeechSection)
    logging: LoggingSection = Field(default_factory=LoggingSection)

    @property
    def log_file(self) -> Path:
        return self.kiosk.state_dir / self.logging.file

