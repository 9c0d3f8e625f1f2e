"""The technician PIN: stored as a salted scrypt hash, checked with a lockout after failures.

The encoded form is `scrypt$N$r$p$SALT$HASH` (base64), which is what `technician.pin_hash` holds.
Five wrong PINs lock the prompt for 15 minutes. Every attempt is logged, never the PIN. The
count of wrong PINs and the lockout are kept in a small file in the state folder, so turning the
kiosk off and on again (or making it crash) neither unlocks it nor starts the count afresh.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.clock import KioskClock

log = logging.getLogger(__name__)

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
MAX_ATTEMPTS = 5
LOCKOUT_S = 15 * 60


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """Encode `pin` as `scrypt$N$r$p$SALT$HASH` with a fresh random salt."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValueError("a PIN is 4 to 12 digits")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return "$".join(
        ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
         base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    )


def verify_pin(pin: str, encoded: str) -> bool:
    """True when `pin` matches `encoded`; constant time in the comparison."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = encoded.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        digest = hashlib.scrypt(pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def _too_easy(pin: str) -> bool:
    """One digit repeated, or a run up or down (123456, 987654, 8901): the first PINs a
    passer-by would try."""
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return len(steps) == 1 and steps <= {0, 1, 9}


def new_pin_problem(new: str, again: str | None = None, old: str | None = None
                    ) -> tuple[str, str] | None:
    """Why `new` cannot be the technician PIN, as (Chinese, English), or None when it can.

    `again` is the second entry (it must match); `old` the current PIN (it must change)."""
    if not new.isdigit() or not 4 <= len(new) <= 12:
        return "新密码须为4到12位数字。", "The new PIN must be 4 to 12 digits."
    if again is not None and again != new:
        return "两次输入的新密码不一致。", "The two new PINs differ."
    if old is not None and new == old:
        return "新密码与原密码相同。", "The new PIN is the same as the old one."
    if _too_easy(new):
        return ("新密码太简单，请不要用重复或连续的数字。",
                "The new PIN is too easy to guess: no repeated or consecutive digits.")
    return None


@dataclass(frozen=True)
class PinResult:
    outcome: Literal["ok", "wrong", "locked"]
    attempts_left: int = 0
    locked_for_s: int = 0


class PinGuard:
    """Checks PIN attempts and locks after `MAX_ATTEMPTS` failures in a row."""

    def __init__(self, encoded: str, clock: KioskClock, *,
                 state_file: Path | None = None) -> None:
        self._encoded = encoded
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self._state_file = state_file
        self._recorded = False  # the file holds failures or a lockout to clear on success
        self._load()

    # kept across restarts ----------------------------------------------------------------

    def _load(self) -> None:
        if self._state_file is None:
            return
        try:
            saved = json.loads(self._state_file.read_text(encoding="utf-8"))
            failures = int(saved.get("failures", 0))
            until = float(saved.get("locked_until", 0.0))
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            log.warning("technician PIN lockout file unreadable; starting afresh",
                        extra={"file": str(self._state_file), "error": str(exc)})
            return
        self._failures = min(max(failures, 0), MAX_ATTEMPTS - 1)
        self._recorded = bool(failures or until)
        # A clock set back must not lock the prompt for longer than one lockout.
        remaining = min(until - self._clock.wall().timestamp(), LOCKOUT_S)
        if remaining > 0:
            self._locked_until = self._clock.now() + remaining
            log.warning("technician PIN prompt still locked from before the restart",
                        extra={"locked_for_s": int(remaining)})

    def _save(self) -> None:
        if self._state_file is None:
            return
        locked = self.locked_for()
        state = {"failures": self._failures,
                 "locked_until": self._clock.wall().timestamp() + locked if locked else 0.0}
        self._recorded = bool(self._failures or locked)
        folder = self._state_file.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".pin-", suffix=".json", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(state, fh)
            os.replace(tmp, self._state_file)
        except OSError as exc:  # the lockout still holds until the kiosk restarts
            log.warning("technician PIN lockout not saved", extra={"error": str(exc)})

    def replace_hash(self, encoded: str) -> None:
        """A new PIN from a reloaded configuration; a running lockout stays."""
        self._encoded = encoded
        log.warning("technician PIN hash replaced")

    def locked_for(self) -> int:
        """Whole seconds until the prompt unlocks, 0 when it is open."""
        return max(0, int(self._locked_until - self._clock.now() + 0.999))

    def check(self, pin: str) -> PinResult:
        locked = self.locked_for()
        if locked:
            log.warning("technician PIN refused: locked", extra={"locked_for_s": locked})
            return PinResult("locked", locked_for_s=locked)
        if verify_pin(pin, self._encoded):
            if self._failures or self._recorded:
                self._failures, self._locked_until = 0, 0.0
                self._save()
            log.info("technician PIN accepted")
            return PinResult("ok", attempts_left=MAX_ATTEMPTS)
        self._failures += 1
        if self._failures >= MAX_ATTEMPTS:
            self._failures = 0
            self._locked_until = self._clock.now() + LOCKOUT_S
            self._save()
            log.warning("technician PIN wrong; locked", extra={"locked_for_s": LOCKOUT_S})
            return PinResult("locked", locked_for_s=LOCKOUT_S)
        self._save()
        left = MAX_ATTEMPTS - self._failures
        log.warning("technician PIN wrong", extra={"attempts_left": left})
        return PinResult("wrong", attempts_left=left)
