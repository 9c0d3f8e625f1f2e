"""Widgets shared by several screens, and the frame around them all."""
