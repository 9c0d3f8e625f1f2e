"""Walks of `kiosk demo --tour` through one service each, called from `kiosk.tour`."""
