"""The app shell: prepares Kivy, builds the core, and runs the screens.

This is the one module in `kiosk` that imports Kivy (and `screens`), and only inside
`run_app`, so that `kiosk config check` and the other commands never pay for a window.
Kivy reads its settings when first imported, so they are set here before that happens.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from kiosk.bootstrap import build_core
from kiosk.config import KioskConfig
from kiosk.reconfigure import ConfigSource

# `run_app` returns this when the kiosk should be started again (the platform's restart
# command, or the technician screen after settings that need it); `kiosk run` then replaces its
# own process with a fresh one. sysexits EX_TEMPFAIL: a unit's Restart= also starts it again.
EXIT_RESTART = 75

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def window_size(config: KioskConfig) -> tuple[int, int]:
    return PORTRAIT if config.kiosk.orientation == "portrait" else LANDSCAPE


def prepare_kivy(config: KioskConfig) -> None:
    """Environment and settings Kivy must have before its first import."""
    kivy_home = config.kiosk.state_dir / "kivy"
    kivy_home.mkdir(parents=True, exist_ok=True)
    os.environ["KIVY_HOME"] = str(kivy_home)
    os.environ["KIVY_NO_ARGS"] = "1"          # our command line is ours
    os.environ["KIVY_NO_CONFIG"] = "1"        # settings come from kiosk.toml, not ~/.kivy
    os.environ["KIVY_LOG_MODE"] = "PYTHON"    # Kivy logs through our masked handlers
    os.environ["KIVY_NO_FILELOG"] = "1"
    # SDL2_image reads our PNG and JPEG. Kivy's Pillow loader is left out: Pillow imports numpy
    # at start-up when it is installed (for OpenCV), ~150 ms the kiosk does not need then.
    os.environ.setdefault("KIVY_IMAGE", "sdl2,tex,dds")
    # A fullscreen SDL window minimises itself when it loses focus; a kiosk must not.
    os.environ["SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS"] = "0"
    # SDL drops the click that gives its window focus: after anything took focus away, a
    # citizen's first touch would do nothing.
    os.environ["SDL_MOUSE_FOCUS_CLICKTHROUGH"] = "1"

    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "pause_on_minimize", "0")
    Config.set("kivy", "keyboard_mode", "system")
    Config.set("kivy", "log_level", config.logging.level.lower())
    Config.set("input", "mouse", "mouse,disable_multitouch")
    Config.set("graphics", "multisamples", "0")
    Config.set("graphics", "maxfps", "60")
    width, height = window_size(config)
    if config.kiosk.fullscreen:
        Config.set("graphics", "fullscreen", "auto")
        Config.set("graphics", "borderless", "1")
        Config.set("graphics", "show_cursor", "0")
    else:
        Config.set("graphics", "fullscreen", "0")
        Config.set("graphics", "width", str(width))
        Config.set("graphics", "height", str(height))
        Config.set("graphics", "resizable", "0")
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", "0")
        Config.set("graphics", "top", "0")


def run_app(config: KioskConfig, *, allow_close: bool = False, pilot_socket: Path | None = None,
            startup_report: bool = False, source: ConfigSource | None = None) -> int:
    """Run the kiosk until a technician leaves it or the process is told to stop."""
    # Start-up allocates tens of thousands of long-lived objects (widgets, rules, properties);
    # the cyclic collector would walk them again and again. The shell re-enables it once the
    # first frame is up and freezes what start-up made, so later collections skip it.
    gc.disable()
    prepare_kivy(config)
    from kivy.clock import Clock

    # The core (and its font check) comes before the window, so a kiosk that cannot show
    # Chinese says so without flashing an empty window first.
    core = build_core(config, deliver=lambda callback: Clock.schedule_once(lambda _dt: callback()),
                      source=source)

    from screens.app import KioskApp, ShellOptions

    app = KioskApp(core, ShellOptions(allow_close=allow_close, pilot_socket=pilot_socket,
                                      startup_report=startup_report))
    app.run()
    return app.exit_code
