"""The 暂未开放 page: what a citizen sees for a service this kiosk does not offer yet.

It says so plainly and tells them where to go instead, so nobody is left at a dead end.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from kiosk.i18n import N_
from screens.base import KioskScreen
from screens.home import SERVICES


class NotOpenScreen(KioskScreen):
    service_title = StringProperty("")

    def spoken_prompt(self) -> str:
        return N_("这项业务本机暂不能办理，请到窗口咨询，或点帮办请工作人员协助。")

    def enter(self, **params: Any) -> None:
        key = params.get("service", "")
        service = next((s for s in SERVICES if s.key == key), None)
        self.service_title = service.title if service else ""
