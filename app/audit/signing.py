"""The appliance's Ed25519 key that signs audit checkpoints.

Hashes alone let someone with the database file rewrite the whole chain and recompute every
hash; a signature from a key they do not hold (or whose public half the auditor pinned earlier)
makes that visible. The private key lives in <data>/keys with owner-only permissions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import EdgeDeckError

PRIVATE_KEY_FILE = "audit-signing.key"
PUBLIC_KEY_FILE = "audit-signing.pub"


def key_id_of(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def checkpoint_statement(device_id: str, seq: int, record_hash: str, ts: str,
                         prev_seq: int | None = None) -> bytes:
    """What a checkpoint signs; versioned so the format can change without ambiguity.

    v2 (every checkpoint since schema 14) also signs the seq of the checkpoint before it, so
    checkpoints form a chain of their own and removing one is visible; v1 checkpoints (older
    databases, `prev_seq` NULL) still verify.
    """
    if prev_seq is None:
        return f"edgedeck-audit-checkpoint:v1:{device_id}:{seq}:{record_hash}:{ts}".encode()
    return (f"edgedeck-audit-checkpoint:v2:{device_id}:{seq}:{record_hash}:{ts}:"
            f"{int(prev_seq)}").encode()


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise EdgeDeckError(f"Not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise EdgeDeckError("The public key is not an Ed25519 key.")
    return key


def verify_signature(public_key: Ed25519PublicKey, statement: bytes, signature_b64: str) -> bool:
    try:
        public_key.verify(base64.b64decode(signature_b64, validate=True), statement)
    except (InvalidSignature, ValueError):
        return False
    return True


class DeviceKey:
    def __init__(self, private_key: Ed25519PrivateKey, folder: Path) -> None:
        self._private = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id_of(self.public_key)
        self.folder = folder
        raw = private_key.private_bytes(serialization.Encoding.Raw,
                                        serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
        # Derived keys: one secret to protect (the signing key), separate uses kept apart.
        self._seal_key = hashlib.sha256(b"edgedeck-audit-seal:v1\0" + raw).digest()
        self._pseudonym_key = hashlib.sha256(b"edgedeck-pseudonym:v1\0" + raw).digest()

    @classmethod
    def load_or_create(cls, folder: Path) -> DeviceKey:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
        path = folder / PRIVATE_KEY_FILE
        if path.exists():
            try:
                key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            except (ValueError, TypeError) as exc:
                raise EdgeDeckError(
                    f"The audit signing key {path} is damaged ({exc}); restore it from a "
                    "backup, or move it away to create a new key (old checkpoints will then "
                    "only verify against the old public key).") from exc
            if not isinstance(key, Ed25519PrivateKey):
                raise EdgeDeckError(f"{path} is not an Ed25519 key.")
        else:
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o600)
        device_key = cls(key, folder)
        (folder / PUBLIC_KEY_FILE).write_bytes(device_key.public_pem())
        return device_key

    def public_pem(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)

    def sign(self, statement: bytes) -> str:
        return base64.b64encode(self._private.sign(statement)).decode("ascii")

    def seal(self, record_hash: str) -> str:
        """HMAC of a record's hash: proves EdgeDeck wrote the row before any checkpoint signs it.

        An HMAC (about a microsecond) rather than a signature per record keeps appends and
        verification fast; only the box can check seals, auditors rely on the signatures.
        """
        return hmac.new(self._seal_key, record_hash.encode("ascii"), hashlib.sha256).hexdigest()

    def seal_ok(self, record_hash: str, seal: str | None) -> bool:
        return bool(seal) and hmac.compare_digest(self.seal(record_hash), str(seal))

    def pseudonym(self, text: str) -> str:
        """A stable, keyed stand-in for text that must not be stored (a mistyped password
        in the user-name field): the same text gives the same value on this box, and a copy
        of the database alone cannot be used to guess it."""
        data = text.encode("utf-8", "surrogatepass")
        return hmac.new(self._pseudonym_key, data, hashlib.sha256).hexdigest()[:12]
