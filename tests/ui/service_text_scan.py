"""Reads the service code for the texts it can show people, so the catalogue cannot drift.

Four sources, all static (no service runs): the templates marked with `msg("…")`
(app/messages.py), the messages of errors raised in the modules whose errors the GUI shows
translated (`raise ValidationError(f"…")`, f-string fields named after their expression), the
reasons and notes those services store or report instead of raising (an ingest file's reason,
a batch row's error, a progress line: see `stored_texts`), and the category, action and
outcome words of `audit.record(...)` calls (literal, either side of a conditional, or passed in
through a parameter of the enclosing function).
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
# Services whose refusals the GUI shows translated (sign-in, users, settings, alarms, audit,
# knowledge, the inference service and its keys, models, batch jobs).
ERROR_MODULES = ("app/auth", "app/system/settings.py", "app/alarms", "app/audit/service.py",
                 "app/audit/trail.py", "app/knowledge", "app/serving/control.py",
                 "app/serving/keys.py", "app/models/batch.py", "app/models/registry.py",
                 "app/models/inference.py", "app/models/preprocess.py",
                 "app/models/package.py", "app/chosen_files.py", "app/archives.py",
                 "app/bounded_worker.py", "app/json_input.py")
# Services that also hand the GUI texts without raising them: the Knowledge page's ingest
# reasons and answer notes, the batch dialog's row errors, the Serving page's start failure,
# and progress lines shown in the work panels.
STORED_MODULES = ("app/knowledge/service.py", "app/models/batch.py", "app/serving/control.py")
# Variables and dictionary keys that hold such a text, and the calls that take one.
_STORED_NAMES = ("reason", "note", "error")
_STORED_CALLS = {"fail": 0, "progress": 2}  # call name: position of the text
# Sentences kept in module constants and returned as an answer's reason.
_STORED_CONSTANTS = ("REFUSAL", "NO_ANSWER")
_ERROR_NAMES = ("Error", "Denied", "NotFound", "Failed", "Cancelled", "RefusedFile", "Limit",
                "Exceeded")


def _service_files(*under: str) -> Iterator[Path]:
    for name in under or ("app",):
        path = ROOT / name
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            if file.relative_to(ROOT).parts[:2] not in (("app", "ui"), ("app", "cli")):
                yield file


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def marked_templates() -> tuple[dict[str, str], list[str]]:
    """({template: first place it is marked}, places where msg() gets no literal)."""
    found: dict[str, str] = {}
    problems: list[str] = []
    for path in _service_files():
        for node in ast.walk(_parse(path)):
            if not (isinstance(node, ast.Call) and _name(node.func) == "msg"):
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, _where(path, node))
            else:
                problems.append(_where(path, node))
    return found, problems


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def field_name(expr: ast.AST) -> str:
    """The name an f-string field gets in its template: what the expression is about."""
    if isinstance(expr, ast.Name):
        return expr.id.lower()
    if isinstance(expr, ast.Attribute):
        return expr.attr.lower()
    if isinstance(expr, ast.Subscript):
        return field_name(expr.value)
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute) and not isinstance(func.value, ast.Constant):
            return field_name(func.value)
        if expr.args:
            return field_name(expr.args[0])
        return field_name(func)
    if isinstance(expr, ast.BinOp | ast.BoolOp):
        return field_name(expr.left if isinstance(expr, ast.BinOp) else expr.values[0])
    return "value"


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments (messages kept in a constant)."""
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def template_of(node: ast.AST, constants: dict[str, str] | None = None) -> str | None:
    """The template of a message expression (literal, constant, f-string, or a sum)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if (isinstance(node, ast.Call) and _name(node.func) == "msg" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value  # msg("template", …): the template it carries
    if isinstance(node, ast.Name):
        return (constants or {}).get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template_of(node.left, constants), template_of(node.right, constants)
        if left is not None and right is not None:
            return left + right
        if isinstance(node.left, ast.BinOp) and left is not None:  # "a (" + x + ") b"
            return left + "{" + field_name(node.right) + "}" if right is None else None
        if isinstance(node.left, ast.Constant) and right is None:
            return left + "{" + field_name(node.right) + "}" if left is not None else None
        return None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.JoinedStr):
        return template_of(node.value, constants)  # f"…"[:2000]: cut to fit a column
    if not isinstance(node, ast.JoinedStr):
        return None
    parts, names = [], {}
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
            continue
        assert isinstance(value, ast.FormattedValue)
        source = ast.unparse(value.value)
        name = names.get(source)
        if name is None:
            name = field_name(value.value)
            while name in names.values():
                name += "2"
            names[source] = name
        conversion = f"!{chr(value.conversion)}" if value.conversion != -1 else ""
        spec = ""
        if value.format_spec is not None:
            spec = ":" + "".join(str(v.value) for v in value.format_spec.values
                                 if isinstance(v, ast.Constant))
        parts.append("{" + name + conversion + spec + "}")
    return "".join(parts)


def raised_templates() -> dict[str, str]:
    """{template: place} of every error raised with a message in ERROR_MODULES."""
    found: dict[str, str] = {}
    for path in _service_files(*ERROR_MODULES):
        tree = _parse(path)
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            name = _name(node.exc.func)
            if not name.endswith(_ERROR_NAMES) or hasattr(builtins, name) or not node.exc.args:
                continue
            template = template_of(node.exc.args[0], constants)
            if template is not None:
                found.setdefault(template, _where(path, node))
    return found


def _has_words(template: str) -> bool:
    """A text worth translating: some letters outside its fields ("{name}: {exc}" is not)."""
    return any(c.isalpha() for c in FIELD_PATTERN.sub("", template))


FIELD_PATTERN = re.compile(r"\{[^{}]*\}")


def _stored_values(node: ast.AST, constants: dict[str, str]) -> list[str]:
    """Templates of a stored text: a message expression or either side of a conditional."""
    if isinstance(node, ast.IfExp):
        return _stored_values(node.body, constants) + _stored_values(node.orelse, constants)
    if isinstance(node, ast.BoolOp):  # found() or f"the default reason"
        return [t for value in node.values for t in _stored_values(value, constants)]
    template = template_of(node, constants)
    return [template] if template else []


def stored_texts() -> dict[str, str]:
    """{template: place} of the reasons, notes and progress lines in STORED_MODULES."""
    found: dict[str, str] = {}
    for path in _service_files(*STORED_MODULES):
        tree = _parse(path)
        constants = _constants(tree)
        values: list[tuple[ast.AST, list[str]]] = [
            (tree, [constants[name]]) for name in _STORED_CONSTANTS if name in constants]
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    pairs = [(target, node.value)]
                    if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                        pairs = list(zip(target.elts, node.value.elts, strict=False))
                    values += [(node, _stored_values(value, constants)) for name, value in pairs
                               if isinstance(name, ast.Name) and name.id in _STORED_NAMES]
            elif isinstance(node, ast.Dict):
                values += [(node, _stored_values(value, constants))
                           for key, value in zip(node.keys, node.values, strict=False)
                           if isinstance(key, ast.Constant) and key.value in _STORED_NAMES]
            elif isinstance(node, ast.Call) and _name(node.func) in _STORED_CALLS:
                position = _STORED_CALLS[_name(node.func)]
                if position < len(node.args):
                    values.append((node, _stored_values(node.args[position], constants)))
        for node, templates in values:
            for template in templates:
                if _has_words(template):
                    found.setdefault(template, _where(path, node))
    return found


# -- audit words ---------------------------------------------------------------------------------

_AUDIT_ARGS = {1: "category", 2: "action", 4: "outcome"}  # record(actor, category, action, …)


def _strings(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _enclosing(tree: ast.Module) -> dict[ast.AST, list[ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Each node's enclosing functions, innermost first."""
    owners: dict[ast.AST, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for func in ast.walk(tree):  # outer functions are visited before the ones they hold
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(func):
                owners.setdefault(inner, []).insert(0, func)
    return owners


def _resolve(name: str, funcs: list[ast.FunctionDef | ast.AsyncFunctionDef], tree: ast.Module,
             owners: dict[ast.AST, list[ast.FunctionDef | ast.AsyncFunctionDef]],
             depth: int = 0) -> list[str]:
    """Values a variable can hold: assignments in its function, or what callers pass in."""
    func = next((f for f in funcs if _binds(f, name)), None)
    if func is None or depth > 3:
        return []
    values: list[str] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                for t in node.targets):
            values += _strings(node.value)
    params = [a.arg for a in func.args.posonlyargs + func.args.args]
    if name not in params + [a.arg for a in func.args.kwonlyargs]:
        return values
    defaults = dict(zip(reversed(params), reversed(func.args.defaults), strict=False))
    values += _strings(defaults.get(name))
    position = params.index(name) if name in params else None
    if position is not None and params and params[0] in ("self", "cls"):
        position -= 1
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and _name(call.func) == func.name):
            continue
        passed = [k.value for k in call.keywords if k.arg == name]
        if position is not None and position < len(call.args):
            passed.append(call.args[position])
        for arg in passed:
            if isinstance(arg, ast.Name) and call in owners:
                values += _resolve(arg.id, owners[call], tree, owners, depth + 1)
            else:
                values += _strings(arg)
    return values


def _binds(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether `name` is a parameter of `func` or assigned in it."""
    arguments = func.args.posonlyargs + func.args.args + func.args.kwonlyargs
    if any(a.arg == name for a in arguments):
        return True
    return any(isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                    for t in node.targets)
               for node in ast.walk(func))


def audit_words() -> dict[str, dict[str, str]]:
    """{"category"|"action"|"outcome": {word: place}} over every audit.record() call."""
    found: dict[str, dict[str, str]] = {kind: {} for kind in _AUDIT_ARGS.values()}
    for path in _service_files():
        tree = _parse(path)
        owners = _enclosing(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) == "record"
                    and len(node.args) >= 3):
                continue
            for index, kind in _AUDIT_ARGS.items():
                arg = node.args[index] if index < len(node.args) else None
                if arg is None and kind == "outcome":
                    words = ["success"]  # the parameter's default
                elif isinstance(arg, ast.Name) and node in owners:
                    words = _resolve(arg.id, owners[node], tree, owners)
                else:
                    words = _strings(arg)
                for word in words:
                    found[kind].setdefault(word, _where(path, node))
    return found
