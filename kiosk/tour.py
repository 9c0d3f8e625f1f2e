"""`kiosk demo --tour DIR`: walk the real app through every screen and photograph each step.

The app runs in its own process on the current display, or on a virtual one started for the
occasion, and is driven through its pilot with simulated touches, exactly as the UI tests
drive it. DIR receives one PNG per step and `tour.json`:

    {"steps": [{"flow": "home", "screen": "home", "png": "01-home-zh.png", "caption": ...}],
     "receipts": [{"kind": "ticket", "png": ...}]}

Flow names: home, ticket, checkin, guide, form, progress, evaluation, help, idle, technician.
Receipt kinds: ticket, acknowledgement, checklist, test_page.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.idreader.simctl import SimControl
from kiosk.config import load_config
from kiosk.pilot_client import KioskProcess, PilotClient, PilotError
from kiosk.tours import citizen, form, guide_progress, technician
from kiosk.tours.camera import TourCamera
from kiosk.tours.offline import offline_pass
from kiosk.xvfb import display_for_tests_or_tours

log = logging.getLogger(__name__)

FLOWS = ("home", "ticket", "checkin", "guide", "form", "progress", "evaluation", "help", "idle",
         "technician")
RECEIPT_KINDS = ("ticket", "acknowledgement", "checklist", "test_page", "diagnostic_report")
_OVERLAY_SCREENS = {"IdleCountdown": "idle_countdown", "HelpNotice": "help_notice",
                    "PinPrompt": "pin_prompt", "CardGreeting": "card_greeting"}
_OUR_PNG = re.compile(r"^(\d{2}|receipt)-[a-z0-9-]+\.png$")


@dataclass
class TourLog:
    """The pictures taken so far and where they went."""

    out_dir: Path
    steps: list[dict[str, str]] = field(default_factory=list)
    receipts: list[dict[str, str]] = field(default_factory=list)
    reader_control: Path | None = None  # the simulated ID card reader's control socket
    printer_dir: Path = Path()          # where the simulated printer puts its receipts
    camera: TourCamera | None = None    # what the citizen holds up to the camera

    def shot(self, pilot: PilotClient, flow: str, name: str, caption: str) -> dict[str, Any]:
        assert flow in FLOWS, flow
        state = pilot.state()
        overlays = state["overlays"]
        screen = _OVERLAY_SCREENS.get(overlays[0], overlays[0]) if overlays else state["screen"]
        png = f"{len(self.steps) + 1:02d}-{name}.png"
        pilot.screenshot(self.out_dir / png)
        self.steps.append({"flow": flow, "screen": screen, "png": png, "caption": caption})
        return state

    def write(self) -> Path:
        path = self.out_dir / "tour.json"
        path.write_text(json.dumps({"steps": self.steps, "receipts": self.receipts},
                                   ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path


def run_tour(out_dir: Path, *, config_path: Path | None, overrides: list[str]) -> Path:
    """Tour the kiosk into `out_dir`; returns the path of tour.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.iterdir():
        if _OUR_PNG.match(old.name) or old.name == "tour.json":
            old.unlink()
    tour = TourLog(out_dir)
    tour.printer_dir = load_config(config_path, overrides).kiosk.state_dir / "printer-sim"
    with display_for_tests_or_tours() as display, \
            tempfile.TemporaryDirectory(prefix="kiosk-tour-") as scratch:
        for orientation, script in (("portrait", _portrait), ("landscape", _landscape)):
            tour.reader_control = Path(scratch) / f"{orientation}-idreader.sock"
            tour.camera = TourCamera(Path(scratch) / f"{orientation}-camera")
            kiosk = KioskProcess(display=display, workdir=Path(scratch) / orientation,
                                 config=config_path,
                                 overrides=[*overrides, f"kiosk.orientation=\"{orientation}\"",
                                            f"devices.id_reader=\"sim://?control="
                                            f"{tour.reader_control}\"",
                                            f'devices.camera="{tour.camera.url}"'])
            try:
                with kiosk:
                    script(kiosk.pilot, tour)
            except PilotError as exc:
                raise PilotError(f"{exc}\n--- kiosk log ---\n{kiosk.stderr_tail()}") from exc
        offline_pass(display, Path(scratch) / "offline", config_path, overrides, tour)
    tour.receipts += _print_receipts(out_dir, config_path, overrides)
    return tour.write()


def _print_receipts(out_dir: Path, config_path: Path | None,
                    overrides: list[str]) -> list[dict[str, str]]:
    """Each receipt layout printed through the real driver on the printer simulator."""
    from kiosk.printing.demo import print_demo_receipts

    config = load_config(config_path, overrides)
    return print_demo_receipts(config, out_dir)


def _portrait(pilot: PilotClient, tour: TourLog) -> None:
    tour.shot(pilot, "home", "home-zh", "首页（中文）")
    pilot.tap("language_button")
    tour.shot(pilot, "home", "home-en", "Home in English")
    pilot.tap("language_button")
    pilot.tap("elderly_button")
    tour.shot(pilot, "home", "home-elderly", "大字模式首页，第 1 页")
    pilot.tap("page_next")
    tour.shot(pilot, "home", "home-elderly-page-2", "大字模式首页，第 2 页")
    pilot.tap("elderly_button")
    _identity_read(pilot, tour, "elderly", "card-greeting",
                   "在首页放置身份证：问候市民，姓名和证件号码脱敏显示")

    guide_progress.walk(pilot, tour)
    citizen.walk(pilot, tour, tour.printer_dir, tour.camera)
    form.walk(pilot, tour)

    pilot.tap("tile_form")  # a citizen starts 填单, then walks away
    citizen.wait_screen(pilot, "form")
    state = pilot.state()
    until_countdown = state["idle"]["remaining_s"] - 7
    pilot.advance(until_countdown)
    tour.shot(pilot, "idle", "idle-countdown", "无操作倒计时，可点「继续办理」")
    pilot.advance(8)
    tour.shot(pilot, "idle", "idle-wiped", "超时后清除信息并回到首页")

    height = state["window"][1]
    pilot.long_press(8, height - 8, seconds=3.5)
    for key in "1111":
        pilot.tap(f"key_{key}")
    pilot.tap("confirm")
    pilot.wait_idle()
    tour.shot(pilot, "technician", "pin-wrong", "长按左上角打开维护验证；密码错误的提示")
    pilot.tap("cancel")
    technician.walk(pilot, tour, tour.printer_dir, tour.camera)


def _landscape(pilot: PilotClient, tour: TourLog) -> None:
    tour.shot(pilot, "home", "landscape-home", "横屏首页")
    pilot.tap("elderly_button")
    tour.shot(pilot, "home", "landscape-elderly", "横屏大字模式")
    _identity_read(pilot, tour, "expired", "landscape-card-greeting",
                   "横屏大字模式：过期身份证的提示（脱敏显示）")


def _identity_read(pilot: PilotClient, tour: TourLog, card: str, name: str,
                   caption: str) -> None:
    """A card from the simulator's deck placed on the reader at the home screen."""
    assert tour.reader_control is not None
    reader = SimControl.wait_for(tour.reader_control)
    try:
        reader.insert(card)
        _wait_for_overlay(pilot, "CardGreeting")
        tour.shot(pilot, "home", name, caption)
        pilot.tap("greeting_clear")  # wiped at once: the steps after it start clean
        reader.remove()
    finally:
        reader.close()


def _wait_for_overlay(pilot: PilotClient, overlay: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while overlay not in pilot.state()["overlays"]:
        if time.monotonic() > deadline:
            raise PilotError(f"{overlay} did not appear within {timeout:g} s")
        time.sleep(0.05)
