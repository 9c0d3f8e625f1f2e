"""The one-page diagnostic report: the running kiosk's own state, printed on its own printer
(the simulator, which keeps the paper as a picture), with problems counted and nothing
personal on it."""

from __future__ import annotations

from drivers.printer.document import Pair, Text
from kiosk.health import Level, Role
from kiosk.technician.report import print_report, report_lines, report_receipt


def texts(receipt) -> str:
    out = []
    for block in receipt.blocks:
        if isinstance(block, Pair):
            out.append(f"{block.label} {block.value}")
        elif isinstance(block, Text):
            out.append(block.text)
    return "\n".join(out)


def test_the_report_tells_each_part_and_counts_what_needs_attention(core):
    assert core.monitoring.heartbeat.beat() is not None
    words = {"simulated": "模拟设备", "paper_low": "纸将用尽", "connected": "已连接"}.get
    lines = {line.label: line for line in report_lines(core, lambda c: words(c) or c)}
    assert set(lines) >= {"打印机", "读卡器", "摄像头", "政务平台", "心跳", "待发送", "磁盘"}
    assert lines["心跳"].status == "ok" and lines["待发送"].text.startswith("0 项")

    core.health.set(Role.PRINTER, Level.WARNING, "paper_low")
    lines = report_lines(core, lambda c: words(c) or c)
    assert ("打印机", "warn", "纸将用尽") in [(x.label, x.status, x.text) for x in lines]
    printed = texts(report_receipt(core, lines))
    assert "终端诊断报告" in printed and core.config.kiosk.id in printed
    assert "打印机 注意  纸将用尽" in printed and "1 项需要注意" in printed


def test_the_report_comes_out_of_the_kiosks_printer(core):
    zh, en = print_report(core)
    assert zh.startswith("诊断报告已打印") and en.startswith("report printed")
    pictures = sorted((core.config.kiosk.state_dir / "printer-sim").glob("receipt-*.png"))
    assert pictures, "no receipt came out of the simulator"
