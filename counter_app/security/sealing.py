"""Files sealed with AES-256-GCM: unreadable without the data key, and any change to a
sealed file (a flipped bit, a cut, another file put in its place) is found on opening.

Layout: MAGIC, a 12-byte random nonce, then the ciphertext with its 16-byte tag. The
file's name is authenticated with it, so two sealed photos cannot be swapped on disk.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MAGIC = b"CNTSEAL1"
NONCE_BYTES = 12
MSG_DAMAGED = QT_TRANSLATE_NOOP("messages", "A protected file is damaged or was altered: {file}")


class SealBroken(CounterError):
    code = "sealed_file"


class Sealer:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, data: bytes, name: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, name.encode())

    def open(self, blob: bytes, name: str) -> bytes:
        if not is_sealed(blob):
            raise SealBroken(MSG_DAMAGED, file=name)
        nonce = blob[len(MAGIC):len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES:], name.encode())
        except InvalidTag as exc:
            raise SealBroken(MSG_DAMAGED, file=name) from exc


def is_sealed(blob: bytes) -> bool:
    return blob.startswith(MAGIC) and len(blob) >= len(MAGIC) + NONCE_BYTES + 16
