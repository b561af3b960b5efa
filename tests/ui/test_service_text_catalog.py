"""The service-text catalogue is complete: nothing a service can show is left untranslatable.

Read statically from the code (tests/ui/service_text_scan.py): every msg() template, every
message of an error the GUI shows translated, the default alarm rules, every audit word; and
dynamically: what the simulated, host and tegrastats readers really emit.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.alarms.rules import COMPARISONS, DEFAULT_RULES, AlarmRule
from app.auth.permissions import Permission
from app.system.settings import KNOWN
from app.telemetry.model import DeviceSnapshot
from app.telemetry.readers.host import HostReader
from app.telemetry.readers.jetson import parse_tegrastats_line, soc_snapshot
from app.telemetry.readers.simulated import SimulatedGpuReader, SimulatedNpuReader
from app.ui.i18n_catalog import AUDIT_WORDS, TEMPLATES, UNITS
from app.ui.i18n_service import DEVICE_MESSAGE, FIELD, compile_template, template_for
from tests.ui import service_text_scan as scan

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "edgedeck_zh_CN.ts"
FIXTURES = ROOT / "tests" / "fixtures" / "devices"
CATALOGUE = set(TEMPLATES)
# Units shown as symbols in every language.
SYMBOLS = {"", "%", "°C", "C", "W", "mV", "MHz", "MiB", "GiB", "MiB/s", "MB/s"}


def _missing(found: dict[str, str], catalogue: set[str], context: str = "messages") -> list[str]:
    """Lines to paste into app/ui/i18n_catalog.py, each with where the text comes from."""
    return [f'QT_TRANSLATE_NOOP("{context}", {text!r}),  # {where}'
            for text, where in sorted(found.items(), key=lambda item: item[1])
            if text not in catalogue]


def test_the_scanner_finds_what_it_must():
    """Guards the guard: an empty scan would make every test below pass."""
    marked, _ = scan.marked_templates()
    assert {"GPU temperature", "CPU core {index}", "not supported by this device"} <= set(marked)
    raised = scan.raised_templates()
    assert "Wrong user name or password." in raised
    assert "The password must be at least {min_length} characters long." in raised
    assert {"The PDF is encrypted with a password; remove the password and ingest it again.",
            "The file is empty.", "TLS needs both a certificate and a key file.",
            "There is no API key with id {key_id}."} <= set(raised)
    stored = scan.stored_texts()
    assert {"No reliable answer in the knowledge base.",
            "Unchanged since it was last ingested.",
            "The model refused the input: {exc}",
            "the service exited with code {code}"} <= set(stored)
    assert "{__name__}: {exc}" not in stored  # no words of its own: it would match anything
    words = scan.audit_words()
    assert {"login", "acknowledge", "rule_create"} <= set(words["action"])
    assert {"ingest", "resume", "ask", "reembed", "api_key_add", "batch_start",
            "start_service"} <= set(words["action"])
    assert {"knowledge", "serving", "model"} <= set(words["category"])
    assert {"success", "failure", "denied"} <= set(words["outcome"])


def test_every_marked_template_is_in_the_catalogue():
    marked, not_literal = scan.marked_templates()
    assert not_literal == [], "msg() needs the template as a literal first argument"
    assert _missing(marked, CATALOGUE) == []


def test_every_error_the_gui_shows_is_in_the_catalogue():
    assert _missing(scan.raised_templates(), CATALOGUE) == []


def test_every_stored_reason_note_and_progress_line_is_in_the_catalogue():
    """Ingest reasons, answer notes, batch row errors, the service's start failure."""
    assert _missing(scan.stored_texts(), CATALOGUE) == []


def test_default_alarm_messages_are_in_the_catalogue():
    found = {}
    for rule in DEFAULT_RULES:
        message = rule.message
        if message.startswith("{name}: "):
            message = message[len("{name}: "):]
        if message != "{error}":  # the device's error: a reading note, translated on its own
            found[message] = f"app/alarms/rules.py: {rule.id}"
    assert _missing(found, CATALOGUE) == []
    assert DEVICE_MESSAGE in CATALOGUE
    device = DeviceSnapshot("gpu0", "gpu", "GPU 0")
    for comparison in COMPARISONS:  # a rule without its own message gets the default one
        rule = AlarmRule("x", "gpu.temp", comparison, 90.0)
        rendered = rule.render(device, "gpu.temp", 91.5)
        assert rendered.startswith("GPU 0: ")
        assert template_for(rendered[len("GPU 0: "):]) is not None, rendered


