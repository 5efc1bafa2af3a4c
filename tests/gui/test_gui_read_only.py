"""A read-only data folder (a write-protected USB stick) in the window: look, print, export; change nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QLineEdit, QPlainTextEdit, QRadioButton

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.gui import activate, answer_modal, field, wait_for_preview
from tests.helpers.read_only_folder import read_only
from tests.helpers.stored import schema1_doc, write_stored_doc
from vv_desktop import APP_NAME
from vv_desktop.core.read_only import open_data_dir
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.app import make_main_window
from vv_desktop.ui.print_dialog import PrintDialog


@pytest.fixture
def stick(tmp_path: Path, method):
    """A data folder with two plans, one old (schema 1) and one damaged, and no summary caches."""
    folder = tmp_path / "stick"
    folder.mkdir()
    settings = Settings(folder)
    store = PlanStore(folder, settings.device_id)
    plans = [hockey_club_halfway(store, method, name) for name in ("Seizoen 1", "Seizoen 2")]
    settings.set("last_plan", plans[-1].id)
    write_stored_doc(store, "oud-plan", schema1_doc("oud-plan"))
    (folder / "plans" / "kapot").mkdir()
    (folder / "plans" / "kapot" / "plan.json").write_text("{kapot")
    for summary in folder.glob("plans/*/summary.json"):
        summary.unlink()
    return folder, plans


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_read_only_folder_is_recognised(tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    assert open_data_dir(folder) == (folder.resolve(), True)
    with read_only(folder):
        assert open_data_dir(folder) == (folder.resolve(), False)


def test_the_window_shows_reads_prints_and_exports_but_changes_nothing(qtbot, stick, method, tmp_path,
                                                                       monkeypatch):
    folder, plans = stick
    before = _files(folder)
    with read_only(folder):
        root, writable = open_data_dir(folder)
        window = make_main_window(root, writable, method, tmp_path / "log" / "stappenplan.log")
        qtbot.addWidget(window)
        window.show()
        window.start()
        activate(qtbot, window)
        qtbot.wait(10)  # the list is read right after the window is shown

        assert window.read_only_banner.isVisible()
        assert window.session is not None and window.session.plan.id == plans[-1].id  # the last plan reopened
        edit = field(window, "agenderen", "kansen").edit
        assert edit.isReadOnly()
        shown = edit.toPlainText()
        edit.setFocus()
        qtbot.keyClicks(edit, "nieuw")
        assert edit.toPlainText() == shown
        for phase in method.phases:  # every kind of field, in every step
            form = window.view.page(phase.id).form
            editors = [e for kind in (QPlainTextEdit, QLineEdit) for e in form.findChildren(kind)]
            choices = [c for kind in (QCheckBox, QRadioButton, QComboBox) for c in form.findChildren(kind)]
            assert editors and all(e.isReadOnly() for e in editors)
            assert not any(c.isEnabled() for c in choices)
            assert not window.view.page(phase.id).again_button.isEnabled()
        progress = field(window, "uitvoeren", "voortgang")
        assert len(progress.rows) == 3  # the actions of Concretiseren, to look at (not an empty earlier round)
        assert not window.view.current_page.status_combo.isEnabled()
        assert not window.view.club_button.isEnabled()
        assert window.print_action.isEnabled() and window.export_action.isEnabled()

        failures: list[str] = []
        window.session.save_failed.connect(failures.append)
        assert window.save_all() is True
        assert failures == []

        outbox = tmp_path / "uit"
        outbox.mkdir()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
            lambda *_a, **_k: (str(outbox / "plan.vvplan"), "")))
        answer_modal(lambda options: options.accept())
        window.export_action.trigger()
        assert sorted(p.name for p in outbox.iterdir()) == ["plan.pdf", "plan.vvplan"]
        activate(qtbot, window)

        seen: list[str] = []
        answer_modal(lambda box: (seen.append(box.objectName()), box.accept()))
        assert window.import_file(outbox / "plan.vvplan") is False  # nothing can be added here
        assert seen == ["readOnlyImport"]
        activate(qtbot, window)

        window.show_home()
        home = window.home
        names = [home.list.item(i).text().splitlines()[0].split(" — ")[0] for i in range(home.list.count())]
        assert sorted(names) == sorted(["Seizoen 1", "Seizoen 2", "x"])
        assert home.problems.isVisible()  # the damaged plan is reported, and stays where it is
        assert window.read_only_banner.isVisible()
        for button in (home.new_button, home.rename_button, home.duplicate_button, home.delete_button,
                       home.trash_button):
            assert not button.isEnabled()
        assert home.open_button.isEnabled()
        assert not window.new_action.isEnabled() and not window.import_action.isEnabled()
        assert not window.trash_action.isEnabled()
        home.list.setCurrentRow(names.index("x"))
        qtbot.mouseClick(home.open_button, Qt.MouseButton.LeftButton)
        assert window.session is not None and window.session.plan.id == "oud-plan"  # migrated in memory only
        window.close()
    assert _files(folder) == before


def test_the_app_starts_on_a_read_only_folder_without_an_error(stick, tmp_path):
    """The whole start (logging, lock, settings, store, window) on a write-protected folder."""
    folder, _plans = stick
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STAPPENPLAN_QUIT_WHEN_SHOWN="1", TMPDIR=str(tmp_path))
    with read_only(folder):
        done = subprocess.run([sys.executable, "-m", "vv_desktop", "--data-dir", str(folder)], env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert any((tmp_path / APP_NAME / "logs").glob("*.log"))  # the log went to the temporary folder


def test_a_plan_on_a_read_only_folder_prints_to_a_pdf(qtbot, stick, method, tmp_path, monkeypatch):
    folder, _plans = stick
    target = tmp_path / "werkblad.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), "")))
    with read_only(folder):
        window = make_main_window(*open_data_dir(folder), method, tmp_path / "stappenplan.log")
        qtbot.addWidget(window)
        window.show()
        window.start()

        def drive(dialog: PrintDialog) -> None:
            wait_for_preview(qtbot, dialog)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            dialog.reject()

        answer_modal(drive)
        window.print_action.trigger()
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
