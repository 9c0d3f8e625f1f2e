"""`kiosk platform`: the reference county platform, for county IT and integrators.

    kiosk platform serve [--db URL] [--host 127.0.0.1] [--port 8700]
    kiosk platform add-kiosk KIOSK_ID [--hall HALL] [--db URL]     prints the new key once
    kiosk platform openapi [--write | --check]                      the contract document
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK

DEFAULT_DB = "sqlite:///platform.sqlite"


def register(commands: argparse._SubParsersAction) -> None:
    platform = commands.add_parser(
        "platform", help="the reference county platform",
        description="Run the reference county platform, register kiosks with it, and keep "
                    "its OpenAPI document.")
    sub = platform.add_subparsers(dest="platform_command", metavar="ACTION")
    sub.required = True

    serve = sub.add_parser("serve", help="serve the platform's API and fleet page",
                           description="Serve /api/v1, /openapi.json and the fleet page (/fleet)."
                                       " SQLite by default; PostgreSQL with "
                                       "--db postgresql+psycopg://USER:PASS@HOST/DB.")
    _db_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8700, help="port (8700; 0 picks a free one)")
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="processes sharing the port (1; more for PostgreSQL or many "
                            "cores)")
    serve.add_argument("--tls-cert", type=Path, metavar="PEM",
                       help="serve https with this certificate chain (else put TLS in front)")
    serve.add_argument("--tls-key", type=Path, metavar="PEM", help="the certificate's key")
    serve.add_argument("--public-url", help="the address kiosks' QR codes point at")
    serve.add_argument("--admin-key-file", type=Path,
                       help="file holding the key county IT needs for /fleet off loopback "
                            "(or set KIOSK_PLATFORM_ADMIN_KEY)")
    serve.add_argument("--catalogue-size", type=int, default=0, metavar="N",
                       help="add N generated service items to a new database (tests, benches)")
    serve.add_argument("--always-open", action="store_true",
                       help="ignore opening hours (a demo hall open around the clock)")
    serve.add_argument("--log-level", default="info",
                       choices=["debug", "info", "warning", "error"])
    serve.set_defaults(handler=run_serve)

    add = sub.add_parser("add-kiosk", help="register a kiosk and print its new key",
                         description="Register a kiosk (or give it a new key). The key is "
                                     "printed once: put it in the kiosk's kiosk_key_file.")
    add.add_argument("kiosk_id")
    add.add_argument("--hall", help="the hall's id (default: the county centre, bk-zwzx)")
    add.add_argument("--name", default="", help="where it stands, e.g. 东侧入口")
    _db_option(add)
    add.set_defaults(handler=run_add_kiosk)

    openapi = sub.add_parser("openapi", help="print, write or check the OpenAPI document",
                             description="Print the OpenAPI document the server serves; "
                                         "--write updates kiosk/platform/openapi.json, --check "
                                         "fails when that file is out of date.")
    group = openapi.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    openapi.set_defaults(handler=run_openapi)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, metavar="URL",
                        help=f"SQLAlchemy database URL (default {DEFAULT_DB})")


def _settings(args: argparse.Namespace, **extra: object):
    from kiosk.platform_server.store import Settings

    return Settings(db_url=args.db, **extra)  # type: ignore[arg-type]


def run_serve(args: argparse.Namespace) -> int:
    from kiosk.logs import setup_logging
    from kiosk.platform_server.runner import serve_forever

    if bool(args.tls_cert) != bool(args.tls_key):
        print("give both --tls-cert and --tls-key, or neither", file=sys.stderr)
        return EXIT_FAILURE
    admin_key = os.environ.get("KIOSK_PLATFORM_ADMIN_KEY")
    if args.admin_key_file is not None:
        from kiosk.platform.crypto import read_secret_file

        admin_key = read_secret_file(args.admin_key_file)
    setup_logging(args.log_level.upper(), None)
    settings = _settings(args, admin_key=admin_key, public_url=args.public_url,
                         catalogue_size=args.catalogue_size, enforce_hours=not args.always_open)
    try:
        tls = (args.tls_cert, args.tls_key) if args.tls_cert and args.tls_key else None
        serve_forever(settings, args.host, args.port, args.log_level, max(1, args.workers), tls)
    except OSError as exc:
        print(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def run_add_kiosk(args: argparse.Namespace) -> int:
    from kiosk.platform_server.app import create_app
    from kiosk.platform_server.fleet import register as register_kiosk
    from kiosk.platform_server.problems import ApiError

    store = create_app(_settings(args)).state.store
    try:
        registered = store.transaction(register_kiosk, store, args.kiosk_id, args.hall, args.name)
    except ApiError as exc:
        print(f"cannot register {args.kiosk_id}: {exc.body.message_en}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"kiosk {registered.kiosk_id} in hall {registered.hall_id}")
    print(registered.secret_key)
    return EXIT_OK


def run_openapi(args: argparse.Namespace) -> int:
    from kiosk.platform_server.app import OPENAPI_FILE, document_app, openapi_text

    text = openapi_text(document_app())
    if args.write:
        OPENAPI_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {OPENAPI_FILE}")
    elif args.check:
        if OPENAPI_FILE.read_text(encoding="utf-8") != text:
            print(f"{OPENAPI_FILE} is out of date: run `kiosk platform openapi --write`",
                  file=sys.stderr)
            return EXIT_FAILURE
        print("OK")
    else:
        sys.stdout.write(text)
    return EXIT_OK
