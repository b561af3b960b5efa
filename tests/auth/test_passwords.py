from __future__ import annotations

import pytest

from app.auth import passwords
from app.errors import ValidationError


def test_default_cost_is_memory_hard_and_self_describing():
    encoded = passwords.hash_password("correct horse", passwords.ScryptCost())
    scheme, log2_n, r, p, salt, digest = encoded.split("$")
    assert (scheme, log2_n, r, p) == ("scrypt", "17", "8", "1")  # 128 MiB per check
    assert passwords.verify_password("correct horse", encoded)
    assert not passwords.verify_password("correct horsE", encoded)


def test_same_password_gets_a_different_salt():
    assert passwords.hash_password("same-password") != passwords.hash_password("same-password")


@pytest.mark.parametrize("stored", [
    "", "plain", "md5$x$y", "scrypt$a$b$c$d$e", "scrypt$10$8$1$!!$!!",
    "scrypt$10$8$1$$",  # empty salt and hash
    "scrypt$40$8$1$c2FsdHNhbHRzYWx0c2FsdA==$" + "A" * 44,  # absurd cost: refused, not run
])
def test_malformed_stored_hash_never_verifies(stored):
    assert passwords.verify_password("anything", stored) is False


@pytest.mark.parametrize("bad,reason", [
    ("short", "at least 8"),
    (" leading-space", "spaces"),
    ("x" * 2000, "at most"),
])
def test_policy_rejects_weak_passwords(bad, reason):
    with pytest.raises(ValidationError, match=reason):
        passwords.validate_new_password(bad)
