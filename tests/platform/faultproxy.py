"""A fault-injecting HTTP proxy on loopback, between the kiosk and the platform.

Each request gets a fault drawn by `choose()`: pass it on, delay it, reset the connection
before forwarding, reset it after the platform did the work (the kiosk never hears the
answer), answer 503 itself, or swallow it (a black hole, until the kiosk's read timeout).
`flapping` periods refuse everything. One request per connection, so a fault hits exactly one.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable

FAULTS = ("pass", "delay", "reset_before", "reset_after", "http_503", "blackhole")


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    # One request per connection: tell both sides to close afterwards.
    head = b"\r\n".join(line for line in head.split(b"\r\n")
                        if not line.lower().startswith(b"connection:"))
    return head + b"\r\nConnection: close\r\n\r\n" + body


def _read_response(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


class FaultProxy:
    def __init__(self, target: tuple[str, int], choose: Callable[[], str] | None = None,
                 *, delay_s: float = 0.05, seed: int = 1) -> None:
        self.target = target
        self.rng = random.Random(seed)
        self.choose = choose or (lambda: "pass")
        self.delay_s = delay_s
        self.flapping_until = 0.0
        self.down = False
        self.counts: Counter[str] = Counter()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(256)
        self.port = self._sock.getsockname()[1]
        self._closing = False
        threading.Thread(target=self._accept, daemon=True, name="fault-proxy").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closing = True
        self._sock.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            if self.down or time.monotonic() < self.flapping_until:
                self.counts["down"] += 1
                _reset(conn)
                return
            request = _read_request(conn)
            if request is None:
                conn.close()
                return
            fault = self.choose()
            self.counts[fault] += 1
            if fault == "reset_before":
                _reset(conn)
                return
            if fault == "http_503":
                conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")
                conn.close()
                return
            if fault == "blackhole":
                time.sleep(2.0)  # longer than the kiosk's read timeout in these tests
                _reset(conn)
                return
            if fault == "delay":
                time.sleep(self.delay_s)
            with socket.create_connection(self.target, timeout=10) as upstream:
                upstream.sendall(request)
                response = _read_response(upstream)
            if fault == "reset_after":
                _reset(conn)
                return
            conn.sendall(response)
            conn.close()
        except OSError:
            conn.close()

    def flap(self, seconds: float) -> None:
        self.flapping_until = time.monotonic() + seconds


def mixed_faults(rng: random.Random, weights: dict[str, float]) -> Callable[[], str]:
    names, values = zip(*weights.items(), strict=True)
    return lambda: rng.choices(names, values)[0]
