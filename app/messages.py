"""Texts that services write for people, carrying their meaning so the UI can translate them.

`msg(template, **params)` returns a `Message`: a `str` holding the English text with the
fields filled in — so logs, the CLI, JSON, Prometheus, exceptions and rows stored in the
database hold exactly the English they always did — that also keeps its `template` (the stable
English sentence with named fields, "CPU core {index}") and its `params`. The desktop UI looks
the template up in its catalogue and formats the translation with the same parameters
(app/ui/i18n_service.py); numbers, device and user names are never translated, and a parameter
that is itself a Message (or an error raised with one) is translated by its own key. No text is
parsed back. tests/ui/test_service_text_catalog.py fails when a template is missing from the
catalogue (app/ui/i18n_catalog.py), so a new text cannot silently stay English.

A Message survives being raised, stored in a dataclass, pickled to another process and passed
around as a str; string operations that build a new string (concatenation, slicing, f-strings)
give a plain str, as they should: compose texts with msg(), not with +.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Message(str):
    """English text that remembers the template and parameters it was made from."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        values = dict(params or {})
        text = template.format(**values) if values else template
        self = super().__new__(cls, text)
        self.template = template
        self.params = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, dict(self.params)))

    def __repr__(self) -> str:
        return f"msg({self.template!r}, {dict(self.params)!r})"


def msg(template: str, /, **params: object) -> Message:
    """The English text of `template` with `params` filled in (str.format rules), as a Message.

    A literal first argument is what the catalogue test extracts, so pass the template
    inline, never a variable.
    """
    return Message(template, params)


def message_of(value: object) -> Message | None:
    """The Message a value carries: itself, or the first argument of an error raised with one."""
    if isinstance(value, Message):
        return value
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Message):
        return value.args[0]
    return None
