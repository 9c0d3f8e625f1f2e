"""Device URLs: how the configuration names a device, the way pyserial names ports.

    serial:///dev/ttyUSB0?baudrate=115200   a serial or USB-serial port
    tcp://10.0.0.5:9100                     a network device (raw TCP)
    usb://0x0416:0x5011                     a USB device by vendor and product id
    file:///dev/usb/lp0                     a device file, or files (`file://scans/*.jpg`)
    camera://0?width=1280&height=720        a camera by index (or /dev/video path)
    sim://                                  the simulator for that kind of device

`parse_device_url` checks the shape of a URL and its parameters and returns a `DeviceURL`.
Parameters are of two kinds: the transport's (`baudrate`, `timeout`), known here per scheme, and
the device's own (a printer's paper width, say), which each device family declares and passes
in as `device_params`. Errors are `DeviceURLError` with a sentence that says what is wrong and
what would be right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import parse_qsl, urlsplit

from drivers.errors import DeviceURLError

#: What each scheme looks like, for error messages.
SCHEME_EXAMPLES: Mapping[str, str] = MappingProxyType(
    {
        "usb": "usb://VID:PID (e.g. usb://0x0416:0x5011)",
        "serial": "serial:///dev/ttyUSB0?baudrate=115200",
        "tcp": "tcp://HOST:PORT (e.g. tcp://10.0.0.5:9100)",
        "file": "file:///dev/usb/lp0",
        "camera": "camera://0?width=1280&height=720",
        "sim": "sim://",
    }
)

#: Transport parameters each scheme understands. `sim` takes the simulator's own options.
TRANSPORT_PARAMS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "usb": frozenset({"timeout", "in_ep", "out_ep", "interface"}),
        "serial": frozenset({"baudrate", "timeout"}),
        "tcp": frozenset({"timeout"}),
        "file": frozenset(),
        "camera": frozenset(),
    }
)

#: Serial line speeds a kiosk device may use; `auto` lets the driver find it.
SERIAL_BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)

_HEX_ID = re.compile(r"^(0x)?[0-9a-fA-F]{1,4}$")
_POSITIVE_INT_PARAMS = frozenset({"width", "height", "fps", "interface"})
_SECONDS_PARAMS = frozenset({"timeout"})


@dataclass(frozen=True)
class DeviceURL:
    """A parsed device URL. `target` is the path, HOST:PORT, VID:PID or camera index."""

    raw: str
    scheme: str
    target: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return self.target.rpartition(":")[0]

    @property
    def port(self) -> int:
        return int(self.target.rpartition(":")[2])

    @property
    def usb_ids(self) -> tuple[int, int]:
        vendor, _, product = self.target.partition(":")
        return int(vendor, 16), int(product, 16)

    def param(self, name: str, default: str | None = None) -> str | None:
        return self.params.get(name, default)

    def __str__(self) -> str:
        return self.raw


def parse_device_url(text: str, allowed_schemes: Iterable[str] | None = None,
                     device_params: Iterable[str] = ()) -> DeviceURL:
    """Parse and check `text`; raise `DeviceURLError` saying what is wrong.

    `device_params` are the parameters the device family itself accepts on any scheme
    (besides `sim`, which takes whatever its simulator understands).
    """
    allowed = tuple(allowed_schemes) if allowed_schemes is not None else tuple(SCHEME_EXAMPLES)
    if not text or "://" not in text:
        raise DeviceURLError(
            f"\"{text}\" is not a device URL; write it like {_examples(allowed)}",
            message_zh=f"“{text}”不是设备地址，应写成 {_examples(allowed)}",
        )
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in allowed:
        raise DeviceURLError(
            f"unknown scheme \"{scheme}\" in \"{text}\"; allowed: {_examples(allowed)}",
            message_zh=f"设备地址“{text}”的类型“{scheme}”不可用，可用：{_examples(allowed)}",
        )
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    target = _target(scheme, parts.netloc, parts.path, text)
    _check_params(scheme, params, frozenset(device_params), text)
    return DeviceURL(raw=text, scheme=scheme, target=target, params=MappingProxyType(params))


def _examples(schemes: Iterable[str]) -> str:
    return ", ".join(SCHEME_EXAMPLES[s] for s in schemes if s in SCHEME_EXAMPLES)


def _target(scheme: str, netloc: str, path: str, text: str) -> str:
    if scheme == "sim":
        return netloc + path
    if scheme in ("serial", "file"):
        # serial:///dev/ttyS0 has an empty netloc; file://scans/*.jpg is a relative path.
        target = netloc + path
        if not target:
            raise _bad(text, "a path is missing", f"{scheme} 地址缺少路径")
        return target
    if scheme == "tcp":
        host, sep, port = netloc.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise _bad(text, "it needs HOST:PORT with a port from 1 to 65535",
                       "应写成 主机:端口，端口为 1 到 65535")
        return netloc
    if scheme == "usb":
        vendor, sep, product = netloc.partition(":")
        if not sep or not _HEX_ID.match(vendor) or not _HEX_ID.match(product):
            raise _bad(text, "it needs VID:PID in hexadecimal, e.g. usb://0x0416:0x5011",
                       "应写成 厂商号:产品号（十六进制），例如 usb://0x0416:0x5011")
        return netloc
    if scheme == "camera":
        target = netloc + path
        if not (target.isdigit() or target.startswith("/dev/")):
            raise _bad(text, "it needs a camera index (camera://0) or a device (camera:///dev/video0)",
                       "应写成摄像头编号（camera://0）或设备路径（camera:///dev/video0）")
        return target
    raise _bad(text, "unsupported scheme", "不支持的类型")  # pragma: no cover - guarded above


def _check_params(scheme: str, params: Mapping[str, str], device_params: frozenset[str],
                  text: str) -> None:
    transport = TRANSPORT_PARAMS.get(scheme)
    if transport is None:  # sim: the simulator checks its own options
        return
    known = transport | device_params
    for name, value in params.items():
        if name not in known:
            allowed = ", ".join(sorted(known)) or "none"
            raise _bad(text, f"unknown parameter \"{name}\"; allowed: {allowed}",
                       f"未知参数“{name}”，可用：{allowed}")
        if name == "baudrate" and value != "auto" and (
            not value.isdigit() or int(value) not in SERIAL_BAUDRATES
        ):
            rates = ", ".join(map(str, SERIAL_BAUDRATES))
            raise _bad(text, f"baudrate \"{value}\" is not one of auto, {rates}",
                       f"波特率“{value}”无效，可用：auto, {rates}")
        if name in _POSITIVE_INT_PARAMS and (not value.isdigit() or int(value) == 0):
            raise _bad(text, f"{name} must be a positive whole number, got \"{value}\"",
                       f"{name} 应为正整数，实际为“{value}”")
        if name in _SECONDS_PARAMS and not _is_positive_number(value):
            raise _bad(text, f"{name} must be a number of seconds above 0, got \"{value}\"",
                       f"{name} 应为大于 0 的秒数，实际为“{value}”")


def _is_positive_number(value: str) -> bool:
    try:
        return float(value) > 0
    except ValueError:
        return False


def _bad(text: str, why_en: str, why_zh: str) -> DeviceURLError:
    return DeviceURLError(f"\"{text}\": {why_en}", message_zh=f"设备地址“{text}”:{why_zh}")
