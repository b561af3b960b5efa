"""The hash chain's canonical encoding, kept in one place so writer and verifier cannot drift.

hash(n) = SHA-256( prev_hash(n) || canonical_json(fields of record n) ), where canonical JSON has
sorted keys, no insignificant whitespace, UTF-8 and no ASCII escaping. An auditor can recompute
it with any JSON library; the genesis record's prev_hash is 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64

# Every column except `hash` itself is covered; `prev_hash` is covered by being the prefix.
HASHED_FIELDS = (
    "seq",
    "event_id",
    "ts",
    "actor",
    "role",
    "source",
    "host",
    "device_id",
    "category",
    "action",
    "object",
    "outcome",
    "details",
)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = {name: fields[name] for name in HASHED_FIELDS}
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(canonical_json(payload).encode("utf-8"))
    return digest.hexdigest()
