"""The technician screen's 状态 panel: outbox depth and oldest item, last heartbeat, version,
uptime, the platform link, recent errors; send the outbox now, print the one-page diagnostic
report (`kiosk.technician.report`), restart, leave the kiosk."""

from __future__ import annotations

import time
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk import __version__
from kiosk.health import Role
from screens.widgets.chrome import REASON_WORDS

REFRESH_S = 2.0


def duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


class StatusPanel(BoxLayout):
    screen = ObjectProperty(None, allownone=True)
    outbox_text = StringProperty("")
    heartbeat_text = StringProperty("")
    version_text = StringProperty("")
    link_text = StringProperty("")
    errors_text = StringProperty("")
    _event: Any = None

    @property
    def core(self) -> Any:
        return App.get_running_app().core

    def enter(self) -> None:
        self.refresh()
        self._event = Clock.schedule_interval(lambda _dt: self.refresh(), REFRESH_S)

    def leave(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def refresh(self) -> None:
        core, tr = self.core, App.get_running_app().tr
        monitoring = core.monitoring
        self.version_text = tr._("版本 {version}，已运行 {uptime}").format(
            version=__version__, uptime=duration(monitoring.uptime_s()))
        health = core.health.get(Role.PLATFORM)
        self.link_text = tr._("平台连接：{state}").format(
            state=tr._(REASON_WORDS.get(health.reason, health.reason)))
        beat = monitoring.heartbeat
        if beat is None or beat.last_ok_at is None:
            self.heartbeat_text = tr._("上次心跳：尚未成功") + (
                f"（{beat.last_error}）" if beat is not None and beat.last_error else "")
        else:
            self.heartbeat_text = tr._("上次心跳：{age}前").format(
                age=duration(time.time() - beat.last_ok_at))
        recent = monitoring.recent.items()[:8]
        self.errors_text = "\n".join(
            f"{time.strftime('%H:%M:%S', time.localtime(e.at))} {e.level} {e.message}"
            for e in recent) or tr._("没有错误")
        core.runner.submit(monitoring.outbox_stats, on_done=self._outbox)

    def _outbox(self, stats: Any) -> None:
        tr = App.get_running_app().tr
        if stats is None:
            self.outbox_text = tr._("待发送：平台连接尚未就绪")
        elif stats.depth == 0:
            self.outbox_text = tr._("待发送：0 项") + (
                tr._("，被拒收 {dead} 项").format(dead=stats.dead) if stats.dead else "")
        else:
            self.outbox_text = tr._("待发送：{depth} 项，最早的已等 {age}").format(
                depth=stats.depth, age=duration(stats.oldest_age_s)) + (
                tr._("，被拒收 {dead} 项").format(dead=stats.dead) if stats.dead else "")

    def send_now(self) -> None:
        core = self.core

        def work() -> None:
            parts = core.platform.service().parts()
            parts.outbox.retry_now()
            parts.sender.wake()
            core.platform.refresh_now()
            if core.monitoring.heartbeat is not None:
                core.monitoring.heartbeat.beat()

        self.screen.message = App.get_running_app().tr._("正在发送……")
        core.runner.submit(work, on_done=lambda _r: self._sent(),
                           on_error=lambda e: self._send_failed(e))

    def print_report(self) -> None:
        from kiosk.technician.report import print_report

        core = self.core
        self.screen.message = App.get_running_app().tr._("正在打印诊断报告……")
        core.runner.submit(lambda: print_report(core, lambda code: REASON_WORDS.get(code, code)),
                           on_done=lambda words: self._printed(*words),
                           on_error=self._print_failed)

    def _printed(self, zh: str, en: str) -> None:
        self.screen.message = self.screen.words(zh, en)

    def _print_failed(self, error: BaseException) -> None:
        words = self.screen.words(getattr(error, "message_zh", str(error)),
                                  getattr(error, "message_en", str(error)))
        self.screen.message = App.get_running_app().tr._("诊断报告未打印：{error}").format(
            error=words)

    def _sent(self) -> None:
        self.screen.message = App.get_running_app().tr._("已尝试发送")
        self.refresh()

    def _send_failed(self, error: BaseException) -> None:
        self.screen.message = App.get_running_app().tr._("发送失败：{error}").format(
            error=getattr(error, "message_zh", str(error)))
