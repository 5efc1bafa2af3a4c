"""Sharing in the window: export, mail, import (menu, drag and drop, a file given at start) and undo.

The controller is given the app's services (:mod:`vv_desktop.ui.services`), the window as a
:class:`Shell` for what only the window can do, and a widget for its dialogs; it keeps its own
*Import ongedaan maken* button, which the window places in its status bar.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from vv_desktop import APP_NAME
from vv_desktop.core import sharing
from vv_desktop.core.exchange import EXTENSION, ExchangeError
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.schema import PlanFileError
from vv_desktop.render.output import RenderError
from vv_desktop.ui.style import documents_folder

if TYPE_CHECKING:
    from vv_desktop.core.store import PlanStore
    from vv_desktop.core.worksheets import Method
    from vv_desktop.ui.services import AppServices, Shell

log = logging.getLogger(__name__)

BUSY_AFTER_MS = 500  # an import that takes longer shows that it is busy


class ShareOptions(QDialog):
    """What to send: the whole plan or one phase, and whether the PDF goes along."""

    def __init__(self, method: Method, title: str, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        intro = QLabel(self.tr("Je collega opent het bestand met de app Stappenplan. Zij kunnen het samenvoegen "
                               "met hun eigen versie; er gaat niets verloren."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Het hele plan"), None)
        for phase in method.phases:
            self.scope.addItem(self.tr("Alleen {n}. {title}").format(n=phase.number, title=phase.title), phase.id)
        form.addRow(self.tr("&Wat:"), self.scope)
        self.with_pdf = QCheckBox(self.tr("Ook een &PDF om te lezen of te printen"))
        self.with_pdf.setChecked(True)
        form.addRow(self.with_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class _ImportSignals(QObject):
    done = Signal(object, str, str)  # the outcome (None: refused), what went wrong, why (one Dutch sentence)


class _ImportJob(QRunnable):
    """Reading, checking and merging a file: up to a few seconds for a big one, so off the UI thread.

    It changes nothing: :func:`sharing.prepare_import` only works out what an import would do.
    """

    def __init__(self, store: PlanStore, path: Path, signals: _ImportSignals):
        super().__init__()
        self.store = store
        self.path = path
        self.signals = signals  # owned by the controller: no QObject may be deleted on the worker thread

    def run(self) -> None:
        try:
            self._report(sharing.prepare_import(self.store, self.path), "", "")
        except ExchangeError as exc:
            self._report(None, "file", str(exc))
        except PlanFileError as exc:
            self._report(None, "plan", str(exc))
        except MemoryError:
            self._report(None, "memory", "")
        except Exception:  # whatever the file holds, the window gets a sentence, never a crash
            log.exception("checking %s failed", self.path)
            self._report(None, "unexpected", "")

    def _report(self, outcome: sharing.ImportOutcome | None, problem: str, why: str) -> None:
        try:
            self.signals.done.emit(outcome, problem, why)
        except RuntimeError:  # the window was closed meanwhile: nobody is waiting, nothing was changed
            log.info("import of %s finished after its window closed", self.path)


class SharingController(QObject):
    import_finished = Signal(bool)  # after each import: whether it was carried out

    def __init__(self, services: AppServices, shell: Shell, parent: QWidget):
        super().__init__(parent)
        self.services = services
        self.shell = shell
        self.dialog_parent = parent
        self.undo_button = undo_button(self, parent)  # shown while the last import can be undone
        self.undo_button.hide()
        self.last_import: tuple[str, Path | None] | None = None  # plan id, backup (None: it was new)
        self._importing = False
        self._waiting: list[Path] = []  # files that arrived during an import
        self._job: _ImportJob | None = None
        self._job_path = Path()
        self._job_base: tuple[str, str | None] | None = None  # the open plan when the job started
        self._busy: QProgressDialog | None = None
        self._signals = _ImportSignals(self)
        self._signals.done.connect(self._job_done, Qt.ConnectionType.QueuedConnection)

    # -- export and mail ------------------------------------------------------------------------
    def _plan(self):
        session = self.services.session
        if session is None:
            return None
        session.save_now()
        return session.plan

    def _base_name(self, plan) -> str:
        from vv_desktop.render.kinds import safe_file_part

        return f"{safe_file_part(plan.club('name') or plan.name) or 'plan'} - stappenplan"

    def _write(self, plan, folder: Path, phase: str | None, with_pdf: bool, vvplan: Path | None = None) -> list[Path]:
        store = self.services.store
        name = self._base_name(plan)
        vvplan = vvplan or folder / f"{name}{EXTENSION}"
        files = [sharing.export_plan(store, plan.id, vvplan, phase, open_plan=plan)]
        if with_pdf:
            from vv_desktop.render.kinds import Request, render

            request = Request("worksheet", phase) if phase else Request("report")
            files.append(render(request, vvplan.with_suffix(".pdf"), self.services.method, plan,
                                store.logo_file(plan.id)))
        return files

    def export(self) -> list[Path]:
        plan = self._plan()
        if plan is None:
            return []
        options = ShareOptions(self.services.method, self.tr("Exporteren"), self.tr("&Exporteren..."),
                               self.dialog_parent)
        if options.exec() != QDialog.DialogCode.Accepted:
            return []
        suggested = documents_folder() / f"{self._base_name(plan)}{EXTENSION}"
        target, _ = QFileDialog.getSaveFileName(self.dialog_parent, self.tr("Exporteren"), str(suggested),
                                                self.tr("Stappenplan-bestanden (*.vvplan)"))
        if not target:
            return []
        path = Path(target if target.endswith(EXTENSION) else target + EXTENSION)
        try:
            files = self._write(plan, path.parent, options.scope.currentData(), options.with_pdf.isChecked(), path)
        except (OSError, PlanFileError, RenderError, ExchangeError) as exc:  # Render: the PDF beside it
            self._warn(self.tr("Exporteren lukte niet: {why}").format(why=os_reason(exc)))
            return []
        self.shell.show_status(self.tr("Opgeslagen: {files}").format(files=", ".join(f.name for f in files)), 10_000)
        return files

    def mail(self) -> None:
        from vv_desktop.ui import mail

        plan = self._plan()
        if plan is None:
            return
        options = ShareOptions(self.services.method, self.tr("Mailen"), self.tr("&Mailen..."), self.dialog_parent)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        folder = documents_folder() / APP_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            files = self._write(plan, folder, options.scope.currentData(), options.with_pdf.isChecked())
        except (OSError, PlanFileError, RenderError, ExchangeError) as exc:
            self._warn(self.tr("Het bestand maken lukte niet: {why}").format(why=os_reason(exc)))
            return
        subject, body = mail.default_subject_and_body(plan.club("name"), plan.name, files)
        result = mail.hand_off(files, subject, body, self.dialog_parent)
        self.shell.show_status(result.message, 15_000)

    # -- import ---------------------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, self.tr("Importeren"), str(documents_folder()),
                                              self.tr("Stappenplan-bestanden (*.vvplan)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Start importing one file; False when it waits for the import before it (True: it has started).

        Reading, checking and merging run off the UI thread (:class:`_ImportJob`); what they found is
        then carried out here, on the UI thread, and :attr:`import_finished` tells whether it worked.
        The merge dialog runs its own event loop, so a second double-clicked plan (or several opened
        at once in the Finder) arrives in the middle of the first import. Merging it then would be
        overwritten by the first import's result: the files are taken one at a time. A read-only
        data folder refuses at once: nothing can be added there.
        """
        if self.services.read_only:
            from vv_desktop.ui.read_only_ui import refuse_import

            refuse_import(self.dialog_parent)
            return False
        if self._importing:
            self._waiting.append(Path(path))
            return False
        self._importing = True
        if self.services.session is not None:
            self.services.session.save_now()
        self._start_job(Path(path))
        return True

    def _start_job(self, path: Path) -> None:
        self._busy = QProgressDialog(self.tr("Het bestand wordt ingelezen..."), "", 0, 0, self.dialog_parent)
        self._busy.setCancelButton(None)
        self._busy.setMinimumDuration(BUSY_AFTER_MS)
        self._busy.setWindowModality(Qt.WindowModality.WindowModal)  # typing now would be overwritten
        self._busy.hide()
        busy = self._busy
        QTimer.singleShot(BUSY_AFTER_MS, lambda: busy.show() if busy is self._busy else None)  # only when slow
        session = self.services.session
        self._job_base = (session.plan.id, session.plan.doc.get("updated")) if session is not None else None
        self._job_path = path
        self._job = _ImportJob(self.services.store, path, self._signals)
        QThreadPool.globalInstance().start(self._job)

    def _job_done(self, outcome: sharing.ImportOutcome | None, problem: str, why: str) -> None:
        path = self._job_path
        self._job = None
        if self._busy is not None:
            self._busy.reset()
            self._busy.deleteLater()
            self._busy = None
        if outcome is not None and self._typed_meanwhile(outcome.plan_id):
            self.services.session.save_now()  # merge again, with what was typed meanwhile
            self._start_job(path)
            return
        done = False
        try:
            done = self._carry_out(outcome, problem, why)
        finally:
            self._importing = False
            self.import_finished.emit(done)
            if self._waiting:
                following = self._waiting.pop(0)
                QTimer.singleShot(0, lambda: self.import_file(following))

    def _typed_meanwhile(self, plan_id: str) -> bool:
        session = self.services.session
        if session is None or session.plan.id != plan_id:
            return False
        return session.dirty or self._job_base != (session.plan.id, session.plan.doc.get("updated"))

    def _carry_out(self, outcome: sharing.ImportOutcome | None, problem: str, why: str) -> bool:
        """Merge (asking where both sides changed the same thing), save, open the plan, offer undo."""
        if outcome is None:
            self._warn({"file": self.tr("De app kan dit bestand niet importeren. {why} Er is niets veranderd."),
                        "plan": self.tr("De app kan het plan op deze laptop niet lezen: {why}."),
                        "memory": self.tr("Dit bestand is te groot om in te lezen. Er is niets veranderd."),
                        }.get(problem, self.tr("De app kan dit bestand niet importeren: er ging iets "
                                               "mis bij het inlezen. Er is niets veranderd.")).format(why=why))
            return False
        if outcome.kind == "unchanged":
            QMessageBox.information(self.dialog_parent, APP_NAME, self.tr(
                "Dit bestand bevat niets nieuws voor '{name}'.").format(name=outcome.name))
            return True
        choices = None
        if outcome.kind == "conflicts":
            from vv_desktop.ui.merge_dialog import MergeDialog

            # the words of the merged plan's kind, and its levels
            dialog = MergeDialog(list(outcome.conflicts), self.services.method.for_plan(outcome.merged or {}),
                                 outcome.name,
                                 self.dialog_parent, outcome.merged)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.shell.show_status(self.tr("Importeren geannuleerd; er is niets veranderd."), 10_000)
                return False
            choices = dialog.choices()
        if self.services.open_plan_id() == outcome.plan_id and not self.shell.close_plan():
            return False
        try:
            backup = sharing.finish_import(self.services.store, outcome, choices)
        except (OSError, PlanFileError, ExchangeError) as exc:
            log.exception("import failed")
            self._warn(self.tr("Importeren lukte niet: {why}").format(why=os_reason(exc)))
            return False
        self.shell.refresh_home(outcome.plan_id)
        text = (self.tr("Nieuw plan '{name}' toegevoegd.") if outcome.kind == "new" else
                self.tr("De versie van je collega is samengevoegd met '{name}'."))
        self.shell.show_status(text.format(name=outcome.name), 30_000)
        if self.shell.open_plan(outcome.plan_id):  # the undo belongs to the open plan: closing it forgets it
            self.last_import = (outcome.plan_id, backup)
            self.undo_button.show()
        return True

    def forget_undo(self) -> None:
        """The last import can no longer be undone (the plan was closed, or changed since)."""
        self.last_import = None
        self.undo_button.hide()

    def undo_last_import(self) -> None:
        if self.last_import is None:
            return
        plan_id, backup = self.last_import
        if self.services.open_plan_id() == plan_id and not self.shell.close_plan():
            return
        try:
            sharing.undo_import(self.services.store, plan_id, backup)
        except (OSError, PlanFileError) as exc:  # e.g. the backup was damaged meanwhile: the plan stays as it is
            log.exception("undoing the import failed")
            self.forget_undo()
            self._warn(self.tr("Import ongedaan maken lukte niet: {why}. Er is niets veranderd.").format(
                why=os_reason(exc)))
            self.shell.open_plan(plan_id)
            return
        self.forget_undo()
        if backup is None:
            self.shell.show_home()
        else:
            self.shell.open_plan(plan_id)
        self.shell.show_status(self.tr("De import is ongedaan gemaakt."), 10_000)

    def _warn(self, text: str) -> None:
        # Plain text: the reason may quote something from the (untrusted) file.
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.Ok, self.dialog_parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


def undo_button(controller: SharingController, parent: QWidget) -> QPushButton:
    button = QPushButton(parent.tr("Import ongedaan maken"), parent)
    button.clicked.connect(controller.undo_last_import)
    return button
