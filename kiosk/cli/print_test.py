"""`kiosk print-test [--device URL]`: print the test page and say the printer's state in words.

Exit codes: 0 printed; 1 not printed, with the reason (paper out, cover open, no answer within
the timeout, …); 78 the configuration or the device URL is wrong.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime

from kiosk.cli.common import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, add_config_options, load_or_report


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "print-test", help="print the printer test page",
        description="Print the technician's test page on the configured printer (or on "
                    "--device URL) and say the printer's state. Exits with 1 and the reason "
                    "when it could not print.")
    add_config_options(parser)
    parser.add_argument("--device", metavar="URL",
                        help="printer URL to test instead of the configured one, e.g. "
                             "tcp://10.0.0.5:9100 or usb://0x0416:0x5011?paper=58")
    parser.set_defaults(handler=run_print_test)


def run_print_test(args: argparse.Namespace) -> int:
    from drivers.errors import DeviceURLError
    from drivers.printer.errors import PrinterError
    from kiosk import __version__
    from kiosk.errors import FontNotFound
    from kiosk.fonts import find_fonts
    from kiosk.health import HealthBoard
    from kiosk.printing import PrinterService
    from kiosk.receipts import TestPageInfo, test_page_receipt
    from kiosk.receipts.test_page import describe_printer

    # The outcome is said below in words; only errors from the libraries underneath go out.
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    config = load_or_report(args.config, args.overrides)
    if config is None:
        return EXIT_CONFIG
    url = args.device or config.devices.printer
    try:
        fonts = find_fonts(config.kiosk.font, config.kiosk.state_dir / "fonts")
        # A simulator of its own, beside (not on top of) a running kiosk's printer-sim/.
        service = PrinterService(url, fonts=fonts, health=HealthBoard(),
                                 sim_dir=config.kiosk.state_dir / "printer-sim-test")
    except DeviceURLError as exc:
        print(f"printer URL: {exc.message_en}\n打印机地址：{exc.message_zh}", file=sys.stderr)
        return EXIT_CONFIG
    except FontNotFound as exc:
        print(f"cannot print: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        status = service.check_ready()
        state_zh, state_en = status.words() if status else ("不查询", "not asked")
        info = TestPageInfo(
            kiosk_id=config.kiosk.id, hall_name=config.kiosk.hall_name, version=__version__,
            printed_at=datetime.now().replace(second=0, microsecond=0), printer_url=url,
            printer_settings=describe_printer(service.settings), printer_state=state_zh,
            devices=(("读卡器", config.devices.id_reader), ("摄像头", config.devices.camera),
                     ("政务平台", config.platform.url)))
        result = service.print_receipt(test_page_receipt(info, columns=service.settings.columns))
        after = result.status or status
        state_zh, state_en = after.words() if after else (state_zh, state_en)
        print(f"test page printed on {url}: {result.bytes_sent} bytes, "
              f"{result.native_lines} lines as text, {result.raster_lines} as pictures"
              + ("" if result.confirmed else " (the printer was not asked to confirm)"))
        print(f"printer: {state_en} / 打印机状态：{state_zh}")
        if service.simulator is not None:
            receipts = service.simulator.control.receipts(wait_for=1, timeout=10)
            if receipts:
                print(f"receipt: {service.sim_dir / receipts[-1]['png']}")
        return EXIT_OK
    except PrinterError as exc:
        print(f"cannot print: {exc.message_en}\n无法打印：{exc.message_zh}", file=sys.stderr)
        print(f"printer: {_REASONS_EN.get(exc.reason, exc.reason)}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        service.close()


_REASONS_EN = {"paper_out": "out of paper", "cover_open": "cover open", "offline": "offline",
               "missing": "not found", "error": "fault"}
