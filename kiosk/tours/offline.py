"""The tour's offline pass: a kiosk whose county platform goes down still gives numbers.

A reference platform is started on loopback for this pass only (the embedded one lives inside
the kiosk and cannot be stopped apart from it); once the kiosk has reserved its offline blocks
the platform stops, and a citizen takes a number: it comes from the block, the screen and the
ticket say the kiosk is offline, and the write waits in the outbox.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.pilot_client import KioskProcess, PilotError
from kiosk.tours.citizen import first_category, keep_last_receipt, wait_screen, wait_text

if TYPE_CHECKING:
    from kiosk.tour import TourLog

KIOSK_ID = "BK-TOUR-OFFLINE"


def offline_pass(display: str, scratch: Path, config_path: Path | None, overrides: list[str],
                 tour: TourLog) -> None:
    from kiosk.platform_server import fleet
    from kiosk.platform_server.runner import ServerThread
    from kiosk.platform_server.store import Settings

    scratch.mkdir(parents=True, exist_ok=True)
    server = ServerThread(Settings(db_url=f"sqlite:///{scratch / 'county.sqlite'}",
                                   enforce_hours=False))
    server.start()
    state_dir = scratch / "state"
    try:
        key = server.store.transaction(fleet.register, server.store, KIOSK_ID, None,
                                       "tour").secret_key
        kiosk = KioskProcess(display=display, workdir=scratch / "kiosk", config=config_path,
                             overrides=[*overrides, f'kiosk.state_dir="{state_dir}"',
                                        f'kiosk.id="{KIOSK_ID}"', f'platform.url="{server.url}"',
                                        f'platform.kiosk_key="{key}"'])
        try:
            with kiosk:
                pilot = kiosk.pilot
                wait_text(pilot, "政务平台 已连接")
                _wait_for_blocks(state_dir)
                server.stop()
                pilot.tap("tile_ticket")
                pilot.tap(first_category(pilot))
                wait_screen(pilot, "ticket_identify")
                pilot.tap("skip")
                wait_screen(pilot, "ticket_done")
                wait_text(pilot, "请取走凭条")
                tour.shot(pilot, "ticket", "ticket-offline",
                          "离线取号：连不上政务平台时用本机预留号段出号")
                keep_last_receipt(tour, state_dir / "printer-sim", "ticket-offline")
        except PilotError as exc:
            raise PilotError(f"{exc}\n--- kiosk log ---\n{kiosk.stderr_tail()}") from exc
    finally:
        server.stop()


def _wait_for_blocks(state_dir: Path, timeout: float = 60.0) -> None:
    """Until the kiosk has reserved its offline numbers (its first refresh)."""
    import sqlite3

    database = state_dir / "platform" / "kiosk.sqlite"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
                if conn.execute("SELECT count(*) FROM blocks").fetchone()[0]:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    raise PilotError("the kiosk reserved no offline numbers")
