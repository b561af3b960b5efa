"""One owner per table, no import cycles, and no way back up from a service to the outer ring.

Each table is read and written with SQL only by its owner (one module, or the capability package
it belongs to); everyone else calls the owner's small API. Services never import the CLI, the UI
or the AppContext that wires them (they receive the collaborators they use), and the import graph
of app/ and engines/ has no cycle, lazy imports included.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# table -> the module (".py") or package ("/") that owns it.
OWNERS: dict[str, str] = {
    "schema_migrations": "app/store/",
    "meta": "app/config/meta.py",
    "settings": "app/config/settings.py",
    "users": "app/auth/users.py",
    "audit_log": "app/audit/",
    "audit_checkpoints": "app/audit/",
    "audit_segments": "app/audit/",
    "history_series": "app/telemetry/history.py",
    "history_raw": "app/telemetry/history.py",
    "history_10s": "app/telemetry/history.py",
    "history_1m": "app/telemetry/history.py",
    "alarms": "app/alarms/service.py",
    "alarm_rules": "app/alarms/service.py",
    "alarm_events": "app/alarms/service.py",
    "models": "app/models/registry.py",
    "model_versions": "app/models/registry.py",
    "model_activations": "app/models/registry.py",
    "model_benchmarks": "app/models/registry.py",
    "batch_jobs": "app/models/batch.py",
    "batch_rows": "app/models/batch.py",
    "api_keys": "app/serving/",
    "serving_access_log": "app/serving/",
    "serving_state": "app/serving/",
}
KNOWLEDGE_PREFIX = "kb_"  # every knowledge table belongs to app/knowledge/
SQL_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+\"?(\w+)")
# The outer ring and the entry points that open a whole appliance.
OUTER = ("app/cli/", "app/ui/", "app/__main__.py", "app/context.py")
ENTRY_POINTS = ("app/system/selftest.py", "app/serving/server.py")


def _sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _owner(table: str) -> str | None:
    if table.startswith(KNOWLEDGE_PREFIX):
        return "app/knowledge/"
    return OWNERS.get(table)


def _owns(owner: str, rel: str) -> bool:
    return rel.startswith(owner) if owner.endswith("/") else rel == owner


def _tables_named(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(m.group(1) for m in SQL_TABLE.finditer(node.value))
        elif (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
              and isinstance(node.slice.value, str) and _is_db(node.value)):
            found.add(node.slice.value)  # sqlite-utils: db["table"]
    return found


def _is_db(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "db") or (
        isinstance(node, ast.Attribute) and node.attr == "db")


def _known_tables() -> set[str]:
    names: set[str] = set()
    for path in _sources("app/store/migrations"):
        names.update(re.findall(r"CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?(\w+)",
                                path.read_text(encoding="utf-8")))
    return names


def ownership_offenders(paths: list[Path]) -> list[str]:
    tables = _known_tables()
    offenders = []
    for path in paths:
        rel = _rel(path)
        if rel.startswith("app/store/migrations/"):
            continue
        for table in sorted(_tables_named(path) & tables):
            owner = _owner(table)
            if owner is None or not _owns(owner, rel):
                offenders.append(f"{rel} uses table {table} (owner: {owner})")
    return offenders


def test_every_table_has_an_owner():
    tables = {t for t in _known_tables() if not t.startswith(KNOWLEDGE_PREFIX)}
    assert tables - set(OWNERS) == set(), "add the new table to OWNERS with its one owner"


def test_tables_are_used_only_by_their_owner():
    assert ownership_offenders(_sources("app", "engines")) == []


def test_the_ownership_check_catches_a_trespasser(tmp_path: Path):
    intruder = ROOT / "app" / "alarms" / "_trespass_probe.py"
    intruder.write_text('Q = "SELECT value FROM meta WHERE key = \'device_id\'"\n',
                        encoding="utf-8")
    try:
        offenders = ownership_offenders([intruder])
    finally:
        intruder.unlink()
    assert offenders == ["app/alarms/_trespass_probe.py uses table meta "
                         "(owner: app/config/meta.py)"]


# -- imports ----------------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file (lazy ones too), except under TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    return found


def import_graph(paths: list[Path]) -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in paths}
    return {name: {m for m in _imports(path) if m in modules and m != name}
            for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles():
    assert cycles(import_graph(_sources("app", "engines"))) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("forbidden", ["app.cli", "app.ui", "app.context"])
def test_services_never_import_the_outer_ring(forbidden: str):
    offenders = []
    for path in _sources("app", "engines"):
        rel = _rel(path)
        if rel.startswith(OUTER) or rel in ENTRY_POINTS:
            continue
        if any(m == forbidden or m.startswith(forbidden + ".") for m in _imports(path)):
            offenders.append(rel)
    assert offenders == [], f"{forbidden} imported below the outer ring: {offenders}"


def test_pages_reach_the_audit_trail_only_through_the_audit_service():
    """The audit service checks the role; the trail itself does not."""
    offenders = [_rel(p) for p in _sources("app/ui/pages", "app/ui/widgets", "app/ui/dialogs")
                 if "audit_trail" in p.read_text(encoding="utf-8")]
    assert offenders == []
