"""The window's helpers work without a window: they are given the app's services, a shell and a widget.

``PlanActions`` and ``SharingController`` drive their real dialogs with a plain ``QWidget`` as parent
and a shell that only records what they ask of it; nothing of ``MainWindow`` is made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.helpers.gui import activate, answer_modal, field, imported, make_plans
from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.dialogs import PlanDialog
from vv_desktop.ui.services import AppServices


class RecordingShell:
    """Stands in for the window: records each request of a helper."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def refresh_home(self, select: str | None = None) -> None:
        self.calls.append(("refresh_home", select))

    def show_home(self) -> None:
        self.calls.append(("show_home",))

    def open_plan(self, plan_id: str) -> bool:
        self.calls.append(("open_plan", plan_id))
        return True

    def close_plan(self) -> bool:
        self.calls.append(("close_plan",))
        return True

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.calls.append(("show_status", bool(text)))


def _services(data_dir: Path, method) -> AppServices:
    settings = Settings(data_dir)
    return AppServices(PlanStore(data_dir, settings.device_id), settings, method, data_dir / "logs" / "test.log")


def _parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_plan_actions_make_a_plan_through_the_real_dialog_without_a_window(qtbot, data_dir, method):
    from vv_desktop.ui.plan_actions import PlanActions

    services, shell = _services(data_dir, method), RecordingShell()
    actions = PlanActions(services, shell, _parent(qtbot))

    def fill_in(dialog: PlanDialog) -> None:
        dialog.name.setText("Seizoen zonder venster")
        qtbot.keyClicks(dialog.club, "HC Vleuten")
        dialog.email.setText("info@hcvleuten.nl")
        dialog.accept()

    answer_modal(fill_in)
    actions.new_plan()
    (summary,) = services.store.summaries()
    assert (summary.name, summary.club) == ("Seizoen zonder venster", "HC Vleuten")
    plan = PlanStore(data_dir, services.store.device_id).load(summary.id)  # on disk, not only in memory
    assert plan.club("contact_email") == "info@hcvleuten.nl"
    assert shell.calls == [("refresh_home", plan.id), ("open_plan", plan.id)]


def test_plan_actions_delete_and_undo_tell_the_list_by_signals(qtbot, data_dir, method):
    from vv_desktop.ui.plan_actions import PlanActions

    (plan,) = make_plans(data_dir, method, "Weg en terug")
    services, shell = _services(data_dir, method), RecordingShell()
    services.store.scan()
    actions = PlanActions(services, shell, _parent(qtbot))
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    with qtbot.waitSignal(actions.trashed) as trashed:
        actions.delete_plan(plan.id)
    assert trashed.args == [plan.id, "Weg en terug"]
    assert services.store.is_trashed(plan.id) and shell.calls == [("refresh_home", None)]

    with qtbot.waitSignal(actions.trash_undo_over):
        actions.undo_delete(plan.id)
    assert services.store.has_folder(plan.id) and shell.calls[-1] == ("refresh_home", plan.id)


def test_sharing_imports_and_undoes_without_a_window(qtbot, data_dir, method, tmp_path):
    from vv_desktop.ui.sharing_ui import SharingController

    colleague_dir = tmp_path / "collega"
    colleague_dir.mkdir()
    (plan,) = make_plans(colleague_dir, method, "Van de collega")
    colleague = PlanStore(colleague_dir, Settings(colleague_dir).device_id)
    file = sharing.export_plan(colleague, plan.id, tmp_path / "plan.vvplan")
    services, shell = _services(data_dir, method), RecordingShell()
    controller = SharingController(services, shell, _parent(qtbot))

    with qtbot.waitSignal(controller.import_finished, timeout=20_000) as finished:
        assert controller.import_file(file)
    assert finished.args == [True]
    assert services.store.load(plan.id).name == "Van de collega"
    assert shell.calls == [("refresh_home", plan.id), ("show_status", True), ("open_plan", plan.id)]
    assert controller.undo_button.isVisible()

    qtbot.mouseClick(controller.undo_button, Qt.MouseButton.LeftButton)
    assert services.store.is_trashed(plan.id)  # a new plan goes to the trash, never deleted
    assert not controller.undo_button.isVisible()
    assert shell.calls[-2:] == [("show_home",), ("show_status", True)]


def test_undoing_an_import_with_a_damaged_backup_says_so_and_keeps_the_plan(qtbot, open_window, data_dir, method,
                                                                            tmp_path):
    (plan,) = make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    other_dir = tmp_path / "ander"
    other_dir.mkdir()
    other = PlanStore(other_dir, Settings(other_dir).device_id)
    sharing.finish_import(other, sharing.prepare_import(other, sharing.export_plan(window.store, plan.id,
                                                                                   tmp_path / "1.vvplan")))
    theirs = other.load(plan.id)
    theirs.set_answer("agenderen", "kansen", "Van de ander")
    other.save(theirs)
    assert imported(qtbot, window, sharing.export_plan(other, plan.id, tmp_path / "2.vvplan"))
    activate(qtbot, window)
    _, backup = window.services.sharing.last_import
    backup.write_bytes(b"kapot")

    warned: list[str] = []
    answer_modal(lambda box: (warned.append(box.text()), box.accept()))
    qtbot.mouseClick(window.undo_import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warned))
    assert window.session is not None and window.session.plan.id == plan.id  # open again, as it was
    assert field(window, "agenderen", "kansen").edit.toPlainText() == "Van de ander"
    assert PlanStore(data_dir, "x").load(plan.id).answer("agenderen", "kansen") == "Van de ander"
    assert not window.undo_import_button.isVisible()
