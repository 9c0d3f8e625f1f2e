"""Cold start of the kiosk against a bare Kivy app, under Xvfb, in the same run.

Each app is started as a process, and timed from the launch until the home screen has drawn
and a real click (xdotool, through X and SDL like a touch screen's pointer) has been answered
with a new frame. Memory is the kiosk's resident set after that. Runs alternate between the
apps; the figures are medians. One JSON line:

    {"kiosk_start_s": ..., "bare_kivy_start_s": ..., "ratio": ..., "kiosk_rss_mb": ..., ...}

The kiosk's own modules are byte-compiled first, as an installed kiosk's are (this machine sets
PYTHONDONTWRITEBYTECODE, which would otherwise make every start compile them from source).

`bare_kivy_start_s` is Kivy as it comes. The kiosk tells Kivy to skip its Pillow image loader
(see kiosk/app.py); `bare_kivy_tuned_start_s` and `ratio_to_tuned` give the bare app the same
setting, so the kiosk's own cost can be read apart from that choice.

Target: ratio at most 1.5.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not this folder: bench/platform.py would stand in for the standard library's `platform`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

from kiosk.xvfb import virtual_display  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TIMEOUT_S = 120


def read_event(process: subprocess.Popen, name: str) -> dict:
    deadline = time.monotonic() + TIMEOUT_S
    assert process.stdout is not None
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([process.stdout], [], [], left)[0]:
            break
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"process ended before '{name}' (exit {process.poll()})")
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if event.get("event") == name:
            return event
    raise RuntimeError(f"no '{name}' within {TIMEOUT_S} s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(command: list[str], display: str,
            extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    # The kiosk sets SDL's click-through itself; the baseline gets it here, so both count the
    # same click.
    env = {**os.environ, "DISPLAY": display, "SDL_MOUSE_FOCUS_CLICKTHROUGH": "1",
           **(extra_env or {})}
    started = time.time()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env, cwd=REPO)
    try:
        x, y = read_event(process, "drawn")["target"]
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env,
                       check=True, timeout=20)
        touched = read_event(process, "touch")["t"]
        return touched - started, rss_mb(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (make test installs it)")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch, \
            virtual_display() as display:
        state = Path(scratch) / "state"
        kiosk = [sys.executable, "-m", "kiosk", "run", "--startup-report",
                 "--set", "kiosk.fullscreen=false", "--set", f'kiosk.state_dir="{state}"',
                 "--set", 'logging.level="WARNING"']
        bare = [sys.executable, str(REPO / "bench" / "_bare_kivy.py"), str(Path(scratch) / "kv")]
        subprocess.run([sys.executable, "-m", "compileall", "-q", "kiosk", "drivers", "screens"],
                       cwd=REPO, check=True)
        measure(kiosk, display)  # first start extracts the font face once, as in a new hall
        tuned = {"KIVY_IMAGE": "sdl2,tex,dds"}
        kiosk_runs, bare_runs, tuned_runs, memory = [], [], [], []
        for _ in range(RUNS):
            seconds, rss = measure(kiosk, display)
            kiosk_runs.append(seconds)
            memory.append(rss)
            bare_runs.append(measure(bare, display)[0])
            tuned_runs.append(measure(bare, display, tuned)[0])
    kiosk_s, bare_s = statistics.median(kiosk_runs), statistics.median(bare_runs)
    tuned_s = statistics.median(tuned_runs)
    print(json.dumps({
        "kiosk_start_s": round(kiosk_s, 3),
        "bare_kivy_start_s": round(bare_s, 3),
        "ratio": round(kiosk_s / bare_s, 2),
        "kiosk_rss_mb": round(statistics.median(memory), 1),
        "bare_kivy_tuned_start_s": round(tuned_s, 3),
        "ratio_to_tuned": round(kiosk_s / tuned_s, 2),
        "runs": RUNS,
        "target_ratio": 1.5,
    }))


if __name__ == "__main__":
    main()
