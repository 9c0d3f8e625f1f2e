"""What is attached, and what each device most likely is: `kiosk devices` and the technician
screen's device list.

Serial ports come from pyserial's `list_ports` (with their USB vendor and product ids); USB
printers from sysfs (interface class 7, and the `/dev/usb/lp*` files of the kernel's printer
driver); cameras from `/sys/class/video4linux`. Known USB ids name the device; otherwise the
USB class and the port's kind give a guess. Each comes with the URL to put in the
configuration. `root` moves the sysfs and /dev paths (tests).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# USB ids seen in halls: (vendor, product) → (what it is, role). Product None: any product.
KNOWN_USB: dict[tuple[str, str | None], tuple[str, str]] = {
    ("0416", "5011"): ("ESC/POS receipt printer (Winbond chip: Xprinter, many OEM printers)",
                       "printer"),
    ("0fe6", "811e"): ("ESC/POS receipt printer (Gprinter / ICS)", "printer"),
    ("28e9", "0289"): ("ESC/POS receipt printer (Gprinter GD32)", "printer"),
    ("04b8", None): ("Epson printer (TM series receipt printers)", "printer"),
    ("0519", None): ("Star Micronics receipt printer", "printer"),
    ("1a86", "7523"): ("USB-serial adapter (CH340): usually an ID card reader or a serial "
                       "printer", "id_reader"),
    ("1a86", "55d4"): ("USB-serial adapter (CH9102): usually an ID card reader", "id_reader"),
    ("067b", "2303"): ("USB-serial adapter (Prolific PL2303): usually an ID card reader",
                       "id_reader"),
    ("10c4", "ea60"): ("USB-serial adapter (Silicon Labs CP210x): usually an ID card reader",
                       "id_reader"),
    ("0403", "6001"): ("USB-serial adapter (FTDI FT232): usually an ID card reader", "id_reader"),
    ("0400", "c35a"): ("ID card reader (SAM module, Shensi)", "id_reader"),
}


@dataclass(frozen=True)
class FoundDevice:
    kind: str          # serial, usb_printer, lp, camera, simulator
    path: str          # /dev/ttyUSB0, /dev/usb/lp0, /dev/video0, 0416:5011, sim://
    url: str           # what to put in the configuration
    likely: str        # what it most likely is, in words
    role: str          # printer, id_reader, camera, or "" when unknown
    usb_id: str = ""   # vendor:product, when on USB
    description: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _known(vid: str, pid: str) -> tuple[str, str] | None:
    return KNOWN_USB.get((vid, pid)) or KNOWN_USB.get((vid, None))


def serial_ports() -> list[FoundDevice]:
    from serial.tools import list_ports

    found = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        usb_id = f"{port.vid:04x}:{port.pid:04x}" if port.vid is not None else ""
        known = _known(f"{port.vid:04x}", f"{port.pid:04x}") if port.vid is not None else None
        if known:
            likely, role = known
        elif usb_id:
            likely, role = "USB-serial device of an unknown make: try it as the ID card reader", \
                "id_reader"
        else:
            likely, role = "built-in serial port: a serial printer or reader if one is wired", ""
        description = " ".join(x for x in (port.manufacturer, port.product or port.description)
                               if x and x != "n/a")
        url = f"serial://{port.device}?baudrate=" + ("auto" if role != "printer" else "115200")
        found.append(FoundDevice("serial", port.device, url, likely, role, usb_id, description))
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def usb_printers(root: Path = Path("/")) -> list[FoundDevice]:
    found = []
    devices = root / "sys" / "bus" / "usb" / "devices"
    for dev in sorted(devices.glob("*")) if devices.is_dir() else []:
        vid, pid = _read(dev / "idVendor"), _read(dev / "idProduct")
        if not vid or not pid:
            continue
        printer_class = any(_read(iface / "bInterfaceClass") == "07"
                            for iface in dev.glob(f"{dev.name}:*"))
        known = _known(vid, pid)
        if not printer_class and not (known and known[1] == "printer"):
            continue
        likely = known[0] if known else "USB printer (printer class): probably the receipt printer"
        description = " ".join(x for x in (_read(dev / "manufacturer"), _read(dev / "product"))
                               if x)
        found.append(FoundDevice("usb_printer", f"{vid}:{pid}", f"usb://0x{vid}:0x{pid}", likely,
                                 "printer", f"{vid}:{pid}", description))
    for lp in sorted((root / "dev" / "usb").glob("lp*")) if (root / "dev" / "usb").is_dir() \
            else []:
        found.append(FoundDevice("lp", str(Path("/") / lp.relative_to(root)),
                                 f"file://{Path('/') / lp.relative_to(root)}",
                                 "printer behind the kernel's usblp driver", "printer"))
    return found


def cameras(root: Path = Path("/")) -> list[FoundDevice]:
    found = []
    classes = root / "sys" / "class" / "video4linux"
    for node in sorted(classes.glob("video*"), key=lambda p: int(p.name[5:] or 0)) \
            if classes.is_dir() else []:
        name = _read(node / "name")
        index = _read(node / "index") or "0"
        if index != "0":
            continue  # a camera's second node carries metadata, not pictures
        number = node.name[5:]
        found.append(FoundDevice("camera", f"/dev/{node.name}", f"camera://{number}",
                                 "camera" + (f" ({name})" if name else ""), "camera",
                                 description=name))
    return found


def simulators() -> list[FoundDevice]:
    return [FoundDevice("simulator", "sim://", "sim://", f"the {role.replace('_', ' ')} "
                        "simulator", role) for role in ("printer", "id_reader", "camera")]


def discover(root: Path = Path("/"), *, include_simulators: bool = True) -> list[FoundDevice]:
    found = [*serial_ports(), *usb_printers(root), *cameras(root)]
    return [*found, *simulators()] if include_simulators else found


def candidates(found: list[FoundDevice], role: str) -> list[FoundDevice]:
    """The devices that could fill `role`, the likely ones first."""
    fitting = [d for d in found if d.role == role]
    others = [d for d in found if d.role == "" and d.kind == "serial" and role != "camera"]
    return fitting + others
