"""Export the audit trail for auditors and SIEMs: JSON Lines, CSV, CEF and RFC 5424 syslog.

Every format streams (a chunk of records at a time, never the whole trail), starts with the
export header (device, who exported, filters, the chain's head and what verifying it found)
and carries every AuditRecord field exactly, so an export can be parsed back and its hashes
recomputed. Why each format looks the way it does:

JSON Lines: a header object, one object per record ("details" parsed for readers, plus
"details_json", the exact canonical string the hash covers), then an end object whose
"complete" is false when the export was cancelled, so a truncated file is recognisable.

CSV (RFC 4180: CRLF, minimal quoting; open the file with newline="" and encoding "utf-8", or
"utf-8-sig" so Excel detects UTF-8): leading comment lines "# key: <JSON value>" hold the
header, then the column row (the AuditRecord field names) and one row per record, details as
its canonical JSON. CSV has no comments, but a leading '#' block is the W3C/IIS and Zeek log
convention SIEM importers already skip (Splunk PREAMBLE_REGEX = ^#); a single stream has no
room for a sidecar file. The values are JSON, so each comment is one physical line, and are
written with ", " between items, so no comma is followed by '"' and a plain csv reader sees
each comment as an ordinary row instead of opening a quoted field. Only lines before the
column row are header: the first column is seq, so no column or record row starts with '#'.
read_csv_export() reads it all back.
Values are written as stored: one starting with '=', '+', '-' or '@' is not defused for
spreadsheets, since that would change the content the hash covers.

CEF (one event per line): severity success 3 (low), failure 6 (medium), denied 8 (high), as a
refused permission is what a SOC watches for. Header fields escape '\\' and '|' and have CR/LF
replaced by spaces (CEF allows line breaks only in extension values); extension values escape
'\\' and '=' and write CR/LF as \\r and \\n, and carry every field exactly (cs5 holds ts with
its microseconds, rt has milliseconds only).

Syslog (RFC 5424, one message per line, no octet counting): facility 13 (log audit), severity
success 6 (informational), failure and denied 4 (warning): syslog severity drives operational
alerting and a refused permission is not a malfunction; SIEM rules key on the outcome param.
The structured data carries every field exactly; PARAM-VALUE escapes '"', '\\' and ']' as the
RFC requires and CR/LF as \\r and \\n so a message stays one line (a generic receiver shows
those two as literal text). HOSTNAME is the record's host (the summary's: the device name)
cut down to letters, digits and '.-_:', MSGID the category in printable ASCII (32 at most);
MSG is a display line, not meant to be parsed; the exact values are in the SD. 32473 is the
documentation enterprise number of RFC 5612: replace ENTERPRISE_ID with the vendor's own IANA
PEN before shipping.

Both summary lines (CEF and syslog) take the success severity when the chain verified and the
failure one otherwise.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import islice
from operator import attrgetter
from typing import Any, TextIO

from app import __version__
from app.audit.trail import AuditRecord

FORMATS = ("jsonl", "csv", "cef", "syslog")
FIELDS = tuple(f.name for f in dataclasses.fields(AuditRecord))
EXPORT_TYPE = "edgedeck.audit.export"
FORMAT_VERSION = 1
ENTERPRISE_ID = 32473  # RFC 5612 documentation PEN: replace with the vendor's own
CEF_SEVERITY = {"success": 3, "failure": 6, "denied": 8}
SYSLOG_FACILITY = 13  # log audit
SYSLOG_SEVERITY = {"success": 6, "failure": 4, "denied": 4}

_CHUNK = 1000  # records per write, per cancel check and per progress call
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)
_RFC3339 = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)", re.ASCII)
_NOT_PRINTUSASCII = re.compile(r"[^\x21-\x7e]")
_NOT_HOSTNAME = re.compile(r"[^A-Za-z0-9._:-]+")


@dataclass(frozen=True)
class ExportHeader:
    """What an export says about itself; written first in every format."""

    device_id: str
    device_name: str
    exported_at: str  # UTC ISO 8601 with 'Z'
    exported_by: str
    filters: dict[str, str]
    head_seq: int
    head_hash: str
    verification: str  # VerifyResult.summary()
    verified_ok: bool
    record_count: int | None = None  # records the filters match, when known beforehand

    def as_dict(self) -> dict[str, Any]:
        return {"type": EXPORT_TYPE, "format_version": FORMAT_VERSION,
                "app_version": __version__, **dataclasses.asdict(self)}


def write_export(
    records: Iterable[AuditRecord],
    fmt: str,
    stream: TextIO,
    header: ExportHeader,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Stream `records` to `stream` in `fmt`; returns how many records were written.

    `cancelled` is polled and `progress(written)` called every 1000 records, so a GUI can
    drive a million-record export without per-record overhead. On cancel the output stops at
    a record boundary (JSON Lines marks it incomplete); the caller should discard the file.
    """
    writer_class = _WRITERS.get(fmt)
    if writer_class is None:
        raise ValueError(
            f"Unknown audit export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
    writer = writer_class(stream)
    writer.begin(header)
    source = iter(records)
    written = 0
    complete = True
    while True:
        chunk = list(islice(source, _CHUNK))
        if not chunk:
            break
        if cancelled is not None and cancelled():  # after the read: "complete" is exact
            complete = False
            break
        writer.write(chunk)
        written += len(chunk)
        if progress is not None:
            progress(written)
    writer.end(written, complete)
    return written


# -- JSON Lines -----------------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _parsed_details(details: str) -> Any:
    """The details object for readers; null when the stored string is not JSON at all."""
    try:
        return json.loads(details)
    except ValueError:
        return None


class _JsonLinesWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def begin(self, header: ExportHeader) -> None:
        self._stream.write(_json(header.as_dict()) + "\n")

    def write(self, chunk: list[AuditRecord]) -> None:
        lines = []
        for r in chunk:
            lines.append(_json({
                "type": "edgedeck.audit.record",
                "seq": r.seq, "event_id": r.event_id, "ts": r.ts, "actor": r.actor,
                "role": r.role, "source": r.source, "host": r.host, "device_id": r.device_id,
                "category": r.category, "action": r.action, "object": r.object,
                "outcome": r.outcome, "details": _parsed_details(r.details),
                "details_json": r.details, "prev_hash": r.prev_hash, "hash": r.hash,
            }))
        lines.append("")
        self._stream.write("\n".join(lines))

    def end(self, written: int, complete: bool) -> None:
        self._stream.write(
            _json({"type": EXPORT_TYPE + ".end", "records": written, "complete": complete})
            + "\n")


# -- CSV ------------------------------------------------------------------------------------

_row = attrgetter(*FIELDS)


class _CsvWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._csv = csv.writer(stream)  # excel dialect: RFC 4180 quoting and CRLF

    def begin(self, header: ExportHeader) -> None:
        # Default separators keep ", " after every comma (see the module docstring).
        self._stream.write("".join(
            f"# {key}: {json.dumps(value, ensure_ascii=False)}\r\n"
            for key, value in header.as_dict().items()))
        self._csv.writerow(FIELDS)

    def write(self, chunk: list[AuditRecord]) -> None:
        self._csv.writerows(map(_row, chunk))

    def end(self, written: int, complete: bool) -> None:
        pass


def read_csv_export(stream: TextIO) -> tuple[dict[str, Any], Iterator[AuditRecord]]:
    """The header (as in the JSON Lines header object) and the records of a CSV export.

    The stream should be opened with newline="" so line breaks inside values survive.
    """
    header: dict[str, Any] = {}
    line = stream.readline().lstrip("\ufeff")
    while line.startswith("#"):
        key, sep, value = line[1:].strip().partition(": ")
        if not sep:
            raise ValueError(f"not an EdgeDeck audit CSV header line: {line!r}")
        header[key] = json.loads(value)
        line = stream.readline()
    if header.get("type") != EXPORT_TYPE:
        raise ValueError("not an EdgeDeck audit CSV export (its '# type:' line is missing)")
    columns = next(csv.reader([line]), [])
    if tuple(columns) != FIELDS:
        raise ValueError(f"unexpected CSV columns {columns}; expected {list(FIELDS)}")

    def records() -> Iterator[AuditRecord]:
        for row in csv.reader(stream):
            values = dict(zip(FIELDS, row, strict=True))
            yield AuditRecord(**{**values, "seq": int(values["seq"])})

    return header, records()


# -- CEF ------------------------------------------------------------------------------------


def _cef_header_value(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("|", "\\|")
            .replace("\r", " ").replace("\n", " "))


def _cef_value(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("=", "\\=")
            .replace("\r", "\\r").replace("\n", "\\n"))


def _epoch_ms(ts: str) -> int | None:
    try:
        parsed = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return (parsed - _EPOCH) // _MS


class _CefWriter:
    _PREFIX = "CEF:0|EdgeDeck|EdgeDeck Console|" + _cef_header_value(__version__) + "|"

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def _event(self, signature: str, name: str, severity: int,
               extensions: list[tuple[str, str | int | None]]) -> str:
        ext = " ".join(f"{key}={_cef_value(str(value))}" for key, value in extensions
                       if value is not None)
        return (f"{self._PREFIX}{_cef_header_value(signature)}|{_cef_header_value(name)}|"
                f"{severity}|{ext}\n")

    def begin(self, header: ExportHeader) -> None:
        outcome = "success" if header.verified_ok else "failure"
        self._stream.write(self._event(EXPORT_TYPE, "Audit export", CEF_SEVERITY[outcome], [
            ("rt", _epoch_ms(header.exported_at)),
            ("suser", header.exported_by),
            ("deviceExternalId", header.device_id),
            ("outcome", outcome),
            ("msg", header.verification),
            ("cs1Label", "filters"), ("cs1", _json(header.filters)),
            ("cs2Label", "head_hash"), ("cs2", header.head_hash),
            ("cs3Label", "device_name"), ("cs3", header.device_name),
            ("cs5Label", "exported_at"), ("cs5", header.exported_at),
            ("cs6Label", "verified_ok"), ("cs6", "true" if header.verified_ok else "false"),
            ("cn2Label", "record_count" if header.record_count is not None else None),
            ("cn2", header.record_count),
            ("cn1Label", "head_seq"), ("cn1", header.head_seq),
        ]))

    def write(self, chunk: list[AuditRecord]) -> None:
        # Ends on cn1 (an integer) so a reader that strips trailing blanks loses nothing.
        self._stream.write("".join(self._event(
            f"{r.category}.{r.action}", f"{r.category} {r.action} {r.outcome}",
            CEF_SEVERITY.get(r.outcome, 6), [
                ("rt", _epoch_ms(r.ts)),
                ("externalId", r.event_id),
                ("suser", r.actor),
                ("spriv", r.role),
                ("dvchost", r.host),
                ("deviceExternalId", r.device_id),
                ("cat", r.category),
                ("act", r.action),
                ("msg", r.object),
                ("outcome", r.outcome),
                ("cs1Label", "details"), ("cs1", r.details),
                ("cs2Label", "hash"), ("cs2", r.hash),
                ("cs3Label", "prev_hash"), ("cs3", r.prev_hash),
                ("cs4Label", "source"), ("cs4", r.source),
                ("cs5Label", "ts"), ("cs5", r.ts),
                ("cn1Label", "seq"), ("cn1", r.seq),
            ]) for r in chunk))

    def end(self, written: int, complete: bool) -> None:
        pass


_CEF_HEADER_FIELDS = ("version", "device_vendor", "device_product", "device_version",
                      "signature_id", "name", "severity")
_CEF_HEADER_TOKEN = re.compile(r"\\.|\|", re.S)
_CEF_EXT_TOKEN = re.compile(r"\\.|=", re.S)
_CEF_KEY = re.compile(r"[A-Za-z0-9_.]+")
_BACKSLASHED = re.compile(r"\\(.)", re.S)
_CEF_EXT_UNESCAPE = {"\\": "\\", "=": "=", "n": "\n", "r": "\r"}
_SD_UNESCAPE = {"\\": "\\", '"': '"', "]": "]", "n": "\n", "r": "\r"}


def _unescape(text: str, table: dict[str, str]) -> str:
    """Undo backslash escapes; an unknown one stays as written (RFC 5424 and CEF say so)."""
    if "\\" not in text:
        return text
    return _BACKSLASHED.sub(lambda m: table.get(m.group(1), m.group(0)), text)


def parse_cef_line(line: str) -> dict[str, Any]:
    """One CEF event: the seven header fields (unescaped) and "extensions" as a dict."""
    line = line.removesuffix("\n").removesuffix("\r")
    if not line.startswith("CEF:"):
        raise ValueError(f"not a CEF event: {line[:40]!r}")
    fields: list[str] = []
    start = 4
    for match in _CEF_HEADER_TOKEN.finditer(line, start):
        if match.group() == "|":
            fields.append(_unescape(line[start:match.start()], {"\\": "\\", "|": "|"}))
            start = match.end()
            if len(fields) == 7:
                break
    if len(fields) != 7:
        raise ValueError(f"CEF event has fewer than 7 header fields: {line[:80]!r}")
    parsed: dict[str, Any] = dict(zip(_CEF_HEADER_FIELDS, fields, strict=True))
    parsed["extensions"] = _parse_cef_extensions(line[start:])
    return parsed


def _parse_cef_extensions(text: str) -> dict[str, str]:
    """Split on unescaped '='; a key is the word before one, its value runs to the next key."""
    equals = [m.start() for m in _CEF_EXT_TOKEN.finditer(text) if m.group() == "="]
    result: dict[str, str] = {}
    key_start = 0
    for i, eq in enumerate(equals):
        key = text[key_start:eq]
        if not _CEF_KEY.fullmatch(key):
            raise ValueError(f"malformed CEF extension key {key!r}")
        if i + 1 < len(equals):
            next_key = text.rfind(" ", eq + 1, equals[i + 1])
            if next_key < 0:
                raise ValueError(f"malformed CEF extension near {text[eq:eq + 40]!r}")
            value_end, key_start = next_key, next_key + 1
        else:
            value_end = len(text)
        result[key] = _unescape(text[eq + 1:value_end], _CEF_EXT_UNESCAPE)
    return result


# -- RFC 5424 syslog ------------------------------------------------------------------------


def _sd_value(value: str) -> str:
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")
            .replace("\r", "\\r").replace("\n", "\\n"))


