"""Device URLs: the shapes the configuration accepts, and the words for the ones it does not."""

from __future__ import annotations

import pytest

from drivers.errors import DeviceURLError
from drivers.url import parse_device_url


@pytest.mark.parametrize(("text", "scheme", "target"), [
    ("serial:///dev/ttyUSB0?baudrate=115200", "serial", "/dev/ttyUSB0"),
    ("serial:///dev/ttyS1?baudrate=auto", "serial", "/dev/ttyS1"),
    ("tcp://10.0.0.5:9100", "tcp", "10.0.0.5:9100"),
    ("usb://0x0416:0x5011", "usb", "0x0416:0x5011"),
    ("file:///dev/usb/lp0", "file", "/dev/usb/lp0"),
    ("file://scans/*.jpg", "file", "scans/*.jpg"),
    ("camera://0?width=1280&height=720&fps=30", "camera", "0"),
    ("tcp://10.0.0.5:9100?timeout=2.5", "tcp", "10.0.0.5:9100"),
    ("camera:///dev/video2", "camera", "/dev/video2"),
    ("sim://", "sim", ""),
    ("sim://?paper=near_end", "sim", ""),
])
def test_good_urls(text, scheme, target):
    url = parse_device_url(text, device_params={"width", "height", "fps"})
    assert (url.scheme, url.target, str(url)) == (scheme, target, text)


def test_parts():
    assert parse_device_url("tcp://printer.hall:9100").host == "printer.hall"
    assert parse_device_url("tcp://printer.hall:9100").port == 9100
    assert parse_device_url("usb://0x0416:0x5011").usb_ids == (0x0416, 0x5011)
    camera = parse_device_url("camera://0?width=1280", device_params={"width"})
    assert camera.param("width") == "1280"


@pytest.mark.parametrize(("text", "words"), [
    ("", "not a device URL"),
    ("/dev/ttyUSB0", "not a device URL"),
    ("lpt://1", 'unknown scheme "lpt"'),
    ("tcp://10.0.0.5", "HOST:PORT"),
    ("tcp://10.0.0.5:99999", "HOST:PORT"),
    ("usb://printer", "VID:PID"),
    ("serial://", "path is missing"),
    ("serial:///dev/ttyS0?baudrate=1234", 'baudrate "1234" is not one of'),
    ("serial:///dev/ttyS0?speed=9600", 'unknown parameter "speed"'),
    ("camera://front", "camera index"),
    ("camera://0?width=wide", "width must be a positive whole number"),
    ("tcp://h:9100?timeout=-1", "timeout must be a number of seconds above 0"),
])
def test_bad_urls_are_explained_in_both_languages(text, words):
    with pytest.raises(DeviceURLError) as caught:
        parse_device_url(text, device_params={"width"})
    assert words in caught.value.message("en")
    assert caught.value.message("zh_CN") != caught.value.message("en")


def test_device_params_belong_to_their_device():
    printer = {"paper", "encoding"}
    assert parse_device_url("tcp://p:9100?paper=58", device_params=printer).param("paper") == "58"
    with pytest.raises(DeviceURLError, match='unknown parameter "paper"'):
        parse_device_url("tcp://reader:5000?paper=58")


def test_roles_limit_schemes():
    with pytest.raises(DeviceURLError, match="allowed: camera://0"):
        parse_device_url("usb://0x0416:0x5011", ("camera", "file", "sim"))
