"""Spoken prompts: the main steps read aloud with espeak-ng, offline, on a thread of their own.

Off by default and on in elderly mode (configurable). A new prompt interrupts the one still
being spoken: the citizen needs to hear about the screen in front of them, not the last one.
Prompts are fixed sentences chosen by the screens, never personal data: a name or an ID
number is not read out in a public hall.

Chinese uses espeak-ng's `cmn-latn-pinyin` voice (the plain `cmn` voice reads the pinyin it
derives with English letter rules). `speech.output` may name a directory instead of the audio
device: each prompt is then written there as a WAV file (tests, demos, machines without sound).
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

VOICES = {"zh_CN": "cmn-latn-pinyin", "en": "en-us"}
STOP = object()


@dataclass(frozen=True)
class Utterance:
    text: str
    language: str


class Speaker:
    """Reads prompts aloud one at a time; `say` never blocks and replaces what is pending."""

    def __init__(self, *, words_per_minute: int, volume: int, output: Path | None) -> None:
        self._wpm = words_per_minute
        self._volume = volume
        self._output = output
        self._program = shutil.which("espeak-ng")
        self._queue: queue.Queue[object] = queue.Queue()
        self._current: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._count = 0
        if self._program is None:
            log.warning("espeak-ng is not installed: prompts will not be spoken")

    @property
    def available(self) -> bool:
        return self._program is not None

    def start(self) -> None:
        if self._thread is None and self.available:
            self._thread = threading.Thread(target=self._run, name="speaker", daemon=True)
            self._thread.start()

    def say(self, text: str, language: str) -> None:
        """Speak `text` soon, interrupting whatever is being said or waiting."""
        if not self.available or not text:
            return
        self._drain()
        self.hush()
        self._queue.put(Utterance(text, language))

    def hush(self) -> None:
        """Stop speaking now (the session ended, or speech was switched off)."""
        self._drain()
        with self._lock:
            if self._current is not None and self._current.poll() is None:
                self._current.terminate()

    def shutdown(self) -> None:
        self.hush()
        if self._thread is not None:
            self._queue.put(STOP)
            self._thread.join(timeout=5)
            self._thread = None

    def _drain(self) -> None:
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is STOP:
                return
            assert isinstance(item, Utterance)
            try:
                self._speak(item)
            except OSError as exc:
                log.warning("could not speak a prompt", extra={"error": str(exc)})

    def _speak(self, utterance: Utterance) -> None:
        assert self._program is not None
        voice = VOICES.get(utterance.language, VOICES["zh_CN"])
        command = [self._program, "-v", voice, "-s", str(self._wpm), "-a", str(self._volume)]
        if self._output is not None:
            self._output.mkdir(parents=True, exist_ok=True)
            self._count += 1
            command += ["-w", str(self._output / f"{self._count:04d}-{utterance.language}.wav")]
        command += ["--", utterance.text]
        with self._lock:
            self._current = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)
        self._current.wait()
