"""Spoken prompts: written by espeak-ng, one at a time, the newest interrupting the rest."""

from __future__ import annotations

import time
import wave
from pathlib import Path

from kiosk.speech import Speaker
from tests.conftest import require_tool


def wait_for(directory: Path, count: int) -> list[Path]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        files = sorted(directory.glob("*.wav"))
        if len(files) >= count and all(f.stat().st_size > 1000 for f in files):
            return files
        time.sleep(0.05)
    found = sorted(directory.glob("*"))
    raise AssertionError(f"expected {count} prompts in {directory}, found {found}")


def seconds_of(path: Path) -> float:
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


def test_prompts_are_spoken_in_the_citizens_language(tmp_path):
    require_tool("espeak-ng")
    speaker = Speaker(words_per_minute=130, volume=100, output=tmp_path)
    speaker.start()
    speaker.say("您好！请选择要办理的业务。", "zh_CN")
    (chinese,) = wait_for(tmp_path, 1)
    speaker.say("Welcome. Please choose a service.", "en")
    english = wait_for(tmp_path, 2)[1]
    speaker.shutdown()
    assert chinese.name.endswith("-zh_CN.wav") and english.name.endswith("-en.wav")
    assert seconds_of(chinese) > 1.0 and seconds_of(english) > 1.0


def test_a_new_prompt_replaces_those_waiting(tmp_path):
    require_tool("espeak-ng")
    speaker = Speaker(words_per_minute=130, volume=100, output=tmp_path)
    for n in range(5):  # queued before the speaker runs: only the newest is still wanted
        speaker.say(f"第{n}个提示", "zh_CN")
    speaker.start()
    (spoken,) = wait_for(tmp_path, 1)
    time.sleep(0.5)
    speaker.shutdown()
    assert len(list(tmp_path.glob("*.wav"))) == 1
    assert spoken.name == "0001-zh_CN.wav"


def test_without_espeak_the_kiosk_simply_stays_silent(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng to be found
    speaker = Speaker(words_per_minute=130, volume=100, output=tmp_path)
    assert not speaker.available
    speaker.start()
    speaker.say("您好", "zh_CN")
    speaker.shutdown()
    assert list(tmp_path.iterdir()) == []
