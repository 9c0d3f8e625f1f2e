"""Devices: receipt printer, ID card reader, camera.

Each device is one small interface in kiosk terms with a real backend and a simulated one,
chosen by a device URL (`drivers.url`). This package knows nothing of `kiosk` or `screens`.
"""
