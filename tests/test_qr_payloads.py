"""What a QR code shown to the kiosk names: appointment codes, ticket and receipt links, and
everything else (docs/scanning.md, "QR payloads")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services.qr_payloads import (
    ApplicationRef,
    AppointmentCode,
    TicketRef,
    Unknown,
    Unreadable,
    appointment_qr_text,
    parse_qr,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("YY20000001", AppointmentCode("YY20000001")),
    ("  yy20000001\n", AppointmentCode("YY20000001")),
    ("http://127.0.0.1:8700/y/YY20000001", AppointmentCode("YY20000001")),
    ("https://zwfw.baokang.example/appt/YY20000001", AppointmentCode("YY20000001")),
    ("https://zwfw.baokang.example/q/3f2a9c1d0e", TicketRef("3f2a9c1d0e")),
    ("http://127.0.0.1:41234/q/t_0a1b2c", TicketRef("t_0a1b2c")),
    ("https://zwfw.baokang.example/a/BK20261122-00017", ApplicationRef("BK20261122-00017")),
    ("https://zwfw.baokang.example/a/bk20261122-00017?src=receipt",
     ApplicationRef("BK20261122-00017")),
    ("BK20261122-00017", ApplicationRef("BK20261122-00017")),
])
def test_the_platforms_codes_are_recognised(text, expected):
    assert parse_qr(text) == expected


@pytest.mark.parametrize("text", [
    "YY2000000",                                   # a digit short
    "YY200000011",
    "https://zwfw.baokang.example/appt/202406180042?k=0a1b2c3d",
    "wxp://f2f0abcdefgh",                          # a payment code
    "https://dzzz.example.gov.cn/v?id=1234&t=ele_license",
    "预约号:20000001 保康县政务服务中心",
    "https://zwfw.baokang.example/",
    "https://zwfw.baokang.example/q/",
    "https://zwfw.baokang.example/a/BK2026",       # not an application number
    "https://zwfw.baokang.example/q/%3Cscript%3E",  # not an id
    "ftp://example.com/q/abc",
    "12345678",
])
def test_other_codes_are_unknown(text):
    assert parse_qr(text) == Unknown()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01YY20000001", "x" * 5000])
def test_text_that_is_not_text_is_unreadable(text):
    assert parse_qr(text) == Unreadable()


def test_the_appointment_qr_the_platform_defines_reads_back():
    assert appointment_qr_text("YY20000001") == "YY20000001"
    text = appointment_qr_text("YY20000001", "http://127.0.0.1:8700/")
    assert text == "http://127.0.0.1:8700/y/YY20000001"
    assert parse_qr(text) == AppointmentCode("YY20000001")


@given(st.text(max_size=300))
def test_any_text_gives_an_answer_never_an_error(text):
    assert isinstance(parse_qr(text),
                      AppointmentCode | TicketRef | ApplicationRef | Unknown | Unreadable)
