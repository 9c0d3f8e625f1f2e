"""The reference platform's FastAPI application, put together from its parts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from kiosk import __version__
from kiosk.platform_server import routes_cases, routes_catalogue, routes_fleet, routes_queue
from kiosk.platform_server.auth import SECURITY_SCHEMES, KioskDirectory
from kiosk.platform_server.db import create_tables, make_engine
from kiosk.platform_server.demo_data import seed
from kiosk.platform_server.hall import QueueBook
from kiosk.platform_server.pages import router as pages_router
from kiosk.platform_server.problems import install_handlers
from kiosk.platform_server.store import Settings, Store, load_pepper

OPENAPI_FILE = Path(__file__).resolve().parents[1] / "platform" / "openapi.json"
DESCRIPTION = """The county platform as a self-service kiosk sees it (一体化政务服务平台 kiosk API).

Every kiosk request is signed: see `kiosk/platform/signing.py` for the canonical string. Every
error has one shape: `{"code", "message_zh", "message_en", "details"}`. Writes carry an
`Idempotency-Key`; a resend with the same key gets the first answer.
"""


class Health(BaseModel):
    status: str
    version: str
    server_time: datetime


def create_app(settings: Settings, *, clock: Callable[[], datetime] | None = None) -> FastAPI:
    engine = make_engine(settings.db_url)
    create_tables(engine)
    store = Store(engine=engine, settings=settings)
    if clock is not None:
        store.clock = clock
    with engine.begin() as conn:
        store.pepper = load_pepper(conn)
        if settings.seed_demo:
            seed(conn, store)
    store.catalogue()  # read and index it now, not on the first kiosk's request

    app = FastAPI(title="政务自助终端 county platform API", version="1.0.0",
                  description=DESCRIPTION, openapi_url="/openapi.json", docs_url="/docs",
                  redoc_url=None)
    app.state.store = store
    app.state.book = QueueBook(store)
    app.state.kiosks = KioskDirectory()
    install_handlers(app)
    for router in (routes_queue.router, routes_catalogue.router, routes_cases.router,
                   routes_fleet.router, routes_fleet.admin, pages_router):
        app.include_router(router)

    @app.get("/api/v1/health", response_model=Health, tags=["fleet"],
             summary="Whether the platform is up (no signature needed)")
    async def health() -> Health:
        return Health(status="ok", version=__version__, server_time=store.now())

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


UNSIGNED = ("/api/v1/health", "/api/v1/admin/")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with the signature's four headers as security schemes, required
    together on every kiosk endpoint."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        document = get_openapi(title=app.title, version=app.version,
                               description=app.description, routes=app.routes)
        document.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
        for path, item in document.get("paths", {}).items():
            if path.startswith(UNSIGNED):
                continue
            for operation in item.values():
                operation["security"] = [{name: [] for name in sorted(SECURITY_SCHEMES)}]
        app.openapi_schema = document
    return app.openapi_schema


def openapi_text(app: FastAPI) -> str:
    """The OpenAPI document as kept in the repository: stable key order, one trailing newline."""
    document: dict[str, Any] = app.openapi()
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def document_app() -> FastAPI:
    """An app on an in-memory database, only to produce the OpenAPI document."""
    return create_app(Settings(db_url="sqlite://", seed_demo=False))
