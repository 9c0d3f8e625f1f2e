"""`kiosk doctor`: every part of the kiosk checked in turn, one line each, with the fix in words.

    OK    config       /etc/zwkiosk/kiosk.toml: kiosk BK-ZWZX-001, 保康县政务服务中心
    FAIL  printer      tcp://10.0.0.5:9100: out of paper: load a new paper roll
    WARN  disk         /var/lib/zwkiosk: 800 MB free: clean up old logs soon

Checks: configuration, files it names, state folder, printer, ID card reader, camera, the
page model that finds documents in its pictures, platform
(reachability, signature, clock skew), outbox, disk space, metrics port. A failed *required*
check makes the exit status 1 (78 when the configuration itself cannot be read).

`--simulate` puts the simulators in place of every device and the embedded reference
platform (in a temporary folder) in place of the county's, as `kiosk demo` does: a machine
without hardware shows a green doctor, and a technician can compare.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig

MIN_FREE_MB = 200
WARN_FREE_MB = 1024
OUTBOX_OLD_S = 3600


@dataclass(frozen=True)
class Check:
    name: str
    status: str      # ok, warn, fail
    required: bool
    message: str     # what was found, and for warn/fail what to do, in English
    message_zh: str = ""

    def line(self) -> str:
        mark = {"ok": "OK  ", "warn": "WARN", "fail": "FAIL"}[self.status]
        zh = f"（{self.message_zh}）" if self.message_zh and self.status != "ok" else ""
        return f"{mark}  {self.name:<10} {self.message}{zh}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def failed(checks: list[Check]) -> bool:
    return any(c.status == "fail" and c.required for c in checks)


def run_checks(config: KioskConfig, config_path: Path | None, *,
               simulate: bool = False) -> Iterator[Check]:
    """Yield each check as it finishes (a slow device does not hide the ones before it)."""
    from kiosk.config.loader import environment_problems

    kiosk = config.kiosk
    yield Check("config", "ok", True,
                f"{config_path or 'configuration'}: kiosk {kiosk.id}, {kiosk.hall_name}")
    for problem in environment_problems(config):
        yield Check("files", "fail", True, f"{problem}: copy it there or fix the path")
    yield _state_dir(kiosk.state_dir)
    with tempfile.TemporaryDirectory(prefix="kiosk-doctor-") as scratch:
        scratch_dir = Path(scratch)
        yield _printer(config, scratch_dir)
        yield _reader(config)
        yield _camera(config)
        yield _page_model()
        yield from _platform(config, scratch_dir, simulate)
    yield _outbox(kiosk.state_dir)
    yield _disk(kiosk.state_dir)
    yield _metrics(config)


def _guard(name: str, required: bool, fn: Callable[[], Check]) -> Check:
    try:
        return fn()
    except Exception as exc:  # a check that breaks says so and the others go on
        return Check(name, "fail", required, f"the check itself failed: {exc}")


def _state_dir(path: Path) -> Check:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check("state", "fail", True,
                     f"{path} is not writable ({exc.strerror}): chown it to the kiosk's user",
                     "数据目录不可写")
    return Check("state", "ok", True, f"{path} writable")


def _printer(config: KioskConfig, scratch: Path) -> Check:
    def check() -> Check:
        from kiosk.fonts import find_fonts
        from kiosk.technician.checks import check_printer

        url = config.devices.printer
        fonts = find_fonts(config.kiosk.font, config.kiosk.state_dir / "fonts")
        result = check_printer(url, fonts=fonts, sim_dir=scratch / "printer-sim")
        status = "ok" if result.ok and not result.warning else ("warn" if result.ok else "fail")
        return Check("printer", status, True, f"{url}: {result.message_en}", result.message_zh)
    return _guard("printer", True, check)


def _reader(config: KioskConfig) -> Check:
    def check() -> Check:
        from kiosk.technician.checks import check_reader

        url = config.devices.id_reader
        result = check_reader(url)
        return Check("id_reader", "ok" if result.ok else "fail", True,
                     f"{url}: {result.message_en}", result.message_zh)
    return _guard("id_reader", True, check)


def _camera(config: KioskConfig) -> Check:
    def check() -> Check:
        from kiosk.scanning.check import check_camera

        url = config.devices.camera
        result = check_camera(url)
        status = "ok" if result.ok and not result.warning else ("warn" if result.ok else "fail")
        # Not required: a kiosk without its camera still gives numbers and prints.
        return Check("camera", status, False, f"{url}: {result.message_en}", result.message_zh)
    return _guard("camera", False, check)


def _page_model() -> Check:
    def check() -> Check:
        from kiosk.scanning.check import check_page_model

        result = check_page_model()
        # Not required: without it pages are still found on their edges alone.
        return Check("page_model", "ok" if result.ok else "fail", False, result.message_en,
                     result.message_zh)
    return _guard("page_model", False, check)


def _platform(config: KioskConfig, scratch: Path, simulate: bool) -> Iterator[Check]:
    with _platform_target(config, scratch, simulate) as target:
        if target is None:
            yield Check("platform", "warn", False,
                        "embedded reference platform: this kiosk is not linked to a county "
                        "platform yet (set platform.url and the key)", "未接入县级政务平台")
            return
        url, credentials = target
        from kiosk.technician.platform_check import check_platform

        ca = str(config.platform.ca_bundle) if config.platform.ca_bundle else None
        try:
            result = check_platform(url, credentials, ca_bundle=ca,
                                    timeout=config.platform.connect_timeout_s + 2)
        except Exception as exc:
            yield Check("platform", "fail", True, f"{url}: the check failed: {exc}")
            return
    if not result.reachable:
        yield Check("platform", "fail", True, "; ".join(result.problems_en),
                    "；".join(result.problems_zh))
        return
    yield Check("platform", "ok", True, f"{url} reachable (platform {result.platform_version})")
    if result.signature_ok:
        yield Check("signature", "ok", True, f"kiosk {config.kiosk.id} accepted")
    else:
        yield Check("signature", "fail", True, "; ".join(result.problems_en[-1:]),
                    "；".join(result.problems_zh[-1:]))
    skew = result.clock_skew_s or 0.0
    if result.clock_off:
        yield Check("clock", "fail", True, f"{skew:+.0f} s off the platform's clock: set it "
                    "(timedatectl set-ntp true)", "本机时钟不准，请校准")
    elif abs(skew) > 30:
        yield Check("clock", "warn", False, f"{skew:+.0f} s off the platform's clock: turn on "
                    "time synchronisation (timedatectl set-ntp true)")
    else:
        yield Check("clock", "ok", False, f"{skew:+.1f} s from the platform's clock")


@contextmanager
def _platform_target(config: KioskConfig, scratch: Path, simulate: bool) -> Iterator[Any]:
    """(url, credentials) to check; with --simulate an embedded platform in `scratch`."""
    from kiosk.platform.client import Credentials
    from kiosk.platform.crypto import read_secret_file

    settings = config.platform
    if settings.url == "embedded" and not simulate:
        yield None
        return
    if simulate or settings.url == "embedded":
        from kiosk.platform.embedded import EmbeddedPlatform

        embedded = EmbeddedPlatform(scratch, config.kiosk.id, config.kiosk.hall_name)
        try:
            yield embedded.start()
        finally:
            embedded.stop()
        return
    if settings.kiosk_key is not None:
        key = settings.kiosk_key.get_secret_value()
    else:
        assert settings.kiosk_key_file is not None
        key = read_secret_file(settings.kiosk_key_file)
    yield settings.url, Credentials(config.kiosk.id, key.encode())


def _outbox(state_dir: Path) -> Check:
    path = state_dir / "platform" / "kiosk.sqlite"
    if not path.exists():
        return Check("outbox", "ok", False, "empty (no outbox yet)")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            depth, oldest = conn.execute("SELECT count(*), min(created_at) FROM outbox"
                                         ).fetchone()
            dead = conn.execute("SELECT count(*) FROM outbox_dead").fetchone()[0]
    except sqlite3.Error as exc:
        return Check("outbox", "fail", True, f"{path} cannot be read: {exc}")
    age = time.time() - oldest if oldest else 0.0
    text = f"{depth} waiting" + (f", oldest {age / 60:.0f} min" if depth else "")
    if dead:
        return Check("outbox", "warn", False, f"{text}; {dead} refused by the platform: see the "
                     "log, fix the cause, then retry them from the technician screen",
                     "有被平台拒收的待发送项")
    if depth and age > OUTBOX_OLD_S:
        return Check("outbox", "warn", False, f"{text}: the platform has not taken them for "
                     "over an hour; check the platform line", "待发送项积压")
    return Check("outbox", "ok", False, text)


def _disk(state_dir: Path) -> Check:
    try:
        usage = shutil.disk_usage(state_dir)
    except OSError as exc:
        return Check("disk", "fail", True, f"{state_dir}: {exc.strerror}")
    free_mb = usage.free // (1024 * 1024)
    if free_mb < MIN_FREE_MB:
        return Check("disk", "fail", True, f"{free_mb} MB free on {state_dir}: free some space "
                     "(old logs, printer-sim pictures)", "磁盘空间不足")
    if free_mb < WARN_FREE_MB:
        return Check("disk", "warn", False, f"{free_mb} MB free on {state_dir}: clean up soon")
    return Check("disk", "ok", True, f"{free_mb} MB free on {state_dir}")


def _metrics(config: KioskConfig) -> Check:
    import socket

    from kiosk.monitoring.exporter import address_file, split_listen

    monitoring = config.monitoring
    if not monitoring.metrics_enabled:
        return Check("metrics", "ok", False, "metrics turned off (monitoring.metrics_enabled)")
    served = address_file(config.kiosk.state_dir)
    if served.exists():
        return Check("metrics", "ok", False, f"served by the running kiosk on "
                     f"{served.read_text().strip()}")
    host, port = split_listen(monitoring.metrics_listen)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            return Check("metrics", "warn", False, f"{monitoring.metrics_listen} is taken "
                         f"({exc.strerror}) and the kiosk is not serving there: choose another "
                         "port (monitoring.metrics_listen)")
    return Check("metrics", "ok", False, f"{monitoring.metrics_listen} free for the kiosk's "
                 "metrics (the kiosk is not running)")

