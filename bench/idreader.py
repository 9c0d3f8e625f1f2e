"""ID card read time against the time its bytes take on the wire, at 115200 baud.

The reader simulator runs as its own program on a pty, pacing its replies at the line speed
(ten bits a byte, 8N1) as a real reader's UART does; the real driver polls it on its own
thread, as in the kiosk. Each run places a card on the simulator at a random moment and times
until the driver hands over the parsed `IdentityCard`. The baseline is the physical limit: the
bytes exchanged for that read (find card, select, read text and photo, appended address, both
ways) at 115200 baud. Runs alternate between a resident card and an elderly citizen's card with
an appended address; figures are medians.

`frames_per_s` is the frame decoder alone on a recorded mix of replies (one read to a hundred
polls), fed in 64-byte pieces as a serial port delivers them.

    {"read_s": ..., "wire_s": ..., "ratio": ..., "frames_per_s": ..., ...}

Target: ratio at most 1.2.
"""

from __future__ import annotations

import json
import os
import queue
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not this folder: bench/platform.py would stand in for the standard library's `platform`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

from drivers.idreader.deck import DECK  # noqa: E402
from drivers.idreader.events import CardRead, CardRemoved, ReaderState, StateChanged  # noqa: E402
from drivers.idreader.frame import FrameDecoder  # noqa: E402
from drivers.idreader.protocol import CardData, encode_card_data, reply  # noqa: E402
from drivers.idreader.reader import CardReader  # noqa: E402
from drivers.idreader.sam import wire_seconds  # noqa: E402
from drivers.idreader.simctl import launch_simulator  # noqa: E402
from drivers.idreader.text import encode_text  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
BAUDRATE = 115200
CARDS = ("resident", "elderly")
TARGET_RATIO = 1.2


def next_event(events: queue.Queue, kind: type, timeout: float = 10.0) -> object:
    deadline = time.monotonic() + timeout
    while True:
        event = events.get(timeout=max(0.01, deadline - time.monotonic()))
        if isinstance(event, kind):
            return event


def measure_reads() -> tuple[list[float], list[float]]:
    events: queue.Queue = queue.Queue()
    reads, wires = [], []
    rng = random.Random(11643)
    with launch_simulator(baudrate=BAUDRATE) as sim:
        reader = CardReader(f"{sim.device}?baudrate={BAUDRATE}", events.put)
        reader.start()
        try:
            state = next_event(events, StateChanged)
            assert state.state is ReaderState.READY, state
            for run in range(RUNS):
                time.sleep(rng.uniform(0.0, 0.1))  # any moment relative to the polling
                started = time.perf_counter()
                sim.control.insert(CARDS[run % len(CARDS)])
                event = next_event(events, CardRead)
                reads.append(time.perf_counter() - started)
                wires.append(wire_seconds(event.wire_bytes, BAUDRATE))
                sim.control.remove()
                next_event(events, CardRemoved)
        finally:
            reader.stop()
    return reads, wires


def measure_decoder() -> float:
    card = DECK["resident"].card
    read_reply = reply(0x90, encode_card_data(
        CardData(encode_text(card), DECK["resident"].photo), with_fingerprint=False)).frame()
    poll_reply = reply(0x80).frame()
    stream = (read_reply + poll_reply * 100) * 20
    pieces = [stream[i:i + 64] for i in range(0, len(stream), 64)]
    best = 0.0
    for _ in range(5):
        decoder = FrameDecoder()
        frames = 0
        started = time.perf_counter()
        for piece in pieces:
            decoder.feed(piece)
            while decoder.next_frame() is not None:
                frames += 1
        best = max(best, frames / (time.perf_counter() - started))
    return best


def main() -> int:
    reads, wires = measure_reads()
    read_s, wire_s = statistics.median(reads), statistics.median(wires)
    print(json.dumps({
        "read_s": round(read_s, 4),
        "wire_s": round(wire_s, 4),
        "ratio": round(read_s / wire_s, 3),
        "frames_per_s": round(measure_decoder()),
        "read_s_min": round(min(reads), 4),
        "read_s_max": round(max(reads), 4),
        "baudrate": BAUDRATE,
        "runs": RUNS,
        "target_ratio": TARGET_RATIO,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
