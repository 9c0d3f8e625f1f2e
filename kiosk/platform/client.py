"""The kiosk's HTTP client for the county platform.

One `requests.Session` with a connection pool; connect and read timeouts from the
configuration; TLS verification always on (a CA bundle can be named). Every request is signed
(`kiosk.platform.signing`). Only safe requests are retried, with exponential backoff and
jitter: GET and PUT, and POSTs that carry an Idempotency-Key (or are marked safe, such as the
look-ups that send an ID number in the body). Every answer is validated into the contract's
models; anything else is a `PlatformProtocolError`.

Blocking: call it from worker threads only (the background runner, the outbox sender).
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError
from requests.adapters import HTTPAdapter

from kiosk.platform import signing
from kiosk.platform.contract import ErrorBody, ErrorCode
from kiosk.platform.errors import (
    PlatformError,
    PlatformProtocolError,
    PlatformRejected,
    PlatformUnavailable,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
LinkListener = Callable[[str], None]
# (method, path, seconds, outcome): outcome "ok", or the error code / "unreachable" /
# "tls_error" / "protocol_error" / "http_503"; for monitoring (core.metrics.platform_request).
RequestListener = Callable[[str, str, float, str], None]


@dataclass(frozen=True)
class Credentials:
    kiosk_id: str
    key: bytes

    def __repr__(self) -> str:  # never print the key
        return f"Credentials(kiosk_id={self.kiosk_id!r}, key=***)"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]


_adapters: dict[Any, TypeAdapter[Any]] = {}


def adapter(model: Any) -> TypeAdapter[Any]:
    found = _adapters.get(model)
    if found is None:
        found = _adapters[model] = TypeAdapter(model)
    return found


def encode_query(params: dict[str, Any] | None) -> str:
    if not params:
        return ""
    pairs = [(k, str(v).lower() if isinstance(v, bool) else str(v))
             for k, v in params.items() if v is not None]
    return signing.canonical_query(pairs)


class PlatformClient:
    """Signed, validated calls to the platform's `/api/v1`."""

    def __init__(self, base_url: str, credentials: Credentials, *, connect_timeout: float = 3.0,
                 read_timeout: float = 10.0, ca_bundle: str | None = None, retries: int = 2,
                 backoff_s: float = 0.2, pool_size: int = 8,
                 on_link: LinkListener | None = None,
                 on_request: RequestListener | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff_s = backoff_s
        self.on_link = on_link
        self.on_request = on_request
        self.clock_offset_s = 0.0   # learnt from the platform when our clock is off
        self._session = requests.Session()
        self._session.verify = ca_bundle or True
        self._session.trust_env = False  # a kiosk talks to its platform directly
        pool = HTTPAdapter(pool_connections=2, pool_maxsize=pool_size, max_retries=0)
        self._session.mount("https://", pool)
        self._session.mount("http://", pool)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._session.close()

    # the one way out
    def send(self, method: str, path: str, *, params: dict[str, Any] | None = None,
             body: bytes = b"", content_type: str = "application/json",
             idempotency_key: str | None = None, safe: bool | None = None,
             attempts: int | None = None, timeout: tuple[float, float] | None = None,
             extra_headers: dict[str, str] | None = None) -> Answer:
        """Send one request (retrying if safe); the answer for 2xx/304, else raise."""
        method = method.upper()
        if safe is None:
            safe = method in ("GET", "HEAD", "PUT", "DELETE") or idempotency_key is not None
        tries = attempts if attempts is not None else (1 + self.retries if safe else 1)
        query = encode_query(params)
        clock_fixed = False
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(method, path, query, body, content_type,
                                     idempotency_key, timeout, extra_headers)
            except PlatformRejected as exc:
                if exc.code == ErrorCode.AUTH_STALE_TIMESTAMP and not clock_fixed \
                        and self._learn_clock(exc):
                    clock_fixed = True
                    continue
                raise
            except PlatformUnavailable:
                if attempt >= tries:
                    raise
            delay = min(5.0, self.backoff_s * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)
            time.sleep(delay)

    def _attempt(self, method: str, path: str, query: str, body: bytes, content_type: str,
                 idempotency_key: str | None, timeout: tuple[float, float] | None,
                 extra_headers: dict[str, str] | None) -> Answer:
        """One request and its check, timed for monitoring."""
        started = time.monotonic()
        try:
            answer = self._check(self._once(method, path, query, body, content_type,
                                            idempotency_key, timeout, extra_headers))
        except PlatformError as exc:
            self._observe(method, path, started, _outcome(exc))
            raise
        self._observe(method, path, started, "ok")
        return answer

    def _observe(self, method: str, path: str, started: float, outcome: str) -> None:
        if self.on_request is not None:
            try:
                self.on_request(method, path, time.monotonic() - started, outcome)
            except Exception:  # monitoring never breaks a request
                log.exception("request observer failed")

    def _once(self, method: str, path: str, query: str, body: bytes, content_type: str,
              idempotency_key: str | None, timeout: tuple[float, float] | None,
              extra_headers: dict[str, str] | None) -> Answer:
        headers = signing.sign_headers(self.credentials.kiosk_id, self.credentials.key, method,
                                       path, query, body, now=time.time() + self.clock_offset_s)
        if body:
            headers["Content-Type"] = content_type
        if idempotency_key:
            headers[signing.HEADER_IDEMPOTENCY] = idempotency_key
        if extra_headers:
            headers.update(extra_headers)
        url = f"{self.base_url}{quote(path)}" + (f"?{query}" if query else "")
        try:
            response = self._session.request(method, url, data=body or None, headers=headers,
                                             timeout=timeout or self.timeout,
                                             allow_redirects=False)
            content = response.content
        except requests.exceptions.SSLError as exc:
            self._link("tls_error")
            raise PlatformUnavailable("The platform's TLS certificate was not accepted",
                                      message_zh="政务平台的证书校验未通过") from exc
        except (requests.exceptions.RequestException, OSError) as exc:
            self._link("unreachable")
            raise PlatformUnavailable() from exc
        return Answer(response.status_code, content,
                      {k.lower(): v for k, v in response.headers.items()})

    def _check(self, answer: Answer) -> Answer:
        if 200 <= answer.status < 300 or answer.status == 304:
            self._link("connected")
            return answer
        if answer.status in RETRY_STATUSES:
            self._link("unreachable")
            raise PlatformUnavailable(f"The platform answered {answer.status}",
                                      message_zh="政务平台暂时无法处理请求")
        try:
            error = ErrorBody.model_validate_json(answer.body)
        except ValidationError as exc:
            self._link("protocol_error")
            raise PlatformProtocolError(
                f"The platform answered {answer.status} without the error shape") from exc
        if error.code in (ErrorCode.AUTH_BAD_SIGNATURE, ErrorCode.AUTH_UNKNOWN_KIOSK,
                          ErrorCode.AUTH_KIOSK_DISABLED, ErrorCode.AUTH_MISSING):
            self._link("auth_failed")
        elif error.code == ErrorCode.AUTH_STALE_TIMESTAMP:
            self._link("clock_skew")
        else:
            self._link("connected")
        rejected = PlatformRejected(answer.status, error.code, error.message_zh,
                                    error.message_en, error.details)
        rejected.headers = answer.headers  # type: ignore[attr-defined]
        raise rejected

    def _learn_clock(self, exc: PlatformRejected) -> bool:
        """Take the platform's clock (X-Server-Time, else Date) after a stale-timestamp
        refusal."""
        headers = getattr(exc, "headers", {})
        try:
            if "x-server-time" in headers:
                server = float(headers["x-server-time"])
            else:
                server = email.utils.parsedate_to_datetime(headers["date"]).timestamp()
        except (KeyError, TypeError, ValueError):
            return False
        self.clock_offset_s = server - time.time()
        log.warning("kiosk clock differs from the platform's by %.0f s; compensating",
                    self.clock_offset_s)
        return True

    def _link(self, state: str) -> None:
        if self.on_link is not None:
            self.on_link(state)

    # typed calls
    def call(self, method: str, path: str, model: Any, *, json_body: BaseModel | None = None,
             **kwargs: Any) -> Any:
        body = json_body.model_dump_json(exclude_none=True).encode() if json_body else b""
        answer = self.send(method, path, body=body, **kwargs)
        return self.parse(answer.body, model)

    @staticmethod
    def parse(body: bytes, model: Any) -> Any:
        try:
            return adapter(model).validate_json(body)
        except ValidationError as exc:
            raise PlatformProtocolError(
                f"The platform's answer does not match {getattr(model, '__name__', model)}: "
                f"{exc.error_count()} problems") from exc

    def get(self, path: str, model: type[T] | Any, **kwargs: Any) -> Any:
        return self.call("GET", f"/api/v1{path}", model, **kwargs)

    def post(self, path: str, model: Any, body: BaseModel, **kwargs: Any) -> Any:
        return self.call("POST", f"/api/v1{path}", model, json_body=body, **kwargs)


def _outcome(exc: PlatformError) -> str:
    """A short code for why a request failed, for the errors-by-code metric."""
    if isinstance(exc, PlatformRejected):
        return str(exc.code)
    if isinstance(exc, PlatformProtocolError):
        return "protocol_error"
    text = exc.message_en
    if "TLS" in text:
        return "tls_error"
    answered = re.search(r"answered (\d{3})", text)
    return f"http_{answered.group(1)}" if answered else "unreachable"


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
