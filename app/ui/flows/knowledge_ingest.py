"""Adding documents to the knowledge base: files, folders (a USB stick), resuming an ingest
that stopped early, and the per-file outcome.

The ingest is the Knowledge page's long job (overall progress, elapsed time, Cancel) with a
second bar for the current file's own progress (pages read, passages embedded), carried from
the ingest thread by a queued signal. A cancelled or interrupted ingest is offered for resuming
with the files it had not done.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from app.knowledge.service import IngestReport
from app.ui.widgets.controls import muted, read_only_table
from app.ui.widgets.knowledge_widgets import IngestResultsModel

if TYPE_CHECKING:
    from app.ui.pages.knowledge import KnowledgePage


class FileProgressRelay(QObject):
    """Carries file_progress(path, done, total) from the ingest thread to the GUI thread."""

    changed = Signal(str, int, int)


class FileProgressRow(QWidget):
    """The current file's own progress under the overall files bar of the work panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileProgress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        self.label = muted()
        self.label.setWordWrap(False)
        self.bar = QProgressBar()
        self.bar.setObjectName("fileProgressBar")
        self.bar.setMinimumWidth(200)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        self.hide()

    def begin(self) -> None:
        self.label.setText(self.tr("Reading…"))
        self.bar.setRange(0, 0)
        self.show()

    def report(self, path: str, done: int, total: int) -> None:
        """The service reports (path, 0, 0) while reading a file, then passages embedded."""
        name = Path(path).name
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.label.setText(self.tr("{0}: {1} of {2} passages embedded").format(
                name, done, total))
        else:
            self.bar.setRange(0, 0)
            self.label.setText(self.tr("{0}: reading the text…").format(name))


class IngestResultsTab(QWidget):
    """The last ingest's summary and one row per file: added, skipped or failed and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = muted(self.tr("No ingest in this session yet."))
        layout.addWidget(self.summary)
        self.model = IngestResultsModel()
        self.table = read_only_table("ingestResults", self.model)
        layout.addWidget(self.table, 1)

    def show_report(self, text: str, report: IngestReport) -> None:
        self.summary.setText(text)
        self.model.set_rows(report.results)
        self.table.resizeColumnsToContents()


class IngestFlow(QObject):
    """Add files or a folder to a collection (asking for one first when there is none),
    resume an interrupted ingest, and show how each file went."""

    def __init__(self, page: KnowledgePage) -> None:
        super().__init__(page)
        self.page = page
        self.unfinished: list[dict[str, Any]] = []
        self.last_report: IngestReport | None = None
        self.relay = FileProgressRelay(self)
        self.file_row = FileProgressRow()
        self.relay.changed.connect(self.file_row.report)
        page.ops.busy_changed.connect(lambda busy: None if busy else self.file_row.hide())

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.page, self.tr("Add documents"), "",
            self.tr("Documents (*.pdf *.docx *.md *.markdown *.txt *.html *.htm);;"
                    "All files (*)"))
        if paths:
            self.ingest_paths(paths)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.page, self.tr("Add every document in a folder (e.g. a USB stick)"))
        if folder:
            self.ingest_paths([folder])

    def ingest_paths(self, paths: Sequence[str | Path], collection: str | None = None) -> bool:
        """Ingest files and folders into `collection` (the selected one by default; without
        any, the person names one first)."""
        page = self.page
        target = collection or page.selected_collection()
        if target is None:
            page.new_collection(then=lambda name: self.ingest_paths(paths, name))
            return False
        sources = [str(p) for p in paths]
        kb, actor, relay = page.kb, page.actor, self.relay

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.ingest(actor, sources, target, progress=progress, cancelled=cancelled,
                             file_progress=relay.changed.emit)

        names = ", ".join(Path(p).name for p in sources[:3]) + ("…" if len(sources) > 3 else "")
        return self._start(self.tr("Adding {0} to {1}…").format(names, target), work)

    def resume_ingest(self) -> bool:
        """Continue the oldest ingest that stopped early with the files it had not done."""
        if not self.unfinished:
            return False
        run = self.unfinished[0]
        page, relay, run_id = self.page, self.relay, int(run["run_id"])
        kb, actor = page.kb, page.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.resume(actor, run_id, progress=progress, cancelled=cancelled,
                             file_progress=relay.changed.emit)

        return self._start(self.tr("Resuming the ingest into {0} ({1} files left)…").format(
            run["collection"], run["pending"]), work)

    def _start(self, text: str, work: Any) -> bool:
        if not self.page.ops.start(text, work, self._ingested):
            return False
        self.file_row.begin()
        return True

    def _ingested(self, report: IngestReport) -> None:
        page = self.page
        self.last_report = report
        summary = self.tr("{0} added, {1} skipped, {2} failed.").format(
            report.count("ok"), report.count("skipped"), report.count("failed"))
        if report.cancelled:
            text = self.tr("Ingest cancelled: {0} file(s) not done yet; Resume interrupted "
                           "ingest continues with them.").format(report.pending) + " " + summary
            kind = "warn"
        else:
            text = self.tr("Ingest into {0} finished: {1}").format(report.collection, summary)
            kind = "warn" if report.count("failed") else "ok"
        page.message.say(text, kind)
        if page.results_tab is not None:
            page.results_tab.show_report(text, report)
            page.tabs.setCurrentWidget(page.results_tab)
        page.reload_collections(report.collection)
        self.reload_unfinished()

    def reload_unfinished(self) -> None:
        """Which ingests stopped early (Resume offers the oldest)."""
        page = self.page
        try:
            self.unfinished = page.kb.unfinished_runs(page.actor)
        except Exception as exc:  # noqa: BLE001 - said; nothing is offered for resuming
            page.message.say(page.ops.describe(exc), "alarm")
            self.unfinished = []
        if self.unfinished:
            run = self.unfinished[0]
            page.resume_button.setToolTip(self.tr(
                "Ingest #{0} into {1} stopped with {2} of {3} files not done.").format(
                run["run_id"], run["collection"], run["pending"], run["files"]))
        page.update_buttons()
