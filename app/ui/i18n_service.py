"""Service texts in the interface language: readings, alarm messages, errors, audit words.

Services write English and the database keeps it; only what is drawn is translated. A text made
with msg() is a `Message` that carries its template and parameters: it is translated by key —
the template's translation formatted with the same parameters, nested messages translated by
their own key — with no parsing at all. A plain string is looked up whole (labels, meanings,
fixed sentences). Only a templated text that has lost its Message — read back from a database
row written as plain English, or built by string concatenation — falls back to matching the
catalogue's templates as patterns (`legacy_text`); `legacy_stats()` counts how often, so the
remaining fallback is visible. Anything not in the catalogue stays English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from app.errors import EdgeDeckError
from app.messages import Message, message_of
from app.ui.i18n_catalog import AUDIT_CONTEXT, AUDIT_WORDS, CONTEXT, TEMPLATES, UNITS

# Fields whose value is itself a service text (translated too); all others are kept verbatim.
TEXT_FIELDS = frozenset({"error", "note", "label", "message", "what", "words", "reason",
                         "state", "verification", "role", "needed", "permission", "exc",
                         "embed_error", "problems"})
FIELD = re.compile(r"\{(\w+)(![rsa])?(?::([^{}]*))?\}")
_NUMBER = r"[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan"
_NUMERIC_SPEC = re.compile(r"[\d.,_]*[bcdeEfFgGnoxX%]$")
_LETTER = re.compile(r"[A-Za-z]")
LIST_SEPARATOR = ", "
DEVICE_MESSAGE = "{device}: {message}"  # how the default alarm rules start their messages


@dataclass(frozen=True)
class Template:
    """One catalogue template compiled into a pattern that reads its fields back."""

    source: str
    pattern: re.Pattern[str]
    literal: int  # characters outside fields: the more, the more specific the template
    structural: bool  # no words of its own ("{device}: {message}"): only worth it nested


def compile_template(source: str) -> Template:
    """The pattern of `source`: numeric format specs capture numbers, other fields anything."""
    parts, seen, literal, position = [], set(), "", 0
    for field in FIELD.finditer(source):
        text = source[position:field.start()]
        parts.append(re.escape(text))
        literal += text
        name, conversion, spec = field.groups()
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            seen.add(name)
            numeric = not conversion and spec is not None and _NUMERIC_SPEC.match(spec)
            parts.append(f"(?P<{name}>{_NUMBER if numeric else '.*?'})")
        position = field.end()
    parts.append(re.escape(source[position:]))
    literal += source[position:]
    return Template(source, re.compile("".join(parts) + r"\Z", re.DOTALL), len(literal),
                    not _LETTER.search(literal))


_EXACT = frozenset(TEMPLATES)
_PATTERNS = tuple(sorted((compile_template(t) for t in TEMPLATES if FIELD.search(t)),
                         key=lambda t: (-t.literal, t.source)))
_UNITS = frozenset(UNITS)
_AUDIT = frozenset(AUDIT_WORDS)


def _translate(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def template_for(text: str) -> str | None:
    """The catalogue template `text` was made from, or None (then it is shown as written)."""
    if text in _EXACT:
        return text
    return next((t.source for t in _PATTERNS if t.pattern.match(text)), None)


def clear_cache() -> None:
    """Forget translations made so far: the interface language just changed."""
    legacy_text.cache_clear()


def service_text(text: str) -> str:
    """`text` (written by a service, in English) in the current interface language."""
    if isinstance(text, Message):
        return _message_text(text)
    if not text:
        return text
    if text in _EXACT:
        return _translate(text)
    return legacy_text(text)


def _message_text(message: Message) -> str:
    """A Message by its key: its template's translation, formatted with its parameters."""
    translated = _translate(message.template)
    if translated == message.template:
        return str(message)  # English, or not translated yet: as the service wrote it
    values: dict[str, object] = {}
    for name, value in message.params.items():
        nested = message_of(value)
        if nested is not None:
            values[name] = _message_text(nested)
        elif name in TEXT_FIELDS and isinstance(value, str):
            values[name] = _nested(value)
        elif isinstance(value, BaseException):
            values[name] = str(value)
        else:
            values[name] = value
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that names another field
        return str(message)


_LEGACY = {"lookups": 0, "matched": 0}


def legacy_stats() -> dict[str, int]:
    """How many plain-string texts went through template matching (and how many matched)."""
    return dict(_LEGACY)


@lru_cache(maxsize=8192)
def legacy_text(text: str) -> str:
    """A templated text that arrives as a plain string (an old database row): the catalogue's
    templates are tried as patterns whose fields capture the parameters back."""
    _LEGACY["lookups"] += 1
    for template in _PATTERNS:
        found = template.pattern.match(text)
        if found is None:
            continue
        _LEGACY["matched"] += 1
        translated = _translate(template.source)
        if translated == template.source:
            return text  # English, or not translated yet: the text as the service wrote it
        values = found.groupdict()
        changed = False

        def field(match: re.Match[str], values: dict[str, str] = values) -> str:
            nonlocal changed
            name = match.group(1)
            if name not in values:
                return match.group(0)
            value = values[name]
            if name in TEXT_FIELDS:
                shown = _nested(value)
                changed = changed or shown != value
                return shown
            return value

        result = FIELD.sub(field, translated)
        if template.structural and not changed:
            return text  # only punctuation would change: keep the English as written
        return result
    return text


def _nested(value: str) -> str:
    """A field holding a service text, or a comma-separated list of them (clock reasons)."""
    shown = service_text(value)
    if shown != value or LIST_SEPARATOR not in value:
        return shown
    items = value.split(LIST_SEPARATOR)
    translated = [service_text(item) for item in items]
    if translated == items:
        return value
    return _translate(LIST_SEPARATOR).join(translated)


def fill(template: str, **values: str) -> str:
    """`template`'s fields replaced by ready-made strings (braces inside values are safe)."""
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def alarm_text(message: str, device_name: str | None = None, with_device: bool = True) -> str:
    """An alarm message as its rule rendered it ("GPU 0: GPU temperature 95 °C is above …"),
    translated; the device name is cut off first so it can never be mistaken for words, and
    left out entirely when a column beside it already names the device."""
    if device_name and message.startswith(device_name + ": "):
        rest = service_text(message[len(device_name) + 2:])
        if not with_device:
            return rest
        return fill(_translate(DEVICE_MESSAGE), device=device_name, message=rest)
    return service_text(message)


def unit_text(unit: str) -> str:
    """A unit as shown: symbols (%, °C, MHz) stay, words (errors, lanes) are translated."""
    return _translate(unit) if unit in _UNITS else unit


def audit_word(value: str) -> str:
    """An audit category, action, outcome or source for display; the stored value is kept."""
    if value in _AUDIT:
        return QCoreApplication.translate(AUDIT_CONTEXT, value)
    return value


def error_text(exc: BaseException) -> str:
    """The message of an error a service raised (ValidationError, PermissionDenied, ...)."""
    message = message_of(exc)
    return service_text(message if message is not None else str(exc))


def failure_text(exc: BaseException) -> str:
    """What a failed background task shows: a service's own message, translated, or for an
    unexpected error "Failed: " and whatever the exception says."""
    if isinstance(exc, EdgeDeckError):
        return error_text(exc)
    return QCoreApplication.translate("FailureText", "Failed: {0}").format(str(exc) or repr(exc))
