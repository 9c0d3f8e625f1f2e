"""The baseline for bench/startup.py: a bare Kivy app with one label, started the same way.

It reports the same milestones as `kiosk run --startup-report`: the first frame drawn, and the
frame drawn after the first touch, as JSON lines on stdout.
"""

import json
import os
import sys
import time

os.environ.update({"KIVY_NO_ARGS": "1", "KIVY_NO_CONFIG": "1", "KIVY_LOG_MODE": "PYTHON",
                   "KIVY_NO_FILELOG": "1", "KIVY_HOME": sys.argv[1]})

from kivy.config import Config

for section, key, value in (("graphics", "fullscreen", "0"), ("graphics", "width", "1080"),
                            ("graphics", "height", "1920"), ("graphics", "position", "custom"),
                            ("graphics", "left", "0"), ("graphics", "top", "0"),
                            ("graphics", "multisamples", "0"),
                            ("input", "mouse", "mouse,disable_multitouch")):
    Config.set(section, key, value)

from kivy.app import App  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.uix.label import Label  # noqa: E402


def report(event, **fields):
    sys.stdout.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")
    sys.stdout.flush()


class Bare(App):
    def build(self):
        return Label(text="hello", font_size=64)

    def on_start(self):
        Window.bind(on_flip=self.drawn)

    def drawn(self, *_):
        Window.unbind(on_flip=self.drawn)
        report("drawn", target=[540, 960])
        Window.bind(on_touch_up=self.touched)

    def touched(self, *_):
        Window.unbind(on_touch_up=self.touched)
        self.root.text = "touched"
        Window.bind(on_flip=self.after_touch)

    def after_touch(self, *_):
        Window.unbind(on_flip=self.after_touch)
        report("touch")


Bare().run()
