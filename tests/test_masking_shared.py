"""One copy of the masking rules: the card reader's `IdentityCard.mask()` and the kiosk's
screens, paper and logs use the same functions."""

from __future__ import annotations

import drivers.masking
import kiosk.masking
from drivers.idreader.deck import DECK
from kiosk.masking import scrub


def test_the_kiosk_masks_with_the_drivers_rules():
    for name in ("mask_id_number", "mask_name", "mask_address", "mask_phone"):
        assert getattr(kiosk.masking, name) is getattr(drivers.masking, name)


def test_a_card_masks_itself_as_the_kiosk_would():
    card = DECK["elderly"].card
    masked = card.mask()
    assert masked.name == kiosk.masking.mask_name(card.name) == "赵**"
    assert masked.id_number == kiosk.masking.mask_id_number(card.id_number)
    assert masked.address == kiosk.masking.mask_address(card.appended_address)


def test_permanent_residence_card_numbers_are_scrubbed_from_text():
    assert scrub("card CAN420860321011 read") == "card CAN********1011 read"
