"""Eight kiosks issuing tickets at once never share a number, online or from their blocks."""

from __future__ import annotations

import threading

from kiosk.platform.api import PlatformApi
from kiosk.platform.contract import TicketBlockRequest, TicketRequest
from tests.platform.helpers import key

KIOSKS, EACH = 8, 40


def test_eight_concurrent_kiosks_never_share_a_number(platform):
    apis = [PlatformApi(platform.url, platform.register(f"BK-CONC-{n:03d}"))
            for n in range(KIOSKS)]
    numbers: list[list[str]] = [[] for _ in range(KIOSKS)]
    blocks: list[list[range]] = [[] for _ in range(KIOSKS)]
    start = threading.Barrier(KIOSKS)

    def kiosk(index: int) -> None:
        api = apis[index]
        start.wait()
        for i in range(EACH):
            ticket = api.issue_ticket(TicketRequest(category_id="sbyb"), key())
            numbers[index].append(ticket.number)
            if i % 10 == 0:
                block = api.reserve_block(TicketBlockRequest(category_id="sbyb", size=5), key())
                blocks[index].append(range(block.first, block.last + 1))

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(KIOSKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    issued = [int(n[1:]) for per in numbers for n in per]
    reserved = [n for per in blocks for block in per for n in block]
    assert len(issued) == KIOSKS * EACH
    assert len(set(issued)) == len(issued)
    assert not set(issued) & set(reserved)
    assert len(set(reserved)) == len(reserved)
    # together they are exactly the numbers counted out, none skipped
    assert sorted(issued + reserved) == list(range(1, len(issued) + len(reserved) + 1))
    for per in numbers:  # each kiosk's own tickets come out in order
        assert per == sorted(per)
