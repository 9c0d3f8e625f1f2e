"""The reader simulator as a real program on a real pty, shared by the tests of a module."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator

import pytest

from drivers.idreader.events import ReaderEvent
from drivers.idreader.link import SerialLink
from drivers.idreader.sam import SamClient
from drivers.idreader.simctl import SimControl, SimulatorProcess, launch_simulator

FAST = "timeout=0.3"  # short reply timeouts keep fault tests quick


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorProcess]:
    with launch_simulator() as process:
        yield process


@pytest.fixture
def control(sim: SimulatorProcess) -> Iterator[SimControl]:
    """The simulator's control, with an empty reader and no faults before and after."""
    control = sim.control
    control.replug()
    control.clear()
    control.remove()
    control.set_baudrate(115200)
    yield control
    control.replug()
    control.clear()
    control.remove()
    control.set_baudrate(115200)


@pytest.fixture
def sam(sim: SimulatorProcess, control: SimControl) -> Iterator[SamClient]:
    assert sim.device_path is not None
    link = SerialLink(sim.device_path)
    yield SamClient(link, timeout=0.3)
    link.close()


class Events:
    """Reader events collected from the reader's thread, for tests to wait on."""

    def __init__(self) -> None:
        self.queue: queue.Queue[ReaderEvent] = queue.Queue()

    def __call__(self, event: ReaderEvent) -> None:
        self.queue.put(event)

    def next(self, kind: type | tuple[type, ...], timeout: float = 15.0) -> ReaderEvent:
        """The next event of `kind`, skipping others; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                event = self.queue.get(timeout=max(0.01, left))
            except queue.Empty:
                pytest.fail(f"no {kind} event within {timeout} s")
            if isinstance(event, kind):
                return event

    def drain(self) -> list[ReaderEvent]:
        events = []
        while not self.queue.empty():
            events.append(self.queue.get_nowait())
        return events


@pytest.fixture
def events() -> Events:
    return Events()
