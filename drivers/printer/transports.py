"""The links to a printer, each a python-escpos printer class with a deadline on every call.

python-escpos's classes open the device and send with `_raw`, but some of their calls can wait
for ever: `Serial` sets no write timeout and flushes (tcdrain) on close, `File` opens a
blocking file, `Usb` reads with the library's default timeout. Here each gets:

    write(data, timeout)   all of `data` within `timeout` seconds, or TimeoutError
    read(size, timeout)    up to `size` bytes that arrive within `timeout` (b"" if none)
    drain()                drop whatever the printer sent that nobody asked for

and OSError (ConnectionError for a closed link) when the device goes away. The driver turns
these into `PrinterOffline` and friends.
"""

from __future__ import annotations

import os
import select
import socket
import stat
import time
from typing import Any, Protocol

from drivers.printer.escpos_lib import escpos_modules
from drivers.url import DeviceURL


class Transport(Protocol):
    description: str
    readable: bool

    def open(self) -> None: ...
    def write(self, data: bytes, timeout: float) -> None: ...
    def read(self, size: int, timeout: float) -> bytes: ...
    def drain(self) -> None: ...
    def close(self) -> None: ...


def make_transport(url: DeviceURL, *, write_timeout: float, flow: str = "none") -> Transport:
    """The transport for `url` (usb, serial, tcp or file), not yet open."""
    printer, _ = escpos_modules()
    kinds = _transport_classes(printer)
    if url.scheme == "tcp":
        return kinds["tcp"](host=url.host, port=url.port, timeout=write_timeout)
    if url.scheme == "serial":
        rate = url.param("baudrate") or "9600"
        return kinds["serial"](devfile=url.target, baudrate=int(rate) if rate.isdigit() else 9600,
                               timeout=write_timeout, flow=flow)
    if url.scheme == "usb":
        vendor, product = url.usb_ids
        return kinds["usb"](vendor, product, timeout_s=write_timeout,
                            in_ep=int(url.param("in_ep") or "0x82", 0),
                            out_ep=int(url.param("out_ep") or "0x01", 0),
                            interface=int(url.param("interface") or 0))
    if url.scheme == "file":
        return kinds["file"](devfile=url.target)
    raise ValueError(f"no transport for {url.scheme}://")


_CLASSES: dict[str, type] = {}


