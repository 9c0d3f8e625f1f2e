"""The one-page diagnostic report (诊断报告) the technician prints from the 状态 panel: what
this kiosk is, how each device and the link to the platform stand right now, the outbox, the
disk, the last heartbeat and the latest errors, on one receipt to leave with the hall's staff
or send to the county's IT office.

It reads the running kiosk's own state (the health board, the monitoring service, the outbox)
and opens no device a second time: the devices are in use by the kiosk itself. Nothing
personal is on it (error lines carry no personal data: the log masks it). Blocking (the outbox
and the printer): call from a worker thread.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from drivers.printer.document import QR, Block, Pair, Receipt, Separator, Space, Text
from kiosk.health import Level, Role
from kiosk.receipts.common import header, when

MARKS = {"ok": "正常", "warn": "注意", "fail": "故障"}
LEVEL_STATUS = {Level.OK: "ok", Level.WARNING: "warn", Level.ERROR: "fail",
                Level.UNKNOWN: "warn"}
ROLE_NAMES = ((Role.PRINTER, "打印机"), (Role.ID_READER, "读卡器"), (Role.CAMERA, "摄像头"),
              (Role.PLATFORM, "政务平台"))
MAX_ERRORS = 5
LOW_DISK_MB = 1024


@dataclass(frozen=True)
class ReportLine:
    label: str
    status: str     # ok, warn, fail
    text: str       # in Chinese, as printed


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 3600:
        return f"{seconds // 60} 分 {seconds % 60} 秒"
    if seconds < 86400:
        return f"{seconds // 3600} 小时 {seconds % 3600 // 60} 分"
    return f"{seconds // 86400} 天 {seconds % 86400 // 3600} 小时"


def report_lines(core: Any, words: Callable[[str], str] = str) -> list[ReportLine]:
    """The kiosk's state now, one line per part; `words` turns a reason code into Chinese."""
    lines: list[ReportLine] = []
    config = core.config
    for role, name in ROLE_NAMES:
        health = core.health.get(role)
        lines.append(ReportLine(name, LEVEL_STATUS[health.level], words(health.reason)))
    monitoring = core.monitoring
    beat = getattr(monitoring, "heartbeat", None)
    if beat is None or beat.last_ok_at is None:
        lines.append(ReportLine("心跳", "warn", "尚未成功"))
    else:
        age = time.time() - beat.last_ok_at
        stale = age > 3 * config.monitoring.heartbeat_interval_s
        lines.append(ReportLine("心跳", "warn" if stale else "ok", f"{_duration(age)}前"))
    stats = monitoring.outbox_stats()
    if stats is None:
        lines.append(ReportLine("待发送", "warn", "平台连接尚未就绪"))
    else:
        text = f"{stats.depth} 项" + (f"，最早的已等 {_duration(stats.oldest_age_s)}"
                                      if stats.depth else "")
        if stats.dead:
            text += f"，被拒收 {stats.dead} 项"
        busy = stats.dead or stats.oldest_age_s > 3600
        lines.append(ReportLine("待发送", "warn" if busy else "ok", text))
    try:
        free_mb = shutil.disk_usage(config.kiosk.state_dir).free // (1024 * 1024)
        lines.append(ReportLine("磁盘", "warn" if free_mb < LOW_DISK_MB else "ok",
                                f"剩余 {free_mb} MB"))
    except OSError as exc:
        lines.append(ReportLine("磁盘", "fail", f"无法读取：{exc.strerror}"))
    return lines


def report_receipt(core: Any, lines: list[ReportLine], *, columns: int = 48,
                   printed_at: datetime | None = None) -> Receipt:
    from kiosk import __version__

    config = core.config
    monitoring = core.monitoring
    printed_at = printed_at or datetime.now().replace(second=0, microsecond=0)
    blocks: list[Block] = [
        *header(config.kiosk.hall_name, "终端诊断报告", columns),
        Pair("终端编号", config.kiosk.id, bold=True),
        Pair("软件版本", __version__),
        Pair("打印时间", when(printed_at)),
        Pair("已运行", _duration(monitoring.uptime_s())),
        Pair("配置文件", str(core.source.path) if core.source is not None else "（命令行）"),
        Separator(),
    ]
    for line in lines:
        blocks.append(Pair(line.label, f"{MARKS[line.status]}  {line.text}",
                           bold=line.status != "ok"))
    blocks += [Separator(), Text("最近的错误", bold=True)]
    recent = monitoring.recent.items()[:MAX_ERRORS]
    if not recent:
        blocks.append(Text("没有错误"))
    for entry in recent:
        stamp = time.strftime("%m-%d %H:%M", time.localtime(entry.at))
        blocks.append(Text(f"{stamp} {entry.message}"))
    problems = sum(1 for line in lines if line.status != "ok")
    blocks += [
        Separator(),
        Text("全部正常" if not problems else f"{problems} 项需要注意，见上", bold=True),
        Space(12),
        QR(f"ZWKIOSK-REPORT {config.kiosk.id} {printed_at:%Y%m%d%H%M}", module=4),
        Space(12),
        Text("请将本报告交给县政务服务中心信息科。"),
    ]
    return Receipt("diagnostic_report", tuple(blocks))


def print_report(core: Any, words: Callable[[str], str] = str) -> tuple[str, str]:
    """Print the report on the kiosk's own printer; (Chinese, English) of what happened.
    Raises the printer's error (PaperOut, ...) with its sentences."""
    lines = report_lines(core, words)
    printer = core.printer
    printer.print_receipt(report_receipt(core, lines, columns=printer.settings.columns))
    problems = sum(1 for line in lines if line.status != "ok")
    if problems:
        return (f"诊断报告已打印：{problems} 项需要注意",
                f"report printed: {problems} item(s) need attention")
    return "诊断报告已打印：全部正常", "report printed: all well"
