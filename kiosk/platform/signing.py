"""Request signing: how a kiosk proves who it is, and how the platform checks it.

Each request carries four headers:

    X-Kiosk-Id         the kiosk's id
    X-Kiosk-Timestamp  seconds since the epoch, as an integer
    X-Kiosk-Nonce      16 to 64 characters [A-Za-z0-9_-], never used twice
    X-Kiosk-Signature  hex HMAC-SHA256 with the kiosk's secret key over the canonical string

The canonical string is these lines joined with "\\n":

    kiosk id
    method, upper case
    path, as sent (e.g. /api/v1/tickets)
    the query: pairs sorted, each key=value percent-encoded (RFC 3986), joined with &
    timestamp
    nonce
    hex SHA-256 of the body bytes (of the empty string when there is none)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, quote

HEADER_KIOSK = "X-Kiosk-Id"
HEADER_TIMESTAMP = "X-Kiosk-Timestamp"
HEADER_NONCE = "X-Kiosk-Nonce"
HEADER_SIGNATURE = "X-Kiosk-Signature"
HEADER_IDEMPOTENCY = "Idempotency-Key"
NONCE_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"
MAX_SKEW_S = 300
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    encoded = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def canonical_query_from_string(query: str) -> str:
    return canonical_query(parse_qsl(query, keep_blank_values=True))


def string_to_sign(kiosk_id: str, method: str, path: str, query: str, timestamp: str,
                   nonce: str, body_sha256: str) -> bytes:
    return "\n".join((kiosk_id, method.upper(), path, query, timestamp, nonce,
                      body_sha256)).encode("utf-8")


def signature(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def sign_headers(kiosk_id: str, key: bytes, method: str, path: str, query: str, body: bytes,
                 *, now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four auth headers for one request. `query` is already canonical."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = nonce or new_nonce()
    body_hash = hashlib.sha256(body).hexdigest() if body else EMPTY_BODY_SHA256
    message = string_to_sign(kiosk_id, method, path, query, timestamp, nonce, body_hash)
    return {
        HEADER_KIOSK: kiosk_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: signature(key, message),
    }


def signature_matches(key: bytes, headers: Mapping[str, str], method: str, path: str,
                      query: str, body: bytes) -> bool:
    """Whether the headers' signature is right for this request (constant-time compare)."""
    body_hash = hashlib.sha256(body).hexdigest() if body else EMPTY_BODY_SHA256
    message = string_to_sign(headers[HEADER_KIOSK], method, path,
                             canonical_query_from_string(query), headers[HEADER_TIMESTAMP],
                             headers[HEADER_NONCE], body_hash)
    return hmac.compare_digest(signature(key, message), headers[HEADER_SIGNATURE].lower())
