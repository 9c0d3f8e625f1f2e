"""The printer's URL parameters, checked where the configuration is checked."""

from __future__ import annotations

import pytest

from drivers.errors import DeviceURLError
from drivers.printer.settings import PARAMS, printer_settings
from drivers.url import parse_device_url
from kiosk.config import load_config
from kiosk.config.models import PRINTER_PARAMS
from kiosk.errors import ConfigError


def settings(text: str):
    return printer_settings(parse_device_url(text, None, PRINTER_PARAMS))


def test_the_configuration_declares_every_printer_parameter():
    assert PRINTER_PARAMS == PARAMS


def test_defaults_and_choices():
    default = settings("tcp://10.0.0.5:9100")
    assert (default.dots, default.encoding, default.charset, default.qr) == \
        (576, "gb18030", "gb2312", "native")
    assert default.columns == 48
    small = settings("usb://0x0416:0x5011?paper=58&charset=gbk&encoding=utf-8&cut=partial")
    assert (small.dots, small.columns, small.charset, small.encoding, small.cut) == \
        (384, 32, "gbk", "utf-8", "partial")
    assert settings("serial:///dev/ttyS0?baudrate=9600&flow=rtscts").baudrate == 9600
    assert settings("sim://?dots=512&status_timeout=0.5").status_timeout_s == 0.5


@pytest.mark.parametrize("text, words", [
    ("tcp://h:9100?paper=76", "paper=\"76\""),
    ("tcp://h:9100?encoding=big5", "gb18030 or gbk or utf-8 or raster"),
    ("tcp://h:9100?status_timeout=0", "seconds from 0.1 to 30"),
    ("tcp://h:9100?dots=abc", "200 to 832"),
    ("sim://?speed=fast", "speed"),
])
def test_wrong_values_are_explained(text, words):
    with pytest.raises(DeviceURLError) as caught:
        settings(text)
    assert words in caught.value.message_en and caught.value.message_zh


def test_config_check_refuses_a_bad_printer_parameter(kiosk_toml):
    with pytest.raises(ConfigError) as caught:
        load_config(kiosk_toml, ['devices.printer="usb://0x0416:0x5011?charset=big5"'])
    assert "charset" in "\n".join(caught.value.problems)
    config = load_config(kiosk_toml, ['devices.printer="usb://0x0416:0x5011?paper=58"'])
    assert config.devices.printer.endswith("paper=58")
