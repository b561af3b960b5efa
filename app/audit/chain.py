"""The hash chain's canonical encoding, kept in one place so writer and verifier cannot drift.

hash(n) = SHA-256( prev_hash(n) || canonical_json(fields of record n) ), where canonical JSON has
sorted keys, no insignificant whitespace, UTF-8 and no ASCII escaping. An auditor can recompute
it with any JSON library; the genesis record's prev_hash is 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring as _encode  # C-accelerated, no ASCII escaping
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


def fast_record_hash(row: tuple[Any, ...]) -> str:
    """record_hash for a row in _COLUMNS order, without building dicts (verification hot path).

    Produces byte-for-byte the canonical JSON of record_hash; a test holds the two together.
    """
    (seq, event_id, ts, actor, role, source, host, device_id, category, action, obj, outcome,
     details, prev_hash) = row[:14]
    e = _encode
    payload = (
        '{"action":' + e(action) + ',"actor":' + e(actor) + ',"category":' + e(category)
        + ',"details":' + e(details) + ',"device_id":' + e(device_id)
        + ',"event_id":' + e(event_id) + ',"host":' + e(host) + ',"object":' + e(obj)
        + ',"outcome":' + e(outcome) + ',"role":' + e(role) + ',"seq":' + str(int(seq))
        + ',"source":' + e(source) + ',"ts":' + e(ts) + "}"
    )
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()