def sd_element(sd_id: str, params: Iterable[tuple[str, str]]) -> str:
    """One RFC 5424 structured-data element, values escaped as the RFC asks."""
    return "[" + sd_id + "".join(f' {name}="{_sd_value(value)}"' for name, value in params) + "]"


_sd_element = sd_element


def syslog_hostname(value: str) -> str:
    """A DNS-like HOSTNAME (the RFC allows any printable ASCII, receivers expect less)."""
    return _NOT_HOSTNAME.sub("-", value)[:255] or "-"  # '-' is the RFC's NILVALUE


def _hostname(value: str) -> str:
    """A DNS-like HOSTNAME (the RFC allows any printable ASCII, receivers expect less)."""
    return _NOT_HOSTNAME.sub("-", value)[:255] or "-"  # '-' is the RFC's NILVALUE


def _msgid(value: str) -> str:
    return _NOT_PRINTUSASCII.sub("_", value)[:32] or "-"


def _timestamp(ts: str) -> str:
    return ts if _RFC3339.fullmatch(ts) else "-"


def _display(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


class _SyslogWriter:
    _SD_ID = f"edgedeck@{ENTERPRISE_ID}"

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def begin(self, header: ExportHeader) -> None:
        severity = SYSLOG_SEVERITY["success" if header.verified_ok else "failure"]
        params = [
            ("device_id", header.device_id), ("device_name", header.device_name),
            ("exported_at", header.exported_at), ("exported_by", header.exported_by),
            ("filters", _json(header.filters)), ("head_seq", str(header.head_seq)),
            ("head_hash", header.head_hash),
            ("verified", "true" if header.verified_ok else "false"),
            ("verification", header.verification),
        ]
        if header.record_count is not None:
            params.append(("record_count", str(header.record_count)))
        origin = _sd_element("origin", [("software", "EdgeDeck Console"),
                                        ("swVersion", __version__),
                                        ("enterpriseId", str(ENTERPRISE_ID))])
        msg = _display(f"Audit export of {header.device_name} by {header.exported_by}: "
                       f"{header.verification}")
        self._stream.write(
            f"<{SYSLOG_FACILITY * 8 + severity}>1 {_timestamp(header.exported_at)} "
            f"{_hostname(header.device_name)} edgedeck - {EXPORT_TYPE} "
            f"{_sd_element(f'edgedeck-export@{ENTERPRISE_ID}', params)}{origin} {msg}\n")

    def write(self, chunk: list[AuditRecord]) -> None:
        lines = []
        for r in chunk:
            pri = SYSLOG_FACILITY * 8 + SYSLOG_SEVERITY.get(r.outcome, 4)
            values = _row(r)
            sd = _sd_element(self._SD_ID, zip(FIELDS, map(str, values), strict=True))
            msg = _display(f"{r.actor} {r.action} {r.object}: {r.outcome}") + " " + r.details
            lines.append(f"<{pri}>1 {_timestamp(r.ts)} {_hostname(r.host)} "
                         f"edgedeck - {_msgid(r.category)} {sd} {msg}\n")
        self._stream.write("".join(lines))

    def end(self, written: int, complete: bool) -> None:
        pass


_SYSLOG_HEADER = re.compile(r"<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) ")
_SD_ELEMENT_ID = re.compile(r"\[([^ =\]\"]+)")
_SD_PARAM = re.compile(r' ([^ =\]"]+)="((?:[^"\\]|\\.)*)"', re.S)


def parse_syslog_line(line: str) -> dict[str, Any]:
    """One RFC 5424 message: header fields, "sd" as {sd_id: {name: value}} and "msg"."""
    line = line.removesuffix("\n").removesuffix("\r")
    head = _SYSLOG_HEADER.match(line)
    if head is None:
        raise ValueError(f"not an RFC 5424 syslog message: {line[:60]!r}")
    pri = int(head.group(1))
    parsed: dict[str, Any] = {
        "pri": pri, "facility": pri // 8, "severity": pri % 8, "version": int(head.group(2)),
        "timestamp": head.group(3), "hostname": head.group(4), "app_name": head.group(5),
        "procid": head.group(6), "msgid": head.group(7),
    }
    sd: dict[str, dict[str, str]] = {}
    pos = head.end()
    if line.startswith("-", pos):
        pos += 1
    else:
        while True:
            element = _SD_ELEMENT_ID.match(line, pos)
            if element is None:
                break
            params: dict[str, str] = {}
            pos = element.end()
            while (param := _SD_PARAM.match(line, pos)) is not None:
                params[param.group(1)] = _unescape(param.group(2), _SD_UNESCAPE)
                pos = param.end()
            if not line.startswith("]", pos):
                raise ValueError(f"malformed structured data near {line[pos:pos + 40]!r}")
            sd[element.group(1)] = params
            pos += 1
        if not sd:
            raise ValueError(f"missing structured data near {line[pos:pos + 40]!r}")
    if pos < len(line) and line[pos] != " ":
        raise ValueError(f"expected a space before MSG near {line[pos:pos + 40]!r}")
    parsed["sd"] = sd
    parsed["msg"] = line[pos + 1:].removeprefix("\ufeff")
    return parsed


_WRITERS: dict[str, Callable[[TextIO], Any]] = {
    "jsonl": _JsonLinesWriter,
    "csv": _CsvWriter,
    "cef": _CefWriter,
    "syslog": _SyslogWriter,
}
