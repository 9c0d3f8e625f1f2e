"""Panels that appear over any screen: the idle countdown, the help notice, the PIN prompt."""
