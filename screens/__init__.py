"""Kivy screens and .kv layouts: they present state and turn touches into calls on `kiosk`."""
