"""In Simplified Chinese, what services write reaches the screen in Chinese too.

Readings on the Dashboard, alarm messages on the Alarms page and banner, audit words on the Audit
page, and errors in the sign-in and account forms; what is stored stays English, parameters
(numbers, device and user names) are never translated, and unknown text stays as written.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from app.alarms.service import AlarmService
from app.errors import AuthenticationError
from app.telemetry.model import Snapshot
from app.telemetry.readers.host import HostReader
from app.telemetry.readers.simulated import SimulatedGpuReader, SimulatedNpuReader
from app.ui.alarm_bridge import AlarmBridge
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.dialogs.user_dialogs import AddUserDialog
from app.ui.i18n import install_language
from app.ui.i18n_service import alarm_text, audit_word, service_text
from app.ui.pages.alarms import AlarmsPage
from app.ui.pages.audit import COLUMNS, AuditPage
from app.ui.widgets.alarm_banner import AlarmBanner
from app.ui.widgets.metric_table import MEANING, METRIC, NOTE, VALUE, WINDOW
from tests.conftest import ADMIN
from tests.ui.test_alarms_ui import CRITICAL_MESSAGE, Clock, feed


def _click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


# -- Dashboard -------------------------------------------------------------------------------


def _readings_snapshot(tmp_path: Path) -> Snapshot:
    host = HostReader(disk_path=tmp_path, top_processes=0)
    devices = host.read() + SimulatedGpuReader().read() + SimulatedNpuReader().read()
    return Snapshot(time.time(), tuple(devices))


def _row(table, key: str) -> int:
    model = table.metrics
    return next(r for r in range(model.rowCount()) if model.reading(r).key == key)


def test_dashboard_readings_labels_meanings_and_windows_are_chinese(chinese, make_window, admin,
                                                                    tmp_path):
    dashboard = make_window(admin).pages[0]
    dashboard.on_snapshot(_readings_snapshot(tmp_path))
    dashboard.select_device("gpu0")
    table = dashboard.metric_table
    model = table.metrics

    def cell(key: str, column: int) -> str:
        return model.data(model.index(_row(table, key), column))

    assert cell("gpu.util", METRIC) == "GPU 利用率"
    assert cell("gpu.util", MEANING) == "有内核运行的时间"
    assert cell("gpu.util", WINDOW) == "驱动采样周期，1/6 秒至 1 秒"
    assert cell("gpu.temp", METRIC) == "温度"
    assert cell("gpu.mem.used", METRIC) == "已用内存"
    assert cell("gpu.fan", VALUE) == "不适用"
    assert cell("gpu.fan", NOTE) == "此设备不支持（被动散热的 SXM 模组）"
    assert cell("gpu.ecc.uncorrected", VALUE) == "0 个错误"  # a unit that is a word
    assert cell("gpu.ecc.uncorrected", WINDOW) == "自驱动加载以来"
    stored = dashboard.last_snapshot.device("gpu0").readings["gpu.util"]
    assert stored.label == "GPU utilisation"  # the reading itself stays English
    # every label of the GPU is translated (acronyms such as "GPU" alone excepted)
    english = [model.reading(r).label for r in range(model.rowCount())
               if model.data(model.index(r, METRIC)) == model.reading(r).label]
    assert english == []
    assert [c.label for c in dashboard.chart_panel.charts if c.key] == [
        "GPU 利用率", "内存", "温度"]
    gpu_card = dashboard.cards["gpu0"]
    assert "GPU 利用率：有内核运行的时间" in gpu_card.tiles[0].toolTip()
    assert "采样：驱动采样周期" in gpu_card.tiles[0].toolTip()
    dashboard.select_device("host")
    assert cell("cpu.util", METRIC) == "CPU"
    assert cell("cpu.util", MEANING) == "所有 CPU 核心忙碌的时间占比"
    assert cell("mem.util", METRIC) == "内存"
    assert cell("disk.data.util", MEANING) == f"{tmp_path} 所在卷的已用空间"  # path kept
    assert cell("uptime", METRIC) == "运行时间" and cell("uptime", VALUE).endswith(" 小时")
    dashboard.select_device("npu-rk0")
    assert cell("npu.core1.util", METRIC) == "核心 1 负载"
    assert cell("npu.util", WINDOW) == "驱动负载窗口（约 1 秒）"
    dashboard.detail_tabs.setCurrentIndex(1)
    assert dashboard.device_info.value_of("模拟") == "用于演示的模拟设备；并非真实设备"


def test_device_errors_on_cards_are_chinese_and_names_are_kept(chinese, make_window, admin):
    from app.telemetry.model import DeviceSnapshot
    from app.telemetry.readers.nvml import LOST_ERROR

    dashboard = make_window(admin).pages[0]
    lost = DeviceSnapshot("gpu0", "gpu", "NVIDIA RTX A2000", error=LOST_ERROR,
                          details={"lost": True})
    dashboard.on_snapshot(Snapshot(time.time(), (lost,)))
    card = dashboard.cards["gpu0"]
    assert card.status.reasons == (
        "GPU 丢失：NVML 报告 GPU 已丢失（已从总线掉线）；请重置 GPU 或重启以恢复",)
    assert card.name.full_text() == "NVIDIA RTX A2000"
    assert card.state.text() == "告警"


# -- Alarms ----------------------------------------------------------------------------------


@pytest.fixture
def alarm_console(qtbot, ctx):
    clock = Clock()
    alarms = AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=clock)
    ctx.alarms = alarms
    bridge = AlarmBridge(alarms)
    pages = []

    def make(actor):
        window = QWidget()
        layout = QVBoxLayout(window)
        banner = AlarmBanner(alarms, actor, bridge)
        page = AlarmsPage(ctx, actor, bridge)
        layout.addWidget(banner)
        layout.addWidget(page, 1)
        qtbot.addWidget(window)
        window.resize(1200, 760)
        window.show()
        pages.append((window, page))
        return page, banner

    yield make, alarms, clock
    for _window, page in pages:
        page.shutdown()
    bridge.close()


def test_alarm_message_state_and_priority_are_chinese_on_page_and_banner(chinese, qtbot,
                                                                         alarm_console,
                                                                         operator):
    make, alarms, clock = alarm_console
    page, banner = make(operator)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    model = page.active_model
    chinese_message = "GPU 温度 95 °C，高于 90 °C；将会降频或关机"
    assert [model.cell(0, c) for c in range(5)] == [
        "紧急", "未确认", "GPU 0", chinese_message, "95.0"]
    assert model.cell(1, 3) == "GPU 温度 95 °C，高于 85 °C"
    assert banner.label.full_text == f"2 条未确认告警：{chinese_message} — GPU 0 (紧急)"
    assert page.detail.text().startswith(f"GPU 0：{chinese_message}")
    assert alarms.list_active()[0].message == CRITICAL_MESSAGE  # stored in English
    history = page.history_model
    messages = {history.cell(r, 4) for r in range(history.rowCount())}
    assert messages == {f"GPU 0：{chinese_message}", "GPU 0：GPU 温度 95 °C，高于 85 °C"}
    rules = page.rules_model
    row = next(r for r, rule in enumerate(rules.rows) if rule.id == "gpu.temp.critical")
    assert rules.cell(row, 6) == ("{name}：GPU 温度 {value:.0f} °C，高于 {threshold:g} °C；"
                                  "将会降频或关机")
    # a refusal from the service is shown in Chinese too
    alarm_id = alarms.list_active()[0].id
    assert page.acknowledge(alarm_id)
    assert not page.acknowledge(alarm_id)
    assert page.message.text() == "此告警不需要确认。"


def test_alarm_text_keeps_device_names_even_when_they_are_words(chinese):
    message = "Memory: GPU temperature 95 °C is above 90 °C"
    assert alarm_text(message, "Memory") == "Memory：GPU 温度 95 °C，高于 90 °C"
    assert alarm_text(message, "Memory", with_device=False) == "GPU 温度 95 °C，高于 90 °C"
    custom = "GPU 0: the operator wrote this rule message"  # an admin's own text
    assert alarm_text(custom, "GPU 0") == "GPU 0：the operator wrote this rule message"
    assert service_text("something no service writes: 42") == \
        "something no service writes: 42"


# -- Audit -----------------------------------------------------------------------------------


def test_audit_words_are_chinese_on_the_page_but_stored_in_english(chinese, qtbot, ctx, admin):
    with pytest.raises(AuthenticationError):
        ctx.users.authenticate("admin", "wrong-password")
    page = AuditPage(ctx, admin)
    qtbot.addWidget(page)
    model = page.model
    fields = [field for field, _ in COLUMNS]
    record = next(r for r in model.records if r.action == "login" and r.outcome == "failure")
    row = model.records.index(record)

    def cell(field: str) -> str:
        return model.data(model.index(row, fields.index(field)))

    assert (cell("category"), cell("action"), cell("outcome")) == ("身份验证", "登录", "失败")
    assert cell("source") == "图形界面"
    assert model.data(model.index(row, fields.index("action")),
                      Qt.ItemDataRole.ToolTipRole) == "login"
    assert (record.category, record.action, record.outcome) == ("auth", "login", "failure")
    combo = page.category_filter
    index = combo.findData("auth")
    assert combo.itemText(index) == "身份验证"
    combo.setCurrentIndex(index)
    page.apply_filters()
    assert {r.category for r in model.records} == {"auth"}  # filters use the stored word
    page.since.setText("yesterday")
    page.apply_filters()
    assert page.filter_error.text().startswith("“yesterday”不是日期/时间")
    assert ctx.audit.verify(admin).ok  # display translation changed nothing stored
    assert audit_word("a_word_no_service_writes") == "a_word_no_service_writes"


# -- Errors in forms --------------------------------------------------------------------------


def test_sign_in_errors_are_chinese(chinese, qtbot, ctx, admin):
    dialog = LoginDialog(ctx.users)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("admin")
    dialog.password.setText("nope-nope")
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error.text() == "用户名或密码错误。", timeout=5000)
    for _ in range(5):  # the default lockout: five wrong passwords
        with pytest.raises(AuthenticationError):
            ctx.users.authenticate("admin", "still-wrong")
    dialog.password.setText(ADMIN[1])
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error.text().startswith("登录失败次数过多：账户“admin”已锁定至"),
                    timeout=5000)
    assert dialog.error.text().endswith("UTC。请届时再试，或联系管理员。")


def test_account_form_errors_are_chinese(chinese, qtbot, ctx, admin, operator):
    dialog = AddUserDialog(ctx.users, admin)
    qtbot.addWidget(dialog)
    dialog.username.setText("newbie")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error.text() == "密码长度至少为 8 个字符。", timeout=5000)
    refused = AddUserDialog(ctx.users, operator)
    qtbot.addWidget(refused)
    refused.username.setText("newbie")
    refused.password.setText("long-enough-1")
    refused.repeat.setText("long-enough-1")
    _click_ok(qtbot, refused)
    qtbot.waitUntil(lambda: "权限" in refused.error.text(),
                    timeout=5000)
    assert refused.error.text() == ("权限不足：“operator”（操作员）不能管理用户；"
                                    "此操作需要管理员角色。")


def test_english_stays_exactly_as_the_service_wrote_it(qapp, qm_dir):
    install_language(qapp, "en")
    for text in (CRITICAL_MESSAGE, "GPU utilisation", "Wrong user name or password.",
                 "12.3 s since the previous sample"):
        assert service_text(text) == text
    assert alarm_text(CRITICAL_MESSAGE, "GPU 0") == CRITICAL_MESSAGE
    assert audit_word("login") == "login"


# -- Issue 12: what the trust fixes say ------------------------------------------------------


def test_trust_fix_texts_are_chinese_with_their_parameters(chinese):
    from app.chosen_files import RefusedFile

    assert service_text("Audit trail intact: 12 records, head #12, 1 signed checkpoints. "
                        "Pinned anchor #10 matches.") == (
        "审计记录完整：12 条记录，链头 #12，1 个签名检查点。固定锚点 #10 一致。")
    refusal = RefusedFile("It is a link to /etc/passwd, outside the folder you chose: it was "
                          "not read. Copy the file itself into the folder.")
    assert service_text(str(refusal)) == (
        "这是指向所选文件夹之外 /etc/passwd 的链接：未读取。请把文件本身复制到该文件夹中。")
    assert service_text("member 'word/document.xml' expands to 700.0 MiB from 1.0 MiB, more "
                        "than 200 times its packed size (a zip bomb?)").startswith(
        "成员“word/document.xml”由 1.0 MiB 解压为 700.0 MiB")
