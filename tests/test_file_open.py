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
    from tests.conftest import answer_modal

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
