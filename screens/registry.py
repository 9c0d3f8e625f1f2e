"""Which screens and overlays exist, where their code and .kv layout live, loaded on first use.

Only the frame and the home screen are needed to draw the first picture; every other screen
and overlay is imported, its layout compiled and its widgets built the first time it is shown,
which keeps the kiosk's start-up short. A service whose screen is not listed here opens the
暂未开放 page instead.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kivy.lang import Builder

HERE = Path(__file__).parent

# Rules every screen uses, loaded before anything is built.
COMMON_KV = ("widgets/common.kv", "widgets/chrome.kv")


@dataclass(frozen=True)
class Part:
    """A screen or overlay class and the .kv file that lays it out."""

    module: str
    name: str
    kv: str
    # Layouts of shared widgets this part uses (e.g. "widgets/keyboard.kv"), compiled before it.
    needs: tuple[str, ...] = ()

    def load(self) -> Any:
        """The class, with its module imported and its layouts compiled (once)."""
        for kv in self.needs:  # the widget classes a shared layout names, before it is read
            importlib.import_module("screens." + kv.removesuffix(".kv").replace("/", "."))
        cls = getattr(importlib.import_module(self.module), self.name)
        for kv in (*self.needs, self.kv):
            if str(HERE / kv) not in Builder.files:
                Builder.load_file(str(HERE / kv))
        return cls


# The shared pieces of the service flows (title, notice, choice tiles).
FLOW = ("widgets/flow.kv",)
KEYPAD = (*FLOW, "widgets/keyboard.kv")
SCANNING = (*KEYPAD, "widgets/qr_view.kv")

SCREENS: dict[str, Part] = {
    "home": Part("screens.home", "HomeScreen", "home.kv"),
    "not_open": Part("screens.not_open", "NotOpenScreen", "not_open.kv"),
    "ticket": Part("screens.ticket", "TicketScreen", "ticket.kv", needs=FLOW),
    "ticket_identify": Part("screens.ticket_identify", "TicketIdentifyScreen",
                            "ticket_identify.kv", needs=FLOW),
    "ticket_done": Part("screens.ticket_done", "TicketDoneScreen", "ticket_done.kv",
                        needs=FLOW),
    "priority": Part("screens.priority", "PriorityScreen", "priority.kv", needs=FLOW),
    "checkin": Part("screens.checkin", "CheckinScreen", "checkin.kv", needs=SCANNING),
    "evaluation": Part("screens.evaluation", "EvaluationScreen", "evaluation.kv",
                       needs=(*SCANNING, "widgets/pinyin_input.kv")),
    "guide": Part("screens.guide", "GuideScreen", "guide.kv",
                  needs=("widgets/keyboard.kv", "widgets/paged_list.kv")),
    "guide_item": Part("screens.guide_item", "GuideItemScreen", "guide_item.kv"),
    "progress": Part("screens.progress", "ProgressScreen", "progress.kv",
                     needs=(*SCANNING, "widgets/paged_list.kv")),
    "form": Part("screens.form", "FormScreen", "form.kv",
                 needs=(*KEYPAD, "widgets/signature.kv", "widgets/paged_list.kv",
                        "form_editor.kv")),
    "technician": Part("screens.technician.technician", "TechnicianScreen",
                       "technician/technician.kv",
                       needs=("widgets/keyboard.kv", "technician/camera_panel.kv",
                              "technician/pin_panel.kv")),
}

OVERLAYS: dict[str, Part] = {
    "IdleCountdown": Part("screens.overlays.idle_countdown", "IdleCountdown",
                          "overlays/idle_countdown.kv"),
    "HelpNotice": Part("screens.overlays.help_notice", "HelpNotice", "overlays/help_notice.kv"),
    "PinPrompt": Part("screens.overlays.pin_prompt", "PinPrompt", "overlays/pin_prompt.kv"),
    "CardGreeting": Part("screens.overlays.card_greeting", "CardGreeting",
                         "overlays/card_greeting.kv"),
}


def load_common_layouts() -> None:
    # The classes named in these rules must be known to Kivy's Factory before they are built.
    import screens.widgets.chrome
    import screens.widgets.common  # noqa: F401

    for name in COMMON_KV:
        Builder.load_file(str(HERE / name))
