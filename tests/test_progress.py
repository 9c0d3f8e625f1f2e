"""办件查询's core: application numbers from the pad and from a 受理回执's QR, lookups against
the reference platform on loopback (found, not found, nothing for a card, unreachable), and the
plain words for each step."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from drivers.idreader.deck import DECK
from kiosk.i18n import catalog_path
from kiosk.platform.contract import ApplicationStatus
from kiosk.platform_server.demo_data.applications import demo_numbers
from kiosk.progress import (
    NEXT_STEP,
    PROBLEMS,
    STATUS_WORDS,
    ProgressProblem,
    day_words,
    digits_shown,
    find_by_card,
    find_by_number,
    find_by_receipt_qr,
    format_number,
    number_from_digits,
    number_from_receipt_qr,
    progress_of,
)
from tests.conftest import REPO
from tests.platform.conftest import start_platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    running = start_platform(tmp_path_factory.mktemp("progress") / "platform.sqlite")
    yield running
    running.server.stop()


@pytest.fixture(scope="module")
def api(platform):
    client = platform.api()
    yield client
    client.close()


@pytest.fixture(scope="module")
def numbers(platform):
    return demo_numbers(platform.store.today())


def test_numbers_from_the_pad():
    assert number_from_digits("2026112008001") == "BK20261120-08001"
    assert number_from_digits("202611200800") is None          # one digit short
    assert number_from_digits("20261120080011") is None
    assert digits_shown("20261120") == "BK20261120"
    assert digits_shown("202611200") == "BK20261120-0"
    assert format_number("bk2026112008001") == "BK20261120-08001"


def test_numbers_from_a_receipt_qr():
    assert number_from_receipt_qr("http://127.0.0.1:8700/a/BK20261120-08001") == \
        "BK20261120-08001"
    assert number_from_receipt_qr("https://zwfw.baokang.example/p/BK2024052000123") == \
        "BK20240520-00123"
    assert number_from_receipt_qr(" BK20261120-08001\n") == "BK20261120-08001"
    for other in ("https://zwfw.baokang.example/q/BK-ZWZX-001/A023", "YY20000001",
                  "https://www.example.com/", "", "XBK20261120-08001"):
        assert number_from_receipt_qr(other) is None


def test_by_number_and_by_qr_find_the_same_application(api, numbers, platform):
    [found] = find_by_number(api, numbers[0])
    assert found.number == numbers[0]
    assert found.applicant_name_masked == "王**"
    [same] = find_by_receipt_qr(api, found.status_url)
    assert same.number == found.number
    assert found.status_url.endswith("/a/" + numbers[0])


def test_by_card_lists_the_holders_applications_newest_first(api, numbers):
    found = find_by_card(api, DECK["resident"].card.id_number)
    assert {a.number for a in found} == {numbers[0], numbers[1], numbers[2]}
    assert [a.submitted_at for a in found] == sorted((a.submitted_at for a in found),
                                                     reverse=True)


def test_each_problem_has_its_own_kind(api):
    with pytest.raises(ProgressProblem) as caught:
        find_by_number(api, "BK20000101-00001")
    assert caught.value.kind == "not_found"
    with pytest.raises(ProgressProblem) as caught:
        find_by_card(api, DECK["long_term"].card.id_number)
    assert caught.value.kind == "none_for_card"
    assert DECK["long_term"].card.id_number not in str(caught.value)
    with pytest.raises(ProgressProblem) as caught:
        find_by_receipt_qr(api, "https://zwfw.baokang.example/q/BK-ZWZX-001/A023")
    assert caught.value.kind == "not_a_receipt"


def test_an_unreachable_platform_is_offline_and_keeps_the_number_out_of_the_error(tmp_path):
    running = start_platform(tmp_path / "gone.sqlite")
    client = running.api(connect_timeout=0.5, read_timeout=1.0, retries=0)
    running.server.stop()
    id_number = DECK["resident"].card.id_number
    try:
        for lookup, value in ((find_by_number, "BK20261120-08001"), (find_by_card, id_number)):
            with pytest.raises(ProgressProblem) as caught:
                lookup(client, value)
            assert caught.value.kind == "offline"
            assert caught.value.__suppress_context__  # no chain back to the request
            assert id_number not in repr(caught.value)
    finally:
        client.close()


def test_steps_in_plain_words(api, numbers):
    [ready] = find_by_number(api, numbers[1])
    progress = progress_of(ready)
    assert progress.status is ApplicationStatus.READY and progress.action_needed
    assert [s.words for s in progress.steps] == ["已提交", "已受理", "审查中", "已办结",
                                                 "已办好，待领取"]
    assert progress.steps[-1].note("zh_CN") == "请带身份证到11-14号窗口领取"
    assert progress.steps[-1].note("en") == "Collect it at windows 11-14 with your ID card"
    assert progress.next_step == NEXT_STEP[ApplicationStatus.READY]
    [rejected] = find_by_number(api, numbers[4])
    assert progress_of(rejected).finished


def test_days_in_words():
    today = date(2026, 11, 22)
    assert day_words(today, "zh_CN", today) == "今天"
    assert day_words(date(2026, 11, 21), "en", today) == "yesterday"
    assert day_words(date(2026, 11, 20), "zh_CN", today) == "11月20日"
    assert day_words(date(2026, 11, 20), "en", today) == "20 Nov"
    assert day_words(date(2025, 12, 30), "zh_CN", today) == "2025年12月30日"
    assert datetime(2026, 11, 20, 9, 5).strftime("%H:%M") == "09:05"


def test_every_word_of_the_core_modules_has_english():
    with catalog_path("en").open("rb") as fh:
        translated = {m.id: m.string for m in read_po(fh) if m.id}
    marked = re.compile(r"""N_\(\s*"((?:[^"\\]|\\.)+)"\s*\)""")
    sources = [REPO / "kiosk" / "progress.py", REPO / "kiosk" / "guide_facts.py"]
    found = {m.group(1) for path in sources for m in marked.finditer(Path(path).read_text())}
    found |= set(STATUS_WORDS.values()) | set(NEXT_STEP.values())
    found |= {w.title for w in PROBLEMS.values()} | {w.advice for w in PROBLEMS.values()}
    assert sorted(s for s in found if not translated.get(s)) == []
