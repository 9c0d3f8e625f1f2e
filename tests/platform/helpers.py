"""Small builders the platform tests share."""

from __future__ import annotations

import secrets
from typing import Any

from kiosk.platform.contract import Applicant, ApplicationRequest
from kiosk.platform_server.demo_data.halls import DEMO_CITIZENS


def key() -> str:
    return secrets.token_urlsafe(12)


def application_request(*, fields: dict[str, Any] | None = None,
                        attachment_ids: list[str] | None = None,
                        form_version: int = 2) -> ApplicationRequest:
    name, id_number = DEMO_CITIZENS[0]
    values = {"name": name, "sex": "male", "nation": "汉", "birth_date": "1952-03-15",
              "id_number": id_number, "address": "湖北省保康县城关镇清溪路1号",
              "phone": "13871234567", "grade": "500", "bank_account": "6217000012345678",
              "consent": True, "signature": "sig:strokes"}
    values.update(fields or {})
    return ApplicationRequest(item_id="sb-yljj", form_id="f-pension", form_version=form_version,
                              applicant={"name": name, "id_number": id_number,
                                         "phone": "13871234567"},
                              fields=values, attachment_ids=attachment_ids or [])


__all__ = ["Applicant", "application_request", "key"]
