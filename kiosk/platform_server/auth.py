"""Who is calling: signed kiosk requests, and the county IT administrator.

Kiosk requests are checked in this order, each failure with its own code (all 401):
missing headers (`auth_missing`), timestamp more than five minutes off
(`auth_stale_timestamp`), unknown kiosk (`auth_unknown_kiosk`), wrong signature
(`auth_bad_signature`), disabled kiosk (`auth_kiosk_disabled`), nonce seen before
(`auth_replayed_nonce`). Nonces are kept in the database for ten minutes, so a replay is
caught across restarts and across workers.

Administrators (the fleet page, registering kiosks) are let in from loopback; from anywhere
else they need the admin key, as a Bearer token or as the password of HTTP Basic auth.
"""

from __future__ import annotations

import base64
import hmac
import ipaddress
import re
import time
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Connection, delete, select

from kiosk.platform import signing
from kiosk.platform.contract import ErrorCode
from kiosk.platform_server import db, sql
from kiosk.platform_server.problems import ApiError
from kiosk.platform_server.store import Store

KIOSK_CACHE_S = 30.0
NONCE_KEEP_S = 2 * signing.MAX_SKEW_S
_NONCE = re.compile(signing.NONCE_PATTERN)

# The four headers, as OpenAPI security schemes (added to the document by `app._openapi`;
# the dependency reads the headers itself, which costs far less than four sub-dependencies).
SECURITY_SCHEMES = {
    "KioskId": {"type": "apiKey", "in": "header", "name": signing.HEADER_KIOSK,
                "description": "the kiosk's id"},
    "KioskTimestamp": {"type": "apiKey", "in": "header", "name": signing.HEADER_TIMESTAMP,
                       "description": "seconds since the epoch"},
    "KioskNonce": {"type": "apiKey", "in": "header", "name": signing.HEADER_NONCE,
                   "description": "16-64 of [A-Za-z0-9_-], used once"},
    "KioskSignature": {"type": "apiKey", "in": "header", "name": signing.HEADER_SIGNATURE,
                       "description": "hex HMAC-SHA256 of the canonical request "
                                      "(see kiosk/platform/signing.py)"},
}


@dataclass(frozen=True)
class KioskIdentity:
    kiosk_id: str
    hall_id: str
    # A nonce checked but not yet recorded: the write's own transaction records it.
    pending_nonce: tuple[str, float] | None = None


@dataclass
class _Known:
    secret: bytes
    hall_id: str
    enabled: bool
    until: float


class KioskDirectory:
    """Kiosk secrets, cached for a short while so the hot path does not read them each time."""

    def __init__(self) -> None:
        self._known: dict[str, _Known] = {}
        self._nonces_since_prune = 0

    def forget(self, kiosk_id: str) -> None:
        self._known.pop(kiosk_id, None)

    def fresh(self, kiosk_id: str) -> bool:
        known = self._known.get(kiosk_id)
        return known is not None and known.until > time.monotonic()

    def lookup(self, conn: Connection | None, kiosk_id: str) -> _Known | None:
        """The kiosk's secret; from the cache while fresh (or when there is no connection)."""
        known = self._known.get(kiosk_id)
        now = time.monotonic()
        if known is not None and (known.until > now or conn is None):
            return known
        if conn is None:
            return None
        row = conn.execute(select(db.kiosks.c.secret, db.kiosks.c.hall_id, db.kiosks.c.enabled)
                           .where(db.kiosks.c.id == kiosk_id)).first()
        if row is None:
            return None
        known = _Known(row.secret.encode(), row.hall_id, row.enabled, now + KIOSK_CACHE_S)
        self._known[kiosk_id] = known
        return known

    def use_nonce(self, conn: Connection, kiosk_id: str, nonce: str, now: float) -> bool:
        """Record the nonce; False when it was used before."""
        inserted = sql.execute(conn, sql.NONCE_INSERT, {"kiosk_id": kiosk_id, "nonce": nonce,
                                                        "seen_at": now}).rowcount
        if inserted != 1:
            return False
        self._nonces_since_prune += 1
        if self._nonces_since_prune >= 2000:
            self._nonces_since_prune = 0
            conn.execute(delete(db.nonces).where(db.nonces.c.seen_at < now - NONCE_KEEP_S))
        return True


