"""Audit exports: every format streams, round-trips every field exactly and re-hashes."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import tracemalloc
from datetime import datetime, timezone

import pytest

from app import __version__
from app.audit.chain import GENESIS_HASH, canonical_json, record_hash
from app.audit.export import (
    FORMATS,
    ExportHeader,
    parse_cef_line,
    parse_syslog_line,
    read_csv_export,
    write_export,
)
from app.audit.trail import AuditRecord
from app.auth.identity import Actor

FIELDS = tuple(f.name for f in dataclasses.fields(AuditRecord))

# (actor, role, source, host, category, action, object, outcome, details)
NASTY = [
    ("alice", "admin", "gui", "box-1", "model", "activate", "model:inspector", "success",
     {"version": 3}),
    ("b|ob=1\\", "tech|nician", "cli", "box 2 | 北京", "model|x=y", "act=ivate\\",
     'a|b=c\\d "q" ]x[ , ;', "failure", {"note": "übung 测试 🚀", "eq": "a=b|c\\d\"]"}),
    ("运维", "operator", "service", "", "", "login", "", "denied", {}),
    ("tab\there", "admin", "gui", "host\twith\ttabs", "audit", "verify",
     "line1\nline2\r\nline3\rline4", "success", {"multi": "x\ny\r\nz", "tab": "\t"}),
    ("emoji 😀", "admin", "gui", "h", "cat 🙂 with a very long category name beyond 32",
     "act", " leading and trailing spaces ", "success", {"list": [1, "二", None, True]}),
    ("x cs1=evil", "admin", "gui", "h", "settings", "set", "ends with backslash\\",
     "failure", {"k": "v"}),
    ("#not-a-comment", "admin", "gui", "h", "user", "add", "=SUM(A1)+1", "denied",
     {"u2028": "a\u2028b\u2029c\x85d"}),
    ("multi", "admin", "gui", "h", "note", "write", "first\n# looks like a comment\n,\"",
     "success", {"s": "x] y\\] z\\\""}),
    ("trail", "admin", "gui", "h", "x", "y", "value ending with space ", "success",
     {"end": "space "}),
]


def _chain(specs=NASTY, start_seq: int = 1, prev: str = GENESIS_HASH,
           details_override: dict | None = None):
    """AuditRecords with real hashes and links, built without a database."""
    records = []
    for i, (actor, role, source, host, category, action, obj, outcome, details) in enumerate(
            specs):
        seq = start_seq + i
        fields = {
            "seq": seq,
            "event_id": f"00000000-0000-4000-8000-{seq:012d}",
            "ts": f"2026-11-22T08:30:{seq % 60:02d}.{123456 + seq:06d}Z",
            "actor": actor, "role": role, "source": source, "host": host,
            "device_id": "dev-42", "category": category, "action": action, "object": obj,
            "outcome": outcome,
            "details": (details_override or {}).get(seq, canonical_json(details)),
        }
        digest = record_hash(prev, fields)
        records.append(AuditRecord(**fields, prev_hash=prev, hash=digest))
        prev = digest
    return records


_NASTY_RECORDS = _chain()
RECORDS = _NASTY_RECORDS + _chain(  # plus a details string that is not JSON, and a list
    [("odd", "admin", "gui", "h", "c", "a", "o", "success", {})] * 2, start_seq=len(NASTY) + 1,
    prev=_NASTY_RECORDS[-1].hash,
    details_override={len(NASTY) + 1: "not json {", len(NASTY) + 2: "[1,2]"})

HEADER = ExportHeader(
    device_id="dev-42",
    device_name='Line 3 "north" | 北京\n=] \\',
    exported_at="2026-11-22T09:00:00.654321Z",
    exported_by="ad=min|😀",
    filters={"actor": "ali|ce", "text": 'a, "b"\nc]'},
    head_seq=len(RECORDS),
    head_hash=RECORDS[-1].hash,
    verification="Audit trail intact: 11 records, head #11, 0 signed checkpoints.",
    verified_ok=True,
    record_count=len(RECORDS),
)


def _export(fmt: str, records=RECORDS, header=HEADER, **kwargs) -> tuple[str, int]:
    stream = io.StringIO(newline="")
    count = write_export(records, fmt, stream, header, **kwargs)
    return stream.getvalue(), count


def _header_dict(header: ExportHeader = HEADER) -> dict:
    return {"type": "edgedeck.audit.export", "format_version": 1, "app_version": __version__,
            **dataclasses.asdict(header)}


def _epoch_ms(ts: str) -> int:
    parsed = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    return int((parsed - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds() * 1000)


# -- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_round_trips_every_field_and_rehashes():
    text, count = _export("jsonl")
    assert count == len(RECORDS)
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == len(RECORDS) + 3  # header, records, end, ''
    assert json.loads(lines[0]) == _header_dict()
    assert json.loads(lines[-2]) == {"type": "edgedeck.audit.export.end",
                                     "records": len(RECORDS), "complete": True}
    prev = GENESIS_HASH
    for line, original in zip(lines[1:-2], RECORDS, strict=True):
        obj = json.loads(line)
        assert obj["type"] == "edgedeck.audit.record"
        rebuilt = AuditRecord(**{**{k: obj[k] for k in FIELDS}, "details": obj["details_json"]})
        assert rebuilt == original
        assert obj["prev_hash"] == prev
        assert record_hash(obj["prev_hash"], rebuilt.as_dict()) == obj["hash"]
        prev = obj["hash"]
    by_seq = {json.loads(line)["seq"]: json.loads(line) for line in lines[1:-2]}
    assert by_seq[2]["details"] == NASTY[1][8]
    assert by_seq[len(NASTY) + 1]["details"] is None  # unparseable: details_json still exact
    assert by_seq[len(NASTY) + 2]["details"] == [1, 2]


# -- CSV ----------------------------------------------------------------------------------


def test_csv_parses_with_the_plain_csv_module():
    text, _ = _export("csv")
    physical = text.split("\r\n")
    comments = [line for line in physical if line.startswith("#")]
    assert len(comments) == len(_header_dict())
    assert physical[: len(comments)] == comments  # the header block leads, nothing else does
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # Each comment is one ordinary row (no quoted field spills over into the next line).
    assert [",".join(row) for row in rows[: len(comments)]] == comments
    assert rows[len(comments)] == list(FIELDS)
    data = rows[len(comments) + 1:]
    assert data == [[str(getattr(r, f)) for f in FIELDS] for r in RECORDS]


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_read_csv_export_returns_header_and_identical_records(bom):
    text, _ = _export("csv")
    header, records = read_csv_export(io.StringIO(bom + text, newline=""))
    assert header == _header_dict()
    assert list(records) == RECORDS


def test_read_csv_export_rejects_a_foreign_csv():
    with pytest.raises(ValueError, match="not an EdgeDeck audit CSV"):
        read_csv_export(io.StringIO("a,b\r\n1,2\r\n", newline=""))


# -- CEF ----------------------------------------------------------------------------------


def test_cef_round_trips_every_field():
    text, count = _export("cef")
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == count + 2
    for line, r in zip(lines[1:-1], RECORDS, strict=True):
        event = parse_cef_line(line)
        clean = {k: v.replace("\r", " ").replace("\n", " ") for k, v in
                 {"c": r.category, "a": r.action, "o": r.outcome}.items()}
        assert event["version"] == "0"
        assert (event["device_vendor"], event["device_product"], event["device_version"]) == (
            "EdgeDeck", "EdgeDeck Console", __version__)
        assert event["signature_id"] == f"{clean['c']}.{clean['a']}"
        assert event["name"] == f"{clean['c']} {clean['a']} {clean['o']}"
        assert event["severity"] == str({"success": 3, "failure": 6, "denied": 8}[r.outcome])
        ext = event["extensions"]
        labelled = {ext[f"{k}Label"]: ext[k] for k in ("cs1", "cs2", "cs3", "cs4", "cs5", "cn1")}
        rebuilt = AuditRecord(
            seq=int(labelled["seq"]), event_id=ext["externalId"], ts=labelled["ts"],
            actor=ext["suser"], role=ext["spriv"], source=labelled["source"],
            host=ext["dvchost"], device_id=ext["deviceExternalId"], category=ext["cat"],
            action=ext["act"], object=ext["msg"], outcome=ext["outcome"],
            details=labelled["details"], prev_hash=labelled["prev_hash"],
            hash=labelled["hash"])
        assert rebuilt == r
        assert int(ext["rt"]) == _epoch_ms(r.ts)


def test_cef_summary_event_carries_the_header():
    text, _ = _export("cef")
    event = parse_cef_line(text.split("\n")[0])
    assert event["signature_id"] == "edgedeck.audit.export" and event["severity"] == "3"
    ext = event["extensions"]
    labelled = {ext[f"{k}Label"]: ext[k] for k in ("cs1", "cs2", "cs3", "cs5", "cs6", "cn1",
                                                   "cn2")}
    assert labelled == {
        "filters": json.dumps(HEADER.filters, ensure_ascii=False, separators=(",", ":")),
        "head_hash": HEADER.head_hash, "device_name": HEADER.device_name,
        "exported_at": HEADER.exported_at, "verified_ok": "true",
        "head_seq": str(HEADER.head_seq), "record_count": str(HEADER.record_count)}
    assert (ext["suser"], ext["deviceExternalId"], ext["msg"], ext["outcome"]) == (
        HEADER.exported_by, HEADER.device_id, HEADER.verification, "success")
    assert int(ext["rt"]) == _epoch_ms(HEADER.exported_at)


def test_cef_escaping_is_exactly_the_standard_one():
    (record,) = _chain([("u", "admin", "gui", "h", "c|at", "a\\ct", "a=b\\c\nd|e\rf", "denied",
                         {})])
    line = _export("cef", [record])[0].split("\n")[1]
    assert line.startswith(f"CEF:0|EdgeDeck|EdgeDeck Console|{__version__}|c\\|at.a\\\\ct|"
                           "c\\|at a\\\\ct denied|8|")
    assert " msg=a\\=b\\\\c\\nd|e\\rf outcome=denied " in line


# -- syslog -------------------------------------------------------------------------------


def test_syslog_round_trips_every_field():
    text, count = _export("syslog")
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == count + 2
    for line, r in zip(lines[1:-1], RECORDS, strict=True):
        msg = parse_syslog_line(line)
        assert msg["facility"] == 13 and msg["version"] == 1
        assert msg["severity"] == {"success": 6, "failure": 4, "denied": 4}[r.outcome]
        assert msg["timestamp"] == r.ts
        assert msg["hostname"] == (re.sub(r"[^A-Za-z0-9._:-]+", "-", r.host) or "-")
        assert msg["app_name"] == "edgedeck" and msg["procid"] == "-"
        assert re.fullmatch(r"[\x21-\x7e]{1,32}", msg["msgid"])
        params = msg["sd"]["edgedeck@32473"]
        assert AuditRecord(**{**params, "seq": int(params["seq"])}) == r
        assert msg["msg"].endswith(" " + r.details) and "\n" not in msg["msg"]


def test_syslog_summary_message_carries_the_header():
    text, _ = _export("syslog")
    msg = parse_syslog_line(text.split("\n")[0])
    assert msg["pri"] == 13 * 8 + 6 and msg["msgid"] == "edgedeck.audit.export"
    assert msg["hostname"] == "Line-3-north-"
    assert msg["sd"]["edgedeck-export@32473"] == {
        "device_id": HEADER.device_id, "device_name": HEADER.device_name,
        "exported_at": HEADER.exported_at, "exported_by": HEADER.exported_by,
        "filters": json.dumps(HEADER.filters, ensure_ascii=False, separators=(",", ":")),
        "head_seq": str(HEADER.head_seq), "head_hash": HEADER.head_hash,
        "verified": "true", "verification": HEADER.verification,
        "record_count": str(HEADER.record_count)}
    assert msg["sd"]["origin"]["swVersion"] == __version__


def test_syslog_escaping_is_exactly_rfc_5424():
    (record,) = _chain([("u", "admin", "gui", "", "", "a", 'say "hi"] \\ ok\nnext', "failure",
                         {})])
    line = _export("syslog", [record])[0].split("\n")[1]
    assert line.startswith("<108>1 2026-11-22T08:30:01.123457Z - edgedeck - - [edgedeck@32473 ")
    assert ' object="say \\"hi\\"\\] \\\\ ok\\nnext" ' in line


def test_summary_severity_rises_when_the_chain_did_not_verify():
    header = dataclasses.replace(HEADER, verified_ok=False, record_count=None,
                                 verification="Audit trail BROKEN at record #3: edited")
    cef = parse_cef_line(_export("cef", [], header)[0].split("\n")[0])
    assert cef["severity"] == "6" and "cn2" not in cef["extensions"]
    syslog = parse_syslog_line(_export("syslog", [], header)[0].split("\n")[0])
    assert syslog["severity"] == 4 and "record_count" not in syslog["sd"][
        "edgedeck-export@32473"]
    assert syslog["sd"]["edgedeck-export@32473"]["verified"] == "false"


# -- parsers, errors, streaming -----------------------------------------------------------


def test_parsers_reject_what_they_cannot_read():
    for bad in ("", "hello", "CEF:0|only|three"):
        with pytest.raises(ValueError):
            parse_cef_line(bad)
    for bad in ("", "<13>1 no", "<110>1 - - edgedeck - x [unterminated a=\"b\""):
        with pytest.raises(ValueError):
            parse_syslog_line(bad)


def test_unknown_format_names_the_formats_and_writes_nothing():
    stream = io.StringIO()
    with pytest.raises(ValueError, match="'xml'.*jsonl, csv, cef, syslog"):
        write_export(RECORDS, "xml", stream, HEADER)
    assert stream.getvalue() == ""
    assert FORMATS == ("jsonl", "csv", "cef", "syslog")


class _Sink(io.TextIOBase):
    """Counts what is written and keeps none of it, so only the exporter's memory is measured."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def _many(n: int, produced: list[int]):
    template = RECORDS[1]
    for seq in range(1, n + 1):
        produced[0] = seq
        yield dataclasses.replace(template, seq=seq, event_id=f"e-{seq}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_streams_50000_records_in_bounded_memory(fmt):
    produced = [0]
    ahead = []

    def progress(written: int) -> None:
        ahead.append(produced[0] - written)

    sink = _Sink()
    tracemalloc.start()
    try:
        count = write_export(_many(50_000, produced), fmt, sink, HEADER, progress=progress)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000 and sink.chars > 50_000 * 300
    # A chunk of 1000 records and their lines; the whole export is over 15 MB.
    assert peak < 8 * 1024 * 1024, f"{fmt}: peak {peak / 1e6:.1f} MB"
    assert len(ahead) == 50 and max(ahead) <= 1000  # pulled a chunk at a time, never all


def test_cancel_stops_early_and_jsonl_says_incomplete():
    produced = [0]
    polls = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 2

    text, count = _export("jsonl", _many(100_000, produced), cancelled=cancelled)
    assert count == 2000 and produced[0] == 3000  # the chunk read before the poll is dropped
    lines = text.strip("\n").split("\n")
    assert len(lines) == 2002
    assert json.loads(lines[-1]) == {"type": "edgedeck.audit.export.end", "records": 2000,
                                     "complete": False}
    never = _export("jsonl", RECORDS, cancelled=lambda: False)[0].strip("\n").split("\n")
    assert json.loads(never[-1])["complete"] is True


def test_cancel_after_the_last_record_still_counts_as_complete():
    polls = []

    def cancelled() -> bool:  # "cancel" pressed after the only chunk was read
        polls.append(1)
        return len(polls) > 1

    text, count = _export("jsonl", RECORDS, cancelled=cancelled)
    assert count == len(RECORDS) and len(polls) == 1
    assert json.loads(text.strip("\n").split("\n")[-1])["complete"] is True


def test_exports_records_read_from_a_real_trail(ctx, admin):
    actor = Actor("ali|ce=\\", "admin", "cli", host="box 7")
    ctx.audit_trail.record(actor, "model", "activate", 'm|1="x"]\n#2', "success",
                           {"note": "übung 测试 🚀", "k=v": "a\\b"})
    ctx.audit_trail.record(actor, "user", "delete", "", "denied", {})
    records = list(reversed(ctx.audit_trail.read_page(limit=1000)))
    assert records[0].seq == 1 and len(records) >= 2
    for fmt in FORMATS:
        text, count = _export(fmt, records)
        assert count == len(records)
    text, _ = _export("csv", records)
    assert list(read_csv_export(io.StringIO(text, newline=""))[1]) == records
    lines = _export("jsonl", records)[0].split("\n")[1:-2]
    prev = GENESIS_HASH
    for line in lines:
        obj = json.loads(line)
        fields = {**{k: obj[k] for k in FIELDS}, "details": obj["details_json"]}
        assert obj["prev_hash"] == prev and record_hash(prev, fields) == obj["hash"]
        prev = obj["hash"]
    for fmt, parse, get in (
            ("cef", parse_cef_line, lambda e: e["extensions"]["msg"]),
            ("syslog", parse_syslog_line, lambda m: m["sd"]["edgedeck@32473"]["object"])):
        objects = [get(parse(line)) for line in _export(fmt, records)[0].split("\n")[1:-1]]
        assert objects == [r.object for r in records]
