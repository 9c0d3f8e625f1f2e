"""Printing for the kiosk: the printer service (one printer, its health, its jobs) and the
printer simulator the kiosk starts for `sim://`."""

from kiosk.printing.service import PrinterService

__all__ = ["PrinterService"]
