"""What a citizen sees when they place their ID card on the reader at the home screen.

A greeting with their name and card number, masked (`张*`, `420***********1517`), and an
invitation to choose a service: the card is now in their session for whichever service they
pick, and goes with the session (the idle wipe, 返回首页, or 不是本人 here). An expired card is
pointed out. A card that could not be read gets a plain hint instead. Only masked text ever
reaches a label, and the overlay forgets it when it closes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from screens.overlays.base import Overlay


def _(text: str) -> str:
    """Marks a string for the catalog; the .kv translates it when it is shown."""
    return text


CARD_TYPES = {
    "resident": _("居民身份证"),
    "hmt_residence": _("港澳台居民居住证"),
    "foreign_permanent": _("外国人永久居留身份证"),
}


class CardGreeting(Overlay):
    read_ok = BooleanProperty(True)
    masked_name = StringProperty("")
    masked_number = StringProperty("")
    card_type = StringProperty("")       # a Chinese source string, translated in the .kv
    expired_on = StringProperty("")      # YYYY-MM-DD when the card has expired

    def show_card(self, card: Any, today: date) -> None:
        """Fill in from an `IdentityCard`; only its masked form is kept."""
        masked = card.mask()
        self.read_ok = True
        self.masked_name = masked.name or ""
        self.masked_number = masked.id_number
        self.card_type = CARD_TYPES.get(masked.card_type, "")
        self.expired_on = masked.valid_to if card.expired(today) and masked.valid_to else ""
        self._offer_clear(True)

    def show_failure(self) -> None:
        self.read_ok = False
        self._forget()
        self._offer_clear(False)  # nothing was read, so there is nothing to clear

    def _offer_clear(self, offered: bool) -> None:
        row = self.ids.greeting_buttons
        # ids are weak references: keep the button alive while it is out of the row.
        self._clear_button = button = self.ids.greeting_clear.__self__
        if offered and button.parent is None:
            row.add_widget(button)
        elif not offered and button.parent is not None:
            row.remove_widget(button)

    def not_me(self) -> None:
        """Someone else's card, or the citizen wants it gone: wipe the session now."""
        App.get_running_app().go_home("card_cleared")

    def on_dismiss(self) -> None:
        self._forget()

    def _forget(self) -> None:
        self.masked_name = self.masked_number = self.card_type = self.expired_on = ""
