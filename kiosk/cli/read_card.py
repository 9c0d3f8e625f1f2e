"""`kiosk read-card`: wait for a card on the ID card reader and print it (a technician's tool).

    kiosk read-card                               the configured reader, masked, as text
    kiosk read-card --device "sim://?card=elderly" --json
    kiosk read-card --device serial:///dev/ttyUSB0?baudrate=auto --unmasked   (test cards only)

Output is masked unless `--unmasked`. JSON keys: card_type, name, sex, nation, birth_date,
address, id_number, issuer, valid_from, valid_to, and the card type's own (pass_number,
issue_count; english_name, nationality, card_number). No card in time, or a reader that does
not work: a sentence on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from drivers.errors import DeviceError, DeviceURLError
from kiosk.cli.common import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, add_config_options, load_or_report

DEFAULT_TIMEOUT_S = 30.0

LABELS = {
    "card_type": "证件类型 Card type", "name": "姓名 Name", "sex": "性别 Sex",
    "nation": "民族 Nation", "birth_date": "出生日期 Birth date", "address": "住址 Address",
    "id_number": "证件号码 ID number", "issuer": "签发机关 Issuer",
    "valid_from": "有效期起 Valid from", "valid_to": "有效期至 Valid to",
    "pass_number": "通行证号码 Pass number", "issue_count": "签发次数 Times issued",
    "english_name": "英文姓名 English name", "nationality": "国籍 Nationality",
    "card_number": "永居证号码 Card number",
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "read-card", help="wait for an ID card on the reader and print it",
        description="Wait for a card on the ID card reader and print what it holds, masked "
                    "unless --unmasked. Exits 1 when no card comes in time or the reader does "
                    "not work.")
    parser.add_argument("--device", metavar="URL",
                        help="reader URL (default: devices.id_reader in the configuration), "
                             "e.g. serial:///dev/ttyUSB0?baudrate=auto or sim://?card=resident")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="S",
                        help=f"seconds to wait for a card (default {DEFAULT_TIMEOUT_S:g})")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--unmasked", action="store_true",
                        help="show names and numbers in full (for test cards only)")
    add_config_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from drivers.idreader.reader import CardReader, NoCard
    from kiosk.logs import setup_logging

    setup_logging("ERROR", None)  # the sentence below says what went wrong; masked if it logs
    url = args.device
    if url is None:
        config = load_or_report(args.config, args.overrides)
        if config is None:
            return EXIT_CONFIG
        url = config.devices.id_reader
    if args.timeout <= 0:
        print("--timeout must be above 0 seconds", file=sys.stderr)
        return EXIT_FAILURE
    try:
        reader = CardReader(url)
    except DeviceURLError as exc:
        print(f"{exc.message_zh}\n{exc.message_en}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        try:
            reader.connect()
        except DeviceError as exc:
            _explain("读卡器无法使用", "The ID card reader cannot be used", exc)
            return EXIT_FAILURE
        print(f"请在 {args.timeout:g} 秒内将证件放在读卡器上…  "
              f"Place a card on the reader (waiting up to {args.timeout:g} s)…", file=sys.stderr)
        try:
            card = reader.wait_for_card(args.timeout)
        except NoCard as exc:
            _explain("没有读到证件", "No card was read", exc)
            return EXIT_FAILURE
        except DeviceError as exc:
            _explain("读卡失败", "Reading the card failed", exc)
            return EXIT_FAILURE
    finally:
        reader.stop()
    fields = card.as_json(masked=not args.unmasked)
    if args.json:
        print(json.dumps(fields, ensure_ascii=False))
    else:
        type_zh = card.type_name
        for key, value in fields.items():
            shown = f"{type_zh} ({value})" if key == "card_type" else value
            print(f"{_pad(LABELS[key], 26)}{'—' if shown is None else shown}")
        for zh, en in card.notes:
            print(f"注意：{zh}\nNote: {en}")
    card.wipe()
    return EXIT_OK


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - columns)


def _explain(zh: str, en: str, exc: DeviceError) -> None:
    print(f"{zh}：{exc.message_zh}\n{en}: {exc.message_en}", file=sys.stderr)