def test_permissions_settings_and_roles_have_words():
    """PermissionDenied words a permission "manage users"; settings errors quote KNOWN's words."""
    words = {p.value.replace("_", " "): f"Permission.{p.name}" for p in Permission}
    words.update({spec[4]: f"settings.KNOWN[{key!r}]" for key, spec in KNOWN.items()})
    words.update({role: "app/auth/permissions.py: Role" for role in
                  ("operator", "technician", "admin")})
    assert _missing(words, CATALOGUE) == []


def test_every_audit_word_is_in_the_catalogue():
    found = {word: f"{kind} at {where}" for kind, words in scan.audit_words().items()
             for word, where in words.items()}
    assert _missing(found, set(AUDIT_WORDS), "audit") == []


def _reader_snapshots(tmp_path: Path) -> list[DeviceSnapshot]:
    clock = iter(range(0, 10_000, 5))
    host = HostReader(disk_path=tmp_path, clock=lambda: float(next(clock)))
    devices = host.read() + host.read()  # the second read has rates
    gpu = SimulatedGpuReader(clock=time.time, first_hot_s=0.0)
    devices += gpu.read() + SimulatedNpuReader().read()
    for path in sorted(FIXTURES.glob("tegrastats_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                sample = parse_tegrastats_line(line)
            except ValueError:
                continue
            devices.append(soc_snapshot(sample, 1000))
    return devices


def _a_name(text: str) -> bool:
    """An engine or rail name used as a label ("NVENC", "GR3D2"): shown as it is."""
    return " " not in text and not any(c.islower() for c in text)


def test_what_readers_emit_is_catalogued(tmp_path):
    """Run readers for real (host, simulated, every recorded tegrastats line)."""
    unknown: dict[str, str] = {}
    units: set[str] = set()
    for device in _reader_snapshots(tmp_path):
        for reading in device.readings.values():
            units.add(reading.unit)
            for field in ("label", "meaning", "window", "note"):
                text = getattr(reading, field)
                if text and template_for(text) is None and not _a_name(text):
                    unknown.setdefault(text, f"{device.device_id} {reading.key}.{field}")
        for key in ("simulated", "processes_window"):  # details that are sentences
            text = str(device.details.get(key, ""))
            if text and template_for(text) is None:
                unknown.setdefault(text, f"{device.device_id} details[{key!r}]")
    assert unknown == {}
    assert units - SYMBOLS <= set(UNITS)


def test_templates_can_be_told_apart():
    """A template needs words of its own (or a separator) so it cannot swallow any text."""
    seen = set()
    for template in (*TEMPLATES, *UNITS):
        assert template not in seen, f"twice in the catalogue: {template!r}"
        seen.add(template)
        if FIELD.search(template):
            compiled = compile_template(template)
            assert compiled.literal >= 2, template
            names = [m.group(1) for m in FIELD.finditer(template)]
            assert all(name.isidentifier() for name in names), template


@pytest.mark.parametrize("context, entries", [("messages", (*TEMPLATES, *UNITS)),
                                              ("audit", AUDIT_WORDS)])
def test_the_ts_holds_every_catalogue_entry_translated(context, entries):
    """`packaging/i18n.py update` was run and a translator filled in every entry."""
    root = ET.parse(TS).getroot()
    translated = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None \
                    and (translation.text or "").strip():
                translated[message.findtext("source")] = translation.text
    assert [e for e in entries if e not in translated] == []
    untranslated = [e for e in entries if translated[e] == e and any(c.isalpha() for c in e)
                    and e not in ("CPU", "GPU", "NPU", "HBM", "AI Core", "AI CPU", "AI Cube")]
    assert untranslated == []


def test_every_access_log_outcome_has_a_word_on_the_serving_page():
    from app.serving.access_log import outcome_of
    from app.ui.pages.serving import OUTCOME_WORDS

    assert {outcome_of(status) for status in range(100, 600)} <= OUTCOME_WORDS
