"""The reference server fuzzed from its own OpenAPI document with schemathesis, with signed
requests so the fuzzing reaches the handlers: no answer is ever a 5xx, and every answer
follows the document."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from kiosk.platform import signing
from kiosk.platform_server.app import OPENAPI_FILE
from tests.platform.conftest import start_platform

schema = schemathesis.openapi.from_dict(json.loads(OPENAPI_FILE.read_text(encoding="utf-8")))


class Signed(requests.auth.AuthBase):
    def __init__(self, kiosk_id: str, key: bytes) -> None:
        self.kiosk_id, self.key = kiosk_id, key

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        parts = urlsplit(request.url)
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        request.headers.update(signing.sign_headers(
            self.kiosk_id, self.key, request.method, parts.path,
            signing.canonical_query_from_string(parts.query), body))
        return request


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    running = start_platform(tmp_path_factory.mktemp("fuzz") / "p.sqlite")
    session = requests.Session()
    session.auth = Signed(running.credentials.kiosk_id, running.credentials.key)
    yield running, session
    running.server.stop()


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, fuzzed):
    running, session = fuzzed
    response = case.call(base_url=running.url, session=session)
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                             response_schema_conformance])
