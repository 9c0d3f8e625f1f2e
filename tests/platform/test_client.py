"""The client's promises: retries only where safe, typed errors for every failure, answers
outside the contract caught, timeouts honoured."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from kiosk.platform.api import PlatformApi
from kiosk.platform.contract import HelpRequestBody, TicketRequest
from kiosk.platform.errors import PlatformProtocolError, PlatformRejected, PlatformUnavailable
from tests.platform.faultproxy import FaultProxy
from tests.platform.helpers import key


def scripted(*faults: str):
    queue = list(faults)
    return lambda: queue.pop(0) if queue else "pass"


@pytest.fixture
def proxy_to(platform) -> Iterator:
    made: list[FaultProxy] = []

    def make(*faults: str) -> FaultProxy:
        made.append(FaultProxy((platform.server.host, platform.server.port), scripted(*faults)))
        return made[-1]

    yield make
    for proxy in made:
        proxy.close()


def test_safe_requests_are_retried_with_backoff(platform, proxy_to):
    proxy = proxy_to("reset_before", "http_503")
    api = PlatformApi(proxy.url, platform.credentials, retries=2, backoff_s=0.01)
    assert api.hall().name  # third try goes through
    assert proxy.counts["pass"] == 1


def test_a_write_with_a_key_is_retried_and_made_once(platform, proxy_to):
    proxy = proxy_to("reset_after", "reset_after")  # the platform did it; the kiosk never heard
    api = PlatformApi(proxy.url, platform.credentials, retries=2, backoff_s=0.01)
    ticket = api.issue_ticket(TicketRequest(category_id="zhsl"), key())
    assert ticket.number == "A001"  # one ticket, not three


def test_a_write_without_a_key_is_not_retried(platform, proxy_to):
    proxy = proxy_to("reset_before", "pass")
    api = PlatformApi(proxy.url, platform.credentials, retries=2, backoff_s=0.01)
    with pytest.raises(PlatformUnavailable):
        api.send("POST", "/api/v1/help-requests",
                 body=HelpRequestBody().model_dump_json().encode())
    assert proxy.counts["pass"] == 0


def test_a_silent_platform_times_out_as_unavailable(platform, proxy_to):
    proxy = proxy_to("blackhole")
    api = PlatformApi(proxy.url, platform.credentials, retries=0, read_timeout=0.3)
    with pytest.raises(PlatformUnavailable):
        api.hall()


def test_nothing_listening_is_unavailable(platform):
    states: list[str] = []
    api = PlatformApi("http://127.0.0.1:9", platform.credentials, retries=0,
                      on_link=states.append)
    with pytest.raises(PlatformUnavailable) as caught:
        api.hall()
    assert states == ["unreachable"] and caught.value.message_zh


IMPOSTOR_ANSWERS: dict[str, tuple[int, bytes]] = {
    "/api/v1/hall": (200, b'{"name": "not a hall"}'),
    "/api/v1/categories": (200, b"<html>proxy login</html>"),
    "/api/v1/tickets/x": (404, b"Not Found"),
    "/api/v1/tickets/y": (404, b'{"code": "ticket_not_found", "message_zh": "\\u6ca1\\u6709",'
                               b' "message_en": "No such ticket."}'),
}


class Impostor(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = IMPOSTOR_ANSWERS[self.path]
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def impostor() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Impostor)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_answers_outside_the_contract_are_protocol_errors(platform, impostor):
    states: list[str] = []
    api = PlatformApi(impostor, platform.credentials, retries=0, on_link=states.append)
    for call in (api.hall, api.categories, lambda: api.ticket("x")):
        with pytest.raises(PlatformProtocolError):
            call()
    assert "protocol_error" in states
    with pytest.raises(PlatformRejected) as caught:
        api.ticket("y")
    assert caught.value.code == "ticket_not_found" and caught.value.status == 404
