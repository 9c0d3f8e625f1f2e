"""The metrics endpoint: prometheus_client's HTTP server on `monitoring.metrics_listen`.

Bound to 127.0.0.1 by default (Prometheus on the kiosk, or an SSH tunnel, or node exporter's
textfile route); a county that scrapes kiosks over its network sets e.g. "0.0.0.0:9108" and
firewalls it. A port already taken does not stop the kiosk: it is logged and `kiosk doctor`
says so. The address actually bound (port 0 picks a free one, for tests) is written to
`state_dir/run/metrics.address`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kiosk.monitoring.metrics import KioskMetrics

log = logging.getLogger(__name__)


def split_listen(listen: str) -> tuple[str, int]:
    host, _, port = listen.rpartition(":")
    return host.strip("[]"), int(port)


def address_file(state_dir: Path) -> Path:
    return state_dir / "run" / "metrics.address"


class MetricsExporter:
    def __init__(self, metrics: KioskMetrics, listen: str, state_dir: Path) -> None:
        self.metrics = metrics
        self.listen = listen
        self.state_dir = state_dir
        self.address: str | None = None
        self.error: str | None = None
        self._server: Any = None

    def start(self) -> None:
        from prometheus_client import start_http_server

        host, port = split_listen(self.listen)
        try:
            self._server, _thread = start_http_server(port, host,
                                                      registry=self.metrics.realize())
        except OSError as exc:
            self.error = f"cannot listen on {self.listen}: {exc.strerror or exc}"
            log.error("metrics not served: %s", self.error)
            return
        bound = self._server.server_address
        self.address = f"{bound[0]}:{bound[1]}" if ":" not in bound[0] \
            else f"[{bound[0]}]:{bound[1]}"
        path = address_file(self.state_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.address + "\n", encoding="utf-8")
        log.info("metrics served", extra={"address": self.address})

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
            address_file(self.state_dir).unlink(missing_ok=True)
