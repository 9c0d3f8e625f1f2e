"""A printer's own settings, read from the parameters of its device URL.

    usb://0x0416:0x5011?paper=58&charset=gbk
    serial:///dev/ttyS0?baudrate=9600&flow=rtscts&encoding=gbk
    tcp://10.0.0.5:9100?status_timeout=3
    sim://?paper=58

    paper            80 (576 dots) or 58 (384 dots): the roll's width in mm
    dots             200 to 832: the printable width in dots, when not the usual one
    encoding         gb18030, gbk, utf-8, or raster (a printer without Chinese)
    charset          gb2312, gbk or gb18030: which characters the printer's font has
    qr               native (the printer's QR command) or image
    cut              full or partial
    status           full, realtime or none: what the printer is asked (below)
    status_timeout   seconds (2): an answer later than this means offline
    poll             seconds (5): how often an idle printer is asked its state
    flow             none, rtscts or xonxoff: serial flow control

Defaults come first.

`status=full` asks DLE EOT before a job and waits for the printer to confirm it has printed the
job (GS r) after; `realtime` only asks DLE EOT before and after; `none` asks nothing (one-way
links such as a parallel port), so paper out cannot be seen.

The transport's own `timeout` (seconds, default 5) bounds every write and the connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from drivers.errors import DeviceURLError
from drivers.url import DeviceURL

PAPER_DOTS = {80: 576, 58: 384}
ENCODINGS = ("gb18030", "gbk", "utf-8", "raster")
CHARSETS = ("gb2312", "gbk", "gb18030")
QR_MODES = ("native", "image")
CUT_MODES = ("full", "partial")
STATUS_MODES = ("full", "realtime", "none")
FLOW_MODES = ("none", "rtscts", "xonxoff")

#: Every parameter a printer URL may carry besides the transport's (`kiosk.config` checks them).
PARAMS = frozenset({"paper", "dots", "encoding", "charset", "qr", "cut", "status",
                    "status_timeout", "poll", "flow"})
_SIM_EXTRA = frozenset({"timeout"})
_CHOICES: Mapping[str, tuple[str, ...]] = {
    "encoding": ENCODINGS, "charset": CHARSETS, "qr": QR_MODES, "cut": CUT_MODES,
    "status": STATUS_MODES, "flow": FLOW_MODES,
}


@dataclass(frozen=True)
class PrinterSettings:
    paper_mm: int = 80
    dots: int = 576
    encoding: str = "gb18030"
    charset: str = "gb2312"
    qr: str = "native"
    cut: str = "full"
    status: str = "full"
    status_timeout_s: float = 2.0
    poll_s: float = 5.0
    flow: str = "none"
    write_timeout_s: float = 5.0
    baudrate: int | None = None

    @property
    def columns(self) -> int:
        """Half-width (12-dot) characters per line at normal size."""
        return self.dots // 12

    def sim_options(self) -> list[str]:
        """The simulator's command-line options for a printer set up like this one."""
        if self.encoding == "raster":  # a printer without a Chinese font at all
            return ["--dots", str(self.dots), "--charset", "none"]
        return ["--dots", str(self.dots), "--encoding", self.encoding, "--charset", self.charset]


def printer_settings(url: DeviceURL) -> PrinterSettings:
    """The settings in `url`'s parameters; `DeviceURLError` saying which one is wrong."""
    params = dict(url.params)
    if url.scheme == "sim":
        unknown = sorted(set(params) - PARAMS - _SIM_EXTRA)
        if unknown:
            raise _bad(url, unknown[0], params[unknown[0]],
                       f"one of {', '.join(sorted(PARAMS))}", "未知参数")
    for name, choices in _CHOICES.items():
        if name in params and params[name] not in choices:
            raise _bad(url, name, params[name], " or ".join(choices), "取值无效")
    paper = _int(url, params, "paper", 80, (58, 80))
    dots = _int(url, params, "dots", PAPER_DOTS[paper], range(200, 833))
    return PrinterSettings(
        paper_mm=paper,
        dots=dots - dots % 8,  # raster rows are whole bytes
        encoding=params.get("encoding", "gb18030"),
        charset=params.get("charset", "gb2312"),
        qr=params.get("qr", "native"),
        cut=params.get("cut", "full"),
        status=params.get("status", "full"),
        status_timeout_s=_seconds(url, params, "status_timeout", 2.0, 0.1, 30),
        poll_s=_seconds(url, params, "poll", 5.0, 1, 300),
        flow=params.get("flow", "none"),
        write_timeout_s=_seconds(url, params, "timeout", 5.0, 0.1, 120),
        baudrate=int(params["baudrate"]) if params.get("baudrate", "").isdigit() else None,
    )


def _int(url: DeviceURL, params: Mapping[str, str], name: str, default: int,
         allowed: tuple[int, ...] | range) -> int:
    text = params.get(name)
    if text is None:
        return default
    if not text.isdigit() or int(text) not in allowed:
        shown = (f"{allowed.start} to {allowed.stop - 1}" if isinstance(allowed, range)
                 else " or ".join(map(str, allowed)))
        raise _bad(url, name, text, shown, "取值无效")
    return int(text)


def _seconds(url: DeviceURL, params: Mapping[str, str], name: str, default: float,
             low: float, high: float) -> float:
    text = params.get(name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not low <= value <= high:
        raise _bad(url, name, text, f"seconds from {low:g} to {high:g}", "取值无效")
    return value


def _bad(url: DeviceURL, name: str, value: str, allowed: str, why_zh: str) -> DeviceURLError:
    return DeviceURLError(
        f"\"{url}\": printer parameter {name}=\"{value}\" is not allowed; use {allowed}",
        message_zh=f"打印机地址“{url}”中参数 {name}=“{value}”{why_zh}，可用：{allowed}",
    )
