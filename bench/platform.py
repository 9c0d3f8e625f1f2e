"""Throughput of the reference platform, and of the kiosk's durable outbox.

The server runs as `kiosk platform serve` in its own process (SQLite, loopback). Eight client
processes, each a registered kiosk with one keep-alive connection, issue signed tickets with
idempotency keys as fast as the server answers. The baseline, in the same run with the same
clients, is the server's unauthenticated `/api/v1/health`: what uvicorn and FastAPI cost
before signatures, idempotency and the database. The outbox figure is durable enqueues
(encrypted, WAL, synchronous=FULL) against bare SQLite inserts committed the same way.

One JSON line:

    {"tickets_per_s": ..., "p50_ms": ..., "p99_ms": ..., "outbox_enqueues_per_s": ..., ...}

Target: at least 1,000 tickets per second on a 2-core machine.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import re
import secrets
import sqlite3
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

from kiosk.platform import signing  # noqa: E402

CLIENTS = 8
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
PER_CLIENT = int(os.environ.get("BENCH_TICKETS", "1000"))
OUTBOX_ITEMS = int(os.environ.get("BENCH_OUTBOX", "500"))
# BENCH_PROFILE=FILE: profile the server with cProfile into FILE (for finding its hot spots).
PROFILE = (["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]]
           if os.environ.get("BENCH_PROFILE") else [])


def start_server(folder: Path) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [sys.executable, *PROFILE, "-m", "kiosk", "platform", "serve", "--db",
         f"sqlite:///{folder / 'bench.sqlite'}", "--port", "0", "--always-open",
         "--workers", str(WORKERS),
         "--log-level", "warning"],
        cwd=REPO, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        match = re.search(r"listening on [\d.]+:(\d+)", line)
        if match:
            return process, int(match.group(1))
        if not line and process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("the platform did not start")


def register(port: int, kiosk_id: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/api/v1/admin/kiosks", json.dumps({"kiosk_id": kiosk_id}),
                 {"Content-Type": "application/json"})
    return json.loads(conn.getresponse().read())["secret_key"]


def client(port: int, kiosk_id: str, key: str, count: int, signed: bool, start, out) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    body = json.dumps({"category_id": "zhsl"}).encode()
    latencies = []
    start.wait()
    for _ in range(count):
        began = time.perf_counter()
        if signed:
            headers = signing.sign_headers(kiosk_id, key.encode(), "POST", "/api/v1/tickets",
                                           "", body)
            headers["Idempotency-Key"] = secrets.token_urlsafe(12)
            headers["Content-Type"] = "application/json"
            conn.request("POST", "/api/v1/tickets", body, headers)
        else:
            conn.request("GET", "/api/v1/health")
        response = conn.getresponse()
        response.read()
        if response.status >= 300:
            raise RuntimeError(f"status {response.status}")
        latencies.append(time.perf_counter() - began)
    out.put(latencies)


def run_clients(port: int, kiosks: list[tuple[str, str]], count: int, signed: bool
                ) -> tuple[float, list[float]]:
    start = multiprocessing.Event()
    out: multiprocessing.Queue = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=client, args=(port, k, s, count, signed, start,
                                                            out)) for k, s in kiosks]
    for worker in workers:
        worker.start()
    time.sleep(0.3)
    began = time.perf_counter()
    start.set()
    latencies = [x for _ in workers for x in out.get(timeout=300)]
    elapsed = time.perf_counter() - began
    for worker in workers:
        worker.join()
    return len(latencies) / elapsed, sorted(latencies)


def outbox_rates(folder: Path) -> tuple[float, float]:
    from kiosk.platform.crypto import PayloadCipher
    from kiosk.platform.localdb import LocalDB
    from kiosk.platform.outbox import Outbox

    outbox = Outbox(LocalDB(folder / "outbox.sqlite"), PayloadCipher(secrets.token_bytes(32)))
    payload = json.dumps({"category_id": "zhsl", "id_number": "42062619520315151X"}).encode()
    began = time.perf_counter()
    for i in range(OUTBOX_ITEMS):
        outbox.enqueue("ticket", "POST", "/api/v1/tickets", payload, f"bench-{i:08d}")
    enqueues = OUTBOX_ITEMS / (time.perf_counter() - began)
    bare = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
    began = time.perf_counter()
    for _ in range(OUTBOX_ITEMS):
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO t (body) VALUES (?)", (payload,))
        bare.execute("COMMIT")
    return enqueues, OUTBOX_ITEMS / (time.perf_counter() - began)


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(len(values) * fraction))] * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server, port = start_server(folder)
        try:
            kiosks = [(f"BENCH-{n:03d}", register(port, f"BENCH-{n:03d}"))
                      for n in range(CLIENTS)]
            run_clients(port, kiosks, 50, True)  # warm up
            health_rate, _ = run_clients(port, kiosks, PER_CLIENT, False)
            ticket_rate, latencies = run_clients(port, kiosks, PER_CLIENT, True)
        finally:
            server.terminate()
            server.wait(10)
        enqueues, bare_commits = outbox_rates(folder)
    print(json.dumps({
        "tickets_per_s": round(ticket_rate, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "outbox_enqueues_per_s": round(enqueues, 1),
        "baseline_health_per_s": round(health_rate, 1),
        "ratio_to_baseline": round(ticket_rate / health_rate, 3),
        "outbox_baseline_commits_per_s": round(bare_commits, 1),
        "outbox_ratio": round(enqueues / bare_commits, 3),
        "clients": CLIENTS, "tickets": CLIENTS * PER_CLIENT,
        "target_tickets_per_s": 1000,
    }))


if __name__ == "__main__":
    main()
