"""Repeatable writes: the same Idempotency-Key from the same kiosk gets the same answer.

The first request's answer (success or a refusal) is stored with a hash of the request; a
repeat with the same hash gets that answer back without doing the work again, and a repeat
with a different request is refused (`idempotency_conflict`). The work and the stored answer
commit in one transaction, so a crash leaves either both or neither.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Annotated

from fastapi import Header, Request, Response
from pydantic import BaseModel
from sqlalchemy import Connection, delete
from sqlalchemy.exc import IntegrityError

from kiosk.platform.contract import IDEMPOTENCY_KEY_PATTERN, ErrorCode
from kiosk.platform_server import db, sql
from kiosk.platform_server.auth import KioskDirectory, KioskIdentity, record_pending_nonce
from kiosk.platform_server.problems import ApiError
from kiosk.platform_server.store import Store, utc_naive

IdempotencyHeader = Annotated[str, Header(
    alias="Idempotency-Key", pattern=IDEMPOTENCY_KEY_PATTERN,
    description="a key unique to this write; a resend with the same key gets the same answer")]

Work = Callable[[Connection], BaseModel]

# Answers are kept this long: longer than any kiosk keeps a write waiting in its outbox.
KEEP = timedelta(days=30)
PRUNE_EVERY = 5000
_stored = itertools.count(1)


def _answer(conn: Connection, store: Store, directory: KioskDirectory, kiosk: KioskIdentity,
            key: str, request_hash: str, work: Work, status: int) -> tuple[int, str]:
    record_pending_nonce(conn, directory, kiosk)
    kiosk_id = kiosk.kiosk_id
    row = sql.execute(conn, sql.IDEMPOTENCY_SELECT, {"kiosk_id": kiosk_id, "key": key}
                      ).fetchone()
    if row is not None:
        stored_hash, stored_status, stored_body = row
        if stored_hash != request_hash:
            error = ApiError(409, ErrorCode.IDEMPOTENCY_CONFLICT)
            return 409, error.body.model_dump_json()
        return stored_status, stored_body
    try:
        with sql.savepoint(conn):
            body = work(conn).model_dump_json()
    except ApiError as exc:
        if exc.status >= 500:
            raise
        status, body = exc.status, exc.body.model_dump_json()
    sql.execute(conn, sql.IDEMPOTENCY_INSERT, {"kiosk_id": kiosk_id, "key": key,
                                          "request_hash": request_hash, "status_code": status,
                                          "body": body, "created_at": utc_naive(store.now())})
    if next(_stored) % PRUNE_EVERY == 0:
        conn.execute(delete(db.idempotency).where(
            db.idempotency.c.created_at < utc_naive(store.now() - KEEP)))
    return status, body


async def idempotent(request: Request, kiosk: KioskIdentity, key: str, work: Work,
                     status: int = 200) -> Response:
    """Do `work` once per (kiosk, key); answer with what the first time answered."""
    store: Store = request.app.state.store
    directory: KioskDirectory = request.app.state.kiosks
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.url.path}\n".encode())
    digest.update(await request.body())
    try:
        code, body = await store.run(_answer, store, directory, kiosk, key, digest.hexdigest(),
                                     work, status)
    except IntegrityError:
        # The same key arrived twice at once (another worker stored it first): its answer is
        # there now.
        code, body = await store.run(_answer, store, directory, kiosk, key, digest.hexdigest(),
                                     work, status)
    return Response(body, status_code=code, media_type="application/json")
