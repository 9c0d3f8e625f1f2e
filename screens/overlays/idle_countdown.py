"""The last ten seconds before an idle session is wiped: a big number and 继续办理.

Shown over whatever screen the citizen left. Touching 继续办理 (or anywhere: any touch counts as
activity) gives them the full timeout again.
"""

from __future__ import annotations

from kivy.properties import NumericProperty

from screens.overlays.base import Overlay


class IdleCountdown(Overlay):
    seconds = NumericProperty(10)
