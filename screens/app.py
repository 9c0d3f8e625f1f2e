"""The Kivy application: the frame, navigation between screens, language and elderly mode,
the idle countdown and wipe, and the lockdown.

It only draws and reacts. Anything slow goes through `core.runner` (see `kiosk.background`).
"""

from __future__ import annotations

import gc
import json
import logging
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.text import LabelBase
from kivy.core.window import Window
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView
from kivy.uix.screenmanager import NoTransition

from kiosk.bootstrap import Core
from kiosk.config.models import LANGUAGE_NAMES
from kiosk.i18n import N_
from kiosk.identity import IdentityEvent
from screens.i18n import Translator
from screens.lockdown import Lockdown
from screens.registry import OVERLAYS, SCREENS, load_common_layouts
from screens.theme import Theme
from screens.widgets.clock_text import format_clock, format_date

log = logging.getLogger(__name__)

TICK_S = 0.25


@dataclass(frozen=True)
class ShellOptions:
    allow_close: bool = False          # the demo in a desktop window may be closed
    pilot_socket: Path | None = None   # remote control for tests and the tour
    startup_report: bool = False       # print start-up milestones on stdout (bench/startup.py)


class KioskApp(App):
    language = StringProperty("zh_CN")
    elderly = BooleanProperty(False)
    current_screen = StringProperty("")
    hall_name = StringProperty("")
    clock_text = StringProperty("")
    date_text = StringProperty("")
    next_language_name = StringProperty("")
    theme = ObjectProperty(None, rebind=True)
    tr = ObjectProperty(None)

    def __init__(self, core: Core, options: ShellOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.core = core
        self.options = options
        settings = core.config.kiosk
        # The translator and theme first: setting language and elderly mode notifies them.
        self.tr = Translator(settings.default_language)
        self.theme = Theme()
        self.hall_name = settings.hall_name
        self.language = settings.default_language
        self.elderly = settings.elderly_mode_default
        self.theme.set_elderly(self.elderly)
        self.exit_code = 0
        self.home_drawn = False
        self.lockdown = Lockdown(self, allow_close=options.allow_close)
        self._countdown: Any = None
        self._pin_prompt: Any = None
        self._greeting: Any = None
        self._health_version = -1
        self._pilot: Any = None
        self._startup: Any = None

    # building --------------------------------------------------------------------------------

    def build(self) -> Any:
        self.title = f"{self.hall_name} · 政务服务自助终端"
        self._register_fonts()
        load_common_layouts()
        root = Factory.KioskRoot()
        root.ids.manager.transition = NoTransition()
        Window.bind(size=self._fit_theme)
        self._fit_theme()
        self.lockdown.install(Window)
        self._update_language_button()
        return root

    def _register_fonts(self) -> None:
        fonts = self.core.fonts
        LabelBase.register("KioskSans", str(fonts.regular), fn_bold=str(fonts.bold))
        LabelBase.register("KioskIcons", str(fonts.icons or fonts.regular))
        self.theme.has_icons = fonts.icons is not None

    def _fit_theme(self, *_: Any) -> None:
        width, height = Window.size
        self.theme.fit(width, height, self.core.config.kiosk.screen_diagonal_in)

    def on_start(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        self.go("home")
        self._update_clock()
        self._refresh_health()
        self.core.identity.listen(self._on_identity)
        Clock.schedule_interval(lambda _dt: self.tick(), TICK_S)
        Clock.schedule_interval(lambda dt: self.core.metrics.frame(dt), 0)  # UI frame time
        self.core.monitoring.on_restart(
            lambda: Clock.schedule_once(lambda _dt: self.restart("platform command"), 0))
        Window.bind(on_flip=self._first_frame)
        if self.options.pilot_socket is not None:
            from screens.pilot import Pilot

            self._pilot = Pilot(self, self.options.pilot_socket)
            self._pilot.start()
        log.info("kiosk started", extra={"kiosk_id": self.core.config.kiosk.id,
                                         "window": list(Window.size)})

    def _first_frame(self, *_: Any) -> None:
        Window.unbind(on_flip=self._first_frame)
        self.home_drawn = True
        gc.freeze()  # what start-up built lives as long as the kiosk: keep it out of collections
        gc.enable()
        self.core.start()
        self.core.monitoring.watchdog.ready()
        if self.options.startup_report:
            tile = self.screen("home").ids.grid.children[-1]
            x, y = tile.to_window(*tile.center)
            self._report("drawn", target=[round(x), round(Window.height - y)])
            Window.bind(on_touch_up=self._first_touch)

    def _first_touch(self, *_: Any) -> None:
        Window.unbind(on_touch_up=self._first_touch)
        Window.bind(on_flip=self._frame_after_touch)

    def _frame_after_touch(self, *_: Any) -> None:
        Window.unbind(on_flip=self._frame_after_touch)
        self._report("touch", screen=self.current_screen)

    @staticmethod
    def _report(event: str, **fields: Any) -> None:
        sys.stdout.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")
        sys.stdout.flush()

    def on_stop(self) -> None:
        if self._pilot is not None:
            self._pilot.stop()
        self.core.shutdown()

    def _on_signal(self, signum: int, _frame: Any) -> None:
        log.info("stopping on signal", extra={"signal": signal.Signals(signum).name})
        Clock.schedule_once(lambda _dt: self.stop(), 0)

    # navigation ------------------------------------------------------------------------------

    def open_service(self, key: str, screen: str) -> None:
        if screen in SCREENS:
            self.go(screen)
        else:
            self.go("not_open", service=key)

    def screen(self, name: str) -> Any:
        """The screen called `name`, built the first time it is asked for."""
        manager = self.root.ids.manager
        if not manager.has_screen(name):
            manager.add_widget(SCREENS[name].load()(name=name))
        return manager.get_screen(name)

    def overlay(self, name: str) -> Any:
        """A new overlay of class `name` (its layout compiled the first time)."""
        return OVERLAYS[name].load()()

    def go(self, name: str, **params: Any) -> None:
        manager = self.root.ids.manager
        if name != "home":
            self.core.sessions.begin()
        target = self.screen(name)
        previous = manager.current_screen
        target.enter(**params)
        manager.current = name
        self.current_screen = name
        self.root.show_footer_buttons(home=name != "home",
                                      language=len(self.core.config.kiosk.languages) > 1)
        if previous is not None and previous is not target:
            previous.leave()
        self._arm_idle()
        self.speak(target.spoken_prompt())

    def speak(self, prompt: str) -> None:
        """Read `prompt` aloud in the citizen's language, if speech is on for them."""
        mode = self.core.config.speech.mode
        if prompt and (mode == "always" or (mode == "elderly" and self.elderly)):
            self.core.speaker.say(self.tr._(prompt), self.language)

    def go_home(self, reason: str) -> None:
        """End the citizen's session (wiping it) and show the home screen."""
        self._close_overlays()
        self.core.speaker.hush()
        self.core.sessions.end(reason)
        if reason == "idle":
            self._restore_preferences()
        self.go("home")

    def restart(self, reason: str) -> None:
        """Stop cleanly and have `kiosk run` start a fresh kiosk (see kiosk.app.EXIT_RESTART)."""
        from kiosk.app import EXIT_RESTART

        log.warning("kiosk restarting", extra={"reason": reason})
        self.exit_code = EXIT_RESTART
        self.stop()

    def open_technician(self) -> None:
        """The right PIN: the technician screen (its 退出 button leaves the kiosk)."""
        log.warning("technician screen opened")
        self.go("technician")

    def leave_kiosk(self) -> None:
        log.warning("kiosk left by a technician")
        self.exit_code = 0
        self.stop()

    # language and elderly mode ----------------------------------------------------------------

    def next_language(self) -> None:
        languages = self.core.config.kiosk.languages
        index = languages.index(self.language) if self.language in languages else -1
        self.language = languages[(index + 1) % len(languages)]

    def on_language(self, *_: Any) -> None:
        self.tr.switch(self.language)
        self._update_language_button()
        self._update_clock()
        self._arm_idle()

    def _update_language_button(self) -> None:
        languages = self.core.config.kiosk.languages
        if len(languages) < 2:
            self.next_language_name = ""
            return
        index = languages.index(self.language) if self.language in languages else -1
        self.next_language_name = LANGUAGE_NAMES[languages[(index + 1) % len(languages)]]

    def toggle_elderly(self) -> None:
        self.elderly = not self.elderly

    def on_elderly(self, *_: Any) -> None:
        self.theme.set_elderly(self.elderly)
        self._arm_idle()
        if self.root is not None:
            if self.elderly:  # the moment speech comes on, say where the citizen is
                self.speak(self.screen(self.current_screen).spoken_prompt())
            elif self.core.config.speech.mode == "elderly":
                self.core.speaker.hush()

    def _restore_preferences(self) -> None:
        settings = self.core.config.kiosk
        self.language = settings.default_language
        self.elderly = settings.elderly_mode_default

    def _preferences_changed(self) -> bool:
        settings = self.core.config.kiosk
        return (self.language != settings.default_language
                or self.elderly != settings.elderly_mode_default)

    # overlays --------------------------------------------------------------------------------

    def show_help(self) -> None:
        self.overlay("HelpNotice").open()

    def open_pin_prompt(self) -> None:
        if self._pin_prompt is None:
            self._pin_prompt = self.overlay("PinPrompt")
            self._pin_prompt.bind(on_dismiss=lambda *_: setattr(self, "_pin_prompt", None))
            self._pin_prompt.open()

    def _close_overlays(self) -> None:
        for widget in list(Window.children):
            if isinstance(widget, ModalView):
                widget.dismiss(animation=False)
        self._countdown = None
        self._pin_prompt = None
        self._greeting = None

    # the ID card reader ----------------------------------------------------------------------

    def _on_identity(self, event: IdentityEvent) -> None:
        """A card was read (it is in the session now) or could not be read."""
        if event.new_citizen and self.current_screen != "home":
            self._close_overlays()  # the previous citizen's screen goes with their session
            self.go("home")
        self.activity()
        self._arm_idle()
        if self._pin_prompt is not None:
            return
        if self.current_screen != "home":
            # The service on screen takes the card from the session, if it wants it now.
            handler = getattr(self.screen(self.current_screen), "on_identity", None)
            if handler is not None:
                handler(event)
            return
        if self._greeting is not None:
            self._greeting.dismiss()
        greeting = self._greeting = self.overlay("CardGreeting")
        greeting.bind(on_dismiss=lambda *_: self._greeting_closed(greeting))
        if event.card is not None:
            greeting.show_card(event.card, self.core.identity.today())
        else:
            greeting.show_failure()
        greeting.open()

    def _greeting_closed(self, greeting: Any) -> None:
        if self._greeting is greeting:
            self._greeting = None

    # idle timeout ----------------------------------------------------------------------------

    def _arm_idle(self) -> None:
        idle = self.core.idle
        # A session on the home screen (a card was read there) is timed out like any other.
        if (self.current_screen != "home" or self.core.sessions.current is not None
                or self._preferences_changed()):
            idle.arm()
        else:
            idle.disarm()

    def activity(self) -> None:
        self.core.idle.poke()

    def countdown_visible(self) -> bool:
        return self._countdown is not None

    def continue_session(self) -> None:
        self.core.idle.poke()
        self._hide_countdown()

    def _hide_countdown(self) -> None:
        if self._countdown is not None:
            self._countdown.dismiss()
            self._countdown = None

    def tick(self) -> None:
        """Several times a second: the clock, device states, the idle timeout, the gesture."""
        self._update_clock()
        self._refresh_health()
        self.core.monitoring.watchdog.tick()
        self.lockdown.tick()
        status = self.core.idle.status(self.elderly)
        on_home = self.current_screen == "home" and self.core.sessions.current is None
        if status.phase == "expired":
            self._hide_countdown()
            if on_home:  # nothing personal to wipe: quietly restore the hall's defaults
                self._restore_preferences()
                self._arm_idle()
            else:
                log.info("idle timeout: wiping the session")
                self.go_home("idle")
        elif status.phase == "countdown" and not on_home and self._pin_prompt is None:
            if self._countdown is None:
                self._countdown = self.overlay("IdleCountdown")
                self._countdown.open()
                self.speak(N_("您还在吗？如需继续，请点继续办理。"))
            self._countdown.seconds = status.seconds_shown
        else:
            self._hide_countdown()

    # status bar ------------------------------------------------------------------------------

    def _update_clock(self) -> None:
        now = self.core.clock.wall()
        self.clock_text = format_clock(now)
        self.date_text = format_date(now, self.language)

    def _refresh_health(self) -> None:
        board = self.core.health
        if board.version == self._health_version or self.root is None:
            return
        self._health_version = board.version
        for role, health in board.snapshot().items():
            self.root.ids[f"status_{role.value}"].show(role, health)
