"""Configuration: the shipped files load, and every mistake gets one plain line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.config import load_config
from kiosk.config.loader import environment_problems
from kiosk.errors import ConfigError
from tests.conftest import DEFAULT_CONFIG, EXAMPLES, REPO


def kiosk_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=60, check=False)


@pytest.mark.parametrize("path", [DEFAULT_CONFIG, EXAMPLES / "county-hall.toml",
                                  EXAMPLES / "village-station.toml"], ids=lambda p: p.name)
def test_shipped_configurations_are_valid(path):
    config = load_config(path)
    assert config.kiosk.hall_name
    assert config.technician.pin_hash.startswith("scrypt$")


def test_default_configuration_runs_on_simulators_and_the_embedded_platform():
    config = load_config(DEFAULT_CONFIG)
    assert (config.devices.printer, config.devices.id_reader, config.devices.camera) == (
        "sim://", "sim://", "sim://")
    assert config.platform.url == "embedded"
    assert config.kiosk.state_dir == REPO / "var"  # relative to the file, not the cwd
    assert config.log_file == REPO / "var" / "log" / "kiosk.log"


EXPECTED_BROKEN = [
    'kiosk.orientation: "sideways" is not allowed',
    'kiosk.languages: "fr" is not allowed',
    'kiosk.idle_timout_s: unknown key (did you mean "idle_timeout_s"?)',
    'devices.printer: unknown scheme "lpt"',
    'devices.id_reader: "tcp://10.0.0.8": it needs HOST:PORT',
    'devices.camera: "camera://0?width=1280&hieght=720": unknown parameter "hieght"',
    'platform.url: "http://zwfw.baokang.example/api" is not "embedded" or an https:// address',
    "platform.read_timeout_s: -5 is too small; allowed: seconds above 0 and up to 120",
    "technician.pin_hash: (hidden) is not in the right form",
    'monitoring.heartbeat_interval_s: "30" is not a whole number',
    "printer: unknown section",
]


def test_broken_example_gets_one_clear_line_per_mistake():
    result = kiosk_cli("config", "check", "config/examples/broken.toml")
    assert result.returncode == 78
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(EXPECTED_BROKEN)
    for line, expected in zip(lines, EXPECTED_BROKEN, strict=True):
        assert line.startswith("config/examples/broken.toml: ")
        assert expected in line
    for line in lines[:-1]:
        assert "allowed:" in line  # what would be right, not only what is wrong
    assert "246810" not in result.stderr  # a secret is never echoed back


def test_config_check_accepts_a_good_file_and_warns_about_missing_files():
    result = kiosk_cli("config", "check", "config/examples/county-hall.toml")
    assert result.returncode == 0, result.stderr
    warning = "warning: platform.kiosk_key_file: /etc/zwkiosk/kiosk.key does not exist"
    assert warning in result.stdout
    assert result.stdout.strip().endswith("OK (kiosk BK-ZWZX-003, 保康县政务服务中心, platform "
                                          "https://zwfw.baokang.example/api)")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "k.toml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """
[kiosk]
id = "T-001"
hall_name = "测试大厅"
[technician]
pin_hash = "scrypt$16384$8$1$DROsAj9weD/bH3vg373frQ==$EXuoJJof+BB1bfW0WXLoDZ4TrNj5zpPBwNuCobIlbxI="
"""


def test_minimal_file_gets_sensible_defaults(tmp_path):
    config = load_config(_write(tmp_path, MINIMAL))
    assert config.kiosk.idle_timeout_s == 60
    assert config.kiosk.languages == ["zh_CN", "en"]
    assert config.monitoring.metrics_listen == "127.0.0.1:9108"


def test_toml_syntax_error_says_where(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, "[kiosk]\nid = T-001\n"))
    (line,) = caught.value.lines()
    assert "not valid TOML" in line and "line 2" in line


def test_missing_file_and_missing_keys(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, "[kiosk]\nid = \"T-001\"\n"))
    assert caught.value.problems == [
        "kiosk.hall_name: missing; allowed: the hall's name as citizens know it, "
        "2 to 40 characters",
        "technician: missing",
    ]


def test_cross_checks(tmp_path):
    text = MINIMAL.replace('hall_name = "测试大厅"',
                           'hall_name = "测试大厅"\nlanguages = ["zh_CN"]\ndefault_language = "en"')
    text += '\n[platform]\nurl = "https://county.example"\n'
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, text))
    assert caught.value.problems[0].startswith('kiosk.default_language: "en" is not in')
    assert caught.value.problems[1].startswith("platform.kiosk_key: missing")


def test_overrides_are_checked_like_the_file(tmp_path):
    path = _write(tmp_path, MINIMAL)
    config = load_config(path, ['kiosk.orientation="landscape"', "kiosk.idle_timeout_s=90"])
    assert (config.kiosk.orientation, config.kiosk.idle_timeout_s) == ("landscape", 90)
    with pytest.raises(ConfigError) as caught:
        load_config(path, ["kiosk.idle_timeout_s=5"])
    assert caught.value.problems == ["kiosk.idle_timeout_s: 5 is too small; allowed: whole "
                                     "seconds from 15 to 600 (doubled in elderly mode) "
                                     "(set on the command line)"]


def test_environment_problems_name_missing_files(tmp_path):
    config = load_config(_write(tmp_path, MINIMAL.replace(
        'hall_name = "测试大厅"', 'hall_name = "测试大厅"\nfont = "fonts/none.ttf"')))
    assert environment_problems(config) == [
        f"kiosk.font: {tmp_path / 'fonts' / 'none.ttf'} does not exist on this machine"]


toml_values = st.one_of(st.integers(-10**6, 10**6), st.text(max_size=20), st.booleans(),
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.lists(st.text(max_size=5), max_size=3))
keys = st.sampled_from(["kiosk.id", "kiosk.orientation", "kiosk.idle_timeout_s",
                        "kiosk.languages", "devices.printer", "devices.camera", "platform.url",
                        "platform.read_timeout_s", "monitoring.metrics_listen", "logging.level",
                        "kiosk.typo", "nonsense.key"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, toml_values, max_size=4))
def test_any_value_anywhere_is_either_accepted_or_explained(tmp_path_factory, overrides):
    import json

    path = _write(tmp_path_factory.mktemp("cfg"), MINIMAL)
    items = [f"{key}={json.dumps(value, ensure_ascii=False)}" for key, value in overrides.items()]
    try:
        load_config(path, items)
    except ConfigError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem and "\n" not in problem
