"""取号, step two (optional): identify with the ID card, ask for the priority lane, or skip.

Placing the card goes straight on to the ticket (70 and over: a 绿色通道 number); 跳过 gives a
plain number at once, so a citizen who skips is three taps from home to paper. A citizen with
an appointment is sent to 预约签到, where their number comes with the appointment.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from kiosk.i18n import N_
from screens.base import KioskScreen


class TicketIdentifyScreen(KioskScreen):
    category_name = StringProperty("")

    def spoken_prompt(self) -> str:
        return N_("请把身份证放在读卡区，或点跳过直接取号。")

    def enter(self, **params: Any) -> None:
        self._params = {"category_id": params["category_id"],
                        "category_name": params.get("category_name", "")}
        self.category_name = self._params["category_name"]
        self._went_on = False

    def on_identity(self, event: Any) -> None:
        """A card was read while this screen shows: take the number with it."""
        if event.card is not None:
            self._go_on("ticket_done", use_card=True)

    def skip(self) -> None:
        self._go_on("ticket_done", use_card=False)

    def priority_lane(self) -> None:
        self._go_on("priority")

    def appointment(self) -> None:
        self._go_on("checkin")

    def _go_on(self, screen: str, **extra: Any) -> None:
        if self._went_on:
            return  # the second tap of a double tap
        self._went_on = True
        params = dict(self._params, **extra) if screen != "checkin" else {}
        self.app.go(screen, **params)
