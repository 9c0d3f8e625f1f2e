"""What the 帮办 button shows: how to get a staff member's help right now.

Calling staff over the network comes with the help service; until then the kiosk tells the
citizen plainly where help is, which works with or without a network.
"""

from __future__ import annotations

from screens.overlays.base import Overlay


class HelpNotice(Overlay):
    pass
