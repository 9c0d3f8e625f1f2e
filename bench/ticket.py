"""取号 time: from the tap on a category to the ticket's last byte at the printer.

What a tap starts is `TicketDesk.take` (kiosk.services.ticketing) on a worker thread: ask the
printer its state, issue the number on the platform, lay out and encode the ticket, send it
and wait for the printer to confirm it came out. This bench runs exactly that, built by the
kiosk's own bootstrap, against the reference platform (`kiosk.platform_server`, SQLite, a real
HTTP server on loopback, signed requests) and the printer simulator (its own process, TCP), 200
tickets online and 200 offline (the platform stopped: numbers from the kiosk's reserved
blocks, the write queued in the encrypted outbox).

`platform_ms` is the median issue round trip and `printer_ms` the median print job (status,
bytes, confirmation) of the online tickets. The baseline, measured in the same run, is the
least those two parts could cost: the platform's unsigned `/api/v1/health` round trip plus the
same ticket bytes written straight to the simulator's socket with no status or confirmation;
`ratio` is online p50 over baseline p50. The screen's own part (the tap's dispatch, two
frames) is not included: the UI tests cover it, and it does not wait on any of this.

One JSON line with `online_p50_ms`, `online_p99_ms`, `offline_p50_ms`, `offline_p99_ms`,
`platform_ms`, `printer_ms`. Target: online p99 under 150 ms.
"""

from __future__ import annotations

import json
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# Not this folder: bench/platform.py would stand in for the standard library's `platform`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

from bench._desk import Timed, build, percentile, start_platform  # noqa: E402
from kiosk.services.ticketing import TicketDesk  # noqa: E402

TICKETS = 200


def take_tickets(core: Any, categories: list[str], count: int
                 ) -> tuple[list[float], list[float], list[float], int]:
    platform_ms: list[float] = []
    printer_ms: list[float] = []
    desk = TicketDesk(Timed(core.platform.service(), "issue_ticket", platform_ms),
                      Timed(core.printer, "print_receipt", printer_ms), hall_name="bench")
    totals, offline = [], 0
    for n in range(count):
        start = time.perf_counter()
        outcome = desk.take(categories[n % len(categories)])
        totals.append((time.perf_counter() - start) * 1000)
        assert outcome.printed, outcome.print_error
        offline += outcome.offline
    return totals, platform_ms, printer_ms, offline


def baseline(url: str, core: Any, receipt_bytes: bytes, rounds: int = 100) -> list[float]:
    import requests

    address = json.loads((core.printer.sim_dir / "simulator.json").read_text())["listen"]
    host, port = address.removeprefix("tcp://").rsplit(":", 1)
    session = requests.Session()
    times = []
    with socket.create_connection((host, int(port)), timeout=10) as printer:
        for _ in range(rounds):
            start = time.perf_counter()
            session.get(f"{url}/api/v1/health", timeout=10).raise_for_status()
            printer.sendall(receipt_bytes)
            times.append((time.perf_counter() - start) * 1000)
    return times


def ticket_bytes(core: Any) -> bytes:
    from drivers.printer.encoder import encode_receipt
    from kiosk.receipts.demo import demo_ticket
    from kiosk.receipts.ticket import ticket_receipt

    return encode_receipt(ticket_receipt(demo_ticket()), core.printer.settings,
                          core.printer.fonts).data


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-ticket-") as scratch:
        folder = Path(scratch)
        server, key = start_platform(folder)
        core = build(folder, server.url, key, "platform.offline_block_size=200")
        try:
            service = core.platform.service()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not service.parts().numbers.free(
                    service.today()):
                time.sleep(0.2)  # the first refresh reserves the offline blocks
            categories = [c.id for c in service.categories() if c.open_now]
            core.printer.check_ready()
            take_tickets(core, categories, 10)  # warm: connections, encoders, caches
            online, platform_ms, printer_ms, _ = take_tickets(core, categories, TICKETS)
            base = baseline(server.url, core, ticket_bytes(core))
            server.stop()
            take_tickets(core, categories, 3)  # the link notices it is down
            offline, _, _, offline_count = take_tickets(core, categories, TICKETS)
        finally:
            core.shutdown()
    online_p50 = statistics.median(online)
    print(json.dumps({
        "online_p50_ms": round(online_p50, 1), "online_p99_ms": round(percentile(online, .99), 1),
        "offline_p50_ms": round(statistics.median(offline), 1),
        "offline_p99_ms": round(percentile(offline, .99), 1),
        "platform_ms": round(statistics.median(platform_ms), 1),
        "printer_ms": round(statistics.median(printer_ms), 1),
        "baseline_p50_ms": round(statistics.median(base), 2),
        "ratio": round(online_p50 / statistics.median(base), 2),
        "tickets": TICKETS, "offline_tickets_from_blocks": offline_count,
        "target_online_p99_ms": 150}))


if __name__ == "__main__":
    main()
