"""Encryption at rest for single values of personal data (a BSN), and keyed digests.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under
``settings.FIELD_ENCRYPTION_KEYS``; the first key encrypts, every key decrypts, so a key
can be rotated by putting a new one first. A keyed digest (HMAC-SHA256 under
``settings.FIELD_DIGEST_KEY``) lets the database find or refuse a duplicate value with a
unique index without ever storing it readably.

Outside production, where the settings are empty, keys are derived from ``SECRET_KEY`` so
that the demo and the tests need no configuration.
"""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"dichtbij:{purpose}:{settings.SECRET_KEY}".encode()).digest()


@functools.cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    del secret_key  # part of the cache key only: tests may override SECRET_KEY
    if keys:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derived("field-encryption")))])


def _current_fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt_text(value: str) -> str:
    """``value`` encrypted and authenticated, as ASCII text to store."""
    return _current_fernet().encrypt(value.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    """The plain value of a token made by :func:`encrypt_text`.

    Raises :class:`DecryptionError` if no configured key opens it or it was altered.
    """
    try:
        return _current_fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, ValueError) as exc:
        raise DecryptionError(
            "The stored value cannot be decrypted with the configured keys."
        ) from exc


def keyed_digest(value: str, *, purpose: str) -> str:
    """A stable hex HMAC-SHA256 of ``value``; the same value and purpose give the same digest.

    ``purpose`` separates digests of different kinds of value (a BSN, a name) so that equal
    strings of different kinds do not collide.
    """
    key = settings.FIELD_DIGEST_KEY.encode() or _derived("field-digest")
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
