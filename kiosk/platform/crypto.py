"""Encryption at rest for what waits in the outbox: AES-256-GCM from `cryptography`.

The key is 32 random bytes, kept hex-encoded in a file only the kiosk user can read (0600),
made on first use. Each payload gets a fresh 12-byte nonce and is bound to its idempotency key
as associated data, so a payload cannot be swapped onto another queued item.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


class KeyFileError(KioskError):
    """The outbox key file cannot be used."""


def write_secret_file(path: Path, text: str) -> None:
    """Create `path` readable by the owner only, atomically; never overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read_secret_file(path: Path) -> str:
    """The text of a secret file, after making sure only its owner can read it."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("secret file %s was readable by others (mode %o); set to 0600", path, mode)
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def load_or_create_key(path: Path) -> bytes:
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # made by another process meanwhile
            write_secret_file(path, secrets.token_hex(32))
    try:
        key = bytes.fromhex(read_secret_file(path))
    except (ValueError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"{path}: not a hex-encoded key") from exc
    if len(key) != 32:
        raise KeyFileError(f"{path}: the key must be 32 bytes (64 hex digits)")
    return key


class PayloadCipher:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, bound_to: str) -> tuple[bytes, bytes]:
        nonce = secrets.token_bytes(12)
        return nonce, self._aead.encrypt(nonce, plaintext, bound_to.encode())

    def open(self, nonce: bytes, ciphertext: bytes, bound_to: str) -> bytes:
        try:
            return self._aead.decrypt(nonce, ciphertext, bound_to.encode())
        except InvalidTag as exc:
            raise KeyFileError("an outbox item cannot be decrypted with this key") from exc
