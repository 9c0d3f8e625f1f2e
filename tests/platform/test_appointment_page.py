"""The public page behind the appointment QR (`/y/{code}`): what a phone shows, and the link the
kiosk reads the code from."""

from __future__ import annotations

import requests

from kiosk.services.qr_payloads import AppointmentCode, appointment_qr_text, parse_qr


def test_the_appointment_qr_opens_its_page_and_names_its_code(platform):
    link = appointment_qr_text("YY20000001", platform.url)
    page = requests.get(link, timeout=5)
    assert page.status_code == 200
    assert "不动产转移登记" in page.text and "YY20000001" in page.text
    assert "张*" in page.text and "张建国" not in page.text   # the holder's name masked
    assert parse_qr(link) == AppointmentCode("YY20000001")
    missing = requests.get(appointment_qr_text("YY99999999", platform.url), timeout=5)
    assert "没有找到这个预约" in missing.text
