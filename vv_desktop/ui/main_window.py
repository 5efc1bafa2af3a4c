"""The main window: the start page or an open plan, menus, shortcuts and the save indicator.

It is given the app's services (:class:`~vv_desktop.ui.services.AppServices`) and hands the same
object to its helpers; it implements :class:`~vv_desktop.ui.services.Shell` for them.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton, QStackedWidget, QWidget

from vv_desktop import APP_NAME
from vv_desktop.core.store import PlanUnavailable
from vv_desktop.ui.application import fit_to_screen
from vv_desktop.ui.home import HomePage
from vv_desktop.ui.services import AppServices
from vv_desktop.ui.session import PlanSession
from vv_desktop.ui.style import STYLE_SHEET
from vv_desktop.ui.undo import CLUB_FIELD, REDO_ACTION, UNDO_ACTION, PlanUndo

if TYPE_CHECKING:
    from vv_desktop.ui.plan_list_later import PlanListLater
    from vv_desktop.ui.plan_view import PlanView
    from vv_desktop.ui.sharing_ui import SharingController

# The dialogs (with Pillow) and the worksheet pages are imported where they are first used:
# the window appears sooner, and the start page needs neither.

log = logging.getLogger(__name__)


def _from_services(name: str) -> property:
    return property(lambda self: getattr(self.services, name), doc=f"``services.{name}`` (read only).")


class MainWindow(QMainWindow):
    store = _from_services("store")
    session = _from_services("session")  # the open plan, or None
    settings = _from_services("settings")
    method = _from_services("method")
    log_file = _from_services("log_file")
    read_only = _from_services("read_only")  # a write-protected stick: look, print, export; change nothing

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.view: PlanView | None = None
        self.plan_undo: PlanUndo | None = None  # the open plan's undo stack: made when it opens
        self._save_problem: str | None = None  # the save-failed message in the status bar, while it is true
        self.setWindowTitle(APP_NAME)
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumSize(560, 340)
        fit_to_screen(self)

        self.stack = QStackedWidget()
        self.home = HomePage(self.method)
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.save_label = QLabel()
        self.save_label.setAccessibleName(self.tr("Opslaan"))
        self.statusBar().addPermanentWidget(self.save_label)

        from vv_desktop.ui.plan_actions import PlanActions

        self.plans = PlanActions(services, self, self)
        self.plans.trashed.connect(self.home.offer_undo)
        self.plans.trashed.connect(lambda _id, _name: self._forget_undo_import())  # its import is history
        self.plans.trash_undo_over.connect(self.home.hide_undo)
        self.home.new_requested.connect(self.plans.new_plan)
        self.home.open_requested.connect(self.open_plan)
        self.home.rename_requested.connect(self.plans.rename_plan)
        self.home.duplicate_requested.connect(self.plans.duplicate_plan)
        self.home.delete_requested.connect(self.plans.delete_plan)
        self.home.trash_requested.connect(self.plans.show_trash)
        self.home.undo_delete_requested.connect(self.plans.undo_delete)
        self.setAcceptDrops(True)
        self._build_menus()
        self.read_only_banner: QLabel | None = None
        if self.read_only:
            from vv_desktop.ui.read_only_ui import show_read_only

            self.read_only_banner = show_read_only(self)

    # -- menus and shortcuts ------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        self.new_action = self._action(self.tr("&Nieuw stappenplan..."), self.plans.new_plan,
                                       QKeySequence.StandardKey.New)
        file_menu.addAction(self.new_action)
        file_menu.addAction(self._action(self.tr("&Alle plannen"), self.show_home, "Ctrl+O"))
        self.club_action = self._action(self.tr("&Clubgegevens..."), self.edit_club)
        file_menu.addAction(self.club_action)
        self.print_action = self._action(self.tr("Afdrukken en P&DF..."), lambda: self.show_print(),
                                         QKeySequence.StandardKey.Print)
        file_menu.addAction(self.print_action)
        self.trash_action = self._action(self.tr("&Prullenbak..."), self.plans.show_trash)
        file_menu.addAction(self.trash_action)
        file_menu.addSeparator()
        self.import_action = self._action(self.tr("&Importeren..."), lambda: self.sharing.choose_and_import(), "Ctrl+I")
        file_menu.addAction(self.import_action)
        self.export_action = self._action(self.tr("&Exporteren..."), lambda: self.sharing.export(), "Ctrl+E")
        self.mail_action = self._action(self.tr("&Mailen..."), lambda: self.sharing.mail(), "Ctrl+M")
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.mail_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("A&fsluiten"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = self.menuBar().addMenu(self.tr("Be&werken"))
        self.undo_action = self._action(self.tr("&Ongedaan maken"), lambda: self._stack_call("undo"))
        self.redo_action = self._action(self.tr("Opnieuw &uitvoeren"), lambda: self._stack_call("redo"))
        for action, key, name in ((self.undo_action, QKeySequence.StandardKey.Undo, UNDO_ACTION),
                                  (self.redo_action, QKeySequence.StandardKey.Redo, REDO_ACTION)):
            action.setShortcuts(key)  # every binding of the platform (Ctrl+Y and Ctrl+Shift+Z)
            action.setObjectName(name)  # the text fields' context menus offer these
            edit_menu.addAction(action)

        self.go_menu = self.menuBar().addMenu(self.tr("&Ga naar"))
        self.phase_actions: list[QAction] = []
        for phase in self.method.phases:
            action = self._action(f"&{phase.number}. {phase.title}", lambda _=False, p=phase.id: self.go_phase(p),
                                  f"Alt+{phase.number}")
            self.go_menu.addAction(action)
            self.phase_actions.append(action)
        self.go_menu.addSeparator()
        self.prev_action = self._action(self.tr("&Vorige stap"), lambda: self.view and self.view.go_previous(),
                                        "Ctrl+PgUp")
        self.next_action = self._action(self.tr("V&olgende stap"), lambda: self.view and self.view.go_next(),
                                        "Ctrl+PgDown")
        self.go_menu.addAction(self.prev_action)
        self.go_menu.addAction(self.next_action)

        view_menu = self.menuBar().addMenu(self.tr("Bee&ld"))
        self.tips_action = self._action(self.tr("&Tips tonen"), self.toggle_tips, "Ctrl+T")
        self.tips_action.setCheckable(True)
        self.tips_action.setChecked(bool(self.settings.get("tips_visible", True)))
        view_menu.addAction(self.tips_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_card_action = self._action(self.tr("Als een &jongere iets vertelt..."), self.show_help_card)
        help_menu.addAction(self.help_card_action)
        help_menu.addAction(self._action(self.tr("&Over Stappenplan"), self.about))
        self._update_plan_actions()

    def _stack_call(self, name: str) -> None:
        if self.plan_undo is not None and self.view is not None and self.stack.currentWidget() is self.view:
            getattr(self.plan_undo, name)()

    def _refresh_edit_actions(self) -> None:
        """Undo and redo are there only when they can do something, and say what they will undo."""
        stack = self.plan_undo.stack if self.plan_undo is not None and self.view is not None else None
        shown = stack is not None and self.stack.currentWidget() is self.view
        for action, can, what, plain in (
                (self.undo_action, shown and stack.canUndo(), stack and stack.undoText(), self.tr("&Ongedaan maken")),
                (self.redo_action, shown and stack.canRedo(), stack and stack.redoText(),
                 self.tr("Opnieuw &uitvoeren"))):
            action.setEnabled(bool(can))
            action.setText(f"{plain}: {what}" if can and what else plain)

    def _update_plan_actions(self) -> None:
        has_plan = self.view is not None and self.stack.currentWidget() is self.view
        for action in (*self.phase_actions, self.prev_action, self.next_action, self.club_action, self.print_action,
                       self.export_action, self.mail_action):
            action.setEnabled(has_plan)
        self.club_action.setEnabled(has_plan and not self.read_only)
        self._refresh_edit_actions()

    # -- start, home, open ----------------------------------------------------------------------
    def start(self) -> None:
        """Reopen the plan the user worked on last; otherwise the start page."""
        self.store.tidy()  # leftovers of saves that a crash interrupted (the data folder is ours now)
        last = self.settings.get("last_plan")
        if self.store.has_folder(last) and self.open_plan(last):
            # The list of all plans is read right after the window is shown (names must be
            # known before the user can rename anything; events run in order).
            QTimer.singleShot(0, lambda: self.refresh_home(later=True))
        else:
            self.refresh_home(later=True)

    def refresh_home(self, select: str | None = None, later: bool = False) -> None:
        """List the plans; ``later`` (the start): many changed plans are read after the first paint."""
        summaries, problems = self.store.scan(later)
        self.home.show_plans(summaries, select)
        if problems:
            self.home.show_problems(problems)
        if self.store.index.later:
            self.list_later.start_after_first_paint(self)

    @cached_property
    def list_later(self) -> PlanListLater:
        from vv_desktop.ui.plan_list_later import PlanListLater

        return PlanListLater(self.store, self.home, self)

    def show_home(self) -> None:
        if not self.close_plan():
            return
        self.refresh_home()
        self.stack.setCurrentWidget(self.home)
        self.home.list.setFocus()
        self._update_plan_actions()

    def open_plan(self, plan_id: str) -> bool:
        from vv_desktop.ui.plan_view import PlanView

        if not self.close_plan():
            return False
        try:
            plan = self.store.open_plan(plan_id)
        except PlanUnavailable as exc:  # the store has set a damaged plan aside already
            QMessageBox.warning(self, APP_NAME, str(exc))
            self.refresh_home()
            return False
        self.services.session = PlanSession(self.store, plan, self)
        self.session.saved.connect(self._on_saved)
        self.session.save_failed.connect(self._on_save_failed)
        self.session.changed.connect(self._on_changed)
        # A fresh undo stack for each plan opened (also after an import or merge reopened it).
        self.plan_undo = PlanUndo(self.session, self)
        for signal in (self.plan_undo.stack.indexChanged, self.plan_undo.stack.undoTextChanged,
                       self.plan_undo.stack.redoTextChanged):
            signal.connect(self._refresh_edit_actions)
        self.plan_undo.shown.connect(lambda spot, _rebuild: spot.field == CLUB_FIELD and self.setWindowTitle(
            f"{self.session.plan.name} — {APP_NAME}"))  # the plan's name came back with an undo
        try:
            self.view = PlanView(self.session, self.method, self.plan_undo, self.tips_action.isChecked())
        except Exception:  # a plan the pages cannot show must not stop the app
            log.exception("showing plan %s failed", plan_id)
            self.session.deleteLater()
            self.services.session = None
            self._drop_undo()
            self.settings.set("last_plan", None)
            QMessageBox.warning(self, APP_NAME, self.tr(
                "De app kan dit plan niet tonen. Er is niets veranderd of weggegooid. Stuur het "
                "logbestand naar wie je helpt: {log}").format(log=self.log_file))
            self.refresh_home()
            return False
        self.view.edit_club_requested.connect(self.edit_club)
        self.view.print_requested.connect(self.show_print)
        self.view.home_requested.connect(self.show_home)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.settings.set("last_plan", plan_id)
        self.setWindowTitle(f"{plan.name} — {APP_NAME}")
        self.save_label.setText(self.tr("Alleen-lezen") if self.read_only else self.tr("Alles is opgeslagen"))
        self._update_plan_actions()
        editor = self.view.current_page.first_editor()
        if editor is not None:
            editor.setFocus()
        return True

    def close_plan(self) -> bool:
        """Save and close the open plan; False when its last changes could not be saved and the
        user chose to stay."""
        if self.session is not None and not self.session.close():
            if not self._confirm_losing_changes():
                return False
            self.session.discard()
        if self.session is not None:
            self._forget_undo_import()
        if self.view is not None:
            self.view.detach()
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.view = None
        self.services.session = None
        self._drop_undo()
        self._clear_save_problem()
        self.setWindowTitle(APP_NAME)
        return True

    def _drop_undo(self) -> None:
        if self.plan_undo is not None:
            self.plan_undo.clear()
            self.plan_undo.deleteLater()
        self.plan_undo = None
        self._refresh_edit_actions()

    def _confirm_losing_changes(self) -> bool:
        from vv_desktop.ui.dialogs import confirm_losing_unsaved

        return confirm_losing_unsaved(self, self.sharing.export)

    def edit_club(self) -> None:
        if self.view is not None and self.plan_undo is not None and self.plans.edit_club(self.plan_undo,
                                                                                         self.view.flow.current):
            self.view.refresh_header()
            self.setWindowTitle(f"{self.session.plan.name} — {APP_NAME}")

    def go_phase(self, phase: str) -> None:
        if self.view is not None:
            self.view.go(phase)
            editor = self.view.current_page.first_editor()
            if editor is not None:
                editor.setFocus()

    def toggle_tips(self, visible: bool) -> None:
        self.settings.set("tips_visible", visible)
        if self.view is not None:
            self.view.set_tips_visible(visible)

    def show_print(self, kind: str | None = None) -> None:
        """The print dialog; ``kind`` (e.g. "kaart") chooses what it makes."""
        from vv_desktop.ui.print_dialog import PrintDialog  # QtPdf and ReportLab: only when printing

        if self.session is None or self.view is None:
            return
        self.session.save_now()
        plan = self.session.plan
        dialog = PrintDialog(self.view.method, plan, self.store.logo_file(plan.id), self.view.flow.current, self)
        if kind is not None:
            dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.exec()

    def show_help_card(self) -> None:
        from vv_desktop.ui.help_card import HelpCardDialog

        phase = self.view.flow.current if self.view is not None else ""
        HelpCardDialog(self.method, self.session, self.plan_undo if self.view is not None else None, phase,
                       lambda: self.show_print("kaart"), self).exec()

    # -- saving -------------------------------------------------------------------------------
    def _on_saved(self) -> None:
        self.save_label.setText(self.tr("Opgeslagen om {time}").format(time=QTime.currentTime().toString("HH:mm")))
        self._clear_save_problem()

    def _clear_save_problem(self) -> None:
        """The save-failed message is no longer true (a retry worked, or the plan was closed);
        any other message in the status bar stays."""
        if self._save_problem is not None and self.statusBar().currentMessage() == self._save_problem:
            self.statusBar().clearMessage()
        self._save_problem = None

    def _on_changed(self, _phase: str, _field: str) -> None:
        if self.session is not None and self.session.dirty:
            self.save_label.setText(self.tr("Wordt opgeslagen..."))
        self._forget_undo_import()  # an undo now would also throw away what was just typed

    def _forget_undo_import(self) -> None:
        if self.services.sharing is not None:  # nothing to forget before the first import
            self.services.sharing.forget_undo()

    def _on_save_failed(self, message: str) -> None:
        self.save_label.setText(self.tr("Niet opgeslagen"))
        self.statusBar().showMessage(message)
        self._save_problem = message

    def save_all(self) -> bool:
        return self.session.save_now() if self.session is not None else True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.save_all() or self._confirm_losing_changes():
            event.accept()
            self.list_later.stop()
        else:
            event.ignore()

    # -- sharing ------------------------------------------------------------------------------
    # Made on first use: the start page needs neither, and the window appears sooner.
    @cached_property
    def sharing(self) -> SharingController:
        from vv_desktop.ui.sharing_ui import SharingController

        self.services.sharing = SharingController(self.services, self, self)
        # Permanent (right, before "Opgeslagen"): a normal widget would sit on top of the status message.
        self.statusBar().insertPermanentWidget(0, self.services.sharing.undo_button)
        return self.services.sharing

    @property
    def undo_import_button(self) -> QPushButton:
        return self.sharing.undo_button

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def import_file(self, path: Path) -> bool:
        return self.sharing.import_file(Path(path))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if any(url.toLocalFile().lower().endswith(".vvplan") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.toLocalFile().lower().endswith(".vvplan")]
        event.acceptProposedAction()
        for file in files[:1]:  # one at a time: each may ask questions
            QTimer.singleShot(0, lambda f=file: self.import_file(Path(f)))

    def bring_to_front(self) -> None:
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    def about(self) -> None:
        from vv_desktop.ui.dialogs import show_about

        show_about(self, self.store.root, self.log_file)
