"""A virtual X display (Xvfb) for the tour, the UI tests and the start-up benchmark."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.errors import KioskError

# Square, so both portrait 1080×1920 and landscape 1920×1080 windows fit whole.
SCREEN = "1920x1920x24"
START_TIMEOUT_S = 20


class DisplayUnavailable(KioskError):
    """No X display and Xvfb could not be started."""


@contextmanager
def virtual_display(screen: str = SCREEN) -> Iterator[str]:
    """Start Xvfb on a free display number and yield its name (":N")."""
    if shutil.which("Xvfb") is None:
        raise DisplayUnavailable("Xvfb is not installed (Debian: apt install xvfb)")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp",
         "-noreset", "+extension", "GLX"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        ready, _, _ = select.select([read_fd], [], [], START_TIMEOUT_S)
        number = os.read(read_fd, 64).decode().strip() if ready else ""
        if not number:
            raise DisplayUnavailable("Xvfb did not start within "
                                     f"{START_TIMEOUT_S} s (exit code {process.poll()})")
        yield f":{number}"
    finally:
        os.close(read_fd)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def display_for_tests_or_tours() -> Iterator[str]:
    """The current display if there is one, else a virtual one for as long as needed."""
    current = os.environ.get("DISPLAY")
    if current:
        yield current
    else:
        with virtual_display() as name:
            yield name
