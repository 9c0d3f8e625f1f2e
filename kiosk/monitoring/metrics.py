"""The kiosk's Prometheus metrics and the small API the rest of the kiosk counts through.

Screens and services call these methods from any thread (they only touch prometheus_client's
thread-safe values):

    core.metrics.ticket_issued("zhsl", offline=False)
    core.metrics.application_submitted(sent=True)
    core.metrics.evaluation("very_satisfied")
    core.metrics.idle_wipe()            # counted for you from the session manager
    core.metrics.receipt_printed("ticket")

Device states, the printer's paper, the outbox and idle wipes are read when Prometheus scrapes
(`bind`), so nobody has to remember to update them. Every metric lives in the kiosk's own
registry (not prometheus_client's global one), so tests and several kiosks in one process do
not collide. Label values come from small fixed sets; never anything personal.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.health import HealthBoard, Level, Role

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

log = logging.getLogger(__name__)

# Reasons each device may report, as states a dashboard can count; anything else is "other".
PAPER_STATES = ("ok", "near_end", "out", "unknown")
_PAPER_OF_REASON = {"ready": "ok", "simulated": "ok", "paper_low": "near_end",
                    "paper_out": "out"}
LEVEL_VALUE = {Level.OK: 0, Level.WARNING: 1, Level.ERROR: 2, Level.UNKNOWN: 3}
GRADES = ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied")
FRAME_BUCKETS = (0.008, 0.017, 0.025, 0.034, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
REQUEST_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_ID_SEGMENT = re.compile(r"\d|^[A-Za-z0-9_-]{20,}$")


def endpoint_of(path: str) -> str:
    """`/api/v1/tickets/t8f3.../print-state` → `/api/v1/tickets/{id}/print-state`, so every
    ticket does not become a time series of its own."""
    parts = [("{id}" if i > 2 and _ID_SEGMENT.search(part) else part)
             for i, part in enumerate(path.split("/"))]
    return "/".join(parts)


class KioskMetrics:
    """Every metric of one kiosk, in a registry of its own.

    Building it imports nothing heavy: prometheus_client (about 0.1 s) is imported by
    `realize()`, which `core.monitoring` calls on its own thread after the first frame. What is
    counted before that is kept and counted then; frame times before it are not kept."""

    def __init__(self, kiosk_id: str, hall_name: str = "") -> None:
        self.kiosk_id = kiosk_id
        self.hall_name = hall_name
        self.registry: CollectorRegistry | None = None
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._pending: list[tuple[str, tuple[Any, ...]]] = []
        self._live = None  # the scrape-time collector, once realized
        self._binding: dict[str, Any] = {}

    def realize(self) -> CollectorRegistry:
        """Create the metrics (once) and count what waited for them."""
        with self._lock:
            if self.registry is not None:
                return self.registry
            self._create()
            pending, self._pending = self._pending, []
        for name, args in pending:
            getattr(self, "_" + name)(*args)
        assert self.registry is not None
        return self.registry

    def _create(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

        r = CollectorRegistry()
        build = Info("kiosk_build", "Version of the kiosk software", registry=r)
        build.info({"version": __version__, "kiosk_id": self.kiosk_id, "hall": self.hall_name})
        self.up_since = Gauge("kiosk_start_time_seconds", "When the kiosk started (epoch s)",
                              registry=r)
        self.up_since.set_to_current_time()
        self.tickets = Counter("kiosk_tickets_issued", "Queue tickets issued",
                               ["category", "mode"], registry=r)
        self.applications = Counter("kiosk_applications_submitted",
                                    "Applications handed to the platform", ["delivery"],
                                    registry=r)
        self.evaluations = Counter("kiosk_evaluations", "好差评 given, by grade", ["grade"],
                                   registry=r)
        for grade in GRADES:  # shown as 0 from the start, so rates and dashboards work
            self.evaluations.labels(grade=grade)
        for delivery in ("sent", "queued"):
            self.applications.labels(delivery=delivery)
        self.receipts = Counter("kiosk_receipts_printed", "Receipts the printer confirmed",
                                ["kind"], registry=r)
        self.platform_seconds = Histogram(
            "kiosk_platform_request_seconds", "Time for one request to the county platform",
            ["method", "endpoint"], buckets=REQUEST_BUCKETS, registry=r)
        self.platform_errors = Counter(
            "kiosk_platform_errors", "Platform requests that failed, by error code",
            ["code"], registry=r)
        self.frame_seconds = Histogram("kiosk_ui_frame_seconds",
                                       "Time between two frames of the kiosk's screen",
                                       buckets=FRAME_BUCKETS, registry=r)
        self.heartbeat_ok = Gauge("kiosk_heartbeat_last_success_time_seconds",
                                  "When the platform last acknowledged a heartbeat (epoch s)",
                                  registry=r)
        self.heartbeat_failures = Counter("kiosk_heartbeat_failures",
                                          "Heartbeats the platform did not acknowledge",
                                          registry=r)
        self.commands = Counter("kiosk_remote_commands", "Commands from the platform carried out",
                                ["kind", "outcome"], registry=r)
        live = _live_collector()
        for name, value in self._binding.items():
            setattr(live, name, value)
        r.register(live)
        self._live = live
        self.registry = r

    def _record(self, name: str, *args: Any) -> bool:
        """True when the metrics exist; else keep the call for `realize`."""
        if self.registry is not None:
            return True
        with self._lock:
            if self.registry is None:
                if len(self._pending) < 10_000:
                    self._pending.append((name, args))
                return False
        return True

    # the API other parts of the kiosk call ---------------------------------------------------

    def ticket_issued(self, category: str, *, offline: bool = False) -> None:
        self._count("tickets_issued")
        if self._record("ticket_issued", category, offline):
            self._ticket_issued(category, offline)

    def _ticket_issued(self, category: str, offline: bool) -> None:
        self.tickets.labels(category=_label(category),
                            mode="offline" if offline else "online").inc()

    def application_submitted(self, *, sent: bool) -> None:
        """`sent`: the platform answered at once; else it waits in the outbox."""
        self._count("applications_submitted")
        if self._record("application_submitted", sent):
            self._application_submitted(sent)

    def _application_submitted(self, sent: bool) -> None:
        self.applications.labels(delivery="sent" if sent else "queued").inc()

    def evaluation(self, grade: str) -> None:
        """One 好差评, by `EvaluationGrade` value (very_satisfied ... very_dissatisfied)."""
        grade = grade if grade in GRADES else "other"
        self._count("evaluations")
        self._count(f"evaluations_{grade}")
        if self._record("evaluation", grade):
            self._evaluation(grade)

    def _evaluation(self, grade: str) -> None:
        self.evaluations.labels(grade=grade).inc()

    def receipt_printed(self, kind: str) -> None:
        self._count("receipts_printed")
        if self._record("receipt_printed", kind):
            self._receipt_printed(kind)

    def _receipt_printed(self, kind: str) -> None:
        self.receipts.labels(kind=_label(kind)).inc()

    def platform_request(self, method: str, path: str, seconds: float, code: str) -> None:
        """One request to the platform: `code` is "ok" or why it failed (the platform's error
        code, `unreachable`, `tls_error`, `http_503`, ...)."""
        if code != "ok":
            self._count("platform_errors")
        if self._record("platform_request", method, path, seconds, code):
            self._platform_request(method, path, seconds, code)

    def _platform_request(self, method: str, path: str, seconds: float, code: str) -> None:
        self.platform_seconds.labels(method=method, endpoint=endpoint_of(path)).observe(seconds)
        if code != "ok":
            self.platform_errors.labels(code=_label(code)).inc()

    def frame(self, seconds: float) -> None:
        """The time since the previous frame (from the app shell's clock)."""
        if self.registry is not None:
            self.frame_seconds.observe(seconds)

    def heartbeat_delivered(self, at: float) -> None:
        if self._record("heartbeat_delivered", at):
            self._heartbeat_delivered(at)

    def _heartbeat_delivered(self, at: float) -> None:
        self.heartbeat_ok.set(at)

    def heartbeat_failed(self) -> None:
        if self._record("heartbeat_failed"):
            self._heartbeat_failed()

    def _heartbeat_failed(self) -> None:
        self.heartbeat_failures.inc()

    def command_done(self, kind: str, ok: bool) -> None:
        if self._record("command_done", kind, ok):
            self._command_done(kind, ok)

    def _command_done(self, kind: str, ok: bool) -> None:
        self.commands.labels(kind=kind, outcome="ok" if ok else "failed").inc()

    def counters(self) -> dict[str, int]:
        """Totals since start for the heartbeat (`Heartbeat.counters`)."""
        with self._lock:
            counts = dict(self._counts)
        idle = self._binding.get("idle_wipes")
        counts["idle_wipes"] = int(idle()) if idle else 0
        return counts

    def _count(self, name: str) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + 1

    # what is read at scrape time ---------------------------------------------------------------

    def bind(self, *, health: HealthBoard, idle_wipes: Callable[[], int],
             outbox: Callable[[], Any | None]) -> None:
        """Read device states, idle wipes and the outbox from these when scraped."""
        self._binding = {"health": health, "idle_wipes": idle_wipes, "outbox": outbox}
        if self._live is not None:
            for name, value in self._binding.items():
                setattr(self._live, name, value)


def _label(value: str) -> str:
    """A label value from a code: short, plain characters only."""
    cleaned = re.sub(r"[^A-Za-z0-9_.:-]", "_", value)[:40]
    return cleaned or "none"


def _live_collector() -> Any:
    from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
    from prometheus_client.registry import Collector

    class LiveCollector(Collector):
        """Gauges computed from the kiosk's state at each scrape."""

        def __init__(self) -> None:
            self.health: HealthBoard | None = None
            self.idle_wipes: Callable[[], int] = lambda: 0
            self.outbox: Callable[[], Any | None] = lambda: None

        def describe(self) -> Iterable[Any]:
            return []  # computed at collect time; nothing to check at registration

        def collect(self) -> Iterable[Any]:
            yield from self._devices()
            yield CounterMetricFamily("kiosk_idle_wipes", "Citizen sessions wiped by the idle "
                                      "timeout", value=float(self.idle_wipes()))
            yield from self._outbox()

        def _devices(self) -> Iterable[Any]:
            if self.health is None:
                return
            snapshot = self.health.snapshot()
            up = GaugeMetricFamily("kiosk_device_up",
                                   "1 when the device works (level ok or warning)", labels=["role"])
            level = GaugeMetricFamily("kiosk_device_level",
                                      "0 ok, 1 warning, 2 error, 3 unknown", labels=["role"])
            state = GaugeMetricFamily("kiosk_device_state",
                                      "1 for the device's current reason code",
                                      labels=["role", "reason"])
            for role, health in snapshot.items():
                works = health.level in (Level.OK, Level.WARNING)
                up.add_metric([role.value], 1.0 if works else 0.0)
                level.add_metric([role.value], float(LEVEL_VALUE[health.level]))
                state.add_metric([role.value, _label(health.reason)], 1.0)
            yield up
            yield level
            yield state
            paper = GaugeMetricFamily("kiosk_printer_paper",
                                      "1 for the printer's paper state: ok, near_end, out, unknown",
                                      labels=["state"])
            current = _PAPER_OF_REASON.get(snapshot[Role.PRINTER].reason, "unknown")
            for name in PAPER_STATES:
                paper.add_metric([name], 1.0 if name == current else 0.0)
            yield paper

        def _outbox(self) -> Iterable[Any]:
            try:
                stats = self.outbox()
            except Exception as exc:  # the platform link may still be starting
                log.debug("outbox not readable for metrics: %s", exc)
                stats = None
            if stats is None:
                return
            yield GaugeMetricFamily("kiosk_outbox_depth", "Writes waiting for the platform",
                                    value=float(stats.depth))
            yield GaugeMetricFamily("kiosk_outbox_oldest_age_seconds",
                                    "Age of the oldest write waiting for the platform",
                                    value=float(stats.oldest_age_s))
            yield GaugeMetricFamily("kiosk_outbox_dead", "Writes the platform refused for good",
                                    value=float(stats.dead))

    return LiveCollector()
