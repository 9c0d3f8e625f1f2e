"""The technician screen: devices, the platform link and the kiosk's status, behind the PIN."""