def _unauthorized(code: str, now: float | None = None) -> ApiError:
    headers = {"WWW-Authenticate": "KioskSignature"}
    if now is not None:  # so a kiosk whose clock is off can correct it
        headers["X-Server-Time"] = str(int(now))
    return ApiError(401, code, headers=headers)


def _check(conn: Connection | None, store: Store, directory: KioskDirectory,
           headers: dict[str, str], method: str, path: str, query: str, body: bytes,
           record_nonce: bool = True) -> KioskIdentity:
    kiosk_id = headers[signing.HEADER_KIOSK]
    now = store.now().timestamp()
    try:
        stamp = int(headers[signing.HEADER_TIMESTAMP])
    except ValueError:
        raise _unauthorized(ErrorCode.AUTH_STALE_TIMESTAMP, now) from None
    if abs(now - stamp) > signing.MAX_SKEW_S:
        raise _unauthorized(ErrorCode.AUTH_STALE_TIMESTAMP, now)
    known = directory.lookup(conn, kiosk_id)
    if known is None:
        raise _unauthorized(ErrorCode.AUTH_UNKNOWN_KIOSK)
    try:
        good = signing.signature_matches(known.secret, headers, method, path, query, body)
    except (ValueError, TypeError):
        good = False
    if not good:
        raise _unauthorized(ErrorCode.AUTH_BAD_SIGNATURE)
    if not known.enabled:
        raise _unauthorized(ErrorCode.AUTH_KIOSK_DISABLED)
    nonce = headers[signing.HEADER_NONCE]
    if not record_nonce:
        return KioskIdentity(kiosk_id, known.hall_id, pending_nonce=(nonce, now))
    assert conn is not None
    if not directory.use_nonce(conn, kiosk_id, nonce, now):
        raise _unauthorized(ErrorCode.AUTH_REPLAYED_NONCE)
    return KioskIdentity(kiosk_id, known.hall_id)


def record_pending_nonce(conn: Connection, directory: KioskDirectory,
                         kiosk: KioskIdentity) -> None:
    """Record the nonce `signed_kiosk_for_write` checked, in the write's transaction."""
    if kiosk.pending_nonce is not None:
        nonce, now = kiosk.pending_nonce
        if not directory.use_nonce(conn, kiosk.kiosk_id, nonce, now):
            raise _unauthorized(ErrorCode.AUTH_REPLAYED_NONCE)


async def signed_kiosk(request: Request) -> KioskIdentity:
    """The dependency of every kiosk endpoint: the calling kiosk, or a 401."""
    return await _signed(request, record_nonce=True)


async def signed_kiosk_for_write(request: Request) -> KioskIdentity:
    """The same checks for writes done through `idempotent`, which records the nonce in the
    write's own transaction: one commit per ticket instead of two."""
    return await _signed(request, record_nonce=False)


async def _signed(request: Request, record_nonce: bool) -> KioskIdentity:
    given = request.headers
    kiosk_id = given.get(signing.HEADER_KIOSK)
    timestamp = given.get(signing.HEADER_TIMESTAMP)
    nonce = given.get(signing.HEADER_NONCE)
    signature = given.get(signing.HEADER_SIGNATURE)
    if not (kiosk_id and timestamp and nonce and signature) or not _NONCE.match(nonce):
        raise _unauthorized(ErrorCode.AUTH_MISSING)
    headers = {signing.HEADER_KIOSK: kiosk_id, signing.HEADER_TIMESTAMP: timestamp,
               signing.HEADER_NONCE: nonce, signing.HEADER_SIGNATURE: signature}
    body = await request.body()
    store: Store = request.app.state.store
    directory: KioskDirectory = request.app.state.kiosks
    args = (store, directory, headers, request.method, request.url.path, request.url.query, body,
            record_nonce)
    if not record_nonce and directory.fresh(kiosk_id):
        return _check(None, *args)  # nothing to read or write: no transaction
    return await store.run(_check, *args)


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _presented_key(request: Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(value.strip()).decode("utf-8").partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            return None
    return None


async def administrator(request: Request) -> None:
    """County IT: open on loopback, the admin key anywhere else."""
    if _is_loopback(request):
        return
    admin_key = request.app.state.store.settings.admin_key
    presented = _presented_key(request)
    if admin_key and presented and hmac.compare_digest(presented.encode(), admin_key.encode()):
        return
    raise ApiError(401, ErrorCode.ADMIN_KEY_REQUIRED,
                   headers={"WWW-Authenticate": 'Basic realm="zwkiosk fleet"'})
