"""The simulated reader's end of the wire: a pty pair, or a TCP socket, that can be unplugged.

`PtyPort` makes a pseudo-terminal; the driver opens its slave side like any serial port, by a
stable link path (as udev's /dev/serial/by-id links are stable across replugs). The line speed
the driver set is visible here through the shared termios settings, so a reader fixed at one
speed can ignore a driver talking at another, as a real one would.

`TcpPort` listens like a serial device server and serves one connection at a time.
"""

from __future__ import annotations

import contextlib
import os
import socket
import termios
import tty
from pathlib import Path

_SPEEDS = {getattr(termios, f"B{rate}"): rate for rate in (
    1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)}


class PtyPort:
    kind = "pty"

    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self.master: int | None = None
        self.slave: int | None = None
        self.path = ""
        self.plug()

    @property
    def plugged(self) -> bool:
        return self.master is not None

    @property
    def device_url(self) -> str:
        return f"serial://{self.link or self.path}"

    def plug(self) -> None:
        if self.plugged:
            return
        master, slave = os.openpty()
        # Raw from the start: the driver's own settings come when it opens the port, and a
        # cooked pty would echo the driver's commands back to it in the meantime.
        tty.setraw(slave)
        os.set_blocking(master, False)
        self.master, self.slave = master, slave
        self.path = os.ttyname(slave)
        if self.link is not None:
            temporary = self.link.with_name(self.link.name + ".new")
            temporary.unlink(missing_ok=True)
            os.symlink(self.path, temporary)
            os.replace(temporary, self.link)

    def unplug(self) -> None:
        """Close both sides and take the link away: the driver's port reports an I/O error."""
        if self.link is not None:
            self.link.unlink(missing_ok=True)
        for fd in (self.master, self.slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.master = self.slave = None

    def read_fds(self) -> list[int]:
        return [self.master] if self.master is not None else []

    def on_readable(self, fd: int) -> bytes:
        assert self.master is not None
        try:
            return os.read(self.master, 4096)
        except (BlockingIOError, InterruptedError):
            return b""
        except OSError:
            return b""  # EIO while nobody has the slave open: nothing to read

    def write(self, data: bytes) -> int:
        if self.master is None:
            return len(data)  # unplugged: the bytes go nowhere
        try:
            return os.write(self.master, data)
        except (BlockingIOError, InterruptedError):
            return 0

    def line_baudrate(self) -> int | None:
        """The speed the driver set on its side, or None when it cannot be told."""
        if self.slave is None:
            return None
        try:
            return _SPEEDS.get(termios.tcgetattr(self.slave)[5])
        except termios.error:
            return None

    def close(self) -> None:
        self.unplug()


class TcpPort:
    kind = "tcp"

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.listener: socket.socket | None = None
        self.client: socket.socket | None = None
        self.connections = 0
        self.plug()

    @property
    def plugged(self) -> bool:
        return self.listener is not None

    @property
    def device_url(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def plug(self) -> None:
        if self.plugged:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(1)
        listener.setblocking(False)
        self.port = listener.getsockname()[1]  # port 0 asked for any free one
        self.listener = listener

    def unplug(self) -> None:
        for sock in (self.client, self.listener):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()
        self.client = self.listener = None

    def read_fds(self) -> list[int]:
        return [s.fileno() for s in (self.listener, self.client) if s is not None]

    def on_readable(self, fd: int) -> bytes:
        if self.listener is not None and fd == self.listener.fileno():
            try:
                conn, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return b""
            if self.client is not None:  # a serial line has one other end
                conn.close()
                return b""
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.setblocking(False)
            self.client = conn
            self.connections += 1
            return b""
        if self.client is None:
            return b""
        try:
            data = self.client.recv(4096)
        except (BlockingIOError, InterruptedError):
            return b""
        except OSError:
            data = b""
        if not data:
            self.client.close()
            self.client = None
        return data

    def write(self, data: bytes) -> int:
        if self.client is None:
            return len(data)
        try:
            return self.client.send(data)
        except (BlockingIOError, InterruptedError):
            return 0
        except OSError:
            return len(data)

    def line_baudrate(self) -> int | None:
        return None

    def close(self) -> None:
        self.unplug()
