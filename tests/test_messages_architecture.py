"""Service texts carry their meaning: raised with msg(), translated by key, never parsed back.

Every error raised in the modules whose errors the GUI shows (and every reason, note or
progress line those services hand over) is made with msg(), so the UI looks its template up
instead of matching the English against regular expressions; a plain string the UI meets is a
fixed sentence (looked up whole) or an old database row (the one fallback, counted).
"""

from __future__ import annotations

import ast
import builtins
import pickle

from app.errors import PermissionDenied, ValidationError
from app.messages import Message, message_of, msg
from tests.ui import service_text_scan as scan


def _fstring_with_fields(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) and any(
        isinstance(v, ast.FormattedValue) for v in node.values)


def templated_fstrings(files) -> list[str]:
    """Raised errors and handed-over texts built with f-strings instead of msg()."""
    offenders = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            candidates = []
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = scan._name(node.exc.func)
                if (name.endswith(scan._ERROR_NAMES) and not hasattr(builtins, name)
                        and node.exc.args):
                    candidates.append(node.exc.args[0])
            for candidate in candidates:
                parts = [candidate]
                while parts:
                    part = parts.pop()
                    if isinstance(part, ast.IfExp):
                        parts += [part.body, part.orelse]
                    elif _fstring_with_fields(part) and scan._has_words(
                            scan.template_of(part) or ""):
                        offenders.append(f"{path.relative_to(scan.ROOT)}:{node.lineno}")
    return offenders


def test_errors_the_gui_shows_are_raised_with_msg():
    assert templated_fstrings(list(scan._service_files(*scan.ERROR_MODULES))) == []


def test_the_check_finds_an_fstring(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('def f(x):\n    raise ValidationError(f"no such thing: {x}")\n')
    probe_root = scan.ROOT
    try:
        scan.ROOT = tmp_path
        assert templated_fstrings([probe]) == ["probe.py:2"]
    finally:
        scan.ROOT = probe_root


def test_a_message_is_its_english_text_and_keeps_its_meaning():
    text = msg("Cannot use {name}: {exc}", name="photo.png", exc=ValidationError(
        msg("It is a folder, not a file.")))
    assert text == "Cannot use photo.png: It is a folder, not a file."
    assert isinstance(text, str) and text.template == "Cannot use {name}: {exc}"
    assert message_of(text.params["exc"]).template == "It is a folder, not a file."
    again = pickle.loads(pickle.dumps(text.params["exc"].args[0]))
    assert isinstance(again, Message) and again.template == "It is a folder, not a file."
    denied = PermissionDenied("bob", "operator", "delete_data", "admin")
    assert message_of(denied).params["permission"] == "delete data"
