"""The frame around every screen: header, device status strip, and the footer of buttons
that are always there (home, 帮办 help, large text, language).
"""

from __future__ import annotations

from kivy.properties import ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.health import Health, Level, Role
from screens.theme import colour

ROLE_WORDS = {
    Role.PRINTER: "打印机",
    Role.ID_READER: "读卡器",
    Role.CAMERA: "摄像头",
    Role.PLATFORM: "政务平台",
}

# Reason codes reported into the HealthBoard, in words (Chinese source, translated by catalog).
REASON_WORDS = {
    "not_checked": "未检测",
    "ready": "正常",
    "simulated": "模拟设备",
    "offline": "离线",
    "missing": "未连接",
    "paper_low": "纸将用尽",
    "paper_out": "缺纸",
    "cover_open": "仓盖打开",
    "error": "故障",
    "connected": "已连接",
    "unreachable": "无法连接",
    "no_status": "不报状态",
    "connecting": "正在连接",
    "auth_failed": "密钥无效",
    "clock_skew": "时间不同步",
    "protocol_error": "应答异常",
    "tls_error": "证书无效",
    "sam_fault": "安全模块故障",
}

LEVEL_COLOURS = {
    Level.OK: "ok_on_dark",
    Level.WARNING: "warning_on_dark",
    Level.ERROR: "error_on_dark",
    Level.UNKNOWN: "unknown_on_dark",
}


class KioskRoot(BoxLayout):
    """Header, status strip, the screen manager and the footer, top to bottom."""

    def show_footer_buttons(self, *, home: bool, language: bool) -> None:
        """Put the home and language buttons in the footer only when they can be used."""
        footer, ids = self.ids.footer, self.ids
        # ids are weak: keep the buttons alive while they are out of the footer.
        self._footer_buttons = (ids.home_button.__self__, ids.language_button.__self__)
        home_button, language_button = self._footer_buttons
        for button, wanted, index in ((home_button, home, len(footer.children)),
                                      (language_button, language, 0)):
            if wanted and button.parent is None:
                footer.add_widget(button, index=index)
            elif not wanted and button.parent is not None:
                footer.remove_widget(button)


class StatusItem(BoxLayout):
    """One device in the status strip: its icon coloured by state, its name, its state."""

    role_word = StringProperty("")
    state_word = StringProperty("")
    level_colour = ListProperty(colour("unknown_on_dark"))
    icon = StringProperty("")

    def show(self, role: Role, health: Health) -> None:
        self.icon = role.value
        self.role_word = ROLE_WORDS[role]
        self.state_word = REASON_WORDS.get(health.reason, health.reason)
        self.level_colour = colour(LEVEL_COLOURS[health.level])
