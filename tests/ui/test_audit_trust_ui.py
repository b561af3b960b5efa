"""The Audit page's receipt and the administrator's accept step for a lost anchor."""

from __future__ import annotations

import json

from app.auth.identity import Actor


def _fill(ctx, n):
    for i in range(n):
        ctx.audit_trail.record(Actor.system("test"), "test", "fill", str(i))


def test_receipt_from_the_audit_page(qtbot, make_window, tech, ctx, tmp_path):
    _fill(ctx, 30)
    page = make_window(tech).page("Audit")
    page.receipt(show=False)
    qtbot.waitUntil(lambda: "Receipt for record" in page.verdict.text(), timeout=10000)
    dialog = page.receipt_dialog
    anchor = ctx.audit_trail.newest_anchor()
    assert anchor.hash in dialog.text.toPlainText()
    out = tmp_path / "receipt.json"
    dialog.save(str(out))
    assert json.loads(out.read_text())["seq"] == anchor.seq
    assert ctx.audit_trail.head().action == "receipt"


def test_accept_anchor_is_offered_to_admins_when_the_anchor_is_lost(qtbot, make_window, admin,
                                                                    tech, ctx):
    _fill(ctx, 120)
    ctx.audit_trail.anchor_path.unlink()
    tech_page = make_window(tech).page("Audit")
    tech_page.verify()
    qtbot.waitUntil(lambda: "BROKEN" in tech_page.verdict.text(), timeout=10000)
    assert tech_page.accept_button.isHidden()  # a technician cannot accept
    page = make_window(admin).page("Audit")
    page.verify()
    qtbot.waitUntil(lambda: "BROKEN" in page.verdict.text(), timeout=10000)
    assert "missing" in page.verdict.text() and not page.accept_button.isHidden()
    page.accept_anchor("INC-12: the SD card was replaced")
    qtbot.waitUntil(lambda: "intact" in page.verdict.text(), timeout=10000)
    assert page.accept_button.isHidden()
    assert any(r.action == "accept_anchor" for r in ctx.audit_trail.read_page(limit=10))
