"""Salted, memory-hard password hashes (stdlib scrypt), self-describing so costs can rise later.

Format: ``scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>``. The default cost follows OWASP's
scrypt guidance (n=2**17, r=8, p=1: 128 MiB, a few hundred ms), so logins run off the GUI thread.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from app.errors import ValidationError
from app.messages import msg

MIN_LENGTH = 8
MAX_LENGTH = 1024
# The passwords that cracking lists try first; refusing them costs nothing and stops the worst.
COMMON = frozenset({
    "password", "password1", "passw0rd", "12345678", "123456789", "1234567890", "qwertyui",
    "qwerty123", "11111111", "00000000", "abc12345", "admin123", "administrator", "letmein1",
    "welcome1", "iloveyou", "changeme", "operator", "technician", "edgedeck",
})


@dataclass(frozen=True)
class ScryptCost:
    log2_n: int = 17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        return 128 * self.r * (2**self.log2_n) * 2


DEFAULT_COST = ScryptCost()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def validate_new_password(password: str) -> None:
    """The password policy for any password set from now on."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(msg("The password must be at least {min_length} characters long.",
                                  min_length=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise ValidationError(msg("The password must be at most {max_length} characters long.",
                                  max_length=MAX_LENGTH))
    if password.strip() != password:
        raise ValidationError("The password must not start or end with spaces.")
    if password.lower() in COMMON:
        raise ValidationError("That password is on every cracking list; choose another.")


def hash_password(password: str, cost: ScryptCost | None = None) -> str:
    cost = cost or DEFAULT_COST
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=2**cost.log2_n,
        r=cost.r,
        p=cost.p,
        maxmem=cost.maxmem,
        dklen=32,
    )
    return f"scrypt${cost.log2_n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """Constant-time comparison; a malformed stored hash never verifies."""
    try:
        scheme, log2_n, r, p, salt_b64, hash_b64 = encoded.split("$")
        cost = ScryptCost(int(log2_n), int(r), int(p))
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(hash_b64, validate=True)
    except (ValueError, TypeError):  # binascii.Error is a ValueError
        return False
    # A stored hash is data: refuse absurd costs rather than let it exhaust memory or time.
    if scheme != "scrypt" or not salt or not 16 <= len(expected) <= 64:
        return False
    if not (10 <= cost.log2_n <= 20 and 1 <= cost.r <= 32 and 1 <= cost.p <= 4):
        return False
    try:
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=2**cost.log2_n,
            r=cost.r,
            p=cost.p,
            maxmem=cost.maxmem,
            dklen=len(expected),
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


# A hash of a random password with the default cost, checked when the user name is unknown so a
# failed login takes the same time whether or not the account exists.
_DUMMY_HASH: str | None = None


def burn_time_like_a_real_check(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(os.urandom(12).hex())
    verify_password(password, _DUMMY_HASH)
