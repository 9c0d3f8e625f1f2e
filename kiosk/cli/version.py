"""`kiosk version`: this kiosk's version and what it runs on."""

from __future__ import annotations

import argparse

from kiosk import __version__


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("version", help="print the version and exit",
                                 description="Print the kiosk's version and its main components.")
    parser.set_defaults(handler=run)


def _installed(name: str) -> str:
    from importlib import metadata  # here, not at the top: every `kiosk run` imports this module

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def run(args: argparse.Namespace) -> int:
    import platform

    print(f"zwkiosk {__version__}")
    print(f"python {platform.python_version()}, kivy {_installed('kivy')}, "
          f"pydantic {_installed('pydantic')}, pyserial {_installed('pyserial')}, "
          f"python-escpos {_installed('python-escpos')}, "
          f"opencv {_installed('opencv-python-headless')}")
    return 0
