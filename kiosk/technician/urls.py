"""Reading and changing one parameter of a device URL, for the technician screen's buttons.

    with_param("serial:///dev/ttyUSB0?baudrate=9600", "baudrate", "115200")
    → "serial:///dev/ttyUSB0?baudrate=115200"
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

# What each role's buttons cycle through (the first is the default when the URL has none).
PRINTER_PAPER = ("80", "58")
PRINTER_ENCODINGS = ("gb18030", "gbk", "utf-8", "raster")
PRINTER_BAUDRATES = ("115200", "9600", "19200", "38400", "57600")
READER_BAUDRATES = ("auto", "115200", "57600", "38400", "19200", "9600")
CAMERA_SIZES = ("1280x720", "1920x1080", "640x480")


def param(url: str, key: str, default: str = "") -> str:
    return dict(parse_qsl(urlsplit(url).query)).get(key, default)


def with_param(url: str, key: str, value: str | None) -> str:
    # Not urlunsplit: it would turn "sim://?x" into "sim:?x".
    base, _, query_text = url.partition("?")
    query = dict(parse_qsl(query_text))
    if value is None:
        query.pop(key, None)
    else:
        query[key] = value
    return f"{base}?{urlencode(query, safe='/:')}" if query else base


def next_of(options: tuple[str, ...], current: str) -> str:
    return options[(options.index(current) + 1) % len(options)] if current in options \
        else options[0]


def camera_size(url: str) -> str:
    width, height = param(url, "width"), param(url, "height")
    return f"{width}x{height}" if width and height else CAMERA_SIZES[0]


def with_camera_size(url: str, size: str) -> str:
    width, height = size.split("x")
    return with_param(with_param(url, "width", width), "height", height)


def same_device(a: str, b: str) -> bool:
    """Whether two URLs name the same device (parameters aside)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.netloc, pa.path) == (pb.scheme, pb.netloc, pb.path)
