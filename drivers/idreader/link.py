"""The wire to the reader: a serial port (through pyserial) or a TCP serial server.

A `Link` writes bytes and hands back whatever arrived within a timeout. Library and OS
errors become `DeviceOffline` (or `ReaderMissing` when the port does not exist) here, at the
boundary, so the protocol above never sees a `SerialException` or an `OSError`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
from typing import Protocol

import serial

from drivers.errors import DeviceOffline
from drivers.idreader.errors import ReaderMissing

# The rates ID card readers are set to, most common first (GA 467: 115200 by default).
USUAL_BAUDRATES = (115200, 57600, 38400, 19200, 9600)
DEFAULT_BAUDRATE = 115200
WRITE_TIMEOUT_S = 2.0


class Link(Protocol):
    name: str
    bytes_out: int
    bytes_in: int

    @property
    def baudrate(self) -> int | None: ...

    def set_baudrate(self, rate: int) -> None: ...

    def write(self, data: bytes) -> None: ...

    def read(self, timeout: float) -> bytes: ...

    def discard_input(self) -> None: ...

    def close(self) -> None: ...


def _offline(what: str, exc: BaseException) -> DeviceOffline:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return DeviceOffline(f"ID card reader at {what}: {reason}",
                         message_zh=f"读卡器（{what}）连接中断：{reason}")


class SerialLink:
    """A serial or USB-serial port, 8N1, opened for this process alone."""

    def __init__(self, path: str, baudrate: int = DEFAULT_BAUDRATE) -> None:
        self.name = path
        self.bytes_out = 0
        self.bytes_in = 0
        if not os.path.exists(path):
            raise ReaderMissing(f"ID card reader port {path} does not exist",
                                message_zh=f"读卡器串口 {path} 不存在，请检查连接线")
        try:
            # timeout=0: reads return at once with what is there; `read` waits with select.
            self._port = serial.Serial(path, baudrate, timeout=0, write_timeout=WRITE_TIMEOUT_S,
                                       exclusive=True)
        except (serial.SerialException, OSError, ValueError) as exc:
            cause = exc.__context__ or exc
            if isinstance(cause, OSError) and cause.errno == errno.ENOENT:
                raise ReaderMissing(f"ID card reader port {path} does not exist",
                                    message_zh=f"读卡器串口 {path} 不存在，请检查连接线") from exc
            raise _offline(path, exc) from exc

    @property
    def baudrate(self) -> int | None:
        return int(self._port.baudrate)

    def set_baudrate(self, rate: int) -> None:
        try:
            self._port.baudrate = rate
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _offline(self.name, exc) from exc

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
        except (serial.SerialException, OSError) as exc:
            raise _offline(self.name, exc) from exc
        self.bytes_out += len(data)

    def read(self, timeout: float) -> bytes:
        try:
            ready, _, _ = select.select([self._port.fileno()], [], [], max(0.0, timeout))
            if not ready:
                return b""
            data = self._port.read(4096)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _offline(self.name, exc) from exc
        self.bytes_in += len(data)
        return data

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except (serial.SerialException, OSError) as exc:
            raise _offline(self.name, exc) from exc

    def close(self) -> None:
        # Closing a port that has gone away: nothing left to do.
        with contextlib.suppress(serial.SerialException, OSError):
            self._port.close()


class TcpLink:
    """A reader behind a serial device server (raw TCP, e.g. a Moxa NPort)."""

    def __init__(self, host: str, port: int, connect_timeout: float = 3.0) -> None:
        self.name = f"{host}:{port}"
        self.bytes_out = 0
        self.bytes_in = 0
        try:
            self._sock = socket.create_connection((host, port), timeout=connect_timeout)
        except OSError as exc:
            raise _offline(self.name, exc) from exc
        self._sock.settimeout(WRITE_TIMEOUT_S)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    @property
    def baudrate(self) -> int | None:
        return None  # the device server's line speed is set on the server

    def set_baudrate(self, rate: int) -> None:
        raise DeviceOffline("the line speed of a TCP serial server is set on the server",
                            message_zh="TCP 串口服务器的波特率须在服务器上设置")

    def write(self, data: bytes) -> None:
        try:
            self._sock.sendall(data)
        except OSError as exc:
            raise _offline(self.name, exc) from exc
        self.bytes_out += len(data)

    def read(self, timeout: float) -> bytes:
        try:
            ready, _, _ = select.select([self._sock], [], [], max(0.0, timeout))
            if not ready:
                return b""
            data = self._sock.recv(4096)
        except OSError as exc:
            raise _offline(self.name, exc) from exc
        if not data:
            raise DeviceOffline(f"ID card reader at {self.name} closed the connection",
                                message_zh=f"读卡器（{self.name}）断开了连接")
        self.bytes_in += len(data)
        return data

    def discard_input(self) -> None:
        while self.read(0):
            pass

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()
