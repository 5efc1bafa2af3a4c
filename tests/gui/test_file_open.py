"""Files handed over by the desktop: macOS sends a FileOpen event instead of an argument."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from vv_desktop import APP_ID
from vv_desktop.core.exchange import write_exchange
from vv_desktop.core.model import Plan
from vv_desktop.ui.application import Application, deliver_opened_files, make_application


def _send(path: Path) -> None:
    QCoreApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(path)))


def test_the_test_app_is_the_apps_own_class(qapp):
    assert isinstance(qapp, Application)


def test_files_opened_before_the_window_exists_wait_for_it(qapp, tmp_path):
    early, late = tmp_path / "vroeg.vvplan", tmp_path / "laat.vvplan"
    _send(early)
    received: list[Path] = []
    deliver_opened_files(qapp, received.append)
    assert received == [early]
    _send(late)
    assert received == [early, late]


def test_a_file_url_is_understood_too(qapp, tmp_path):
    received: list[Path] = []
    deliver_opened_files(qapp, received.append)
    QCoreApplication.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(tmp_path / "plan met spatie.vvplan"))))
    assert received == [tmp_path / "plan met spatie.vvplan"]


def test_the_desktop_file_name_and_icon_are_set(qapp):
    make_application()
    assert QGuiApplication.desktopFileName() == APP_ID
    icon = QGuiApplication.windowIcon()
    assert not icon.isNull()
    assert not icon.pixmap(48, 48).isNull()


def test_a_plan_opened_in_the_finder_is_imported_into_the_window(qapp, qtbot, open_window, tmp_path, data_dir):
    window = open_window()
    plan = Plan.new("Seizoen van de collega", "Theatergroep Doek", "collega")
    plan.set_answer("agenderen", "al_bezig", "We hebben een vertrouwenspersoon.")
    file = write_exchange(tmp_path / "van de collega.vvplan", plan.doc, "collega")
    deliver_opened_files(qapp, window.import_file)
    _send(file)
    qtbot.waitUntil(lambda: (data_dir / "plans" / plan.id / "plan.json").exists(), timeout=5000)
    assert window.store.load(plan.id).answer("agenderen", "al_bezig") == "We hebben een vertrouwenspersoon."


def test_a_damaged_file_from_the_finder_is_refused_and_changes_nothing(qapp, qtbot, open_window, tmp_path, data_dir):
    from tests.helpers.gui import answer_modal

    window = open_window()
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*") if "logs" not in p.parts)
    bad = tmp_path / "kapot.vvplan"
    bad.write_bytes(b'{"format": "stappenplan-uitwisseling", "format_version": 1, "plan": ')
    seen: list[str] = []

    def read_and_close(box) -> None:
        seen.append(box.text())
        box.accept()

    answer_modal(read_and_close)
    deliver_opened_files(qapp, window.import_file)
    _send(bad)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "niets veranderd" in seen[0]
    after = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*") if "logs" not in p.parts)
    assert after == before


def test_two_plans_opened_together_are_merged_one_after_the_other(qapp, qtbot, open_window, tmp_path):
    """The second file arrives while the first one's merge dialog is open: it must wait, not be lost."""
    import copy

    from PySide6.QtCore import QTimer

    from tests.helpers.gui import answer_modal

    window = open_window()
    store = window.store
    plan = store.create("Seizoen", "Club")
    plan.set_answer("agenderen", "al_bezig", "basis")
    store.save(plan)
    base = copy.deepcopy(store.load(plan.id).doc)
    first = Plan(copy.deepcopy(base), "collega1")
    first.set_answer("agenderen", "al_bezig", "van collega 1")
    second = Plan(copy.deepcopy(base), "collega2")
    second.set_answer("agenderen", "kansen", "van collega 2")
    files = [write_exchange(tmp_path / "een.vvplan", first.doc, "collega1"),
             write_exchange(tmp_path / "twee.vvplan", second.doc, "collega2")]
    local = store.load(plan.id)
    local.set_answer("agenderen", "al_bezig", "lokaal")  # a conflict with the first file: the dialog asks
    store.save(local)
    dialogs: list[str] = []

    def accept_later(box) -> None:
        dialogs.append(type(box).__name__)
        QTimer.singleShot(800, box.accept)  # the second file arrives while this dialog is open

    answer_modal(accept_later)
    deliver_opened_files(qapp, lambda path: QTimer.singleShot(0, lambda: window.import_file(path)))
    for file in files:
        _send(file)
    qtbot.waitUntil(lambda: store.load(plan.id).answer("agenderen", "kansen") == "van collega 2", timeout=8000)
    assert dialogs == ["MergeDialog"]
    assert store.load(plan.id).answer("agenderen", "kansen") == "van collega 2"
