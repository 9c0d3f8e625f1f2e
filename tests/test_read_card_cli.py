"""`kiosk read-card` and `kiosk sim idreader`: the technician's tools, as they run over SSH."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from drivers.idreader.deck import DECK
from drivers.idreader.reader import CardReader
from tests.conftest import REPO

KEYS = ["card_type", "name", "sex", "nation", "birth_date", "address", "id_number", "issuer",
        "valid_from", "valid_to"]
OWN_KEYS = {"resident": [], "hmt_residence": ["pass_number", "issue_count"],
            "foreign_permanent": ["english_name", "nationality", "card_number"]}


def kiosk(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout, check=False)


@pytest.mark.parametrize("args", [["read-card"], ["sim"], ["sim", "idreader"],
                                  ["sim", "idreader-send"]])
def test_help(args):
    result = kiosk(*args, "--help")
    assert result.returncode == 0 and "usage: kiosk" in result.stdout


@pytest.mark.parametrize("key", ["long_term", "hmt_tw", "foreign_2017"])
def test_json_has_exactly_the_keys_and_is_masked(key):
    result = kiosk("read-card", "--device", f"sim://?card={key}", "--json", "--timeout", "10")
    assert result.returncode == 0, result.stderr
    fields = json.loads(result.stdout)
    card = DECK[key].card
    assert list(fields) == KEYS + OWN_KEYS[card.card_type.value]
    assert fields == card.as_json(masked=True)
    assert card.id_number not in result.stdout and card.name not in result.stdout
    assert fields["birth_date"].endswith("-**-**")


def test_unmasked_json_for_test_cards():
    result = kiosk("read-card", "--device", "sim://?card=rare_name", "--json", "--unmasked")
    fields = json.loads(result.stdout)
    assert fields["name"] == "龚䶮" and fields["id_number"] == DECK["rare_name"].card.id_number
    assert fields["valid_to"] == "2039-10-08" and fields["birth_date"] == "1991-09-23"
    long_term = json.loads(kiosk("read-card", "--device", "sim://?card=elderly", "--json",
                                 "--unmasked").stdout)
    assert long_term["valid_to"] == "长期"
    assert long_term["address"] == DECK["elderly"].card.appended_address  # where they live now


def test_text_output_is_masked_and_says_what_was_not_parsed():
    result = kiosk("read-card", "--device", "sim://?card=foreign_2023")
    assert result.returncode == 0, result.stderr
    assert "外国人永久居留身份证 (foreign_permanent)" in result.stdout
    assert "942***********" in result.stdout
    assert DECK["foreign_2023"].card.id_number not in result.stdout
    assert "not parsed" in result.stdout and "未解析" in result.stdout


def test_no_card_is_a_clear_failure():
    result = kiosk("read-card", "--device", "sim://", "--timeout", "0.5")
    assert result.returncode == 1
    assert "No card was read" in result.stderr and "没有读到证件" in result.stderr
    assert result.stdout == ""


def test_a_broken_reader_is_a_clear_failure():
    result = kiosk("read-card", "--device", "serial:///dev/ttyNOSUCH0", "--timeout", "1")
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "读卡器无法使用" in result.stderr


def test_a_malformed_url_is_a_configuration_problem():
    result = kiosk("read-card", "--device", "lpt://1")
    assert result.returncode == 78 and 'unknown scheme "lpt"' in result.stderr


def test_the_simulator_program_over_tcp_with_its_control_socket(tmp_path):
    control = tmp_path / "c.sock"
    sim = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", "idreader", "--listen", "tcp://127.0.0.1:0",
         "--control", str(control)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True, cwd=REPO)
    try:
        info = json.loads(sim.stdout.readline())
        assert info["device"].startswith("tcp://127.0.0.1:") and info["control"] == str(control)
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(control))
            stream = sock.makefile("rw")
            stream.write("insert hmt_hk\n")  # plain words, as a technician types them
            stream.flush()
            assert json.loads(stream.readline()) == {"ok": True}
            stream.write("insert nobody\n")
            stream.flush()
            refused = json.loads(stream.readline())
            assert refused["ok"] is False and "hmt_hk" in refused["error"]
        with CardReader(info["device"]) as reader:
            assert reader.wait_for_card(timeout=5) == DECK["hmt_hk"].card
            sent = kiosk("sim", "idreader-send", str(control), "remove")
            assert sent.returncode == 0 and json.loads(sent.stdout) == {"ok": True}
            assert reader.poll() is None and reader.poll() is not None  # taken away
        refused = kiosk("sim", "idreader-send", str(control), "fault", "sparks")
        assert refused.returncode == 1 and "unknown fault" in refused.stdout
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    assert "card hmt_hk placed" in sim.stderr.read()
