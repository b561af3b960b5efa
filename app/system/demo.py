"""Demo content for `make run`: three accounts, one per role, so every page can be explored.

Only ever used with `--demo`, which `make run` points at its own `.demo-data` folder; a real
appliance goes through first-run setup instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.auth.identity import Actor

if TYPE_CHECKING:  # the whole appliance is handed in; never imported back
    from app.context import AppContext

DEMO_ACCOUNTS = (
    ("admin", "demo-admin", "admin"),
    ("tech", "demo-tech", "technician"),
    ("operator", "demo-operator", "operator"),
)


def seed_demo(ctx: AppContext) -> bool:
    """Create the demo accounts on an empty appliance; False if it already had accounts."""
    if not ctx.users.needs_setup():
        return False
    admin_name, admin_password, _ = DEMO_ACCOUNTS[0]
    admin = ctx.users.setup_admin(admin_name, admin_password, source="demo")
    for name, password, role in DEMO_ACCOUNTS[1:]:
        ctx.users.add_user(admin, name, password, role)
    from app.models.demo import seed_demo_models  # onnx/onnxruntime: first demo start only

    seed_demo_models(ctx.models, admin)
    seed_demo_knowledge(ctx, admin)
    ctx.audit_trail.record(Actor.system("demo"), "system", "demo_seeded", "appliance", "success",
                           {"accounts": [a[0] for a in DEMO_ACCOUNTS]})
    return True


DEMO_KNOWLEDGE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "knowledge"
DEMO_COLLECTION = "Line manuals"


def seed_demo_knowledge(ctx: AppContext, admin: Actor) -> None:
    """Ingest the bundled English and Chinese manuals (first demo start only, ~10 s)."""
    if not DEMO_KNOWLEDGE.is_dir():
        return
    print("Preparing the demo knowledge base (first start only)…", file=sys.stderr, flush=True)
    ctx.knowledge.create_collection(admin, DEMO_COLLECTION,
                                    "Self-written demo manuals for the packaging line (EN/ZH)")
    ctx.knowledge.ingest(admin, [DEMO_KNOWLEDGE], DEMO_COLLECTION)


def demo_hint() -> str:
    return "Demo accounts: " + ", ".join(f"{n} / {p} ({r})" for n, p, r in DEMO_ACCOUNTS)