def _transport_classes(printer: Any) -> dict[str, type]:
    """The classes are made on first use, so importing this module does not import escpos."""
    if _CLASSES:
        return _CLASSES

    class TcpTransport(printer.Network):  # type: ignore[misc, name-defined]
        readable = True

        def __init__(self, host: str, port: int, timeout: float) -> None:
            super().__init__(host=host, port=port, timeout=timeout)
            self.description = f"tcp://{host}:{port}"

        def open(self, raise_not_found: bool = True) -> None:
            super().open(raise_not_found=raise_not_found)
            sock = self._device
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)

        def write(self, data: bytes, timeout: float) -> None:
            sock = _opened(self)
            sock.settimeout(timeout)
            sock.sendall(data)  # the timeout bounds the whole call (Python >= 3.5)

        def read(self, size: int, timeout: float) -> bytes:
            sock = _opened(self)
            sock.settimeout(max(timeout, 0.001))
            try:
                data = sock.recv(size)
            except TimeoutError:
                return b""
            if not data:
                raise ConnectionError("the printer closed the connection")
            return data

        def drain(self) -> None:
            sock = _opened(self)
            sock.setblocking(False)
            try:
                while sock.recv(4096):
                    pass
            except (BlockingIOError, InterruptedError):
                pass
            finally:
                sock.setblocking(True)

    class SerialTransport(printer.Serial):  # type: ignore[misc, name-defined]
        readable = True

        def __init__(self, devfile: str, baudrate: int, timeout: float, flow: str) -> None:
            super().__init__(devfile=devfile, baudrate=baudrate, timeout=timeout,
                             xonxoff=flow == "xonxoff", dsrdtr=False)
            self.flow = flow
            self.description = f"serial://{devfile}?baudrate={baudrate}"

        def open(self, raise_not_found: bool = True) -> None:
            super().open(raise_not_found=raise_not_found)
            if self._device and self.flow == "rtscts":
                self._device.rtscts = True

        def write(self, data: bytes, timeout: float) -> None:
            import serial

            port = _opened(self)
            port.write_timeout = timeout
            try:
                port.write(data)
            except serial.SerialTimeoutException as exc:
                raise TimeoutError(str(exc)) from exc
            except serial.SerialException as exc:
                raise OSError(str(exc)) from exc

        def read(self, size: int, timeout: float) -> bytes:
            import serial

            port = _opened(self)
            port.timeout = timeout
            try:
                return bytes(port.read(size))
            except serial.SerialException as exc:
                raise OSError(str(exc)) from exc

        def drain(self) -> None:
            _opened(self).reset_input_buffer()

        def close(self) -> None:
            # python-escpos flushes (tcdrain) first, which waits for ever on a stalled line.
            port, self._device = self._device, False
            if port:
                try:
                    port.reset_output_buffer()
                finally:
                    port.close()

    class UsbTransport(printer.Usb):  # type: ignore[misc, name-defined]
        def __init__(self, vendor: int, product: int, timeout_s: float, in_ep: int,
                     out_ep: int, interface: int) -> None:
            super().__init__(vendor, product, timeout=int(timeout_s * 1000), in_ep=in_ep,
                             out_ep=out_ep)
            self.interface = interface
            self.readable = in_ep != 0
            self.description = f"usb://{vendor:#06x}:{product:#06x}"
            self._pending = b""

        def open(self, raise_not_found: bool = True) -> None:
            super().open(raise_not_found=raise_not_found)
            device = self._device
            if device and self.interface and device.is_kernel_driver_active(self.interface):
                device.detach_kernel_driver(self.interface)

        def write(self, data: bytes, timeout: float) -> None:
            import usb.core

            device = _opened(self)
            try:
                device.write(self.out_ep, data, max(1, int(timeout * 1000)))
            except usb.core.USBTimeoutError as exc:
                raise TimeoutError(str(exc)) from exc
            except usb.core.USBError as exc:
                raise OSError(str(exc)) from exc

        def read(self, size: int, timeout: float) -> bytes:
            import usb.core

            if not self._pending:
                device = _opened(self)
                try:  # a bulk read returns whole packets: read one and keep the rest
                    self._pending = bytes(device.read(self.in_ep, 64,
                                                      max(1, int(timeout * 1000))))
                except usb.core.USBTimeoutError:
                    return b""
                except usb.core.USBError as exc:
                    raise OSError(str(exc)) from exc
            data, self._pending = self._pending[:size], self._pending[size:]
            return data

        def drain(self) -> None:
            self._pending = b""
            while self.readable and self.read(64, 0.005):
                self._pending = b""

    class FileTransport(printer.File):  # type: ignore[misc, name-defined]
        """A device file such as /dev/usb/lp0, opened non-blocking so a stalled printer
        cannot hold a write for ever; a regular file just receives the bytes (one-way)."""

        def __init__(self, devfile: str) -> None:
            super().__init__(devfile=devfile)
            self.description = f"file://{devfile}"
            self.readable = False
            self._fd = -1

        def open(self, raise_not_found: bool = True) -> None:
            path = self.devfile
            if os.path.isfile(path):
                self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
                self.readable = False
            else:
                try:
                    self._fd = os.open(path, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
                    self.readable = stat.S_ISCHR(os.fstat(self._fd).st_mode)
                except PermissionError:
                    self._fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
                    self.readable = False
            self._device = _Fd(self._fd)

        def write(self, data: bytes, timeout: float) -> None:
            _opened(self)
            deadline = time.monotonic() + timeout
            view = memoryview(data)
            while view:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([], [self._fd], [], left)[1]:
                    raise TimeoutError(f"{self.devfile} took no data for {timeout:g} s")
                try:
                    view = view[os.write(self._fd, view):]
                except BlockingIOError:
                    continue

        def read(self, size: int, timeout: float) -> bytes:
            _opened(self)
            if not self.readable or not select.select([self._fd], [], [], timeout)[0]:
                return b""
            try:
                return os.read(self._fd, size)
            except BlockingIOError:
                return b""

        def drain(self) -> None:
            while self.read(4096, 0):
                pass

        def close(self) -> None:
            device, self._device = self._device, False
            if device:
                device.close()

    _CLASSES.update(tcp=TcpTransport, serial=SerialTransport, usb=UsbTransport,
                    file=FileTransport)
    return _CLASSES


class _Fd:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        os.close(self.fd)


def _opened(printer: Any) -> Any:
    device = printer._device  # never `.device`: python-escpos reopens on access
    if not device:
        raise ConnectionError("the printer link is closed")
    return device
