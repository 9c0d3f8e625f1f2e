"""填单 time: from the tap on 提交申请 to the 受理回执's last byte at the printer, online.

What the tap starts is `ApplicationDesk.submit` (kiosk.services.applications) on a worker
thread: check the draft once more and build the application, submit it to the platform (signed,
through the outbox's idempotency key), look up the item's promised time, lay out and encode the
受理回执 with its QR code, send it and wait for the printer to confirm it came out. This bench
runs exactly that, built by the kiosk's own bootstrap, against the reference platform
(`kiosk.platform_server`, SQLite, a real HTTP server on loopback, signed requests) and the
printer simulator (its own process, TCP): a 林木采伐许可证 form prefilled from the simulated ID
card and completed as a citizen would, with one scanned page uploaded beforehand (as the
materials step does) and the other material on paper.

`platform_ms` is the median submit round trip and `printer_ms` the median print job of the
timed submissions. The baseline, measured in the same run, is the bare platform submit round
trip (`core.platform.submit_application` of an already built request) plus the same receipt's
bytes written straight to the simulator's socket with no status or confirmation; `ratio` is
p50 over baseline p50. The screen's own part (the tap, two frames) is not included.

One JSON line with `submit_to_receipt_ms` (p50), `submit_to_receipt_p99_ms`, `platform_ms`,
`printer_ms`, `baseline_p50_ms`, `ratio`.
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

from bench._desk import KIOSK_ID, Timed, build, percentile, start_platform  # noqa: E402
from drivers.idreader.deck import DECK  # noqa: E402
from kiosk.forms import Address, Draft, Signature, build_requests, form_for_item  # noqa: E402
from kiosk.services.applications import ApplicationDesk  # noqa: E402

ROUNDS = 60
ITEM = "ly-cfxk"
TYPED = {"phone": "13907101234", "species": "pine", "volume_m3": "12.5",
         "felling_method": "selective", "consent": True}


def filled_draft(service: Any, form: Any, attachment: str) -> Draft:
    """The form as a citizen leaves it at the review step."""
    today = service.today()
    draft = Draft(form, today)
    draft.prefill(DECK["resident"].card)
    for name, value in TYPED.items():
        assert draft.set(name, value) is None, name
    assert draft.set("forest_location", Address("420626100", "湖北省襄阳市保康县城关镇",
                                                "尧治河村2组")) is None
    assert draft.set("felling_start", today.isoformat()) is None
    assert draft.set("signature", Signature(
        [[(10 + i * 5, 40 + (i % 3) * 4) for i in range(20)]], 600, 200)) is None
    draft.add_scan("id_card", attachment)
    draft.mark_on_paper("forest_right")
    return draft


def submit_all(desk: ApplicationDesk, service: Any, form: Any, attachment: str, rounds: int
               ) -> list[float]:
    card = DECK["resident"].card
    applicant = {"name": card.name or "", "id_number": card.id_number}
    totals = []
    for _ in range(rounds):
        draft = filled_draft(service, form, attachment)
        start = time.perf_counter()
        outcome = desk.submit(draft, applicant=applicant)
        totals.append((time.perf_counter() - start) * 1000)
        assert outcome.sent and outcome.printed, outcome
    return totals


def baseline(core: Any, service: Any, form: Any, attachment: str, receipt_bytes: bytes,
             rounds: int) -> list[float]:
    address = json.loads((core.printer.sim_dir / "simulator.json").read_text())["listen"]
    host, port = address.removeprefix("tcp://").rsplit(":", 1)
    card = DECK["resident"].card
    applicant = {"name": card.name or "", "id_number": card.id_number}
    times = []
    with socket.create_connection((host, int(port)), timeout=10) as printer:
        for _ in range(rounds):
            (request,) = build_requests(filled_draft(service, form, attachment),
                                        applicant=applicant)
            start = time.perf_counter()
            assert service.submit_application(request).sent
            printer.sendall(receipt_bytes)
            times.append((time.perf_counter() - start) * 1000)
    return times


def receipt_bytes(core: Any) -> bytes:
    from drivers.printer.encoder import encode_receipt
    from kiosk.receipts.acknowledgement import acknowledgement_receipt
    from kiosk.receipts.demo import demo_acknowledgement

    return encode_receipt(acknowledgement_receipt(demo_acknowledgement()), core.printer.settings,
                          core.printer.fonts).data


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-form-") as scratch:
        folder = Path(scratch)
        server, key = start_platform(folder)
        core = build(folder, server.url, key)
        try:
            service = core.platform.service()
            form = form_for_item(service.catalogue(), ITEM)
            page = service.upload_attachment("id_card", 1, "image/jpeg",
                                             b"\xff\xd8\xff\xe0" + bytes(2000))
            assert page.sent, "the platform did not take the scanned page"
            attachment = page.result.id
            core.printer.check_ready()
            platform_ms: list[float] = []
            printer_ms: list[float] = []
            desk = ApplicationDesk(Timed(service, "submit_application", platform_ms),
                                   Timed(core.printer, "print_receipt", printer_ms),
                                   hall_name="bench", kiosk_id=KIOSK_ID)
            submit_all(desk, service, form, attachment, 5)  # warm: connections, caches
            platform_ms.clear()
            printer_ms.clear()
            totals = submit_all(desk, service, form, attachment, ROUNDS)
            base = baseline(core, service, form, attachment, receipt_bytes(core), ROUNDS)
        finally:
            core.shutdown()
            server.stop()
    p50 = statistics.median(totals)
    print(json.dumps({
        "submit_to_receipt_ms": round(p50, 1),
        "submit_to_receipt_p99_ms": round(percentile(totals, .99), 1),
        "platform_ms": round(statistics.median(platform_ms), 1),
        "printer_ms": round(statistics.median(printer_ms), 1),
        "baseline_p50_ms": round(statistics.median(base), 2),
        "ratio": round(p50 / statistics.median(base), 2), "submissions": ROUNDS}))


if __name__ == "__main__":
    main()
