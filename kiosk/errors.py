"""The kiosk core's own error types, beside the device errors in `drivers.errors`.

    KioskError
    ├── ConfigError        the configuration file cannot be used (one line per problem)
    └── FontNotFound       no font that can show Chinese text
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of the errors the core raises on purpose."""


class ConfigError(KioskError):
    """A configuration that cannot be used; `problems` holds one plain sentence each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))

    def lines(self) -> list[str]:
        return [f"{self.source}: {p}" for p in self.problems]


class FontNotFound(KioskError):
    """No font with Chinese glyphs could be found; the kiosk must not start."""
