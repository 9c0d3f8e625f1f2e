"""The application core: sessions and flows, services, the platform client, config, the CLI.

Nothing here imports Kivy except the app shell (`kiosk.app`), which hosts the screens.
"""

__version__ = "0.1.0"
