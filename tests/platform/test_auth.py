"""Every way a request can fail authentication gets a 401 with its own code."""

from __future__ import annotations

import json
import time

import pytest
import requests

from kiosk.platform import signing
from kiosk.platform.client import Credentials
from kiosk.platform.errors import PlatformRejected
from kiosk.platform_server import fleet


def signed(platform, creds: Credentials, method="GET", path="/api/v1/hall", body=b"",
           now=None, nonce=None, tamper=None) -> requests.Response:
    headers = signing.sign_headers(creds.kiosk_id, creds.key, method, path, "", body, now=now,
                                   nonce=nonce)
    if tamper:
        tamper(headers)
    headers["Content-Type"] = "application/json"
    return requests.request(method, platform.url + path, data=body, headers=headers, timeout=5)


def code_of(response: requests.Response) -> str:
    body = response.json()
    assert set(body) >= {"code", "message_zh", "message_en"}
    return body["code"]


def test_a_signed_request_is_accepted(platform):
    assert signed(platform, platform.credentials).status_code == 200


def test_unsigned_request_is_refused(platform):
    response = requests.get(platform.url + "/api/v1/hall", timeout=5)
    assert response.status_code == 401
    assert code_of(response) == "auth_missing"


def test_unknown_kiosk(platform):
    response = signed(platform, Credentials("NOBODY-999", b"x" * 32))
    assert response.status_code == 401 and code_of(response) == "auth_unknown_kiosk"


def test_bad_signature(platform):
    wrong_key = Credentials(platform.credentials.kiosk_id, b"not-the-key-at-all")
    response = signed(platform, wrong_key)
    assert response.status_code == 401 and code_of(response) == "auth_bad_signature"


def test_body_tampered_after_signing(platform):
    creds = platform.credentials
    body = json.dumps({"category_id": "zhsl"}).encode()
    headers = signing.sign_headers(creds.kiosk_id, creds.key, "POST", "/api/v1/tickets", "",
                                   body)
    headers.update({"Content-Type": "application/json", "Idempotency-Key": "tamper-test-1"})
    response = requests.post(platform.url + "/api/v1/tickets", data=body.replace(b"zhsl", b"sw"),
                             headers=headers, timeout=5)
    assert response.status_code == 401 and code_of(response) == "auth_bad_signature"


def test_query_is_signed(platform):
    creds = platform.credentials
    headers = signing.sign_headers(creds.kiosk_id, creds.key, "GET", "/api/v1/items",
                                   "page=1", b"")
    response = requests.get(platform.url + "/api/v1/items?page=2", headers=headers, timeout=5)
    assert response.status_code == 401 and code_of(response) == "auth_bad_signature"


# Timestamps are whole seconds (truncated), so a clock 301 s ahead can arrive as 300 s: ask 302.
@pytest.mark.parametrize("skew", [-301, 302, 3600])
def test_stale_timestamp(platform, skew):
    response = signed(platform, platform.credentials, now=time.time() + skew)
    assert response.status_code == 401 and code_of(response) == "auth_stale_timestamp"


def test_replayed_nonce(platform):
    nonce = signing.new_nonce()
    assert signed(platform, platform.credentials, nonce=nonce).status_code == 200
    again = signed(platform, platform.credentials, nonce=nonce)
    assert again.status_code == 401 and code_of(again) == "auth_replayed_nonce"


def test_replay_is_caught_after_a_restart(tmp_path):
    from tests.platform.conftest import start_platform

    first = start_platform(tmp_path / "p.sqlite")
    nonce = signing.new_nonce()
    assert signed(first, first.credentials, nonce=nonce).status_code == 200
    first.server.stop()
    second = start_platform(tmp_path / "p.sqlite")
    try:
        creds = second.credentials  # re-registered: a new key, the same kiosk
        again = signed(second, creds, nonce=nonce)
        assert again.status_code == 401 and code_of(again) == "auth_replayed_nonce"
    finally:
        second.server.stop()


def test_disabled_kiosk(platform):
    from sqlalchemy import update

    from kiosk.platform_server import db

    with platform.store.engine.begin() as conn:
        conn.execute(update(db.kiosks).values(enabled=False))
    platform.server.app.state.kiosks.forget(platform.credentials.kiosk_id)
    response = signed(platform, platform.credentials)
    assert response.status_code == 401 and code_of(response) == "auth_kiosk_disabled"


def test_client_raises_rejected_with_the_code(platform):
    from kiosk.platform.api import PlatformApi

    api = PlatformApi(platform.url, Credentials(platform.credentials.kiosk_id, b"wrong-key-123"))
    with pytest.raises(PlatformRejected) as caught:
        api.hall()
    assert caught.value.status == 401 and caught.value.code == "auth_bad_signature"
    assert caught.value.message_zh and caught.value.message_en


def test_client_corrects_its_clock_from_the_platform(platform):
    platform.clock.offset = __import__("datetime").timedelta(minutes=20)
    api = platform.api()
    assert api.hall().name == "保康县政务服务中心"
    assert 1100 < api.clock_offset_s < 1300


def test_admin_is_open_on_loopback_and_needs_the_key_elsewhere(platform):
    from starlette.testclient import TestClient  # its client address is not loopback

    assert requests.get(platform.url + "/fleet", timeout=5).status_code == 200
    platform.store.settings.admin_key = "county-it-secret"
    remote = TestClient(platform.server.app)
    refused = remote.get("/api/v1/admin/kiosks")
    assert refused.status_code == 401 and refused.json()["code"] == "admin_key_required"
    ok = remote.get("/api/v1/admin/kiosks",
                    headers={"Authorization": "Bearer county-it-secret"})
    assert ok.status_code == 200
    page = remote.get("/fleet", auth=("it", "county-it-secret"))
    assert page.status_code == 200 and "BK-TEST-001" in page.text


def test_registering_again_gives_a_new_key(platform):
    store = platform.store
    old = platform.credentials
    new = store.transaction(fleet.register, store, old.kiosk_id, None, "again")
    platform.server.app.state.kiosks.forget(old.kiosk_id)
    assert signed(platform, old).status_code == 401
    assert signed(platform, Credentials(old.kiosk_id, new.secret_key.encode())).status_code == 200


def test_a_replayed_write_is_refused_not_answered_again(platform):
    creds = platform.credentials
    body = json.dumps({"category_id": "zhsl"}).encode()
    headers = signing.sign_headers(creds.kiosk_id, creds.key, "POST", "/api/v1/tickets", "",
                                   body)
    headers.update({"Content-Type": "application/json", "Idempotency-Key": "replay-write-1"})
    first = requests.post(platform.url + "/api/v1/tickets", data=body, headers=headers,
                          timeout=5)
    assert first.status_code == 201
    again = requests.post(platform.url + "/api/v1/tickets", data=body, headers=headers,
                          timeout=5)
    assert again.status_code == 401 and code_of(again) == "auth_replayed_nonce"
