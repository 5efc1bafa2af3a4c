"""What the window tests share: answering a modal dialog, finding a question's widget, plans to start with."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore

if TYPE_CHECKING:
    from vv_desktop.ui.print_dialog import PrintDialog


def answer_modal(action: Callable[[object], None], qtbot=None) -> None:
    """Act on the next modal dialog as soon as it is shown (dialogs block in exec())."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, attempt)
            return
        action(widget)

    QTimer.singleShot(0, attempt)


def activate(qtbot, window) -> None:
    """Make ``window`` the active one again (offscreen Qt does not do it after a dialog closes)."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def field(window, phase: str, field_id: str):
    return next(f for f in window.view.page(phase).fields if f.fdef.id == field_id)


def click_message_button(text: str):
    def click(box: QMessageBox) -> None:
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    answer_modal(click)


def press(window, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press that reaches the window's shortcuts, as from the keyboard."""
    from PySide6.QtTest import QTest

    window.activateWindow()
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


def make_plans(data_dir, method, *names: str, open_last: bool = False):
    settings = Settings(data_dir)
    store = PlanStore(data_dir, settings.device_id)
    plans = [hockey_club_halfway(store, method, name) for name in names]
    if open_last:
        settings.set("last_plan", plans[-1].id)
    return plans


def listed_names(window) -> list[str]:
    lst = window.home.list
    return [lst.item(i).text().splitlines()[0].split(" — ")[0] for i in range(lst.count())]


def fail_saves(monkeypatch, store):
    """A full disk for every save of ``store``: the autosave's writes and a direct ``save``
    (``monkeypatch.undo()`` makes room again)."""
    def disk_full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "save", disk_full)
    monkeypatch.setattr(store, "write", disk_full)


def wait_for_preview(qtbot, dialog: PrintDialog) -> None:
    from PySide6.QtPdf import QPdfDocument  # QtPdf only for the print tests

    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.document.status() == QPdfDocument.Status.Ready,
                    timeout=20_000)


def imported(qtbot, window, path: Path) -> bool:
    """Import as the window does (checked and merged off the UI thread) and wait for the outcome."""
    with qtbot.waitSignal(window.sharing.import_finished, timeout=20_000) as finished:
        assert window.import_file(path)
    return finished.args[0]


def save_worksheet_pdf(qtbot, window, monkeypatch, target: Path) -> None:
    """Print the open page's worksheet to ``target`` through the real print dialog, as a user does."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), a[-1])))

    def drive(dialog) -> None:
        try:
            dialog.kind.setCurrentIndex(dialog.kind.findData("worksheet"))
            wait_for_preview(qtbot, dialog)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        finally:
            dialog.reject()

    answer_modal(drive)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)
