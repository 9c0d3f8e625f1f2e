"""Testing the link to the county platform: is it there, does it accept this kiosk's signature,
and how far apart are the two clocks.

    result = check_platform(url, credentials, ca_bundle=..., timeout=5)

1. `GET /api/v1/health` (no signature): reachable, TLS accepted, and the platform's time, from
   which the clock skew is taken (half the round trip allowed for);
2. `GET /api/v1/kiosk/config`, signed with this kiosk's key: the signature, the key and the
   kiosk id are accepted (401 with the platform's code otherwise).

Each step's outcome has a sentence in Chinese and English saying what to do.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.platform.client import Credentials, PlatformClient
from kiosk.platform.errors import PlatformError, PlatformRejected

SKEW_LIMIT_S = 300.0   # the platform refuses signatures further off than this
SKEW_WARN_S = 30.0


@dataclass
class PlatformCheck:
    url: str
    reachable: bool = False
    signature_ok: bool = False
    clock_skew_s: float | None = None
    platform_version: str = ""
    problems_zh: list[str] = field(default_factory=list)
    problems_en: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.reachable and self.signature_ok and not self.clock_off

    @property
    def clock_off(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > SKEW_LIMIT_S

    def problem(self, zh: str, en: str) -> None:
        self.problems_zh.append(zh)
        self.problems_en.append(en)


_AUTH_WORDS = {
    "auth_bad_signature": ("签名不对：本机密钥与平台登记的不一致，请重新填写密钥",
                           "the signature is refused: this kiosk's key is not the one the "
                           "platform has; enter the key again (kiosk platform add-kiosk prints "
                           "a new one)"),
    "auth_unknown_kiosk": ("平台上没有这台终端：请让县平台登记此终端编号",
                           "the platform does not know this kiosk id: register it (kiosk "
                           "platform add-kiosk ID)"),
    "auth_kiosk_disabled": ("这台终端已被平台停用", "the platform has disabled this kiosk"),
    "auth_stale_timestamp": ("本机时钟与平台相差太多：请校准时间（timedatectl set-ntp true）",
                             "the kiosk's clock is too far off: set it (timedatectl set-ntp "
                             "true)"),
}


def check_platform(url: str, credentials: Credentials, *, ca_bundle: str | None = None,
                   timeout: float = 5.0) -> PlatformCheck:
    result = PlatformCheck(url)
    client = PlatformClient(url, credentials, connect_timeout=timeout, read_timeout=timeout,
                            ca_bundle=ca_bundle, retries=0)
    try:
        _health(client, result)
        if result.reachable:
            _signature(client, result)
    finally:
        client.close()
    return result


def _health(client: PlatformClient, result: PlatformCheck) -> None:
    import json

    sent = time.time()
    try:
        answer = client.send("GET", "/api/v1/health", attempts=1)
    except PlatformError as exc:
        tls = "TLS" in exc.message_en
        result.problem(
            "平台的证书校验未通过：请检查 platform.ca_bundle" if tls else
            f"连不上政务平台（{result.url}）：请检查网络和地址",
            "the platform's TLS certificate is not accepted: check platform.ca_bundle" if tls
            else f"the platform cannot be reached at {result.url}: check the network and URL")
        return
    received = time.time()
    result.reachable = True
    try:
        body = json.loads(answer.body)
        server = datetime.fromisoformat(body["server_time"]).timestamp()
        result.platform_version = str(body.get("version", ""))
    except (ValueError, KeyError, TypeError):
        result.problem("平台的应答格式不对：地址是否指向政务平台？",
                       "the answer is not the platform's: does the URL point at it?")
        result.reachable = False
        return
    result.clock_skew_s = round(server - (sent + received) / 2, 1)
    if result.clock_off:
        result.problem(f"本机时钟与平台相差{abs(result.clock_skew_s):.0f}秒（超过5分钟）：请校准时间",
                       f"the clock is {abs(result.clock_skew_s):.0f} s off the platform's (over "
                       "5 min): set it (timedatectl set-ntp true)")


def _signature(client: PlatformClient, result: PlatformCheck) -> None:
    try:
        client.send("GET", "/api/v1/kiosk/config", attempts=1)
        result.signature_ok = True
    except PlatformRejected as exc:
        zh, en = _AUTH_WORDS.get(exc.code, (f"平台拒绝：{exc.message_zh}",
                                            f"refused by the platform: {exc.message_en}"))
        result.problem(zh, en)
    except PlatformError as exc:
        result.problem(f"签名检查未完成：{exc.message_zh}",
                       f"the signature check did not finish: {exc.message_en}")
